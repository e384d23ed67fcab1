/* xlsx_regions.c - 地区合计: the reports' totals per region.
 *
 * The regions of 汇总's rows become a tree: with the gazetteer, each
 * region hangs under its province and city (江西省 > 赣州市 > 章贡区);
 * without it, or for a region it does not know, the region is a top
 * node.  Rows are the tree in preorder.  A node without nodes below is a
 * SUM over its reports' run of 汇总 rows; a node with nodes below is a
 * SUM over its rows one level down, and its own reports, if any, get a
 * 本级 row among them.  The grand total sums the top rows.  Every
 * formula has its value stored, for readers that do not calculate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xlsx_int.h"

enum {
    REGION_HEADER_ROW = 1,
    REGION_FIRST_ROW = 2,
    REGION_PATH_COL = 1,
    REGION_COUNT_COL = 2,
    REGION_FIRST_SUM_COL = 3,
    /* every total but the two rates, then 问题数 */
    REGION_NSUMS = GX_SUM_DISCLOSURE_RATE + 1,
    REGION_NCOLS = REGION_FIRST_SUM_COL + REGION_NSUMS,
    MAX_ARGS = 250,           /* Excel takes 255 arguments a function */
    MAX_FORMULA = 8000        /* ... and 8192 characters a formula */
};

#define NONE ((size_t)-1)

/* ---- the tree of regions ------------------------------------------------ */

struct rnode {
    char *name, *path;        /* owned */
    size_t parent, child, last_child, next;
    int own;                  /* has reports of its own: 汇总 rows */
    size_t first, last;       /* ... their positions */
};

struct rtree {
    struct rnode *v;
    size_t n, cap;
};

static size_t tree_child(struct rtree *t, size_t parent, const char *name,
                         const char *path)
{
    size_t c = parent == NONE ? (t->n ? 0 : NONE) : t->v[parent].child;
    for (; c != NONE; c = t->v[c].next)
        if (!strcmp(t->v[c].path, path)) return c;
    GX_GROW(t->v, t->n + 1, t->cap);
    size_t k = t->n++;
    t->v[k] = (struct rnode){gx_xstrdup(name), gx_xstrdup(path), parent,
                             NONE, NONE, NONE, 0, 0, 0};
    /* the top nodes are a chain from node 0 */
    size_t *last = NULL;
    if (parent != NONE) {
        last = &t->v[parent].last_child;
        if (t->v[parent].child == NONE) t->v[parent].child = k;
    } else {
        for (size_t top = 0; top != k; top = t->v[top].next)
            if (t->v[top].next == NONE) {
                t->v[top].next = k;
                break;
            }
    }
    if (last && *last != NONE) t->v[*last].next = k;
    if (last) *last = k;
    return k;
}

/* The node of a run of 汇总 rows, made with the nodes above it. */
static void tree_add(struct rtree *t, const struct writer *w, size_t first,
                     size_t last)
{
    const struct gx_report *r = w->reports[w->order[first]];
    const char *region = gx_summary_region(r);
    struct gx_region_level lv[GX_REGION_DEPTH];
    size_t n = r->region && *r->region
                   ? gx_region_levels(w->regions, r->region, lv) : 0;
    size_t node = NONE;
    if (n == 0) node = tree_child(t, NONE, region, region);
    for (size_t k = 0; k < n; k++) node = tree_child(t, node, lv[k].name, lv[k].path);
    t->v[node].own = 1;
    t->v[node].first = first;
    t->v[node].last = last;
}

static int same_region(const struct gx_report *a, const struct gx_report *b)
{
    return !strcmp(gx_summary_region(a), gx_summary_region(b));
}

/* Reports of a region are one run of 汇总's rows (gx_summary_order). */
static void tree_build(struct rtree *t, const struct writer *w)
{
    for (size_t first = 0, last; first < w->nrows; first = last + 1) {
        last = first;
        while (last + 1 < w->nrows &&
               same_region(w->reports[w->order[first]],
                           w->reports[w->order[last + 1]]))
            last++;
        tree_add(t, w, first, last);
    }
}

static void tree_release(struct rtree *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].name);
        free(t->v[i].path);
    }
    free(t->v);
}

