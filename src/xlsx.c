#include "xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "strbuf.h"
#include "utf8.h"
#include "util.h"

/* Excel holds at most this many characters in a cell or a comment; bytes
 * are never fewer than characters, so clipping bytes to it is safe. */
#define XLSX_TEXT_MAX 32767u
/* Excel's own "neutral" yellow: marks a value gairx is not sure of. */
#define DOUBT_FILL 0xFFEB9C
#define DASH_TEXT "—"

/* The report fields that open the 汇总 and table sheets, in column order;
 * keys are the facts.csv header names. */
static const struct { const char *key, *label; double width; } fields[] = {
    {"region", "地区", 24}, {"agency", "机构", 30}, {"year", "年度", 6},
    {"format", "格式", 6},  {"file", "文件", 36},
};
enum { NFIELDS = GX_ARRAY_LEN(fields), FILE_COL = NFIELDS - 1 };

/* Sheet names of the known tables; any other table is named by its key. */
static const struct { const char *key, *sheet, *name; } table_names[] = {
    {"art20", "表二 主动公开", "表二"},
    {"apps", "表三 依申请", "表三"},
    {"review", "表四 复议诉讼", "表四"},
};

/* One workbook being built.  Every libxlsxwriter call goes through a
 * helper that keeps the first error and skips the rest, so the sheet
 * builders read as a plain sequence of writes. */
struct writer {
    lxw_workbook *wb;
    lxw_format *header;
    lxw_format *doubt;
    lxw_error err;
};

/* One value column of a table sheet: a (row, col) cell of the template. */
struct column {
    const char *row, *col;
    const char *row_label, *col_label;
};

struct columns {
    struct column *v;
    size_t n, cap;
};

/* ---- text --------------------------------------------------------- */

/* Report text, file names and messages may hold bytes that are not
 * UTF-8 or control characters that XML cannot carry; Excel refuses the
 * whole file for one such byte, so they become U+FFFD.  Returns a copy
 * the caller frees. */
static char *clean_text(const char *s)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    size_t n = strlen(s), i = 0;
    while (i < n && sb.len + 4 <= XLSX_TEXT_MAX) {
        size_t len;
        uint32_t cp = gx_utf8_decode(s + i, n - i, &len);
        int bad = (cp == 0xFFFD && len == 1) ||
                  (cp < 0x20 && cp != '\t' && cp != '\n');
        if (bad)
            gx_strbuf_adds(&sb, "\xEF\xBF\xBD");
        else
            gx_strbuf_add(&sb, s + i, len);
        i += len;
    }
    return gx_strbuf_detach(&sb, NULL);
}

static void keep_error(struct writer *w, lxw_error e)
{
    if (!w->err) w->err = e;
}

/* ---- cell helpers -------------------------------------------------- */

static void put_blank(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, lxw_format *fmt)
{
    /* A blank cell without a format is no cell at all: nothing to write. */
    if (w->err || !fmt) return;
    keep_error(w, worksheet_write_blank(ws, row, col, fmt));
}

/* Writes `text`; NULL or "" leaves the cell empty. */
static void put_text(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                     lxw_col_t col, const char *text, lxw_format *fmt)
{
    if (w->err) return;
    if (!text || !*text) {
        put_blank(w, ws, row, col, fmt);
        return;
    }
    char *clean = clean_text(text);
    keep_error(w, worksheet_write_string(ws, row, col, clean, fmt));
    free(clean);
}

static void put_number(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, double value, lxw_format *fmt)
{
    if (w->err) return;
    keep_error(w, worksheet_write_number(ws, row, col, value, fmt));
}

static void put_comment(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, const char *text)
{
    if (w->err || !text || !*text) return;
    lxw_comment_options opt = {.author = "gairx", .x_scale = 2};
    char *clean = clean_text(text);
    keep_error(w, worksheet_write_comment_opt(ws, row, col, clean, &opt));
    free(clean);
}

/* A header label over columns first..last; one column cannot be merged. */
static void put_label(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t first, lxw_col_t last, const char *text)
{
    if (w->err) return;
    if (first == last) {
        put_text(w, ws, row, first, text, w->header);
        return;
    }
    char *clean = clean_text(text ? text : "");
    keep_error(w, worksheet_merge_range(ws, row, first, row, last, clean,
                                        w->header));
    free(clean);
}

