/* region_map.c - the --regions file: read line by line (each line one CSV
 * record, so errors can name their line), resolved against the gazetteer
 * once, matched per report. */
#include "region_map.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "textfile.h"
#include "utf8.h"
#include "util.h"

struct map_line {
    char *pattern;
    int glob;          /* has * ? or [ */
    char *region;      /* the resolved full path */
};

struct gx_region_map {
    struct map_line *lines;
    size_t n, cap;
};

/* ---- globs ---------------------------------------------------------------- */

static uint32_t char_at(const char *s, size_t *len)
{
    return gx_utf8_decode(s, strnlen(s, 4), len);
}

/* A set [...] at p against c: returns 1/0 and sets *end after the ']'; -1
 * when the set is not closed (then '[' is an ordinary character). */
static int set_match(const char *p, uint32_t c, const char **end)
{
    size_t len;
    int negate = *p == '!' || *p == '^', hit = 0;
    const char *q = p + negate;
    for (int first = 1; *q && (*q != ']' || first); first = 0) {
        uint32_t lo = char_at(q, &len), hi = lo;
        q += len;
        if (q[0] == '-' && q[1] && q[1] != ']') {
            hi = char_at(q + 1, &len);
            q += 1 + len;
        }
        hit |= lo <= c && c <= hi;
    }
    if (*q != ']') return -1;
    *end = q + 1;
    return hit != negate;
}

/* One pattern element at *pp against the character at s (not NUL): on a
 * match advances *pp and returns the bytes of that character, else 0. */
static size_t element_match(const char **pp, const char *s)
{
    const char *p = *pp, *end;
    size_t sl, pl;
    uint32_t c = char_at(s, &sl);
    if (*p == '?') {
        *pp = p + 1;
        return sl;
    }
    if (*p == '[') {
        int m = set_match(p + 1, c, &end);
        if (m >= 0) {
            *pp = end;
            return m ? sl : 0;
        }
    }
    if (*p == '\\' && p[1]) p++;
    if (!*p || char_at(p, &pl) != c) return 0;
    *pp = p + pl;
    return sl;
}

/* Backtracking to the last '*' only: linear for patterns with one star,
 * never exponential. */
int gx_glob_match(const char *p, const char *s)
{
    const char *star = NULL, *resume = NULL;
    size_t len;
    while (*s) {
        if (*p == '*') {
            while (*p == '*') p++;
            star = p;
            resume = s;
            continue;
        }
        const char *q = p;
        size_t n = *p ? element_match(&q, s) : 0;
        if (n) {
            p = q;
            s += n;
        } else if (star) {
            char_at(resume, &len);
            resume += len;
            s = resume;
            p = star;
        } else {
            return 0;
        }
    }
    while (*p == '*') p++;
    return *p == '\0';
}

/* ---- reading ------------------------------------------------------------- */

struct record {
    char *field[3];
    size_t n;
};

static void on_field(void *s, size_t len, void *data)
{
    struct record *rec = data;
    if (rec->n < GX_ARRAY_LEN(rec->field))
        rec->field[rec->n] = gx_xstrndup(s ? s : "", s ? len : 0);
    rec->n++;
}

static void record_release(struct record *rec)
{
    for (size_t i = 0; i < GX_ARRAY_LEN(rec->field); i++) free(rec->field[i]);
    memset(rec, 0, sizeof(*rec));
}

static int parse_record(const char *line, struct record *rec)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) return -1;
    size_t len = strlen(line);
    int ok = csv_parse(&p, line, len, on_field, NULL, rec) == len &&
             csv_fini(&p, on_field, NULL, rec) == 0;
    csv_free(&p);
    return ok ? 0 : -1;
}

static int is_header(const struct record *rec, unsigned lineno)
{
    return lineno == 1 && rec->n == 2 && !strcmp(rec->field[0], "pattern") &&
           !strcmp(rec->field[1], "region");
}

static int add_line(struct gx_region_map *m, const struct gx_regions *g,
                    struct record *rec, const char *path, unsigned lineno,
                    struct gx_diag *d)
{
    char *region = NULL;
    if (rec->n != 2 || !*rec->field[0] || !*rec->field[1]) {
        gx_diag_set(d, GX_ERR_FORMAT, "%s: line %u: needs a pattern and a "
                    "region", path, lineno);
        return -1;
    }
    if (!gx_region_find(g, rec->field[1], NULL, &region, NULL)) {
        gx_diag_set(d, GX_ERR_FORMAT, "%s: line %u: '%s' is no division of "
                    "the gazetteer", path, lineno, rec->field[1]);
        return -1;
    }
    GX_GROW(m->lines, m->n + 1, m->cap);
    m->lines[m->n++] = (struct map_line){
        rec->field[0], strpbrk(rec->field[0], "*?[") != NULL, region};
    rec->field[0] = NULL;
    return 0;
}

static int parse_line(struct gx_region_map *m, const struct gx_regions *g,
                      char *line, const char *path, unsigned lineno,
                      struct gx_diag *d)
{
    struct record rec = {0};
    size_t len = strlen(line);
    int rc = 0;
    if (len && line[len - 1] == '\r') line[--len] = '\0';
    if (!len || line[0] == '#') return 0;
    if (parse_record(line, &rec) < 0) {
        gx_diag_set(d, GX_ERR_FORMAT, "%s: line %u: not a CSV record", path,
                    lineno);
        rc = -1;
    } else if (!is_header(&rec, lineno)) {
        rc = add_line(m, g, &rec, path, lineno, d);
    }
    record_release(&rec);
    return rc;
}

struct gx_region_map *gx_region_map_load(const char *path,
                                         const struct gx_regions *g,
                                         struct gx_diag *d)
{
    if (!g) {
        gx_diag_set(d, GX_ERR_IO, "%s: no gazetteer to resolve its regions "
                    "(templates/regions.tab)", path);
        return NULL;
    }
    char *text = gx_textfile_read(path, d);
    if (!text) return NULL;
    struct gx_region_map *m = gx_xcalloc(1, sizeof(*m));
    char *line = text, *next;
    if (!strncmp(line, "\xEF\xBB\xBF", 3)) line += 3;
    for (unsigned lineno = 1; line; line = next, lineno++) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (parse_line(m, g, line, path, lineno, d) < 0) {
            gx_region_map_free(m);
            m = NULL;
            break;
        }
    }
    free(text);
    return m;
}

void gx_region_map_free(struct gx_region_map *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->lines[i].pattern);
        free(m->lines[i].region);
    }
    free(m->lines);
    free(m);
}

/* ---- matching ------------------------------------------------------------ */

static int line_matches(const struct map_line *l, const char *text)
{
    if (!text) return 0;
    return l->glob ? gx_glob_match(l->pattern, text)
                   : strstr(text, l->pattern) != NULL;
}

static const struct map_line *match(const struct gx_region_map *m,
                                    const struct gx_report *r)
{
    for (size_t i = 0; i < m->n; i++)
        if (line_matches(&m->lines[i], r->agency)) return &m->lines[i];
    for (size_t i = 0; i < m->n; i++)
        if (line_matches(&m->lines[i], r->relpath)) return &m->lines[i];
    return NULL;
}

size_t gx_region_map_apply(const struct gx_region_map *m,
                           struct gx_report **reports, size_t n)
{
    size_t set = 0;
    for (size_t i = 0; m && i < n; i++) {
        const struct map_line *l = match(m, reports[i]);
        if (!l) continue;
        free(reports[i]->region);
        reports[i]->region = gx_xstrdup(l->region);
        set++;
    }
    return set;
}
