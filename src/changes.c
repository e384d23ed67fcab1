/* changes.c - this run against a baseline: pair the reports (by file,
 * then by agency, year and region for a moved file), then compare the
 * cells of each pair. */
#include "changes.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Where one report's changes sit in c->v. */
struct gx_change_run {
    const struct gx_report *r;
    size_t first, n;
};

static int present(const struct gx_report *r)
{
    return r->status == GX_OK && r->nfacts > 0;
}

/* ---- pairing ---------------------------------------------------------- */

struct pairing {
    const struct gx_baseline *b;
    struct gx_report *const *reports;
    size_t n, nb;
    long *pair;         /* per report: its baseline index, or -1 */
    char *used;         /* per baseline report: paired */
};

static int same_identity(const struct gx_report *r,
                         const struct gx_baseline_report *br)
{
    return r->agency && *r->agency && r->year && r->year == br->year &&
           !strcmp(r->agency, br->agency) &&
           !strcmp(r->region ? r->region : "", br->region);
}

static size_t count_unpaired_like(const struct pairing *p,
                                  const struct gx_baseline_report *br)
{
    size_t k = 0;
    for (size_t i = 0; i < p->n; i++)
        k += p->pair[i] < 0 && present(p->reports[i]) &&
             same_identity(p->reports[i], br);
    return k;
}

/* A report whose file is not in the baseline, paired with the one
 * baseline report of its identity when nothing else shares it. */
static void pair_moved(struct pairing *p, struct gx_changes *c)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->pair[i] >= 0 || !present(p->reports[i])) continue;
        long hit = -1;
        size_t hits = 0;
        for (size_t j = 0; j < p->nb; j++)
            if (!p->used[j] &&
                same_identity(p->reports[i], gx_baseline_report(p->b, j)))
                hit = (long)j, hits++;
        if (hits != 1 ||
            count_unpaired_like(p, gx_baseline_report(p->b, (size_t)hit)) != 1)
            continue;
        p->pair[i] = hit;
        p->used[hit] = 1;
        GX_GROW(c->moved, c->nmoved + 1, c->movecap);
        c->moved[c->nmoved++] = (struct gx_moved){
            p->reports[i],
            gx_xstrdup(gx_baseline_report(p->b, (size_t)hit)->file)};
    }
}

static void pair_by_file(struct pairing *p)
{
    const struct gx_baseline_report *first =
        p->nb ? gx_baseline_report(p->b, 0) : NULL;
    for (size_t i = 0; i < p->n; i++) {
        p->pair[i] = -1;
        if (!present(p->reports[i])) continue;
        const struct gx_baseline_report *br =
            gx_baseline_find(p->b, p->reports[i]->relpath);
        if (!br) continue;
        p->pair[i] = br - first;
        p->used[br - first] = 1;
    }
}

/* ---- comparing the cells of a pair ---------------------------------- */

static const char *fact_text(const struct gx_report *r,
                             const struct gx_fact *f)
{
    if (!f) return GX_CHANGE_NONE;
    if (f->state == GX_CELL_NUMBER) return gx_fact_text(r, f);
    return f->state == GX_CELL_DASH ? GX_CHANGE_DASH : GX_CHANGE_BLANK;
}

static const char *cell_text(const struct gx_baseline_cell *bc)
{
    if (!bc) return GX_CHANGE_NONE;
    if (bc->state == GX_CELL_NUMBER) return bc->value;
    return bc->state == GX_CELL_DASH ? GX_CHANGE_DASH : GX_CHANGE_BLANK;
}

/* 1,308,353 and 1308353.0 are one number: numbers compare by value. */
static int same_value(const struct gx_report *r, const struct gx_fact *f,
                      const struct gx_baseline_cell *bc)
{
    if (f->state != bc->state) return 0;
    if (f->state != GX_CELL_NUMBER) return 1;
    char *end;
    double old = strtod(bc->value, &end);
    if (end == bc->value || *end) return !strcmp(gx_fact_text(r, f), bc->value);
    return fabs(old - gx_fact_value(r, f)) <= 1e-9 * fmax(1.0, fabs(old));
}

static void add_change(struct gx_changes *c, const struct gx_report *r,
                       const char *table, const char *row, const char *col,
                       const char *old, const char *now)
{
    GX_GROW(c->v, c->n + 1, c->cap);
    c->v[c->n++] = (struct gx_change){
        r, gx_xstrdup(table), gx_xstrdup(row), gx_xstrdup(col),
        gx_xstrdup(old), gx_xstrdup(now)};
}

static void compare_pair(struct gx_changes *c, const struct gx_report *r,
                         const struct gx_baseline_report *br)
{
    size_t first = c->n;
    char *seen = gx_xcalloc(br->n ? br->n : 1, 1);
    for (size_t i = 0; i < r->nfacts; i++) {
        const struct gx_fact *f = &r->facts[i];
        const struct gx_cellkey *k = gx_fact_key(r, f);
        const struct gx_baseline_cell *bc =
            gx_baseline_cell(br, k->table, k->row, k->col);
        if (bc) seen[bc - br->cells] = 1;
        if (!bc || !same_value(r, f, bc))
            add_change(c, r, k->table, k->row, k->col, cell_text(bc),
                       fact_text(r, f));
    }
    for (size_t k = 0; k < br->n; k++)
        if (!seen[k])
            add_change(c, r, br->cells[k].table, br->cells[k].row,
                       br->cells[k].col, cell_text(&br->cells[k]),
                       fact_text(r, NULL));
    free(seen);
    if (c->n == first) return;
    GX_GROW(c->runs, c->nruns + 1, c->runcap);
    c->runs[c->nruns++] = (struct gx_change_run){r, first, c->n - first};
}

