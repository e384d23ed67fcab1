#include "cellkey.h"

#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "util.h"

static size_t hash_keys(const char *table, const char *row, const char *col)
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

static int same_keys(const struct gx_cellkey *k, const char *table,
                     const char *row, const char *col)
{
    return !strcmp(k->row, row) && !strcmp(k->col, col) &&
           !strcmp(k->table, table);
}

/* The slot holding these keys, or the empty slot where they would go. */
static size_t slot_of(const struct gx_cellkeys *k, const char *table,
                      const char *row, const char *col)
{
    size_t mask = k->nslots - 1, s = hash_keys(table, row, col) & mask;
    while (k->slots[s] && !same_keys(&k->keys[k->slots[s] - 1], table, row, col))
        s = (s + 1) & mask;
    return s;
}

unsigned gx_cellkeys_find(const struct gx_cellkeys *k, const char *table,
                          const char *row, const char *col)
{
    if (!k || !k->nslots) return GX_NO_CELL;
    uint32_t v = k->slots[slot_of(k, table, row, col)];
    return v ? v - 1 : GX_NO_CELL;
}

static size_t count_cols(const struct gx_table *tables, size_t n)
{
    size_t total = 0;
    for (size_t t = 0; t < n; t++)
        for (size_t r = 0; r < tables[t].nrows; r++)
            total += tables[t].rows[r].ncols;
    return total;
}

/* Gives each distinct (table, row, col) a number in order of first
 * appearance. */
static void number_first_seen(struct gx_cellkeys *k, struct gx_table *tables,
                              size_t n)
{
    for (size_t t = 0; t < n; t++)
        for (size_t r = 0; r < tables[t].nrows; r++) {
            struct gx_trow *row = &tables[t].rows[r];
            for (size_t c = 0; c < row->ncols; c++) {
                size_t s = slot_of(k, tables[t].key, row->key, row->cols[c].key);
                if (!k->slots[s]) {
                    k->keys[k->n] = (struct gx_cellkey){
                        tables[t].key, row->key, row->cols[c].key};
                    k->slots[s] = (uint32_t)++k->n;
                }
            }
        }
}

/* "b comes after a", for the order the extractor gives cells in. */
struct edges {
    unsigned *from, *to;
    size_t n, cap, fcap;
};

static void add_edge(struct edges *e, unsigned a, unsigned b)
{
    if (a == b) return;
    GX_GROW(e->from, e->n + 1, e->fcap);
    GX_GROW(e->to, e->n + 1, e->cap);
    e->from[e->n] = a;
    e->to[e->n++] = b;
}

/* Each variant's cells in print order, as consecutive pairs. */
static void variant_edges(const struct gx_cellkeys *k,
                          const struct gx_table *t, struct edges *e)
{
    size_t nv = t->nvariants ? t->nvariants : 1;
    for (size_t v = 0; v < nv; v++) {
        const char *name = t->nvariants ? t->variants[v].name : "";
        unsigned prev = GX_NO_CELL;
        for (size_t r = 0; r < t->nrows; r++) {
            if (!gx_trow_in_variant(&t->rows[r], name)) continue;
            for (size_t c = 0; c < t->rows[r].ncols; c++) {
                unsigned cur = gx_cellkeys_find(k, t->key, t->rows[r].key,
                                                t->rows[r].cols[c].key);
                if (prev != GX_NO_CELL) add_edge(e, prev, cur);
                prev = cur;
            }
        }
    }
}

/* A topological order of the edges, the first-seen number breaking ties
 * (so tables stay in order); cells on a cycle follow in first-seen
 * order.  order[i] is the first-seen number of the cell numbered i. */
static void sort_cells(size_t n, const struct edges *e, unsigned *order)
{
    unsigned *indeg = gx_xcalloc(n ? n : 1, sizeof(*indeg));
    char *done = gx_xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < e->n; i++) indeg[e->to[i]]++;
    size_t k = 0;
    while (k < n) {
        size_t pick = n;
        for (size_t c = 0; c < n && pick == n; c++)
            if (!done[c] && !indeg[c]) pick = c;
        for (size_t c = 0; c < n && pick == n; c++)   /* a cycle */
            if (!done[c]) pick = c;
        done[pick] = 1;
        order[k++] = (unsigned)pick;
        for (size_t i = 0; i < e->n; i++)
            if (e->from[i] == pick && indeg[e->to[i]]) indeg[e->to[i]]--;
    }
    free(indeg);
    free(done);
}

/* Renumbers keys and slots by `order`, and tells each column its number
 * (a column array that rows share gets the last row's). */
static void renumber(struct gx_cellkeys *k, struct gx_table *tables,
                     size_t n, const unsigned *order)
{
    unsigned *final = gx_xcalloc(k->n ? k->n : 1, sizeof(*final));
    struct gx_cellkey *keys = gx_xcalloc(k->n ? k->n : 1, sizeof(*keys));
    for (size_t i = 0; i < k->n; i++) {
        final[order[i]] = (unsigned)i;
        keys[i] = k->keys[order[i]];
    }
    for (size_t s = 0; s < k->nslots; s++)
        if (k->slots[s]) k->slots[s] = final[k->slots[s] - 1] + 1;
    free(k->keys);
    k->keys = keys;
    for (size_t t = 0; t < n; t++)
        for (size_t r = 0; r < tables[t].nrows; r++)
            for (size_t c = 0; c < tables[t].rows[r].ncols; c++)
                tables[t].rows[r].cols[c].cell = gx_cellkeys_find(
                    k, tables[t].key, tables[t].rows[r].key,
                    tables[t].rows[r].cols[c].key);
    free(final);
}

struct gx_cellkeys *gx_cellkeys_new(struct gx_table *tables, size_t n,
                                    struct gx_diag *d)
{
    size_t max = count_cols(tables, n);
    if (max > GX_MAX_CELLS) {
        gx_diag_set(d, GX_ERR_FORMAT, "templates: more than %d cells",
                    GX_MAX_CELLS);
        return NULL;
    }
    struct gx_cellkeys *k = gx_xcalloc(1, sizeof(*k));
    k->nslots = 16;
    while (k->nslots < max * 2) k->nslots *= 2;
    k->slots = gx_xcalloc(k->nslots, sizeof(*k->slots));
    k->keys = gx_xcalloc(max ? max : 1, sizeof(*k->keys));
    number_first_seen(k, tables, n);
    struct edges e = {0};
    for (size_t t = 0; t < n; t++) variant_edges(k, &tables[t], &e);
    unsigned *order = gx_xcalloc(k->n ? k->n : 1, sizeof(*order));
    sort_cells(k->n, &e, order);
    renumber(k, tables, n, order);
    free(order);
    free(e.from);
    free(e.to);
    return k;
}

void gx_cellkeys_free(struct gx_cellkeys *k)
{
    if (!k) return;
    free(k->keys);
    free(k->slots);
    free(k);
}
