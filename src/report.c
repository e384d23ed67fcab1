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

const struct gx_fact *gx_report_find(const struct gx_report *r,
                                     const char *table, const char *row,
                                     const char *col)
{
    for (size_t i = 0; i < r->nfacts; i++) {
        const struct gx_fact *f = &r->facts[i];
        if (!strcmp(f->table, table) && !strcmp(f->row, row) &&
            !strcmp(f->col, col))
            return f;
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