/* ---- reports gone ------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_gone(struct gx_changes *c, const struct pairing *p)
{
    const char **inputs = gx_xcalloc(p->n ? p->n : 1, sizeof(*inputs));
    for (size_t i = 0; i < p->n; i++) inputs[i] = p->reports[i]->relpath;
    qsort(inputs, p->n, sizeof(*inputs), cmp_str);
    for (size_t j = 0; j < p->nb; j++) {
        if (p->used[j]) continue;
        const struct gx_baseline_report *br = gx_baseline_report(p->b, j);
        GX_GROW(c->gone, c->ngone + 1, c->gonecap);
        c->gone[c->ngone++] = (struct gx_gone){
            gx_xstrdup(br->file), gx_xstrdup(br->agency),
            gx_xstrdup(br->region), br->year,
            bsearch(&br->file, inputs, p->n, sizeof(*inputs), cmp_str) != NULL};
    }
    free(inputs);
}

static int cmp_address(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    return (x > y) - (x < y);
}

static int cmp_run(const void *pa, const void *pb)
{
    return cmp_address(((const struct gx_change_run *)pa)->r,
                       ((const struct gx_change_run *)pb)->r);
}

static int cmp_added(const void *pa, const void *pb)
{
    return cmp_address(*(const struct gx_report *const *)pa,
                       *(const struct gx_report *const *)pb);
}

static int cmp_moved(const void *pa, const void *pb)
{
    return cmp_address(((const struct gx_moved *)pa)->r,
                       ((const struct gx_moved *)pb)->r);
}

/* Sorted by report address, so that a writer asking of each of 100,000
 * reports whether it is new or moved does not scan the lists each time. */
static void index_lookups(struct gx_changes *c)
{
    if (c->nruns) qsort(c->runs, c->nruns, sizeof(*c->runs), cmp_run);
    if (c->nadded) qsort(c->added, c->nadded, sizeof(*c->added), cmp_added);
    if (c->nmoved) qsort(c->moved, c->nmoved, sizeof(*c->moved), cmp_moved);
}

void gx_changes_compare(const struct gx_baseline *b,
                        struct gx_report *const *reports, size_t n,
                        struct gx_changes *out)
{
    struct pairing p = {b, reports, n, gx_baseline_count(b), NULL, NULL};
    memset(out, 0, sizeof(*out));
    p.pair = gx_xcalloc(n ? n : 1, sizeof(*p.pair));
    p.used = gx_xcalloc(p.nb ? p.nb : 1, 1);
    pair_by_file(&p);
    pair_moved(&p, out);
    for (size_t i = 0; i < n; i++) {
        if (p.pair[i] >= 0) {
            out->matched++;
            compare_pair(out, reports[i],
                         gx_baseline_report(b, (size_t)p.pair[i]));
        } else if (present(reports[i])) {
            GX_GROW(out->added, out->nadded + 1, out->addcap);
            out->added[out->nadded++] = reports[i];
        }
    }
    add_gone(out, &p);
    out->batch_gone = out->ngone;
    index_lookups(out);
    free(p.pair);
    free(p.used);
}

void gx_changes_release(struct gx_changes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].table);
        free(c->v[i].row);
        free(c->v[i].col);
        free(c->v[i].old);
        free(c->v[i].now);
    }
    for (size_t i = 0; i < c->ngone; i++) {
        free(c->gone[i].file);
        free(c->gone[i].agency);
        free(c->gone[i].region);
    }
    for (size_t i = 0; i < c->nmoved; i++) free(c->moved[i].old_file);
    free(c->v);
    free(c->gone);
    free(c->moved);
    free(c->added);
    free(c->runs);
    memset(c, 0, sizeof(*c));
}

const struct gx_change *gx_changes_of(const struct gx_changes *c,
                                      const struct gx_report *r, size_t *n)
{
    struct gx_change_run key = {r, 0, 0};
    const struct gx_change_run *hit =
        c && c->nruns ? bsearch(&key, c->runs, c->nruns, sizeof(key), cmp_run)
                      : NULL;
    *n = hit ? hit->n : 0;
    return hit ? &c->v[hit->first] : NULL;
}

const char *gx_changes_moved_from(const struct gx_changes *c,
                                  const struct gx_report *r)
{
    struct gx_moved key = {r, NULL};
    const struct gx_moved *hit =
        c && c->nmoved ? bsearch(&key, c->moved, c->nmoved, sizeof(key),
                                 cmp_moved)
                       : NULL;
    return hit ? hit->old_file : NULL;
}

int gx_changes_is_added(const struct gx_changes *c, const struct gx_report *r)
{
    return c && c->nadded &&
           bsearch(&r, c->added, c->nadded, sizeof(r), cmp_added) != NULL;
}