/* ---- the rows ----------------------------------------------------------------- */

struct rrow {
    const struct rnode *node;
    char *name;               /* owned: shown in 地区 */
    int depth;
    int leaf;                 /* sums 汇总 rows first..last */
    size_t first, last;
    size_t *below;            /* owned: rows one level down */
    size_t nbelow, cap;
    double v[1 + REGION_NSUMS];   /* 报告数, then the sums */
};

struct rrows {
    struct rrow *v;
    size_t n, cap;
};

static size_t add_row(struct rrows *rs, const struct rnode *node,
                      const char *name, int depth, int leaf)
{
    GX_GROW(rs->v, rs->n + 1, rs->cap);
    struct rrow *r = &rs->v[rs->n];
    memset(r, 0, sizeof(*r));
    r->node = node;
    r->name = gx_xstrdup(name);
    r->depth = depth;
    r->leaf = leaf;
    if (leaf) {
        r->first = node->first;
        r->last = node->last;
    }
    return rs->n++;
}

static void add_below(struct rrows *rs, size_t parent, size_t row)
{
    struct rrow *p = &rs->v[parent];
    GX_GROW(p->below, p->nbelow + 1, p->cap);
    p->below[p->nbelow++] = row;
}

/* Preorder; returns the node's row. */
static size_t lay_out(struct rrows *rs, const struct rtree *t, size_t k,
                      int depth)
{
    const struct rnode *node = &t->v[k];
    if (node->child == NONE) return add_row(rs, node, node->name, depth, 1);
    size_t row = add_row(rs, node, node->name, depth, 0);
    if (node->own) {
        struct gx_strbuf name = GX_STRBUF_INIT;
        gx_strbuf_adds(&name, node->name);
        gx_strbuf_adds(&name, "本级");
        add_below(rs, row, add_row(rs, node, name.buf, depth + 1, 1));
        gx_strbuf_release(&name);
    }
    for (size_t c = node->child; c != NONE; c = t->v[c].next)
        add_below(rs, row, lay_out(rs, t, c, depth + 1));
    return row;
}

static double summary_cell(const struct writer *w, size_t pos, size_t i)
{
    if (i == GX_SUM_DISCLOSURE_RATE) return (double)w->sums[pos].nfindings;
    return w->sums[pos].v[i];   /* 0 where absent */
}

/* Children come after their parents: fill values from the bottom up. */
static void fill_values(struct rrows *rs, const struct writer *w)
{
    for (size_t i = rs->n; i-- > 0;) {
        struct rrow *r = &rs->v[i];
        if (r->leaf) {
            r->v[0] = (double)(r->last - r->first + 1);
            for (size_t k = 0; k < REGION_NSUMS; k++)
                for (size_t p = r->first; p <= r->last; p++)
                    r->v[1 + k] += summary_cell(w, p, k);
        } else {
            for (size_t b = 0; b < r->nbelow; b++)
                for (size_t k = 0; k <= REGION_NSUMS; k++)
                    r->v[k] += rs->v[r->below[b]].v[k];
        }
    }
}

static void rows_release(struct rrows *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->v[i].name);
        free(rs->v[i].below);
    }
    free(rs->v);
}

/* ---- formulas ------------------------------------------------------------------ */

/* "C5,C9:C11" for the sheet rows of `rows` (ascending), in column col;
 * consecutive rows become a range.  Returns the number of arguments. */
static size_t add_refs(struct gx_strbuf *sb, const size_t *rows, size_t n,
                       lxw_col_t col)
{
    char a[16], b[16];
    size_t args = 0;
    for (size_t i = 0, j; i < n; i = j + 1) {
        for (j = i; j + 1 < n && rows[j + 1] == rows[j] + 1;) j++;
        lxw_rowcol_to_cell(a, (lxw_row_t)(REGION_FIRST_ROW + rows[i]), col);
        lxw_rowcol_to_cell(b, (lxw_row_t)(REGION_FIRST_ROW + rows[j]), col);
        if (args++) gx_strbuf_addch(sb, ',');
        gx_strbuf_adds(sb, a);
        if (j > i) {
            gx_strbuf_addch(sb, ':');
            gx_strbuf_adds(sb, b);
        }
    }
    return args;
}

