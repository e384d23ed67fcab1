/* xlsx_table.c - the table sheets (表二, 表三, 表四): a row per report, a
 * column per template cell, every cell a finding involves filled with its
 * kind's colour and commented (a check that could not be made: its own
 * cell only). */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xlsx.h"
#include "xlsx_int.h"

#define DASH_TEXT "—"

/* Sheet names of the known tables; any other table is named by its key. */
static const struct { const char *key, *sheet, *name; } table_names[] = {
    {"art20", "表二 主动公开", "表二"},
    {"apps", "表三 依申请", "表三"},
    {"review", "表四 复议诉讼", "表四"},
};

/* ---- the column set of a table ------------------------------------- */

static int has_column(const struct xw_table *t, const char *row,
                      const char *col)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (!strcmp(t->cols[i].row, row) && !strcmp(t->cols[i].col, col))
            return 1;
    return 0;
}

static void add_row_columns(struct xw_table *t, const struct gx_trow *tr)
{
    for (size_t c = 0; c < tr->ncols; c++) {
        if (has_column(t, tr->key, tr->cols[c].key)) continue;
        GX_GROW(t->cols, t->ncols + 1, t->cap);
        t->cols[t->ncols++] = (struct xw_column){
            tr->key, tr->cols[c].key, tr->label, tr->cols[c].label};
    }
}

/* Every (row, col) of every variant, in template order.  A row key that
 * recurs in another variant (art20.regulations in 2021 and 2019) adds its
 * new cols next to the first ones, so each row key is one run of columns
 * under one merged label.  Templates are small: quadratic is fine here. */
static void columns_build(struct xw_table *xt, const struct gx_table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(t->rows[j].key, t->rows[i].key);
        if (seen) continue;
        for (size_t k = i; k < t->nrows; k++)
            if (!strcmp(t->rows[k].key, t->rows[i].key))
                add_row_columns(xt, &t->rows[k]);
    }
}

static int key_cmp(const void *pa, const void *pb)
{
    const struct xw_key *a = pa, *b = pb;
    int c = strcmp(a->row, b->row);
    return c ? c : strcmp(a->col, b->col);
}

static void index_build(struct xw_table *t)
{
    t->by_key = gx_xcalloc(t->ncols ? t->ncols : 1, sizeof(*t->by_key));
    for (size_t i = 0; i < t->ncols; i++)
        t->by_key[i] = (struct xw_key){t->cols[i].row, t->cols[i].col, i};
    qsort(t->by_key, t->ncols, sizeof(*t->by_key), key_cmp);
}

long xw_table_column(const struct xw_table *t, const char *row,
                     const char *col)
{
    if (!row || !col) return -1;
    struct xw_key k = {row, col, 0};
    const struct xw_key *hit =
        bsearch(&k, t->by_key, t->ncols, sizeof(k), key_cmp);
    return hit ? (long)hit->column : -1;
}

/* The column of each numbered cell, so a report's facts are placed
 * without comparing key strings (a run's reports share one numbering). */
static void number_columns(struct xw_table *t, const struct gx_cellkeys *cells)
{
    t->cells = cells;
    if (!cells) return;
    t->column_of = gx_xcalloc(cells->n ? cells->n : 1, sizeof(*t->column_of));
    for (size_t i = 0; i < cells->n; i++) {
        const struct gx_cellkey *k = &cells->keys[i];
        t->column_of[i] = strcmp(k->table, t->t->key)
                              ? -1
                              : xw_table_column(t, k->row, k->col);
    }
}

/* The column of fact f of r on this table's sheet, or -1. */
static long fact_column(const struct xw_table *t, const struct gx_report *r,
                        const struct gx_fact *f)
{
    if (t->column_of && r->cells == t->cells)
        return f->cell < t->cells->n ? t->column_of[f->cell] : -1;
    const struct gx_cellkey *k = gx_fact_key(r, f);
    return strcmp(k->table, t->t->key) ? -1
                                       : xw_table_column(t, k->row, k->col);
}

