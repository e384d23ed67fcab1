#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "identity.h"
#include "strbuf.h"
#include "util.h"

/* Splits a line at tabs into fields (pointers into `line`, modified). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static char **dup_fields(char **fields, size_t n, size_t *count)
{
    char **out = gx_xcalloc(n ? n : 1, sizeof(char *));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (*fields[i]) out[k++] = gx_xstrdup(fields[i]);
    *count = k;
    return out;
}

static void free_strings(char **s, size_t n)
{
    for (size_t i = 0; i < n; i++) free(s[i]);
    free(s);
}

/* State while one file is parsed. */
struct loader {
    struct gx_templates *t;
    struct gx_table *table;     /* current table */
    struct gx_trow *row;        /* current row, or NULL before any row */
    size_t ncols_cap, nrows_cap, nvar_cap, nid_cap, rowcol_cap, ndom_cap;
    struct gx_tcol *cols;       /* the table's default columns */
    size_t ncols;
    const char *file;
    unsigned lineno;
    struct gx_diag *d;
};

static int bad_line(struct loader *ld, const char *why)
{
    gx_diag_set(ld->d, GX_ERR_FORMAT, "%s:%u: %s", ld->file, ld->lineno, why);
    return -1;
}

static void free_cols(struct gx_tcol *cols, size_t n);

static void add_table(struct loader *ld, char **f, size_t n)
{
    struct gx_templates *t = ld->t;
    t->tables = gx_xrealloc(t->tables, (t->ntables + 1) * sizeof(*t->tables));
    ld->table = &t->tables[t->ntables++];
    memset(ld->table, 0, sizeof(*ld->table));
    ld->table->key = gx_xstrdup(f[1]);
    ld->table->title = gx_xstrdup(n > 2 ? f[2] : f[1]);
    ld->table->name = gx_xstrdup(n > 3 ? f[3] : f[1]);
    ld->row = NULL;
    ld->nrows_cap = ld->nvar_cap = ld->nid_cap = ld->ndom_cap = 0;
    /* Default columns belong to their table, not to the next in the file. */
    free_cols(ld->cols, ld->ncols);
    ld->cols = NULL;
    ld->ncols = ld->ncols_cap = 0;
}

/* The variants of a row: "2021,2019" split at commas, empty ones dropped. */
static char **split_variants(char *list, size_t *count)
{
    size_t max = 1, np = 0;
    for (const char *p = list; *p; p++) max += *p == ',';
    char **parts = gx_xcalloc(max, sizeof(*parts));
    for (char *p = list; p; ) {
        parts[np++] = p;
        p = strchr(p, ',');
        if (p) *p++ = '\0';
    }
    char **out = dup_fields(parts, np, count);
    free(parts);
    return out;
}

static void copy_cols(struct gx_trow *row, const struct gx_tcol *cols,
                      size_t n)
{
    row->cols = gx_xcalloc(n ? n : 1, sizeof(*row->cols));
    for (size_t i = 0; i < n; i++) {
        row->cols[i].key = gx_xstrdup(cols[i].key);
        row->cols[i].label = gx_xstrdup(cols[i].label);
    }
    row->ncols = n;
}

/* A row starts with the table's columns; its own `col` lines replace them. */
static int add_row(struct loader *ld, char **f, size_t n)
{
    struct gx_table *tb = ld->table;
    if (n < 4) return bad_line(ld, "row needs variants, key and label");
    GX_GROW(tb->rows, tb->nrows + 1, ld->nrows_cap);
    struct gx_trow *row = &tb->rows[tb->nrows++];
    memset(row, 0, sizeof(*row));
    row->key = gx_xstrdup(f[2]);
    row->label = gx_xstrdup(f[3]);
    row->aliases = dup_fields(f + 4, n - 4, &row->naliases);
    if (strcmp(f[1], "*") != 0)
        row->variants = split_variants(f[1], &row->nvariants);
    copy_cols(row, ld->cols, ld->ncols);
    ld->row = row;
    ld->rowcol_cap = 0; /* marks: row still has the table's columns */
    return 0;
}

