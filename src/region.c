/* region.c - the gazetteer of divisions and how a division is told from
 * the names a text holds.
 *
 * Every full and short name is one entry of a table sorted by its first
 * code point, longest first; a text is scanned once, each position looks
 * up only the names that start with its character (binary search), and
 * the longest accepted name there becomes a mention.  A mention may name
 * several divisions (鼓楼区, 南昌 = 南昌市 or 南昌县); those are narrowed
 * and, failing that, replaced by their common ancestor.  A short name
 * that leads off a department word (公安局) is no name, and one that only
 * counted because it came right after another name is dropped when it
 * does not lie in that division (连云港市 公安局: not 湖北 公安县).  The
 * deepest mention left wins. */
#include "region.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "strbuf.h"
#include "textfile.h"
#include "utf8.h"
#include "util.h"

enum {
    DEPTH = 3,         /* province, prefecture, county */
    MAX_SAME = 64      /* divisions that may share one name */
};

struct division {
    char code[7];
    const char *name;        /* points into g->text */
    const char *parent_code; /* points into g->text; "" for a province */
    const char *shorts;      /* comma-separated, points into g->text */
    char *path;              /* owned: 江西省赣州市全南县 */
    int level;               /* 1 province, 2 prefecture, 3 county */
    int chain[DEPTH];        /* ancestors from the province, itself last */
    int depth;
};

struct rname {
    const char *s;   /* points into g->text, not NUL-terminated */
    size_t len;
    uint32_t first;  /* the first code point: the index key */
    int div;
    unsigned char full;  /* the division's own name, not a short form */
    unsigned char weak;  /* counts only where a name may start */
};

struct gx_regions {
    char *text;                 /* the file, split in place */
    struct division *divs;      /* sorted by code */
    size_t ndivs, dcap;
    struct rname *names;
    size_t nnames, ncap;
    int *by_path;               /* division indexes sorted by path */
};

/* A name found in a text and the divisions it may mean. */
struct mention {
    int cand[MAX_SAME];
    int ncand;
    int div;      /* after resolution, or -1 */
    int firm;     /* a full name, or a short one before a suffix word */
    int chained;  /* counted only because it follows the previous name */
};

struct mentions {
    struct mention *m;
    size_t n, cap;
};

/* ---- loading ---------------------------------------------------------- */

static int bad_line(struct gx_diag *d, const char *path, unsigned lineno,
                    const char *why)
{
    gx_diag_set(d, GX_ERR_FORMAT, "%s:%u: %s", path, lineno, why);
    return -1;
}

static int is_code(const char *s)
{
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9') i++;
    return i == 6 && s[i] == '\0';
}

static int level_of(const char *s)
{
    if (!strcmp(s, "province")) return 1;
    if (!strcmp(s, "prefecture")) return 2;
    if (!strcmp(s, "county")) return 3;
    return 0;
}

/* Splits `line` in place at tabs into at most `max` fields. */
static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

/* One line: code, name, parent_code, level, short_names. */
static int parse_line(struct gx_regions *g, char *line, const char *path,
                      unsigned lineno, struct gx_diag *d)
{
    char *f[5];
    size_t n = split_tabs(line, f, GX_ARRAY_LEN(f));
    if (!strcmp(f[0], "code")) return 0;  /* the header */
    if (n < 4) return bad_line(d, path, lineno, "needs code, name, parent, level");
    if (!is_code(f[0])) return bad_line(d, path, lineno, "bad code");
    if (*f[2] && !is_code(f[2])) return bad_line(d, path, lineno, "bad parent code");
    if (!*f[1]) return bad_line(d, path, lineno, "empty name");
    int level = level_of(f[3]);
    if (!level) return bad_line(d, path, lineno, "bad level");
    GX_GROW(g->divs, g->ndivs + 1, g->dcap);
    struct division *v = &g->divs[g->ndivs++];
    memset(v, 0, sizeof(*v));
    memcpy(v->code, f[0], sizeof(v->code));
    v->name = f[1];
    v->parent_code = f[2];
    v->level = level;
    v->shorts = n > 4 ? f[4] : "";
    return 0;
}