void xw_tables_init(struct writer *w)
{
    w->ntables = w->tpl->ntables;
    w->tables = gx_xcalloc(w->ntables ? w->ntables : 1, sizeof(*w->tables));
    for (size_t i = 0; i < w->ntables; i++) {
        struct xw_table *t = &w->tables[i];
        t->t = &w->tpl->tables[i];
        t->sheet = t->name = t->t->key;
        for (size_t k = 0; k < GX_ARRAY_LEN(table_names); k++)
            if (!strcmp(table_names[k].key, t->t->key)) {
                t->sheet = table_names[k].sheet;
                t->name = table_names[k].name;
            }
        columns_build(t, t->t);
        index_build(t);
        number_columns(t, w->tpl->cells);
    }
}

void xw_tables_release(struct writer *w)
{
    for (size_t i = 0; i < w->ntables; i++) {
        free(w->tables[i].cols);
        free(w->tables[i].by_key);
        free(w->tables[i].column_of);
    }
    free(w->tables);
    w->tables = NULL;
    w->ntables = 0;
}

const struct xw_table *xw_table_of(const struct writer *w, const char *key)
{
    for (size_t i = 0; key && i < w->ntables; i++)
        if (!strcmp(w->tables[i].t->key, key)) return &w->tables[i];
    return NULL;
}

/* ---- the cells a finding involves ----------------------------------- */

/* each_cell's walk: a cell's column on the sheet, each counted once. */
struct cell_walk {
    const struct xw_table *t;
    const struct gx_finding *f;
    long target;                 /* the marked cell's column, or -1 */
    void (*fn)(size_t, const struct gx_finding *, void *);
    void *ctx;
    size_t found;
};

static void walk_cell(const char *row, const char *col, void *ctx)
{
    struct cell_walk *w = ctx;
    long c = xw_table_column(w->t, row, col);
    if (c >= 0 && c != w->target) {
        w->fn((size_t)c, w->f, w->ctx);
        w->found++;
    }
}

/* Calls fn on the column of each cell a finding of r involves and of its
 * marked cell; returns how many it found on the sheet. */
static size_t each_cell(const struct xw_table *t, const struct gx_report *r,
                        const struct gx_finding *f,
                        void (*fn)(size_t, const struct gx_finding *, void *),
                        void *ctx)
{
    struct cell_walk w = {t, f, xw_table_column(t, f->row, f->col), fn, ctx,
                          0};
    if (w.target >= 0) {
        fn((size_t)w.target, f, ctx);
        w.found++;
    }
    gx_finding_each_cell(r, f, walk_cell, &w);
    return w.found;
}

static void first_cell(size_t column, const struct gx_finding *f, void *ctx)
{
    long *first = ctx;
    if (*first < 0) *first = (long)column;
}

/* The column a finding is shown at (its marked cell, else the first cell
 * it involves), or -1 when none is on the sheet. */
static long finding_column(const struct xw_table *t, const struct gx_report *r,
                           const struct gx_finding *f)
{
    long first = -1;
    each_cell(t, r, f, first_cell, &first);
    return first;
}

static void summary_cell(const struct writer *w, size_t pos,
                         struct xw_cell *at)
{
    *at = (struct xw_cell){xw_summary_sheet, xw_summary_sheet,
                           (lxw_row_t)(XW_SUMMARY_FIRST_ROW + pos),
                           XW_SUMMARY_STATUS_COL};
}

void xw_finding_cell(const struct writer *w, size_t pos,
                     const struct gx_finding *f, struct xw_cell *at)
{
    const struct xw_table *t = xw_table_of(w, f->table);
    if (!t) {
        summary_cell(w, pos, at);
        return;
    }
    long first = finding_column(t, w->reports[w->order[pos]], f);
    *at = (struct xw_cell){
        t->sheet, t->name, (lxw_row_t)(GX_XLSX_FIRST_DATA_ROW + pos),
        first >= 0 ? (lxw_col_t)(XW_NFIELDS + first) : XW_FILE_COL};
}

