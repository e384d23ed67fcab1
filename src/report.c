#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "util.h"

struct gx_report *gx_report_new(const char *path, const char *relpath)
{
    struct gx_report *r = gx_xcalloc(1, sizeof(*r));
    r->path = gx_xstrdup(path);
    r->relpath = gx_xstrdup(relpath);
    return r;
}

void gx_report_free(struct gx_report *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->nfacts; i++) free(r->facts[i].doubt);
    for (int t = 0; t < GX_TABLES; t++) free(r->tables[t].doubt);
    for (size_t i = 0; i < r->nfindings; i++) {
        free(r->findings[i].cells);
        free(r->findings[i].message);
    }
    free(r->findings);
    free(r->index);
    free(r->facts);
    free(r->path);
    free(r->relpath);
    free(r->agency);
    free(r->region);
    free(r);
}

struct gx_fact *gx_report_add_fact(struct gx_report *r, const char *table,
                                   const char *row, const char *col)
{
    GX_GROW(r->facts, r->nfacts + 1, r->cap);
    struct gx_fact *f = &r->facts[r->nfacts++];
    memset(f, 0, sizeof(*f));
    f->table = table;
    f->row = row;
    f->col = col;
    return f;
}

static size_t hash_key(const char *table, const char *row, const char *col)
{
    const char *parts[3] = {table, row, col};
    size_t h = 1469598103934665603ull;
    for (int i = 0; i < 3; i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
            h = (h ^ *p) * 1099511628211ull;
        h = (h ^ '.') * 1099511628211ull;
    }
    return h;
}

static int fact_is(const struct gx_fact *f, const char *table, const char *row,
                   const char *col)
{
    /* Keys are mostly the templates' own strings: same pointer, same key. */
    return (f->row == row || !strcmp(f->row, row)) &&
           (f->col == col || !strcmp(f->col, col)) &&
           (f->table == table || !strcmp(f->table, table));
}

/* Open addressing over fact indexes + 1 (0 marks an empty slot).  The
 * facts array loses its spare capacity here: a batch holds every report's
 * facts until the end, and doubling left a fifth of it unused. */
void gx_report_index(struct gx_report *r)
{
    size_t size = 16;
    while (size < r->nfacts * 2) size *= 2;
    if (r->nfacts && r->cap > r->nfacts) {
        r->facts = gx_xrealloc(r->facts, r->nfacts * sizeof(*r->facts));
        r->cap = r->nfacts;
    }
    free(r->index);
    r->index = NULL;
    if (r->nfacts >= UINT32_MAX) return;   /* gx_report_find scans */
    r->index = gx_xcalloc(size, sizeof(*r->index));
    r->index_size = size;
    r->index_nfacts = r->nfacts;
    for (size_t i = 0; i < r->nfacts; i++) {
        const struct gx_fact *f = &r->facts[i];
        size_t s = hash_key(f->table, f->row, f->col) & (size - 1);
        while (r->index[s]) s = (s + 1) & (size - 1);
        r->index[s] = (uint32_t)(i + 1);
    }
}

const struct gx_fact *gx_report_find(const struct gx_report *r,
                                     const char *table, const char *row,
                                     const char *col)
{
    if (!r->index || r->index_nfacts != r->nfacts) {
        for (size_t i = 0; i < r->nfacts; i++)
            if (fact_is(&r->facts[i], table, row, col)) return &r->facts[i];
        return NULL;
    }
    size_t s = hash_key(table, row, col) & (r->index_size - 1);
    for (; r->index[s]; s = (s + 1) & (r->index_size - 1)) {
        const struct gx_fact *f = &r->facts[r->index[s] - 1];
        if (fact_is(f, table, row, col)) return f;
    }
    return NULL;
}

static void join_reason(char **dst, const char *reason)
{
    if (*dst && strstr(*dst, reason)) return;
    struct gx_strbuf sb = GX_STRBUF_INIT;
    if (*dst) {
        gx_strbuf_adds(&sb, *dst);
        gx_strbuf_adds(&sb, "; ");
        free(*dst);
    }
    gx_strbuf_adds(&sb, reason);
    *dst = gx_strbuf_detach(&sb, NULL);
}

void gx_fact_add_doubt(struct gx_fact *f, const char *reason)
{
    join_reason(&f->doubt, reason);
}

void gx_table_add_doubt(struct gx_table_read *t, const char *reason)
{
    join_reason(&t->doubt, reason);
}

struct gx_finding *gx_report_add_finding(struct gx_report *r, const char *rule,
                                         enum gx_finding_kind kind,
                                         const char *table, const char *cells,
                                         const char *message)
{
    GX_GROW(r->findings, r->nfindings + 1, r->fcap);
    struct gx_finding *f = &r->findings[r->nfindings++];
    memset(f, 0, sizeof(*f));
    f->rule = rule;
    f->kind = kind;
    f->table = table;
    f->cells = gx_xstrdup(cells ? cells : "");
    f->message = gx_xstrdup(message);
    return f;
}

const char *gx_finding_kind_name(enum gx_finding_kind kind)
{
    switch (kind) {
    case GX_FIND_ERROR: return "差错";
    case GX_FIND_WARNING: return "提示";
    case GX_FIND_DOUBT: return "存疑";
    default: return "无法核对";
    }
}
