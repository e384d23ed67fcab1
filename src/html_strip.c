#include "html_strip.h"

#include <string.h>
#include <strings.h>

/* Two parsers must read the result as they read the page: libxml2 2.9's
 * own (Debian 12's; HTMLparser.c) and the HTML5 tokenizer of libxml2 2.14
 * and later, which part ways on malformed markup (a '>' in a doctype's
 * quotes, attributes in an end tag, "<!-->", a '<' inside <title>...).
 * So only markup that both read alike is touched: start tags whose
 * attributes are plain name, name=value, name="value" or name='value',
 * between comments, doctypes, XML declarations and end tags of the plain
 * kind.  At the first thing outside that, the rest of the page is left as
 * it is: correct, only not faster. */

enum { NAME_MAX_BYTES = 100 };   /* libxml2 2.9 cuts names there */

struct scan {
    char *s;
    size_t n, in, out;   /* reading at in, writing at out (out <= in) */
};

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int name_char(char c)
{
    return is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
           c == '.' || c == '-';
}

static int has(const struct scan *sc, size_t i, const char *lit)
{
    size_t m = strlen(lit);
    return i + m <= sc->n && !strncasecmp(sc->s + i, lit, m);
}

static void copy_to(struct scan *sc, size_t end)
{
    memmove(sc->s + sc->out, sc->s + sc->in, end - sc->in);
    sc->out += end - sc->in;
    sc->in = end;
}

/* Drops bytes up to `end`, keeping their line breaks: libxml2 numbers the
 * lines of the nodes after them. */
static void drop_to(struct scan *sc, size_t end)
{
    for (; sc->in < end; sc->in++)
        if (sc->s[sc->in] == '\n') sc->s[sc->out++] = '\n';
}

static size_t skip_blanks(const struct scan *sc, size_t i)
{
    while (i < sc->n && is_blank(sc->s[i])) i++;
    return i;
}

/* Index past a name starting at i (a letter, or for an attribute also
 * '_' or ':'), or 0 when there is none or it is too long. */
static size_t skip_name(const struct scan *sc, size_t i, int attribute)
{
    size_t start = i;
    if (i >= sc->n || !(is_letter(sc->s[i]) ||
                        (attribute && (sc->s[i] == '_' || sc->s[i] == ':'))))
        return 0;
    while (i < sc->n && name_char(sc->s[i])) i++;
    return i - start <= NAME_MAX_BYTES ? i : 0;
}

/* Index past the first `lit` at or after i, or 0. */
static size_t past(const struct scan *sc, size_t i, const char *lit)
{
    size_t m = strlen(lit);
    for (; i + m <= sc->n; i++)
        if (!memcmp(sc->s + i, lit, m)) return i + m;
    return 0;
}

/* ---- what is copied as it is ------------------------------------------- */

/* "<!-- ... -->" with nothing the two parsers end otherwise ("<!-->",
 * "--!>"); index past it, or 0. */
static size_t comment_end(const struct scan *sc, size_t i)
{
    size_t body = i + 4, end = past(sc, body, "-->");
    if (!end || has(sc, body, ">") || has(sc, body, "->")) return 0;
    for (size_t k = body; k + 4 <= end; k++)
        if (!memcmp(sc->s + k, "--!>", 4)) return 0;
    return end;
}

/* A quoted literal of a doctype with no quote, '>' or control byte
 * inside; index past it, or 0. */
static size_t literal_end(const struct scan *sc, size_t i)
{
    if (i >= sc->n || sc->s[i] != '"') return 0;
    for (i++; i < sc->n && sc->s[i] != '"'; i++)
        if (sc->s[i] == '>' || (unsigned char)sc->s[i] < 0x20) return 0;
    return i < sc->n ? i + 1 : 0;
}

/* "<!DOCTYPE name>", with PUBLIC "id" "uri", PUBLIC "id" or SYSTEM "uri";
 * index past it, or 0. */