void xw_cell_of(const struct writer *w, size_t pos, const char *table,
                const char *row, const char *col, struct xw_cell *at)
{
    const struct xw_table *t = xw_table_of(w, table);
    if (!t) {
        summary_cell(w, pos, at);
        return;
    }
    long c = xw_table_column(t, row, col);
    *at = (struct xw_cell){
        t->sheet, t->name, (lxw_row_t)(GX_XLSX_FIRST_DATA_ROW + pos),
        c >= 0 ? (lxw_col_t)(XW_NFIELDS + c) : XW_FILE_COL};
}

/* ---- marks: what one row's cells are filled with and say ------------ */

struct mark {
    int kind;                       /* worst finding kind, or -1 */
    const struct gx_finding *last;  /* so a finding is said once per cell */
    struct gx_strbuf text;
};

static void mark_add(struct mark *m, const struct gx_finding *f)
{
    if (m->last == f) return;
    m->last = f;
    m->kind = gx_finding_kind_worse(m->kind, (int)f->kind);
    xw_add_finding_line(&m->text, f);
}

static void mark_column(size_t column, const struct gx_finding *f, void *ctx)
{
    mark_add(&((struct mark *)ctx)[column], f);
}

/* A reason of gairx's own (a doubt, a unit) that no finding has said. */
static void mark_note(struct mark *m, const char *note, int doubt)
{
    if (!note || !*note || strstr(m->text.buf, note)) return;
    if (m->text.len) gx_strbuf_addch(&m->text, '\n');
    gx_strbuf_adds(&m->text, note);
    if (doubt) m->kind = gx_finding_kind_worse(m->kind, GX_FIND_DOUBT);
}

static const struct gx_table_read *table_read_of(const struct gx_report *r,
                                                 const char *key)
{
    for (int i = 0; i < GX_TABLES; i++)
        if (r->tables[i].table && !strcmp(r->tables[i].table, key))
            return &r->tables[i];
    return NULL;
}

/* The marks of one report's row: marks[ncols] is its file cell. */
static void mark_row(const struct xw_table *t, const struct gx_report *r,
                     struct mark *marks)
{
    for (size_t i = 0; i < r->nfindings; i++) {
        const struct gx_finding *f = &r->findings[i];
        if (!f->table || strcmp(f->table, t->t->key)) continue;
        if (f->kind == GX_FIND_UNASSESSED) {
            /* A check that could not be made is shown at its own cell
             * only, whose comment names the blank cells: on reports that
             * leave many cells blank, marking every cell involved turned
             * whole rows grey, and their comments were most of a large
             * workbook's (libxlsxwriter holds each until the end). */
            long c = finding_column(t, r, f);
            mark_add(&marks[c >= 0 ? (size_t)c : t->ncols], f);
        }
        else if (!each_cell(t, r, f, mark_column, marks))
            mark_add(&marks[t->ncols], f);
    }
    const struct gx_table_read *tr = table_read_of(r, t->t->key);
    mark_note(&marks[t->ncols], !tr || !tr->found ? "未找到此表" : tr->doubt,
              1);
}

/* ---- writing ---------------------------------------------------------- */

static size_t run_length(const struct xw_table *t, size_t i)
{
    size_t n = 1;
    while (i + n < t->ncols && !strcmp(t->cols[i + n].row, t->cols[i].row)) n++;
    return n;
}

static enum xw_num column_num(const struct xw_column *c)
{
    return !strcmp(c->col, "amount") ? XW_AMOUNT : XW_COUNT;
}

/* The three header rows, each whole before the next: a constant-memory
 * workbook cannot go back to a row once a later one is started. */