static int parse_text(struct gx_regions *g, const char *path, struct gx_diag *d)
{
    unsigned lineno = 0;
    for (char *line = g->text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        lineno++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r') line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        if (parse_line(g, line, path, lineno, d) < 0) return -1;
    }
    if (g->ndivs == 0) return bad_line(d, path, lineno, "no divisions");
    return 0;
}

static int cmp_div(const void *a, const void *b)
{
    return strcmp(((const struct division *)a)->code,
                  ((const struct division *)b)->code);
}

static int find_code(const struct gx_regions *g, const char *code)
{
    size_t lo = 0, hi = g->ndivs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(g->divs[mid].code, code);
        if (c == 0) return (int)mid;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return -1;
}

/* Parents come first in code order (360000 < 360700 < 360729), so each
 * division's chain and path extend its parent's. */
static int link_divisions(struct gx_regions *g, const char *path,
                          struct gx_diag *d)
{
    qsort(g->divs, g->ndivs, sizeof(*g->divs), cmp_div);
    for (size_t i = 0; i < g->ndivs; i++) {
        struct division *v = &g->divs[i];
        struct gx_strbuf p = GX_STRBUF_INIT;
        int parent = *v->parent_code ? find_code(g, v->parent_code) : -1;
        if (*v->parent_code && (parent < 0 || (size_t)parent >= i ||
                                g->divs[parent].level >= v->level))
            return gx_diag_set(d, GX_ERR_FORMAT, "%s: %s: bad parent %s",
                               path, v->code, v->parent_code), -1;
        if (i && !strcmp(v->code, g->divs[i - 1].code))
            return gx_diag_set(d, GX_ERR_FORMAT, "%s: %s: listed twice",
                               path, v->code), -1;
        if (parent >= 0) {
            memcpy(v->chain, g->divs[parent].chain, sizeof(v->chain));
            v->depth = g->divs[parent].depth;
            gx_strbuf_adds(&p, g->divs[parent].path);
        }
        v->chain[v->depth++] = (int)i;
        gx_strbuf_adds(&p, v->name);
        v->path = gx_strbuf_detach(&p, NULL);
    }
    return 0;
}

static void add_name(struct gx_regions *g, const char *s, size_t len, int div,
                     int full)
{
    size_t used, chars = 0;
    for (size_t i = 0; i < len; i += used, chars++)
        gx_utf8_decode(s + i, len - i, &used);
    if (chars < 2) return;  /* one character names everything */
    GX_GROW(g->names, g->nnames + 1, g->ncap);
    struct rname *r = &g->names[g->nnames++];
    r->s = s;
    r->len = len;
    r->first = gx_utf8_decode(s, len, &used);
    r->div = div;
    r->full = (unsigned char)full;
    r->weak = (unsigned char)(!full || chars == 2);
}

/* Same first code point together, longest first, the same string
 * together, full names before short ones. */
static int cmp_name(const void *a, const void *b)
{
    const struct rname *x = a, *y = b;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    if (x->len != y->len) return x->len > y->len ? -1 : 1;
    int c = memcmp(x->s, y->s, x->len);
    if (c) return c;
    if (x->full != y->full) return x->full ? -1 : 1;
    return x->div - y->div;
}