static void push_col(struct gx_tcol **cols, size_t *n, size_t *cap,
                     const char *key, const char *label)
{
    GX_GROW(*cols, *n + 1, *cap);
    (*cols)[*n].key = gx_xstrdup(key);
    (*cols)[*n].label = gx_xstrdup(label);
    (*n)++;
}

static int add_col(struct loader *ld, char **f, size_t n)
{
    if (n < 3) return bad_line(ld, "col needs key and label");
    if (!ld->row) {
        push_col(&ld->cols, &ld->ncols, &ld->ncols_cap, f[1], f[2]);
        return 0;
    }
    if (ld->rowcol_cap == 0) { /* first own col: drop the inherited ones */
        for (size_t i = 0; i < ld->row->ncols; i++) {
            free(ld->row->cols[i].key);
            free(ld->row->cols[i].label);
        }
        free(ld->row->cols);
        ld->row->cols = NULL;
        ld->row->ncols = 0;
    }
    push_col(&ld->row->cols, &ld->row->ncols, &ld->rowcol_cap, f[1], f[2]);
    return 0;
}

static int add_variant(struct loader *ld, char **f, size_t n)
{
    struct gx_table *tb = ld->table;
    GX_GROW(tb->variants, tb->nvariants + 1, ld->nvar_cap);
    struct gx_tvariant *v = &tb->variants[tb->nvariants++];
    memset(v, 0, sizeof(*v));
    v->name = gx_xstrdup(f[1]);
    v->markers = dup_fields(f + 2, n - 2, &v->nmarkers);
    return 0;
}

static int add_identity(struct loader *ld, char **f, size_t n, int warning)
{
    struct gx_table *tb = ld->table;
    if (n < 4) return bad_line(ld, "identity needs variants, id, expression");
    GX_GROW(tb->identities, tb->nidentities + 1, ld->nid_cap);
    struct gx_tidentity *id = &tb->identities[tb->nidentities++];
    memset(id, 0, sizeof(*id));
    id->warning = warning;
    id->variant = gx_xstrdup(f[1]);
    id->id = gx_xstrdup(f[2]);
    id->expr = gx_xstrdup(f[3]);
    return 0;
}

/* domain VARIANTS ID integer|number nonnegative|any EXCEPT... */
static int add_domain(struct loader *ld, char **f, size_t n)
{
    struct gx_table *tb = ld->table;
    if (n < 5) return bad_line(ld, "domain needs variants, id, kind, sign");
    GX_GROW(tb->domains, tb->ndomains + 1, ld->ndom_cap);
    struct gx_tdomain *dm = &tb->domains[tb->ndomains++];
    dm->variant = gx_xstrdup(f[1]);
    dm->id = gx_xstrdup(f[2]);
    dm->integer = !strcmp(f[3], "integer");
    dm->nonnegative = !strcmp(f[4], "nonnegative");
    dm->except = dup_fields(f + 5, n - 5, &dm->nexcept);
    return 0;
}

static int parse_line(struct loader *ld, char *line)
{
    char *f[64];
    size_t n = split_tabs(line, f, GX_ARRAY_LEN(f));
    if (!strcmp(f[0], "table")) {
        if (n < 2) return bad_line(ld, "table needs a key");
        add_table(ld, f, n);
        return 0;
    }
    if (!ld->table) return bad_line(ld, "directive before `table`");
    if (n < 2) return bad_line(ld, "directive without fields");
    /* A repeated heading or start line replaces the earlier one. */
    if (!strcmp(f[0], "heading")) {
        free_strings(ld->table->headings, ld->table->nheadings);
        ld->table->headings = dup_fields(f + 1, n - 1, &ld->table->nheadings);
    } else if (!strcmp(f[0], "start")) {
        free_strings(ld->table->starts, ld->table->nstarts);
        ld->table->starts = dup_fields(f + 1, n - 1, &ld->table->nstarts);
    } else if (!strcmp(f[0], "layout")) {
        ld->table->single_row = !strcmp(f[1], "single-row");
    } else if (!strcmp(f[0], "variant")) {
        return add_variant(ld, f, n);
    } else if (!strcmp(f[0], "col")) {
        return add_col(ld, f, n);
    } else if (!strcmp(f[0], "row")) {
        return add_row(ld, f, n);
    } else if (!strcmp(f[0], "identity")) {
        return add_identity(ld, f, n, 0);
    } else if (!strcmp(f[0], "check")) {
        return add_identity(ld, f, n, 1);
    } else if (!strcmp(f[0], "domain")) {
        return add_domain(ld, f, n);
    } else {
        return bad_line(ld, "unknown directive");
    }
    return 0;
}