/* =SUM over rows of this sheet; more arguments than Excel takes are
 * summed in groups, SUM(SUM(...),SUM(...)). */
static void sum_formula(struct gx_strbuf *f, const size_t *rows, size_t n,
                        lxw_col_t col)
{
    struct gx_strbuf refs = GX_STRBUF_INIT;
    gx_strbuf_adds(f, "=SUM(");
    if (add_refs(&refs, rows, n, col) <= MAX_ARGS) {
        gx_strbuf_adds(f, refs.buf);
    } else {
        for (size_t i = 0; i < n; i += MAX_ARGS) {
            if (i) gx_strbuf_addch(f, ',');
            gx_strbuf_adds(f, "SUM(");
            add_refs(f, rows + i, n - i < MAX_ARGS ? n - i : MAX_ARGS, col);
            gx_strbuf_addch(f, ')');
        }
    }
    gx_strbuf_addch(f, ')');
    gx_strbuf_release(&refs);
}

/* =FN('汇总'!X7:X9) */
static void summary_formula(struct gx_strbuf *f, const char *fn,
                            lxw_col_t src, size_t first, size_t last)
{
    char a[16], b[16];
    lxw_rowcol_to_cell(a, (lxw_row_t)(XW_SUMMARY_FIRST_ROW + first), src);
    lxw_rowcol_to_cell(b, (lxw_row_t)(XW_SUMMARY_FIRST_ROW + last), src);
    gx_strbuf_adds(f, "=");
    gx_strbuf_adds(f, fn);
    gx_strbuf_adds(f, "('");
    gx_strbuf_adds(f, xw_summary_sheet);
    gx_strbuf_adds(f, "'!");
    gx_strbuf_adds(f, a);
    gx_strbuf_addch(f, ':');
    gx_strbuf_adds(f, b);
    gx_strbuf_addch(f, ')');
}

static void put_formula(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, const char *formula, double value,
                        enum xw_num num)
{
    if (num == XW_COUNT && value != (double)(long long)value) num = XW_DECIMAL;
    if (w->err) return;
    if (strlen(formula) > MAX_FORMULA) {
        xw_value(w, ws, row, col, value, num, -1);
        return;
    }
    xw_keep_error(w, worksheet_write_formula_num(ws, row, col, formula,
                                                 xw_format(w, num, -1), value));
}

/* The 汇总 column summed into value column k (0: 报告数). */
static lxw_col_t region_source(size_t k)
{
    if (k == 0) return XW_FILE_COL;
    return k - 1 < GX_SUM_DISCLOSURE_RATE ? (lxw_col_t)(XW_NFIELDS + k - 1)
                                          : XW_SUMMARY_FINDINGS_COL;
}

static enum xw_num value_num(size_t k)
{
    return k && k - 1 == GX_SUM_FEES ? XW_AMOUNT : XW_COUNT;
}

/* ---- writing ------------------------------------------------------------------ */

static lxw_format *name_format(struct writer *w, int depth, int bold)
{
    if (depth > 3) depth = 3;
    lxw_format **f = &w->indent[depth][bold];
    if (!*f && !w->err) {
        *f = workbook_add_format(w->wb);
        if (!*f) {
            xw_keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return NULL;
        }
        if (depth) format_set_indent(*f, (uint8_t)(depth * 2));
        if (bold) format_set_bold(*f);
    }
    return *f;
}

static void write_row(struct writer *w, lxw_worksheet *ws, size_t i,
                      const struct rrow *r)
{
    lxw_row_t row = (lxw_row_t)(REGION_FIRST_ROW + i);
    struct gx_strbuf f = GX_STRBUF_INIT;
    xw_text(w, ws, row, 0, r->name, name_format(w, r->depth, !r->leaf));
    xw_text(w, ws, row, REGION_PATH_COL, r->node->path, NULL);
    for (size_t k = 0; k <= REGION_NSUMS; k++) {
        lxw_col_t col = (lxw_col_t)(REGION_COUNT_COL + k);
        gx_strbuf_reset(&f);
        if (r->leaf)
            summary_formula(&f, k ? "SUM" : "COUNTA", region_source(k),
                            r->first, r->last);
        else
            sum_formula(&f, r->below, r->nbelow, col);
        put_formula(w, ws, row, col, f.buf, r->v[k], value_num(k));
    }
    gx_strbuf_release(&f);
}