static void write_header(struct writer *w, lxw_worksheet *ws,
                         const struct xw_table *t)
{
    xw_row(w, ws, GX_XLSX_KEY_ROW, LXW_DEF_ROW_HEIGHT, 1);
    for (lxw_col_t c = 0; c < XW_NFIELDS; c++)
        xw_text(w, ws, GX_XLSX_KEY_ROW, c, xw_fields[c].key, NULL);
    for (size_t i = 0; i < t->ncols; i++) {
        struct gx_strbuf key = GX_STRBUF_INIT;
        gx_strbuf_adds(&key, t->t->key);
        gx_strbuf_addch(&key, '.');
        gx_strbuf_adds(&key, t->cols[i].row);
        gx_strbuf_addch(&key, '.');
        gx_strbuf_adds(&key, t->cols[i].col);
        xw_text(w, ws, GX_XLSX_KEY_ROW, (lxw_col_t)(XW_NFIELDS + i), key.buf,
                NULL);
        gx_strbuf_release(&key);
    }
    xw_row(w, ws, GX_XLSX_ROW_LABEL_ROW, 45, 0);
    xw_label(w, ws, GX_XLSX_ROW_LABEL_ROW, 0, XW_NFIELDS - 1, "报告");
    for (size_t i = 0; i < t->ncols; i += run_length(t, i))
        xw_label(w, ws, GX_XLSX_ROW_LABEL_ROW, (lxw_col_t)(XW_NFIELDS + i),
                 (lxw_col_t)(XW_NFIELDS + i + run_length(t, i) - 1),
                 t->cols[i].row_label);
    xw_row(w, ws, GX_XLSX_COL_LABEL_ROW, 45, 0);
    xw_field_headers(w, ws, GX_XLSX_COL_LABEL_ROW);
    for (size_t i = 0; i < t->ncols; i++)
        xw_text(w, ws, GX_XLSX_COL_LABEL_ROW, (lxw_col_t)(XW_NFIELDS + i),
                t->cols[i].col_label, w->header);
}

/* Value columns 10 wide, wider where a number needs it; one call per run
 * of equal widths (ranges set twice would overlap in the file). */
static void set_widths(struct writer *w, lxw_worksheet *ws,
                       const double *widths, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && widths[j] == widths[i]) j++;
        xw_width(w, ws, (lxw_col_t)(XW_NFIELDS + i),
                 (lxw_col_t)(XW_NFIELDS + j - 1), widths[i], NULL);
        i = j;
    }
}

/* A cell as the report had it: a number, a dash or word, or nothing (a
 * blank is written only when it must carry a fill). */
static void write_cell(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, const struct gx_report *r,
                       const struct gx_fact *f,
                       enum xw_num num, struct mark *m, double *width,
                       const char *was)
{
    lxw_format *(*look)(struct writer *, enum xw_num, int) =
        was ? xw_format_changed : xw_format;
    if (f) {
        mark_note(m, gx_fact_doubt(r, f), 1);
        if (gx_fact_unit(r, f)[0]) {
            struct gx_strbuf unit = GX_STRBUF_INIT;
            gx_strbuf_adds(&unit, "单位：");
            gx_strbuf_adds(&unit, gx_fact_unit(r, f));
            mark_note(m, unit.buf, 0);
            gx_strbuf_release(&unit);
        }
    }
    if (f && f->state == GX_CELL_NUMBER) {
        double v = gx_fact_value(r, f);
        double need = xw_num_width(v, num == XW_COUNT &&
                                   v != (double)(long long)v
                                   ? XW_DECIMAL : num);
        if (need > *width) *width = need;
        if (num == XW_COUNT && v != (double)(long long)v)
            num = XW_DECIMAL;
        xw_number(w, ws, row, col, v, look(w, num, m->kind));
    }
    else if (f && f->state == GX_CELL_DASH)
        xw_text(w, ws, row, col,
                gx_fact_text(r, f)[0] ? gx_fact_text(r, f) : DASH_TEXT,
                look(w, XW_DASH, m->kind));
    else
        xw_blank(w, ws, row, col, look(w, XW_TEXT, m->kind));
    if (was) {
        if (m->text.len) gx_strbuf_addch(&m->text, '\n');
        gx_strbuf_adds(&m->text, GX_CHANGE_WAS);
        gx_strbuf_adds(&m->text, was);
    }
    xw_comment(w, ws, row, col, m->text.buf);
}