static void set_width(struct writer *w, lxw_worksheet *ws, lxw_col_t first,
                      lxw_col_t last, double width)
{
    if (w->err) return;
    keep_error(w, worksheet_set_column(ws, first, last, width, NULL));
}

static void set_row(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                    double height, int hidden)
{
    if (w->err) return;
    lxw_row_col_options opt = {.hidden = hidden ? LXW_TRUE : LXW_FALSE};
    keep_error(w, worksheet_set_row_opt(ws, row, height, NULL, &opt));
}

/* Freezes the header rows (and the report fields, when `cols` > 0) and
 * puts an autofilter on the header row `hrow`. */
static void finish_sheet(struct writer *w, lxw_worksheet *ws, lxw_row_t hrow,
                         lxw_row_t last_row, lxw_col_t last_col,
                         lxw_col_t cols)
{
    if (w->err) return;
    worksheet_freeze_panes(ws, hrow + 1, cols);
    keep_error(w, worksheet_autofilter(ws, hrow, 0, last_row, last_col));
}

static lxw_worksheet *add_sheet(struct writer *w, const char *name)
{
    if (w->err) return NULL;
    /* Validating first gives the reason; add_worksheet only says NULL. */
    keep_error(w, workbook_validate_sheet_name(w->wb, name));
    if (w->err) return NULL;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws) keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

/* ---- reports ------------------------------------------------------- */

static int report_was_read(const struct gx_report *r)
{
    return r->diag.status == GX_OK;
}

static const struct gx_table_read *table_read_of(const struct gx_report *r,
                                                 const char *key)
{
    for (int i = 0; i < GX_TABLES; i++)
        if (r->tables[i].table && !strcmp(r->tables[i].table, key))
            return &r->tables[i];
    return NULL;
}

static int table_found(const struct gx_report *r, const char *key)
{
    const struct gx_table_read *tr = table_read_of(r, key);
    return tr && tr->found;
}

static const char *table_name(const char *key, int sheet)
{
    for (size_t i = 0; i < GX_ARRAY_LEN(table_names); i++)
        if (!strcmp(table_names[i].key, key))
            return sheet ? table_names[i].sheet : table_names[i].name;
    return key;
}

/* What is wrong with one table of a report, appended to `sb` ("" when
 * the table was read without doubt). */
static void add_table_note(struct gx_strbuf *sb, const struct gx_report *r,
                           const char *key, int with_name)
{
    const struct gx_table_read *tr = table_read_of(r, key);
    const char *note = !tr || !tr->found ? "未找到此表" : tr->doubt;
    if (!note) return;
    if (sb->len) gx_strbuf_adds(sb, "; ");
    if (with_name) {
        gx_strbuf_adds(sb, table_name(key, 0));
        gx_strbuf_adds(sb, ": ");
    }
    gx_strbuf_adds(sb, note);
}

static void put_fields(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                       const struct gx_report *r, lxw_format *file_fmt)
{
    put_text(w, ws, row, 0, r->region, NULL);
    put_text(w, ws, row, 1, r->agency, NULL);
    if (r->year) put_number(w, ws, row, 2, r->year, NULL);
    put_text(w, ws, row, 3, r->format, NULL);
    put_text(w, ws, row, FILE_COL, r->relpath, file_fmt);
}

static void put_field_headers(struct writer *w, lxw_worksheet *ws,
                              lxw_row_t row)
{
    for (lxw_col_t c = 0; c < NFIELDS; c++) {
        put_text(w, ws, row, c, fields[c].label, w->header);
        set_width(w, ws, c, c, fields[c].width);
    }
}

/* ---- the column set of a table ------------------------------------- */

static int has_column(const struct columns *cs, const char *row,
                      const char *col)
{
    for (size_t i = 0; i < cs->n; i++)
        if (!strcmp(cs->v[i].row, row) && !strcmp(cs->v[i].col, col))
            return 1;
    return 0;
}

static void add_row_columns(struct columns *cs, const struct gx_trow *tr)
{
    for (size_t c = 0; c < tr->ncols; c++) {
        if (has_column(cs, tr->key, tr->cols[c].key)) continue;
        GX_GROW(cs->v, cs->n + 1, cs->cap);
        cs->v[cs->n++] = (struct column){tr->key, tr->cols[c].key, tr->label,
                                         tr->cols[c].label};
    }
}