static int same_string(const struct rname *a, const struct rname *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static int index_names(struct gx_regions *g, const char *path,
                       struct gx_diag *d)
{
    for (size_t i = 0; i < g->ndivs; i++) {
        const struct division *v = &g->divs[i];
        add_name(g, v->name, strlen(v->name), (int)i, 1);
        for (const char *s = v->shorts; *s;) {
            size_t len = strcspn(s, ",");
            add_name(g, s, len, (int)i, 0);
            s += len + (s[len] == ',');
        }
    }
    qsort(g->names, g->nnames, sizeof(*g->names), cmp_name);
    for (size_t i = 0, run = 1; i + 1 < g->nnames; i++) {
        run = same_string(&g->names[i], &g->names[i + 1]) ? run + 1 : 1;
        if (run > MAX_SAME)
            return gx_diag_set(d, GX_ERR_LIMIT, "%s: a name of more than "
                               "%d divisions", path, MAX_SAME), -1;
    }
    return 0;
}

/* qsort has no context argument: the paths are compared through a
 * struct that carries them. */
struct path_ref {
    const char *path;
    int div;
};

static int cmp_path_ref(const void *a, const void *b)
{
    return strcmp(((const struct path_ref *)a)->path,
                  ((const struct path_ref *)b)->path);
}

static void index_paths(struct gx_regions *g)
{
    struct path_ref *refs = gx_xcalloc(g->ndivs, sizeof(*refs));
    for (size_t i = 0; i < g->ndivs; i++)
        refs[i] = (struct path_ref){g->divs[i].path, (int)i};
    qsort(refs, g->ndivs, sizeof(*refs), cmp_path_ref);
    g->by_path = gx_xcalloc(g->ndivs, sizeof(*g->by_path));
    for (size_t i = 0; i < g->ndivs; i++) g->by_path[i] = refs[i].div;
    free(refs);
}

struct gx_regions *gx_regions_load(const char *path, struct gx_diag *d)
{
    struct gx_regions *g = gx_xcalloc(1, sizeof(*g));
    g->text = gx_textfile_read(path, d);
    if (!g->text || parse_text(g, path, d) < 0 ||
        link_divisions(g, path, d) < 0 || index_names(g, path, d) < 0) {
        gx_regions_free(g);
        return NULL;
    }
    index_paths(g);
    return g;
}

void gx_regions_free(struct gx_regions *g)
{
    if (!g) return;
    for (size_t i = 0; i < g->ndivs; i++) free(g->divs[i].path);
    free(g->divs);
    free(g->names);
    free(g->by_path);
    free(g->text);
    free(g);
}

/* ---- scanning a text for names ---------------------------------------- */

/* Words that make a short name before them a name: 赣州经开区, 南康市. */
static const char *const suffix_words[] = {
    "市", "区", "县", "省", "州", "旗", "盟", "地区", "经开", "经济", "高新",
    "开发区", "新区", "工业园", "园区", "科技城", "保税", "人民政府", "政府",
};

static int starts_with_any(const char *s, const char *const *words,
                           size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strncmp(s, words[i], strlen(words[i]))) return 1;
    return 0;
}

static int suffix_follows(const char *s)
{
    return starts_with_any(s, suffix_words, GX_ARRAY_LEN(suffix_words));
}

/* Department words that begin with a division's short name (公安 of 公安县,
 * 港口 of 港口区): where one starts, a short name does not, so 荆州市公安局
 * stays with the city.  Full names still count (公安县公安局). */
static const char *const organ_words[] = {
    "公安局", "公安厅", "公安分局", "公安交通", "公安交警", "公安消防",
    "港口管理", "港口局", "港口航",
};

/* Before these a short name is a town's or a street's (城关镇, 东城街道),
 * which often shares a county's short name elsewhere. */
static const char *const below_county[] = {"街道", "镇"};

/* Whether the short name of `len` bytes at s is part of another word. */
static int word_not_name_at(const char *s, size_t len)
{
    return starts_with_any(s, organ_words, GX_ARRAY_LEN(organ_words)) ||
           starts_with_any(s + len, below_county, GX_ARRAY_LEN(below_county));
}

/* The bytes of the white space at s (ASCII, U+3000, U+00A0), or 0. */
static size_t space_at(const char *s)
{
    static const char *const wide[] = {"\xE3\x80\x80", "\xC2\xA0"};
    if (*s && strchr(" \t\r\n\f\v", *s)) return 1;
    for (size_t i = 0; i < GX_ARRAY_LEN(wide); i++)
        if (!strncmp(s, wide[i], strlen(wide[i]))) return strlen(wide[i]);
    return 0;
}

/* The text without white space: titles are often spaced or wrapped. */
static char *compact(const char *text, size_t *n)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    for (const char *s = text; *s;) {
        size_t sp = space_at(s);
        if (!sp) gx_strbuf_addch(&sb, *s);
        s += sp ? sp : 1;
    }
    return gx_strbuf_detach(&sb, n);
}

/* Whether a name may start at p: the text's start, right after another
 * name, or after anything that is not a Chinese character ("/", "（"). */
