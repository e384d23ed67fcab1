#include "html_strip.h"

#include <string.h>
#include <strings.h>

/* The rules below are those of libxml2's HTML parser (HTMLparser.c:
 * htmlParseContent, htmlParseStartTag, htmlParseAttribute,
 * htmlParseAttValue, htmlParseHTMLName, htmlParseComment,
 * htmlParseScript), which is what must read the result as it read the
 * page.  Where this scanner is unsure it copies bytes as they are, which
 * is always safe: only a start tag's own bytes are ever dropped. */

enum { NAME_MAX_BYTES = 100 };   /* libxml2's HTML_PARSER_BUFFER_SIZE */

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

static int name_start(char c)
{
    return is_letter(c) || c == '_' || c == ':' || c == '.';
}

static int name_char(char c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static int at(const struct scan *sc, size_t k, char c)
{
    return sc->in + k < sc->n && sc->s[sc->in + k] == c;
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

/* Index just past the first `needle` at or after `from`, or n. */
static size_t past(const struct scan *sc, size_t from, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = from; i + m <= sc->n; i++)
        if (!memcmp(sc->s + i, needle, m)) return i + m;
    return sc->n;
}

static size_t skip_blanks(const struct scan *sc, size_t i)
{
    while (i < sc->n && is_blank(sc->s[i])) i++;
    return i;
}

static size_t skip_name(const struct scan *sc, size_t i)
{
    size_t start = i;
    while (i < sc->n && i - start < NAME_MAX_BYTES && name_char(sc->s[i])) i++;
    return i;
}

static int tag_ends_at(const struct scan *sc, size_t i)
{
    return i >= sc->n || sc->s[i] == '>' ||
           (sc->s[i] == '/' && i + 1 < sc->n && sc->s[i + 1] == '>');
}

/* Index just past one attribute at i (a name, then = and a value), or past
 * the bogus text libxml2 skips when no name starts there. */
static size_t skip_attribute(const struct scan *sc, size_t i)
{
    if (!name_start(sc->s[i])) {
        while (i < sc->n && !is_blank(sc->s[i]) && !tag_ends_at(sc, i)) i++;
        return i;
    }
    i = skip_blanks(sc, skip_name(sc, i));
    if (i >= sc->n || sc->s[i] != '=') return i;
    i = skip_blanks(sc, i + 1);
    if (i < sc->n && (sc->s[i] == '"' || sc->s[i] == '\'')) {
        char quote = sc->s[i++];
        while (i < sc->n && sc->s[i] != quote) i++;
        return i < sc->n ? i + 1 : i;
    }
    while (i < sc->n && !is_blank(sc->s[i]) && sc->s[i] != '>') i++;
    return i;
}

/* The start tag at sc->in ("<" and a letter): its name is copied, its
 * attributes dropped.  Returns "script" or "style" when it opens one,
 * whose content libxml2 reads as raw text, else NULL. */
static const char *strip_start_tag(struct scan *sc)
{
    size_t name = sc->in + 1, name_end = skip_name(sc, name);
    size_t name_len = name_end - name;
    const char *raw =
        name_len == 6 && !strncasecmp(sc->s + name, "script", 6) ? "script"
        : name_len == 5 && !strncasecmp(sc->s + name, "style", 5) ? "style"
                                                                  : NULL;
    copy_to(sc, name_end);
    for (;;) {
        drop_to(sc, skip_blanks(sc, sc->in));
        if (sc->in >= sc->n) return NULL;
        if (sc->s[sc->in] == '>') {
            copy_to(sc, sc->in + 1);
            return raw;
        }
        if (at(sc, 0, '/') && at(sc, 1, '>')) {
            copy_to(sc, sc->in + 2);
            return NULL;
        }
        drop_to(sc, skip_attribute(sc, sc->in));
    }
}

/* Raw text up to "</script" or "</style", any case (HTML_PARSE_RECOVER's
 * rule), copied. */
static void copy_raw_text(struct scan *sc, const char *name)
{
    size_t m = strlen(name), i = sc->in;
    while (i + 2 + m <= sc->n &&
           !(sc->s[i] == '<' && sc->s[i + 1] == '/' &&
             !strncasecmp(sc->s + i + 2, name, m)))
        i++;
    copy_to(sc, i + 2 + m <= sc->n ? i : sc->n);
}

void gx_html_strip_attributes(struct gx_strbuf *page)
{
    struct scan sc = {page->buf, page->len, 0, 0};
    if (!sc.n || memchr(sc.s, '\0', sc.n)) return;
    while (sc.in < sc.n) {
        const char *raw;
        if (sc.s[sc.in] != '<') {
            const char *lt = memchr(sc.s + sc.in + 1, '<', sc.n - sc.in - 1);
            copy_to(&sc, lt ? (size_t)(lt - sc.s) : sc.n);
        } else if (at(&sc, 1, '!') && at(&sc, 2, '-') && at(&sc, 3, '-')) {
            copy_to(&sc, past(&sc, sc.in + 4, "-->"));
        } else if (at(&sc, 1, '/') && sc.in + 2 < sc.n &&
                   is_letter(sc.s[sc.in + 2])) {
            /* An end tag: libxml2 skips what follows its name up to the
             * first '>', quotes or not. */
            copy_to(&sc, past(&sc, sc.in + 2, ">"));
        } else if (sc.in + 1 < sc.n && is_letter(sc.s[sc.in + 1])) {
            if ((raw = strip_start_tag(&sc))) copy_raw_text(&sc, raw);
        } else {
            /* A declaration, a processing instruction or a '<' that is
             * text: nothing of it is dropped. */
            copy_to(&sc, sc.in + 1);
        }
    }
    page->len = sc.out;
    if (page->cap) page->buf[sc.out] = '\0';
}