static void free_cols(struct gx_tcol *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cols[i].key);
        free(cols[i].label);
    }
    free(cols);
}

static int load_file(struct gx_templates *t, const char *path,
                     struct gx_diag *d)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return gx_diag_errno(d, GX_ERR_IO, errno, "%s", path), -1;
    struct loader ld = {.t = t, .file = path, .d = d};
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, fp)) >= 0) {
        ld.lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        rc = parse_line(&ld, line);
    }
    free(line);
    free_cols(ld.cols, ld.ncols);
    fclose(fp);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tables in report order, whatever the file names sort as. */
static void order_tables(struct gx_templates *t)
{
    static const char *const order[] = {"art20", "apps", "review"};
    size_t placed = 0;
    for (size_t o = 0; o < GX_ARRAY_LEN(order); o++)
        for (size_t i = placed; i < t->ntables; i++)
            if (!strcmp(t->tables[i].key, order[o])) {
                struct gx_table tmp = t->tables[placed];
                t->tables[placed++] = t->tables[i];
                t->tables[i] = tmp;
                break;
            }
}

static int list_tsv(const char *dir, char ***names, size_t *n,
                    struct gx_diag *d)
{
    DIR *dp = opendir(dir);
    size_t cap = 0;
    struct dirent *e;
    if (!dp) {
        gx_diag_errno(d, GX_ERR_IO, errno, "templates %s", dir);
        return -1;
    }
    *names = NULL;
    *n = 0;
    while ((e = readdir(dp)))
        if (e->d_name[0] != '.' && gx_str_ends_with_ci(e->d_name, ".tsv")) {
            GX_GROW(*names, *n + 1, cap);
            (*names)[(*n)++] = gx_xstrdup(e->d_name);
        }
    closedir(dp);
    if (*n) qsort(*names, *n, sizeof(char *), cmp_str);
    return 0;
}

static struct gx_key *keys_of(char *const *words, size_t n)
{
    struct gx_key *k = gx_xcalloc(n ? n : 1, sizeof(*k));
    for (size_t i = 0; i < n; i++) gx_key_add(&k[i], words[i]);
    return k;
}

static void free_keys(struct gx_key *k, size_t n)
{
    if (!k) return;
    for (size_t i = 0; i < n; i++) gx_key_release(&k[i]);
    free(k);
}

/* The keys of the labels the extractor matches in every report, built
 * once here (building them per comparison was a tenth of reading a text
 * report), and the identities parsed. */
static void prepare_table(struct gx_table *tb)
{
    for (size_t i = 0; i < tb->nidentities; i++) {
        struct gx_tidentity *id = &tb->identities[i];
        id->parsed = gx_xcalloc(1, sizeof(*id->parsed));
        if (gx_identity_parse(id, id->parsed) < 0) {
            free(id->parsed);
            id->parsed = NULL;
        }
    }
    tb->heading_keys = keys_of(tb->headings, tb->nheadings);
    for (size_t i = 0; i < tb->nvariants; i++)
        tb->variants[i].marker_keys =
            keys_of(tb->variants[i].markers, tb->variants[i].nmarkers);
    for (size_t i = 0; i < tb->nrows; i++) {
        struct gx_trow *r = &tb->rows[i];
        gx_key_add(&r->label_key, r->label);
        r->alias_keys = keys_of(r->aliases, r->naliases);
    }
}