static int at_boundary(const char *s, size_t p, size_t after_name)
{
    if (p == 0 || p == after_name) return 1;
    size_t q = p - 1, used;
    while (q > 0 && ((unsigned char)s[q] & 0xC0) == 0x80) q--;
    return !gx_is_cjk(gx_utf8_decode(s + q, p - q, &used));
}

static size_t first_name(const struct gx_regions *g, uint32_t cp)
{
    size_t lo = 0, hi = g->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->names[mid].first < cp) lo = mid + 1; else hi = mid;
    }
    return lo;
}

static int accepts(const struct rname *r, int boundary, const char *at)
{
    if (!r->full && word_not_name_at(at, r->len)) return 0;
    return !r->weak || boundary || (!r->full && suffix_follows(at + r->len));
}

/* The longest accepted name at s[p..n): fills *m with the divisions it
 * names (the full-name ones when the string is also a short form) and
 * returns its length, or 0.  `chained` says the place is a boundary only
 * because a name ends there. */
static size_t name_at(const struct gx_regions *g, const char *s, size_t n,
                      size_t p, int boundary, int chained, struct mention *m)
{
    size_t used;
    uint32_t cp = gx_utf8_decode(s + p, n - p, &used);
    for (size_t i = first_name(g, cp), j; i < g->nnames &&
                                          g->names[i].first == cp; i = j) {
        const struct rname *r = &g->names[i];
        for (j = i + 1; j < g->nnames && same_string(r, &g->names[j]); j++) {}
        if (r->len > n - p || memcmp(s + p, r->s, r->len) ||
            !accepts(r, boundary, s + p))
            continue;
        m->ncand = 0;
        m->div = -1;
        m->firm = r->full || suffix_follows(s + p + r->len);
        m->chained = chained && !m->firm;
        for (size_t k = i; k < j && g->names[k].full == r->full; k++)
            m->cand[m->ncand++] = g->names[k].div;
        return r->len;
    }
    return 0;
}

static void scan(const struct gx_regions *g, const char *s, size_t n,
                 struct mentions *out)
{
    size_t after_name = 0, used;
    for (size_t p = 0; p < n && out->n < GX_MAX_REGION_MENTIONS;) {
        GX_GROW(out->m, out->n + 1, out->cap);
        int chained = p == after_name && !at_boundary(s, p, SIZE_MAX);
        size_t len = name_at(g, s, n, p, at_boundary(s, p, after_name),
                             chained, &out->m[out->n]);
        if (len) {
            out->n++;
            p += len;
            after_name = p;
        } else {
            gx_utf8_decode(s + p, n - p, &used);
            p += used;
        }
    }
}

/* ---- telling which division is meant ---------------------------------- */

static int common_depth(const struct division *a, const struct division *b)
{
    int k = 0;
    while (k < a->depth && k < b->depth && a->chain[k] == b->chain[k]) k++;
    return k;
}

/* Keeps the candidates for which keep[i] is set, when there are any. */
static void keep_marked(struct mention *m, const int *keep)
{
    int n = 0;
    for (int i = 0; i < m->ncand; i++) n += keep[i] != 0;
    if (n == 0) return;
    n = 0;
    for (int i = 0; i < m->ncand; i++)
        if (keep[i]) m->cand[n++] = m->cand[i];
    m->ncand = n;
}

/* Whether division a is an ancestor of c, and how deep: 0 if not. */
static int ancestor_depth(const struct division *c, int a)
{
    for (int k = 0; k + 1 < c->depth; k++)
        if (c->chain[k] == a) return k + 1;
    return 0;
}

/* 鼓楼区 after 南京市: the candidates under the most precise division the
 * text also names (南京市 rather than 江苏省, which holds two 鼓楼区). */
static void narrow_by_others(const struct gx_regions *g, struct mentions *ms,
                             struct mention *m)
{
    int keep[MAX_SAME] = {0}, score[MAX_SAME] = {0}, best = 0;
    for (int i = 0; i < m->ncand; i++) {
        const struct division *c = &g->divs[m->cand[i]];
        for (size_t o = 0; o < ms->n; o++)
            for (int k = 0; &ms->m[o] != m && k < ms->m[o].ncand; k++) {
                int depth = ancestor_depth(c, ms->m[o].cand[k]);
                if (depth > score[i]) score[i] = depth;
            }
        if (score[i] > best) best = score[i];
    }
    for (int i = 0; i < m->ncand && best; i++) keep[i] = score[i] == best;
    keep_marked(m, keep);
}