/* Every (row, col) of every variant, in template order.  A row key that
 * recurs in another variant (art20.regulations in 2021 and 2019) adds its
 * new cols next to the first ones, so each row key is one run of columns
 * under one merged label. */
static void columns_build(struct columns *cs, const struct gx_table *t)
{
    for (size_t i = 0; i < t->nrows; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(t->rows[j].key, t->rows[i].key);
        if (seen) continue;
        for (size_t k = i; k < t->nrows; k++)
            if (!strcmp(t->rows[k].key, t->rows[i].key))
                add_row_columns(cs, &t->rows[k]);
    }
}

static size_t run_length(const struct columns *cs, size_t i)
{
    size_t n = 1;
    while (i + n < cs->n && !strcmp(cs->v[i + n].row, cs->v[i].row)) n++;
    return n;
}

/* ---- table sheets -------------------------------------------------- */

static void write_table_header(struct writer *w, lxw_worksheet *ws,
                               const char *table, const struct columns *cs)
{
    set_row(w, ws, GX_XLSX_KEY_ROW, LXW_DEF_ROW_HEIGHT, 1);
    set_row(w, ws, GX_XLSX_ROW_LABEL_ROW, 30, 0);
    set_row(w, ws, GX_XLSX_COL_LABEL_ROW, 45, 0);
    for (lxw_col_t c = 0; c < NFIELDS; c++)
        put_text(w, ws, GX_XLSX_KEY_ROW, c, fields[c].key, NULL);
    put_label(w, ws, GX_XLSX_ROW_LABEL_ROW, 0, NFIELDS - 1, "报告");
    put_field_headers(w, ws, GX_XLSX_COL_LABEL_ROW);
    for (size_t i = 0; i < cs->n; i += run_length(cs, i))
        put_label(w, ws, GX_XLSX_ROW_LABEL_ROW, (lxw_col_t)(NFIELDS + i),
                  (lxw_col_t)(NFIELDS + i + run_length(cs, i) - 1),
                  cs->v[i].row_label);
    for (size_t i = 0; i < cs->n; i++) {
        lxw_col_t c = (lxw_col_t)(NFIELDS + i);
        char key[256];
        snprintf(key, sizeof(key), "%s.%s.%s", table, cs->v[i].row,
                 cs->v[i].col);
        put_text(w, ws, GX_XLSX_KEY_ROW, c, key, NULL);
        put_text(w, ws, GX_XLSX_COL_LABEL_ROW, c, cs->v[i].col_label,
                 w->header);
    }
    if (cs->n)
        set_width(w, ws, NFIELDS, (lxw_col_t)(NFIELDS + cs->n - 1), 11);
}

/* The comment of a cell: the doubt, and a unit printed in the cell, which
 * the number alone does not carry (采购总金额 in 元 or 万元). */
static void put_fact_comment(struct writer *w, lxw_worksheet *ws,
                             lxw_row_t row, lxw_col_t col,
                             const struct gx_fact *f)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    if (f->doubt) gx_strbuf_adds(&sb, f->doubt);
    if (f->unit[0]) {
        if (sb.len) gx_strbuf_adds(&sb, "; ");
        gx_strbuf_adds(&sb, "单位：");
        gx_strbuf_adds(&sb, f->unit);
    }
    put_comment(w, ws, row, col, sb.buf);
    gx_strbuf_release(&sb);
}

/* A cell as the report had it: a number, a dash or word, or nothing. */
static void put_fact(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                     lxw_col_t col, const struct gx_fact *f)
{
    if (!f) return;
    lxw_format *fmt = f->doubt ? w->doubt : NULL;
    switch (f->state) {
    case GX_CELL_NUMBER:
        put_number(w, ws, row, col, f->value, fmt);
        break;
    case GX_CELL_DASH:
        put_text(w, ws, row, col, f->text[0] ? f->text : DASH_TEXT, fmt);
        break;
    case GX_CELL_BLANK:
        put_blank(w, ws, row, col, fmt);
        break;
    }
    put_fact_comment(w, ws, row, col, f);
}