/* The grand total: a SUM over the top rows. */
static void write_total(struct writer *w, lxw_worksheet *ws,
                        const struct rrows *rs)
{
    lxw_row_t row = (lxw_row_t)(REGION_FIRST_ROW + rs->n);
    size_t *top = gx_xcalloc(rs->n ? rs->n : 1, sizeof(*top)), ntop = 0;
    double total[1 + REGION_NSUMS] = {0};
    for (size_t i = 0; i < rs->n; i++)
        if (rs->v[i].depth == 0) {
            top[ntop++] = i;
            for (size_t k = 0; k <= REGION_NSUMS; k++) total[k] += rs->v[i].v[k];
        }
    struct gx_strbuf f = GX_STRBUF_INIT;
    xw_text(w, ws, row, 0, "合计", w->header);
    for (size_t k = 0; k <= REGION_NSUMS; k++) {
        lxw_col_t col = (lxw_col_t)(REGION_COUNT_COL + k);
        gx_strbuf_reset(&f);
        if (!ntop) {
            xw_value(w, ws, row, col, 0, value_num(k), -1);
            continue;
        }
        sum_formula(&f, top, ntop, col);
        put_formula(w, ws, row, col, f.buf, total[k], value_num(k));
    }
    gx_strbuf_release(&f);
    free(top);
}

static void write_header(struct writer *w, lxw_worksheet *ws,
                         const struct rrows *rs)
{
    const char *keys[REGION_NCOLS], *labels[REGION_NCOLS];
    double widths[REGION_NCOLS];
    keys[0] = "region", labels[0] = "地区", widths[0] = 24;
    keys[1] = "path", labels[1] = "全称", widths[1] = 28;
    keys[2] = "reports", labels[2] = "报告数", widths[2] = 7;
    for (size_t i = 0; i < REGION_NSUMS; i++) {
        size_t c = REGION_FIRST_SUM_COL + i;
        int last = i == GX_SUM_DISCLOSURE_RATE;
        keys[c] = last ? "findings" : gx_summary_columns[i].key;
        labels[c] = last ? "问题数" : gx_summary_columns[i].label;
        widths[c] = 9;
        double total = 0;
        for (size_t p = 0; p < rs->n; p++) {
            double v = rs->v[p].v[1 + i];
            if (rs->v[p].depth == 0) total += v;
            if (xw_num_width(v, value_num(1 + i)) > widths[c])
                widths[c] = xw_num_width(v, value_num(1 + i));
        }
        if (xw_num_width(total, value_num(1 + i)) > widths[c])
            widths[c] = xw_num_width(total, value_num(1 + i));
    }
    xw_write_keys(w, ws, 0, keys, REGION_NCOLS);
    xw_row(w, ws, REGION_HEADER_ROW, 30, 0);
    xw_write_headers(w, ws, REGION_HEADER_ROW, labels, widths, REGION_NCOLS);
}

void xw_write_regions(struct writer *w)
{
    lxw_worksheet *ws = xw_add_sheet(w, "地区合计");
    if (!ws) return;
    struct rtree t = {0};
    struct rrows rs = {0};
    tree_build(&t, w);
    for (size_t k = 0; k != NONE && k < t.n; k = t.v[k].next) lay_out(&rs, &t, k, 0);
    fill_values(&rs, w);
    write_header(w, ws, &rs);
    for (size_t i = 0; i < rs.n; i++) write_row(w, ws, i, &rs.v[i]);
    write_total(w, ws, &rs);
    lxw_row_t total = (lxw_row_t)(REGION_FIRST_ROW + rs.n);
    xw_finish(w, ws, REGION_HEADER_ROW, total, REGION_NCOLS - 1, 1, 1);
    rows_release(&rs);
    tree_release(&t);
}