/* The candidates that share the most levels with the context division. */
static void narrow_by_context(const struct gx_regions *g, struct mention *m,
                              int ctx)
{
    int keep[MAX_SAME] = {0}, best = 0, depth[MAX_SAME];
    for (int i = 0; i < m->ncand; i++) {
        depth[i] = common_depth(&g->divs[m->cand[i]], &g->divs[ctx]);
        if (depth[i] > best) best = depth[i];
    }
    for (int i = 0; i < m->ncand && best; i++) keep[i] = depth[i] == best;
    keep_marked(m, keep);
}

/* The deepest division all candidates lie in, or -1. */
static int common_ancestor(const struct gx_regions *g, const struct mention *m)
{
    const struct division *first = &g->divs[m->cand[0]];
    int depth = first->depth;
    for (int i = 1; i < m->ncand; i++) {
        int k = common_depth(first, &g->divs[m->cand[i]]);
        if (k < depth) depth = k;
    }
    return depth ? first->chain[depth - 1] : -1;
}

/* Whether one of divisions a and b lies in (or is) the other. */
static int on_one_line(const struct gx_regions *g, int a, int b)
{
    return a == b || ancestor_depth(&g->divs[a], b) ||
           ancestor_depth(&g->divs[b], a);
}

/* Whether mention m (not firm) is at odds with mention o: o is firm, or
 * m came right after o, and m lies on no line with what o may mean. */
static int at_odds(const struct gx_regions *g, const struct mentions *ms,
                   size_t m, size_t o)
{
    const struct mention *a = &ms->m[m], *b = &ms->m[o];
    if (o == m || a->firm || a->div < 0) return 0;
    if (!b->firm && !(a->chained && o + 1 == m)) return 0;
    for (int k = 0; k < b->ncand; k++)
        if (on_one_line(g, a->div, b->cand[k])) return 0;
    return 1;
}

/* A short name the text's other names contradict is a word that happens
 * to spell one (连云港市 公安局, 黑龙江省 公安厅): the name written in
 * full, or the one it follows, is what the writer meant. */
static void drop_strays(const struct gx_regions *g, struct mentions *ms)
{
    for (size_t i = 0; i < ms->n; i++)
        for (size_t o = 0; o < ms->n; o++)
            if (at_odds(g, ms, i, o)) {
                ms->m[i].div = -1;
                break;
            }
}

static void resolve(const struct gx_regions *g, struct mentions *ms,
                    const int *ctx, size_t nctx)
{
    for (size_t i = 0; i < ms->n; i++) {
        struct mention *m = &ms->m[i];
        if (m->ncand > 1) narrow_by_others(g, ms, m);
        for (size_t c = 0; c < nctx && m->ncand > 1; c++)
            narrow_by_context(g, m, ctx[c]);
    }
    for (size_t i = 0; i < ms->n; i++)
        ms->m[i].div = common_ancestor(g, &ms->m[i]);
    drop_strays(g, ms);
}

/* The most precise division `text` names, or -1.  `ctx` lists division
 * indexes to narrow ambiguous names by, the first that helps wins. */
static int find_division(const struct gx_regions *g, const char *text,
                         const int *ctx, size_t nctx)
{
    struct mentions ms = {0};
    size_t n;
    char *s = compact(text, &n);
    int best = -1;
    scan(g, s, n, &ms);
    resolve(g, &ms, ctx, nctx);
    for (size_t i = 0; i < ms.n; i++) {
        int d = ms.m[i].div;
        if (d >= 0 && (best < 0 || g->divs[d].level > g->divs[best].level))
            best = d;
    }
    free(ms.m);
    free(s);
    return best;
}