static size_t doctype_end(const struct scan *sc, size_t i)
{
    size_t k = skip_blanks(sc, i + 9);
    if (k == i + 9 || !(k = skip_name(sc, k, 0))) return 0;
    size_t b = skip_blanks(sc, k);
    if (b > k && has(sc, b, "PUBLIC")) {
        if (!(k = literal_end(sc, skip_blanks(sc, b + 6)))) return 0;
        b = skip_blanks(sc, k);
        if (b > k && b < sc->n && sc->s[b] == '"' && !(k = literal_end(sc, b)))
            return 0;
    } else if (b > k && has(sc, b, "SYSTEM")) {
        if (!(k = literal_end(sc, skip_blanks(sc, b + 6)))) return 0;
    }
    k = skip_blanks(sc, k);
    return k < sc->n && sc->s[k] == '>' ? k + 1 : 0;
}

/* "<?xml ...?>": a name, then no '<' up to the first '>'; index past it,
 * or 0. */
static size_t declaration_end(const struct scan *sc, size_t i)
{
    if (!skip_name(sc, i + 2, 1)) return 0;
    for (size_t k = i + 2; k < sc->n; k++) {
        if (sc->s[k] == '<') return 0;
        if (sc->s[k] == '>') return k + 1;
    }
    return 0;
}

/* "</name>" with blanks at most; index past it, or 0. */
static size_t end_tag_end(const struct scan *sc, size_t i)
{
    size_t k = skip_name(sc, i + 2, 0);
    if (!k) return 0;
    k = skip_blanks(sc, k);
    return k < sc->n && sc->s[k] == '>' ? k + 1 : 0;
}

/* ---- start tags --------------------------------------------------------- */

/* Index past one attribute at i: a name, then maybe = and a value, or 0
 * when it is not of the plain kind. */
static size_t attribute_end(const struct scan *sc, size_t i)
{
    size_t k = skip_name(sc, i, 1);
    if (!k) return 0;
    size_t eq = skip_blanks(sc, k);
    if (eq >= sc->n || sc->s[eq] != '=') return k;
    size_t v = skip_blanks(sc, eq + 1);
    if (v >= sc->n) return 0;
    if (sc->s[v] == '"' || sc->s[v] == '\'') {
        const char *close = memchr(sc->s + v + 1, sc->s[v], sc->n - v - 1);
        return close ? (size_t)(close - sc->s) + 1 : 0;
    }
    size_t e = v;
    while (e < sc->n && !is_blank(sc->s[e]) && sc->s[e] != '>') {
        if (sc->s[e] == '"' || sc->s[e] == '\'' || sc->s[e] == '<' ||
            sc->s[e] == '=' || sc->s[e] == '`' || sc->s[e] == '\f')
            return 0;
        e++;
    }
    return e > v ? e : 0;
}

struct element_name {
    const char *name;
    size_t len;
};
#define NAME(s) {s, sizeof(s) - 1}

static int is_one_of(const char *name, size_t len,
                     const struct element_name *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (list[k].len == len && !strncasecmp(name, list[k].name, len))
            return 1;
    return 0;
}

/* Elements whose content one parser or the other reads as text up to
 * their end tag. */
static int is_raw(const char *name, size_t len)
{
    static const struct element_name raw[] = {
        NAME("script"), NAME("style"),    NAME("xmp"),
        NAME("iframe"), NAME("noembed"),  NAME("noframes"),
        NAME("noscript"), NAME("title"),  NAME("textarea"),
        NAME("plaintext")};
    return is_one_of(name, len, raw, sizeof(raw) / sizeof(raw[0]));
}

/* Elements whose attributes a tree builder may look at (HTML5's: an
 * <input type=hidden> in a table, a <font color> in SVG) or that name the
 * charset keep them. */
static int keeps_attributes(const char *name, size_t len)
{
    static const struct element_name keep[] = {
        NAME("input"), NAME("font"), NAME("meta"), NAME("annotation-xml")};
    return is_one_of(name, len, keep, sizeof(keep) / sizeof(keep[0]));
}
#undef NAME

/* The content of a raw element named s[name..name+len) and its end tag:
 * index of the end tag, or 0 when the parsers could end it apart
 * (<script> holding "<!--", any but <style> holding a '<', an end tag
 * not followed by a blank, '/' or '>' or holding more). */
