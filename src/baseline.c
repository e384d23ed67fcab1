/* baseline.c - facts.csv read back.  A baseline of a large batch holds
 * millions of cells over a few hundred distinct keys, so keys are
 * interned; rows are grouped into reports as they come (facts.csv lists a
 * report's cells together) and merged afterwards if a file recurs. */
#include "baseline.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "util.h"

enum col { C_FILE, C_AGENCY, C_REGION, C_YEAR, C_TABLE, C_ROW, C_COL,
           C_VALUE, C_STATE, C_NCOLS };
static const char *const col_names[C_NCOLS] = {
    "file", "agency", "region", "year", "table", "row", "col", "value",
    "state"};
/* agency, region and year may be missing (an older or a trimmed file). */
static const int col_required[C_NCOLS] = {1, 0, 0, 0, 1, 1, 1, 1, 1};

struct gx_baseline {
    struct gx_baseline_report *v;
    size_t n, cap;
    char **keys;                /* interned key strings, open addressing */
    size_t nkeys, keycap;
};

/* ---- interned keys ------------------------------------------------------ */

static size_t hash(const char *s)
{
    size_t h = 5381;
    while (*s) h = h * 33 + (unsigned char)*s++;
    return h;
}

static void intern_grow(struct gx_baseline *b)
{
    size_t cap = b->keycap ? b->keycap * 2 : 256;
    char **keys = gx_xcalloc(cap, sizeof(*keys));
    for (size_t i = 0; i < b->keycap; i++) {
        if (!b->keys[i]) continue;
        size_t h = hash(b->keys[i]) & (cap - 1);
        while (keys[h]) h = (h + 1) & (cap - 1);
        keys[h] = b->keys[i];
    }
    free(b->keys);
    b->keys = keys;
    b->keycap = cap;
}

static const char *intern(struct gx_baseline *b, const char *s)
{
    if (2 * (b->nkeys + 1) > b->keycap) intern_grow(b);
    size_t h = hash(s) & (b->keycap - 1);
    while (b->keys[h]) {
        if (!strcmp(b->keys[h], s)) return b->keys[h];
        h = (h + 1) & (b->keycap - 1);
    }
    b->nkeys++;
    return b->keys[h] = gx_xstrdup(s);
}

/* ---- parsing -------------------------------------------------------------- */

struct parse {
    struct gx_baseline *b;
    int at[C_NCOLS];            /* the column of each field, -1 if none */
    char **fields;              /* the current record */
    size_t nfields, cap;
    size_t line;
    struct gx_diag *d;
    int failed;
};

static void on_field(void *s, size_t len, void *data)
{
    struct parse *p = data;
    GX_GROW(p->fields, p->nfields + 1, p->cap);
    p->fields[p->nfields++] = gx_xstrndup(s ? s : "", s ? len : 0);
}