/* One report's row; `marks` and `cells` have room for ncols + 1 and
 * ncols, cleared by the caller.  Facts are placed through the index, so
 * the row costs O(cells), not O(cells x facts). */
/* The baseline's value of each changed cell of r on this sheet. */
static void changed_cells(const struct writer *w, const struct xw_table *t,
                          const struct gx_report *r, const char **was)
{
    size_t n;
    const struct gx_change *c = gx_changes_of(w->changes, r, &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c[i].table, t->t->key)) continue;
        long col = xw_table_column(t, c[i].row, c[i].col);
        if (col >= 0) was[col] = c[i].old;
    }
}

static void write_row(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                      const struct xw_table *t, const struct gx_report *r,
                      struct mark *marks, const struct gx_fact **cells,
                      double *widths, const char **was)
{
    changed_cells(w, t, r, was);
    for (size_t i = 0; i < r->nfacts; i++) {
        long c = fact_column(t, r, &r->facts[i]);
        if (c >= 0) cells[c] = &r->facts[i];
    }
    for (size_t i = 0; i <= t->ncols; i++) marks[i].kind = -1;
    mark_row(t, r, marks);
    struct mark *file = &marks[t->ncols];
    xw_put_fields(w, ws, row, r, xw_format(w, XW_TEXT, file->kind));
    xw_comment(w, ws, row, XW_FILE_COL, file->text.buf);
    for (size_t i = 0; i < t->ncols; i++)
        write_cell(w, ws, row, (lxw_col_t)(XW_NFIELDS + i), r, cells[i],
                   column_num(&t->cols[i]), &marks[i], &widths[i], was[i]);
}

static void write_table_sheet(struct writer *w, const struct xw_table *t)
{
    lxw_worksheet *ws = xw_add_sheet(w, t->sheet);
    if (!ws) return;
    struct mark *marks = gx_xcalloc(t->ncols + 1, sizeof(*marks));
    const struct gx_fact **cells = gx_xcalloc(t->ncols + 1, sizeof(*cells));
    const char **was = gx_xcalloc(t->ncols + 1, sizeof(*was));
    double *widths = gx_xcalloc(t->ncols + 1, sizeof(*widths));
    for (size_t k = 0; k < t->ncols; k++) widths[k] = 10;
    for (size_t k = 0; k <= t->ncols; k++) gx_strbuf_init(&marks[k].text);
    write_header(w, ws, t);
    for (size_t i = 0; i < w->nrows; i++) {
        for (size_t k = 0; k <= t->ncols; k++) {
            gx_strbuf_reset(&marks[k].text);
            marks[k].last = NULL;
            cells[k] = NULL;
            was[k] = NULL;
        }
        write_row(w, ws, (lxw_row_t)(GX_XLSX_FIRST_DATA_ROW + i), t,
                  w->reports[w->order[i]], marks, cells, widths, was);
    }
    set_widths(w, ws, widths, t->ncols);
    free(widths);
    for (size_t k = 0; k <= t->ncols; k++) gx_strbuf_release(&marks[k].text);
    free(marks);
    free(cells);
    free(was);
    /* 表三's 175 columns cannot be read on one page: about 20 a page. */
    xw_finish(w, ws, GX_XLSX_COL_LABEL_ROW,
              (lxw_row_t)(GX_XLSX_FIRST_DATA_ROW + w->nrows - 1),
              (lxw_col_t)(XW_NFIELDS + t->ncols - 1), XW_NFIELDS,
              t->ncols <= 40 ? 1 : (unsigned)(t->ncols + 19) / 20);
    if (!w->err)
        xw_keep_error(w, worksheet_repeat_rows(ws, GX_XLSX_ROW_LABEL_ROW,
                                               GX_XLSX_COL_LABEL_ROW));
}

void xw_write_table_sheets(struct writer *w)
{
    for (size_t i = 0; i < w->ntables; i++) write_table_sheet(w, &w->tables[i]);
}