static void write_table_row(struct writer *w, lxw_worksheet *ws,
                            lxw_row_t row, const char *table,
                            const struct columns *cs,
                            const struct gx_report *r)
{
    struct gx_strbuf note = GX_STRBUF_INIT;
    add_table_note(&note, r, table, 0);
    put_fields(w, ws, row, r, note.len ? w->doubt : NULL);
    put_comment(w, ws, row, FILE_COL, note.buf);
    gx_strbuf_release(&note);
    for (size_t i = 0; i < cs->n; i++)
        put_fact(w, ws, row, (lxw_col_t)(NFIELDS + i),
                 gx_report_find(r, table, cs->v[i].row, cs->v[i].col));
}

static void write_table_sheet(struct writer *w, const struct gx_table *t,
                              struct gx_report *const *reports, size_t n)
{
    struct columns cs = {0};
    columns_build(&cs, t);
    lxw_worksheet *ws = add_sheet(w, table_name(t->key, 1));
    if (ws) {
        lxw_row_t row = GX_XLSX_FIRST_DATA_ROW;
        write_table_header(w, ws, t->key, &cs);
        for (size_t i = 0; i < n; i++)
            if (report_was_read(reports[i]))
                write_table_row(w, ws, row++, t->key, &cs, reports[i]);
        finish_sheet(w, ws, GX_XLSX_COL_LABEL_ROW, row - 1,
                     (lxw_col_t)(NFIELDS + cs.n - 1), NFIELDS);
    }
    free(cs.v);
}

/* ---- 汇总 and 文件 ------------------------------------------------- */

static int report_has_doubt(const struct gx_report *r)
{
    for (size_t i = 0; i < r->nfacts; i++)
        if (r->facts[i].doubt) return 1;
    for (int t = 0; t < GX_TABLES; t++)
        if (r->tables[t].doubt) return 1;
    return 0;
}

static const char *summary_status(const struct gx_templates *tpl,
                                  const struct gx_report *r)
{
    for (size_t t = 0; t < tpl->ntables; t++)
        if (!table_found(r, tpl->tables[t].key)) return "未识别";
    return report_has_doubt(r) ? "存疑" : "正常";
}

static void write_summary_sheet(struct writer *w,
                                const struct gx_templates *tpl,
                                struct gx_report *const *reports, size_t n)
{
    lxw_worksheet *ws = add_sheet(w, "汇总");
    if (!ws) return;
    lxw_row_t row = 1;
    put_field_headers(w, ws, 0);
    put_text(w, ws, 0, NFIELDS, "状态", w->header);
    for (size_t i = 0; i < n; i++) {
        if (!report_was_read(reports[i])) continue;
        put_fields(w, ws, row, reports[i], NULL);
        put_text(w, ws, row++, NFIELDS, summary_status(tpl, reports[i]),
                 NULL);
    }
    finish_sheet(w, ws, 0, row - 1, NFIELDS, 0);
}

/* 说明 of a file: why it could not be read, or what is wrong with its
 * tables. */
static void put_file_note(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                          const struct gx_templates *tpl,
                          const struct gx_report *r)
{
    if (!report_was_read(r)) {
        put_text(w, ws, row, 3, r->diag.message, NULL);
        return;
    }
    struct gx_strbuf sb = GX_STRBUF_INIT;
    for (size_t t = 0; t < tpl->ntables; t++)
        add_table_note(&sb, r, tpl->tables[t].key, 1);
    put_text(w, ws, row, 3, sb.buf, NULL);
    gx_strbuf_release(&sb);
}