/* facts.csv puts ' before text that starts like a formula; undo it. */
static char *unguard(char *s)
{
    if (s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
        memmove(s, s + 1, strlen(s));
    return s;
}

static const char *field(const struct parse *p, enum col c)
{
    int i = p->at[c];
    return i >= 0 && (size_t)i < p->nfields ? p->fields[i] : "";
}

static int read_header(struct parse *p)
{
    for (int c = 0; c < C_NCOLS; c++) {
        p->at[c] = -1;
        for (size_t i = 0; i < p->nfields; i++)
            if (!strcmp(p->fields[i], col_names[c])) p->at[c] = (int)i;
        if (p->at[c] < 0 && col_required[c]) {
            gx_diag_set(p->d, GX_ERR_FORMAT,
                        "not a facts.csv of gairx: no '%s' column",
                        col_names[c]);
            return -1;
        }
    }
    return 0;
}

static int parse_state(const char *s, enum gx_cell_state *st)
{
    if (!strcmp(s, "number")) *st = GX_CELL_NUMBER;
    else if (!strcmp(s, "blank")) *st = GX_CELL_BLANK;
    else if (!strcmp(s, "dash")) *st = GX_CELL_DASH;
    else return -1;
    return 0;
}

static struct gx_baseline_report *report_for(struct parse *p)
{
    struct gx_baseline *b = p->b;
    const char *file = field(p, C_FILE);
    if (b->n && !strcmp(b->v[b->n - 1].file, file)) return &b->v[b->n - 1];
    GX_GROW(b->v, b->n + 1, b->cap);
    struct gx_baseline_report *r = &b->v[b->n++];
    memset(r, 0, sizeof(*r));
    r->file = gx_xstrdup(file);
    r->agency = gx_xstrdup(field(p, C_AGENCY));
    r->region = gx_xstrdup(field(p, C_REGION));
    r->year = (int)strtol(field(p, C_YEAR), NULL, 10);
    return r;
}

static int read_record(struct parse *p)
{
    for (int c = 0; c < C_NCOLS; c++)
        if (p->at[c] >= 0 && (size_t)p->at[c] < p->nfields)
            unguard(p->fields[p->at[c]]);
    enum gx_cell_state st;
    if (!*field(p, C_FILE) || parse_state(field(p, C_STATE), &st) < 0) {
        gx_diag_set(p->d, GX_ERR_FORMAT,
                    "line %zu: no file, or a state other than number, "
                    "blank or dash", p->line);
        return -1;
    }
    struct gx_baseline_report *r = report_for(p);
    GX_GROW(r->cells, r->n + 1, r->cap);
    r->cells[r->n++] = (struct gx_baseline_cell){
        intern(p->b, field(p, C_TABLE)), intern(p->b, field(p, C_ROW)),
        intern(p->b, field(p, C_COL)), st,
        st == GX_CELL_NUMBER ? gx_xstrdup(field(p, C_VALUE)) : NULL};
    return 0;
}

static void on_record(int c, void *data)
{
    struct parse *p = data;
    (void)c;
    p->line++;
    if (!p->failed)
        p->failed = (p->line == 1 ? read_header(p) : read_record(p)) < 0;
    for (size_t i = 0; i < p->nfields; i++) free(p->fields[i]);
    p->nfields = 0;
}

/* ---- after parsing: sorted, one report per file ------------------------ */

static int cmp_cell(const void *pa, const void *pb)
{
    const struct gx_baseline_cell *a = pa, *b = pb;
    int c = strcmp(a->table, b->table);
    if (!c) c = strcmp(a->row, b->row);
    return c ? c : strcmp(a->col, b->col);
}

static int cmp_report(const void *pa, const void *pb)
{
    return strcmp(((const struct gx_baseline_report *)pa)->file,
                  ((const struct gx_baseline_report *)pb)->file);
}

static void report_release(struct gx_baseline_report *r)
{
    for (size_t i = 0; i < r->n; i++) free(r->cells[i].value);
    free(r->cells);
    free(r->file);
    free(r->agency);
    free(r->region);
}

/* A file whose rows were not together: its runs become one report. */
static void merge_runs(struct gx_baseline *b)
{
    size_t out = 0;
    for (size_t i = 0; i < b->n; i++) {
        struct gx_baseline_report *r = &b->v[i];
        if (out && !strcmp(b->v[out - 1].file, r->file)) {
            struct gx_baseline_report *into = &b->v[out - 1];
            GX_GROW(into->cells, into->n + r->n, into->cap);
            memcpy(into->cells + into->n, r->cells, r->n * sizeof(*r->cells));
            into->n += r->n;
            r->n = 0;
            report_release(r);
            continue;
        }
        b->v[out++] = *r;
    }
    b->n = out;
}

static void finish(struct gx_baseline *b)
{
    if (!b->n) return;      /* a header alone; qsort wants a pointer */
    qsort(b->v, b->n, sizeof(*b->v), cmp_report);
    merge_runs(b);
    for (size_t i = 0; i < b->n; i++)
        qsort(b->v[i].cells, b->v[i].n, sizeof(*b->v[i].cells), cmp_cell);
}

static int parse_stream(FILE *fp, struct parse *p)
{
    struct csv_parser csv;
    char buf[65536];
    size_t n;
    if (csv_init(&csv, CSV_APPEND_NULL) != 0) return -1;
    while (!p->failed && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
        if (csv_parse(&csv, buf, n, on_field, on_record, p) != n) {
            gx_diag_set(p->d, GX_ERR_FORMAT, "%s",
                        csv_strerror(csv_error(&csv)));
            p->failed = 1;
        }
    if (!p->failed) csv_fini(&csv, on_field, on_record, p);
    for (size_t i = 0; i < p->nfields; i++) free(p->fields[i]);
    csv_free(&csv);
    return p->failed ? -1 : 0;
}

struct gx_baseline *gx_baseline_load(const char *path, struct gx_diag *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        gx_diag_set(d, GX_ERR_IO, "%s: cannot read: %s", path,
                    strerror(errno));
        return NULL;
    }
    struct gx_diag why = {0};
    struct gx_baseline *b = gx_xcalloc(1, sizeof(*b));
    struct parse p = {.b = b, .d = &why};
    int rc = parse_stream(fp, &p);
    if (!rc && ferror(fp)) {
        gx_diag_set(&why, GX_ERR_IO, "%s", strerror(errno));
        rc = -1;
    }
    if (!rc && p.line == 0) {
        gx_diag_set(&why, GX_ERR_FORMAT, "empty: no header line");
        rc = -1;
    }
    fclose(fp);
    free(p.fields);
    if (rc) {
        gx_diag_set(d, why.status ? why.status : GX_ERR_FORMAT,
                    "%s: %s", path, why.message);
        gx_baseline_free(b);
        return NULL;
    }
    finish(b);
    return b;
}

void gx_baseline_free(struct gx_baseline *b)
{
    if (!b) return;
    for (size_t i = 0; i < b->n; i++) report_release(&b->v[i]);
    free(b->v);
    for (size_t i = 0; i < b->keycap; i++) free(b->keys[i]);
    free(b->keys);
    free(b);
}

size_t gx_baseline_count(const struct gx_baseline *b)
{
    return b ? b->n : 0;
}

struct gx_baseline_report *gx_baseline_report(const struct gx_baseline *b,
                                              size_t i)
{
    return &b->v[i];
}

struct gx_baseline_report *gx_baseline_find(const struct gx_baseline *b,
                                            const char *file)
{
    struct gx_baseline_report key = {.file = (char *)file};
    return b && b->n ? bsearch(&key, b->v, b->n, sizeof(key), cmp_report)
                     : NULL;
}

const struct gx_baseline_cell *gx_baseline_cell(
    const struct gx_baseline_report *r, const char *table, const char *row,
    const char *col)
{
    struct gx_baseline_cell key = {table, row, col, GX_CELL_BLANK, NULL};
    return bsearch(&key, r->cells, r->n, sizeof(key), cmp_cell);
}