struct gx_templates *gx_templates_load(const char *dir, struct gx_diag *d)
{
    char **names;
    size_t n;
    if (list_tsv(dir, &names, &n, d) < 0) return NULL;
    struct gx_templates *t = gx_xcalloc(1, sizeof(*t));
    t->dir = gx_xstrdup(dir);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct gx_strbuf path = GX_STRBUF_INIT;
        gx_strbuf_adds(&path, dir);
        gx_strbuf_addch(&path, '/');
        gx_strbuf_adds(&path, names[i]);
        if (rc == 0) rc = load_file(t, path.buf, d);
        gx_strbuf_release(&path);
    }
    free_strings(names, n);
    if (rc == 0 && t->ntables == 0)
        rc = -1, gx_diag_set(d, GX_ERR_IO, "templates %s: no *.tsv tables", dir);
    if (rc) {
        gx_templates_free(t);
        return NULL;
    }
    order_tables(t);
    for (size_t i = 0; i < t->ntables; i++) prepare_table(&t->tables[i]);
    t->cells = gx_cellkeys_new(t->tables, t->ntables, d);
    if (!t->cells) {
        gx_templates_free(t);
        return NULL;
    }
    t->checks = gx_checks_new(t);
    return t;
}

static void free_table(struct gx_table *tb)
{
    free(tb->key);
    free(tb->title);
    free_keys(tb->heading_keys, tb->nheadings);
    free_strings(tb->headings, tb->nheadings);
    free_strings(tb->starts, tb->nstarts);
    for (size_t i = 0; i < tb->nvariants; i++) {
        free(tb->variants[i].name);
        free_keys(tb->variants[i].marker_keys, tb->variants[i].nmarkers);
        free_strings(tb->variants[i].markers, tb->variants[i].nmarkers);
    }
    free(tb->variants);
    for (size_t i = 0; i < tb->nrows; i++) {
        struct gx_trow *r = &tb->rows[i];
        free(r->key);
        free(r->label);
        gx_key_release(&r->label_key);
        free_keys(r->alias_keys, r->naliases);
        free_strings(r->aliases, r->naliases);
        free_strings(r->variants, r->nvariants);
        free_cols(r->cols, r->ncols);
    }
    free(tb->rows);
    for (size_t i = 0; i < tb->nidentities; i++) {
        if (tb->identities[i].parsed) {
            gx_identity_release(tb->identities[i].parsed);
            free(tb->identities[i].parsed);
        }
        free(tb->identities[i].id);
        free(tb->identities[i].variant);
        free(tb->identities[i].expr);
    }
    free(tb->identities);
    for (size_t i = 0; i < tb->ndomains; i++) {
        free(tb->domains[i].id);
        free(tb->domains[i].variant);
        free_strings(tb->domains[i].except, tb->domains[i].nexcept);
    }
    free(tb->domains);
    free(tb->name);
}

void gx_templates_free(struct gx_templates *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->ntables; i++) free_table(&t->tables[i]);
    free(t->tables);
    free(t->dir);
    gx_checks_free(t->checks);
    gx_cellkeys_free(t->cells);
    free(t);
}

const struct gx_table *gx_templates_table(const struct gx_templates *t,
                                          const char *key)
{
    for (size_t i = 0; i < t->ntables; i++)
        if (!strcmp(t->tables[i].key, key)) return &t->tables[i];
    return NULL;
}

int gx_trow_in_variant(const struct gx_trow *row, const char *variant)
{
    if (row->nvariants == 0) return 1;
    for (size_t i = 0; i < row->nvariants; i++)
        if (!strcmp(row->variants[i], variant)) return 1;
    return 0;
}

int gx_tidentity_in_variant(const struct gx_tidentity *id, const char *variant)
{
    return !strcmp(id->variant, "*") || !strcmp(id->variant, variant);
}