static void write_files_sheet(struct writer *w,
                              const struct gx_templates *tpl,
                              struct gx_report *const *reports, size_t n)
{
    static const char *const labels[] = {"文件", "类型", "状态", "说明"};
    static const double widths[] = {36, 6, 12, 60};
    lxw_worksheet *ws = add_sheet(w, "文件");
    if (!ws) return;
    for (lxw_col_t c = 0; c < GX_ARRAY_LEN(labels); c++) {
        put_text(w, ws, 0, c, labels[c], w->header);
        set_width(w, ws, c, c, widths[c]);
    }
    for (size_t i = 0; i < n; i++) {
        const struct gx_report *r = reports[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        put_text(w, ws, row, 0, r->relpath, NULL);
        put_text(w, ws, row, 1, r->kind, NULL);
        put_text(w, ws, row, 2,
                 report_was_read(r) ? "已读取" : gx_status_name(r->diag.status),
                 NULL);
        put_file_note(w, ws, row, tpl, r);
    }
    finish_sheet(w, ws, 0, (lxw_row_t)n, GX_ARRAY_LEN(labels) - 1, 0);
}

/* ---- the workbook -------------------------------------------------- */

/* SOURCE_DATE_EPOCH (reproducible-builds.org) when set and valid, so the
 * same input gives the same bytes; else now. */
static time_t created_time(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!errno && !*end && v > 0) return (time_t)v;
    }
    return time(NULL);
}

static void add_formats(struct writer *w)
{
    w->header = workbook_add_format(w->wb);
    w->doubt = workbook_add_format(w->wb);
    if (!w->header || !w->doubt) {
        keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_bold(w->header);
    format_set_text_wrap(w->header);
    format_set_align(w->header, LXW_ALIGN_CENTER);
    format_set_align(w->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(w->header, LXW_BORDER_THIN);
    format_set_bg_color(w->doubt, DOUBT_FILL);
}

static void set_properties(struct writer *w, const char *input)
{
    struct gx_strbuf title = GX_STRBUF_INIT;
    gx_strbuf_adds(&title, "政府信息公开工作年度报告 表格数据");
    if (input && *input) {
        gx_strbuf_adds(&title, "：");
        gx_strbuf_adds(&title, input);
    }
    char *clean = clean_text(title.buf);
    lxw_doc_properties props = {.title = clean, .author = "gairx",
                                .created = created_time()};
    if (!w->err) keep_error(w, workbook_set_properties(w->wb, &props));
    free(clean);
    gx_strbuf_release(&title);
}

static void build(struct writer *w, const struct gx_templates *tpl,
                  struct gx_report *const *reports, size_t n,
                  const char *input)
{
    add_formats(w);
    set_properties(w, input);
    write_summary_sheet(w, tpl, reports, n);
    for (size_t t = 0; t < tpl->ntables; t++)
        write_table_sheet(w, &tpl->tables[t], reports, n);
    write_files_sheet(w, tpl, reports, n);
}

/* lxw_strerror's sentence in our message shape: lower case, no full
 * stop.  A file that cannot be created says why in errno instead. */
static enum gx_status io_error(struct gx_diag *d, const char *path,
                               lxw_error e, int err_no)
{
    char reason[256];
    if (e == LXW_ERROR_CREATING_XLSX_FILE && err_no)
        snprintf(reason, sizeof(reason), "%s", strerror(err_no));
    else
        snprintf(reason, sizeof(reason), "%s", lxw_strerror(e));
    size_t len = strlen(reason);
    if (len && reason[len - 1] == '.') reason[len - 1] = '\0';
    if (reason[0] >= 'A' && reason[0] <= 'Z') reason[0] += 'a' - 'A';
    return gx_diag_set(d, GX_ERR_IO, "cannot write %s: %s", path, reason);
}

enum gx_status gx_xlsx_write(const char *path, const struct gx_templates *tpl,
                             struct gx_report *const *reports, size_t nreports,
                             const char *input, struct gx_diag *d)
{
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE};
    struct writer w = {0};
    w.wb = workbook_new_opt(path, &opt);
    if (!w.wb)
        return io_error(d, path, LXW_ERROR_MEMORY_MALLOC_FAILED, 0);
    build(&w, tpl, reports, nreports, input);
    if (w.err) {
        /* Discard instead of closing: closing would write a half-built
         * workbook over whatever `path` held before. */
        lxw_workbook_free(w.wb);
        return io_error(d, path, w.err, 0);
    }
    errno = 0;
    lxw_error e = workbook_close(w.wb);
    int err_no = errno;
    if (e) {
        /* Past creating the file, a failure leaves a broken zip behind;
         * before it, `path` is someone else's file and is left alone. */
        if (e != LXW_ERROR_CREATING_XLSX_FILE) remove(path);
        return io_error(d, path, e, err_no);
    }
    d->status = GX_OK;
    d->message[0] = '\0';
    return GX_OK;
}