static size_t raw_end(const struct scan *sc, size_t i, size_t name, size_t len)
{
    int script = len == 6 && !strncasecmp(sc->s + name, "script", 6);
    int style = len == 5 && !strncasecmp(sc->s + name, "style", 5);
    for (size_t k = i; k + 2 + len <= sc->n; k++) {
        if (sc->s[k] != '<') continue;
        if (sc->s[k + 1] == '/' &&
            !strncasecmp(sc->s + k + 2, sc->s + name, len)) {
            size_t after = k + 2 + len;
            if (after < sc->n && (is_blank(sc->s[after]) ||
                                  sc->s[after] == '/' || sc->s[after] == '>'))
                return end_tag_end(sc, k) ? k : 0;
            return 0;
        }
        if (script ? has(sc, k, "<!--") : !style) return 0;
    }
    return 0;
}

/* The start tag at sc->in: its name copied, its attributes dropped, then
 * a raw element's content copied.  0, or -1 when it is not of the plain
 * kind (nothing is written then). */
static int strip_start_tag(struct scan *sc)
{
    size_t name = sc->in + 1, k = skip_name(sc, name, 0);
    if (!k || k >= sc->n || !(is_blank(sc->s[k]) || sc->s[k] == '/' ||
                              sc->s[k] == '>'))
        return -1;
    size_t len = k - name;
    for (;;) {   /* find the end first: a tag that is not plain is kept */
        size_t b = skip_blanks(sc, k);
        if (b >= sc->n) return -1;
        if (sc->s[b] == '>' || (sc->s[b] == '/' && b + 1 < sc->n &&
                                sc->s[b + 1] == '>'))
            break;
        if (b == k || !(k = attribute_end(sc, b))) return -1;
        if (k < sc->n && !(is_blank(sc->s[k]) || sc->s[k] == '/' ||
                           sc->s[k] == '>'))
            return -1;
    }
    size_t close = skip_blanks(sc, k);
    size_t after = close + (sc->s[close] == '/' ? 2 : 1);
    int raw = is_raw(sc->s + name, len);
    /* <script/>: libxml2 2.9 ends it there, HTML5 reads on as its text;
     * <plaintext>: HTML5 reads the rest of the page as its text */
    if (raw && (sc->s[close] == '/' ||
                (len == 9 && !strncasecmp(sc->s + name, "plaintext", 9))))
        return -1;
    size_t raw_stop = raw ? raw_end(sc, after, name, len) : 0;
    if (raw && !raw_stop) return -1;
    if (keeps_attributes(sc->s + name, len)) {
        copy_to(sc, after);
    } else {
        copy_to(sc, name + len);
        drop_to(sc, close);
        copy_to(sc, after);
    }
    if (raw) copy_to(sc, raw_stop);
    return 0;
}

void gx_html_strip_attributes(struct gx_strbuf *page)
{
    struct scan sc = {page->buf, page->len, 0, 0};
    if (!sc.n || memchr(sc.s, '\0', sc.n) || memchr(sc.s, '\f', sc.n)) return;
    while (sc.in < sc.n) {
        size_t end = 0;
        if (sc.s[sc.in] != '<') {
            const char *lt = memchr(sc.s + sc.in + 1, '<', sc.n - sc.in - 1);
            copy_to(&sc, lt ? (size_t)(lt - sc.s) : sc.n);
            continue;
        }
        char next = sc.in + 1 < sc.n ? sc.s[sc.in + 1] : '\0';
        if (next == '!') {
            if (has(&sc, sc.in, "<!--")) end = comment_end(&sc, sc.in);
            else if (has(&sc, sc.in, "<!DOCTYPE")) end = doctype_end(&sc, sc.in);
        } else if (next == '?') {
            end = declaration_end(&sc, sc.in);
        } else if (next == '/') {
            end = end_tag_end(&sc, sc.in);
        } else if (is_letter(next)) {
            if (strip_start_tag(&sc) == 0) continue;
        } else if (is_blank(next) || (next >= '0' && next <= '9')) {
            end = sc.in + 1;   /* "a < b", "<3": a '<' that is text */
        }
        if (!end) break;       /* not of the plain kind: keep the rest */
        copy_to(&sc, end);
    }
    copy_to(&sc, sc.n);
    page->len = sc.out;
    if (page->cap) page->buf[sc.out] = '\0';
}