int gx_region_find(const struct gx_regions *g, const char *text,
                   const char *context, char **path, char *code)
{
    if (!g || !text) return 0;
    int ctx = context ? find_division(g, context, NULL, 0) : -1;
    int d = find_division(g, text, &ctx, ctx >= 0);
    if (d < 0) return 0;
    if (path) *path = gx_xstrdup(g->divs[d].path);
    if (code) memcpy(code, g->divs[d].code, sizeof(g->divs[d].code));
    return 1;
}

/* ---- a division by its path ------------------------------------------- */

static int find_path(const struct gx_regions *g, const char *path)
{
    size_t lo = 0, hi = g->ndivs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(g->divs[g->by_path[mid]].path, path);
        if (c == 0) return g->by_path[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return -1;
}

size_t gx_region_levels(const struct gx_regions *g, const char *path,
                        struct gx_region_level *out)
{
    int d = g && path ? find_path(g, path) : -1;
    if (d < 0) return 0;
    const struct division *v = &g->divs[d];
    for (int k = 0; k < v->depth; k++) {
        const struct division *a = &g->divs[v->chain[k]];
        out[k] = (struct gx_region_level){a->name, a->path, a->code, a->level};
    }
    return (size_t)v->depth;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

int gx_region_at_level(const struct gx_regions *g, const char *path,
                       int level, struct gx_region_level *out)
{
    struct gx_region_level lv[GX_REGION_DEPTH];
    size_t n = gx_region_levels(g, path, lv);
    for (size_t k = 0; k < n; k++)
        if (lv[k].level == level) {
            *out = lv[k];
            return 1;
        }
    if (level != 2 || n == 0) return 0;
    /* No prefecture: a 直辖市 is its own city, else a county-level unit
     * directly under its province is. */
    if (ends_with(lv[0].name, "市")) *out = lv[0];
    else if (n > 1) *out = lv[n - 1];
    else return 0;
    return 1;
}

/* ---- a batch of reports ----------------------------------------------- */

static int report_division(const struct gx_regions *g,
                           const struct gx_report *r, const int *ctx,
                           size_t nctx)
{
    int d = r->agency ? find_division(g, r->agency, ctx, nctx) : -1;
    if (d < 0 && r->relpath) d = find_division(g, r->relpath, ctx, nctx);
    return d;
}

static int folder_division(const struct gx_regions *g, const char *relpath)
{
    const char *slash = relpath ? strrchr(relpath, '/') : NULL;
    if (!slash) return -1;
    char *dir = gx_xstrndup(relpath, (size_t)(slash - relpath));
    int d = find_division(g, dir, NULL, 0);
    free(dir);
    return d;
}

/* The prefecture, else the province, that more than half of the found
 * divisions lie in; -1 when none does. */
static int majority(const struct gx_regions *g, const int *found, size_t n)
{
    size_t *count = gx_xcalloc(g->ndivs, sizeof(*count)), total = 0;
    int best = -1;
    for (size_t i = 0; i < n; i++) {
        if (found[i] < 0) continue;
        const struct division *v = &g->divs[found[i]];
        total++;
        for (int k = 0; k < v->depth; k++)
            if (g->divs[v->chain[k]].level <= 2) count[v->chain[k]]++;
    }
    for (size_t i = 0; i < g->ndivs; i++)
        if (count[i] * 2 > total &&
            (best < 0 || g->divs[i].level > g->divs[best].level))
            best = (int)i;
    free(count);
    return best;
}

void gx_regions_assign(const struct gx_regions *g, struct gx_report **reports,
                       size_t n)
{
    if (!g || n == 0) return;
    int *found = gx_xcalloc(n, sizeof(*found));
    for (size_t i = 0; i < n; i++)
        found[i] = report_division(g, reports[i], NULL, 0);
    int major = majority(g, found, n);
    for (size_t i = 0; i < n; i++) {
        struct gx_report *r = reports[i];
        int ctx[2];
        size_t nctx = 0;
        if (r->region) continue;
        if ((ctx[nctx] = folder_division(g, r->relpath)) >= 0) nctx++;
        if (major >= 0) ctx[nctx++] = major;
        int d = report_division(g, r, ctx, nctx);
        if (d >= 0) r->region = gx_xstrdup(g->divs[d].path);
    }
    free(found);
}
