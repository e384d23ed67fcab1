#include "xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guard.h"
#include "utf8.h"
#include "util.h"
#include "xlsx_int.h"

#ifndef GX_VERSION
#define GX_VERSION "0"
#endif

/* Excel holds at most this many characters in a cell or a comment; bytes
 * are never fewer than characters, so clipping bytes to it is safe. */
#define XLSX_TEXT_MAX 32767u
/* Zip entries cannot be dated before 1980; the document time never is. */
#define EARLIEST_TIME 315532800

const struct xw_field xw_fields[XW_NFIELDS] = {
    {"region", "地区", 20}, {"agency", "机构", 26}, {"year", "年度", 6},
    {"format", "格式", 6},  {"file", "文件", 30},
};

/* One fill per finding kind, in enum gx_finding_kind order: 差错 red,
 * 提示 orange, 存疑 yellow (Excel's own "bad" and "neutral"), 无法核对
 * grey. */
static const lxw_color_t kind_fill[XW_NFILLS - 1] = {
    0xFFC7CE, 0xFCD5B4, 0xFFEB9C, 0xE0E0E0};

/* A changed cell: Excel's light blue, framed in dark blue so that the
 * mark shows on a finding's fill too. */
#define CHANGED_FILL 0xBDD7EE
#define CHANGED_BORDER 0x1F4E79

static const char *const num_format[XW_NNUMS] = {
    [XW_TEXT] = NULL, [XW_COUNT] = "#,##0", [XW_AMOUNT] = "#,##0.00##",
    [XW_DECIMAL] = "#,##0.0#########", [XW_RATE] = "0.0%", [XW_DASH] = NULL};

/* ---- cells --------------------------------------------------------- */

/* Report text, file names and messages may hold bytes that are not
 * UTF-8 or control characters that XML cannot carry; Excel refuses the
 * whole file for one such byte, so they become U+FFFD. */
char *xw_clean(const char *s)
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

void xw_keep_error(struct writer *w, lxw_error e)
{
    if (!w->err) w->err = e;
}

/* The fill slot of a finding kind: 0 for none (kind < 0). */
static int fill_of(int kind)
{
    return kind < 0 || kind >= XW_NFILLS - 1 ? 0 : kind + 1;
}

/* A new format for numbers of kind `num`; NULL (error kept) when
 * libxlsxwriter cannot make one. */
static lxw_format *new_number_format(struct writer *w, enum xw_num num)
{
    lxw_format *f = workbook_add_format(w->wb);
    if (!f) {
        xw_keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    if (num_format[num]) format_set_num_format(f, num_format[num]);
    if (num == XW_DASH) format_set_align(f, LXW_ALIGN_CENTER);
    return f;
}

lxw_format *xw_format(struct writer *w, enum xw_num num, int kind)
{
    int fill = fill_of(kind);
    if (num == XW_TEXT && !fill) return NULL;
    lxw_format **f = &w->fmt[num][fill];
    if (!*f && (*f = new_number_format(w, num)) && fill)
        format_set_bg_color(*f, kind_fill[fill - 1]);
    return *f;
}

lxw_format *xw_format_changed(struct writer *w, enum xw_num num, int kind)
{
    int fill = fill_of(kind);
    lxw_format **f = &w->changed[num][fill];
    if (!*f && (*f = new_number_format(w, num))) {
        format_set_bg_color(*f, fill ? kind_fill[fill - 1] : CHANGED_FILL);
        format_set_border(*f, LXW_BORDER_MEDIUM);
        format_set_border_color(*f, CHANGED_BORDER);
    }
    return *f;
}

void xw_blank(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
              lxw_col_t col, lxw_format *fmt)
{
    /* A blank cell without a format is no cell at all: nothing to write. */
    if (w->err || !fmt) return;
    xw_keep_error(w, worksheet_write_blank(ws, row, col, fmt));
}

/* NULL or "" leaves the cell empty. */
void xw_text(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
             lxw_col_t col, const char *text, lxw_format *fmt)
{
    if (w->err) return;
    if (!text || !*text) {
        xw_blank(w, ws, row, col, fmt);
        return;
    }
    char *clean = xw_clean(text);
    xw_keep_error(w, worksheet_write_string(ws, row, col, clean, fmt));
    free(clean);
}

void xw_number(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
               lxw_col_t col, double value, lxw_format *fmt)
{
    if (w->err) return;
    xw_keep_error(w, worksheet_write_number(ws, row, col, value, fmt));
}

void xw_value(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
              lxw_col_t col, double value, enum xw_num num, int kind)
{
    /* #,##0 would show 2.5 as 3: a count that is not whole shows all. */
    if (num == XW_COUNT && fabs(value - round(value)) > 1e-9) num = XW_DECIMAL;
    xw_number(w, ws, row, col, value, xw_format(w, num, kind));
}

double xw_num_width(double value, enum xw_num num)
{
    char buf[400];
    snprintf(buf, sizeof(buf), "%.0f", fabs(value));
    double digits = (double)strlen(buf);
    double width = digits + (digits - 1) / 3 + (value < 0);
    if (num == XW_AMOUNT) width += 5;       /* .00## */
    if (num == XW_DECIMAL) width += 11;
    if (num == XW_RATE) width = digits + 4; /* 100.0% */
    return width + 2;
}

void xw_comment(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                lxw_col_t col, const char *text)
{
    if (w->err || !text || !*text) return;
    /* The author is the sheet's (xw_add_sheet): given here, libxlsxwriter
     * would keep a copy of it with every comment until the end. */
    lxw_comment_options opt = {.x_scale = 2.5, .y_scale = 2};
    char *clean = xw_clean(text);
    xw_keep_error(w, worksheet_write_comment_opt(ws, row, col, clean, &opt));
    free(clean);
}

/* A header label over columns first..last; one column cannot be merged.
 * A merge writes all its cells at once, so in constant-memory mode it
 * must lie in the row being written: these are one-row merges, made
 * while their row is the current one (they need no center-across). */
void xw_label(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
              lxw_col_t first, lxw_col_t last, const char *text)
{
    if (w->err) return;
    if (first == last) {
        xw_text(w, ws, row, first, text, w->header);
        return;
    }
    char *clean = xw_clean(text ? text : "");
    xw_keep_error(w, worksheet_merge_range(ws, row, first, row, last, clean,
                                           w->header));
    free(clean);
}

void xw_width(struct writer *w, lxw_worksheet *ws, lxw_col_t first,
              lxw_col_t last, double width, lxw_format *fmt)
{
    if (w->err) return;
    xw_keep_error(w, worksheet_set_column(ws, first, last, width, fmt));
}

void xw_row(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
            double height, int hidden)
{
    if (w->err) return;
    lxw_row_col_options opt = {.hidden = hidden ? LXW_TRUE : LXW_FALSE};
    xw_keep_error(w, worksheet_set_row_opt(ws, row, height, NULL, &opt));
}

void xw_finish(struct writer *w, lxw_worksheet *ws, lxw_row_t hrow,
               lxw_row_t last_row, lxw_col_t last_col, lxw_col_t cols,
               unsigned pages_wide)
{
    if (w->err) return;
    worksheet_freeze_panes(ws, hrow + 1, cols);
    if (last_row < hrow) last_row = hrow;
    xw_keep_error(w, worksheet_autofilter(ws, hrow, 0, last_row, last_col));
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);     /* A4 */
    worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
    worksheet_fit_to_pages(ws, (uint16_t)pages_wide, 0);
    if (!w->err) xw_keep_error(w, worksheet_repeat_rows(ws, hrow, hrow));
    if (pages_wide > 1 && cols > 1 && !w->err)
        xw_keep_error(w, worksheet_repeat_columns(ws, 1, 1));
}

lxw_worksheet *xw_add_sheet(struct writer *w, const char *name)
{
    if (w->err) return NULL;
    /* Validating first gives the reason; add_worksheet only says NULL. */
    xw_keep_error(w, workbook_validate_sheet_name(w->wb, name));
    if (w->err) return NULL;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws) xw_keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else worksheet_set_comments_author(ws, "gairx");
    return ws;
}

void xw_put_fields(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
               const struct gx_report *r, lxw_format *file_fmt)
{
    xw_text(w, ws, row, 0, r->region, NULL);
    xw_text(w, ws, row, 1, r->agency, NULL);
    if (r->year) xw_number(w, ws, row, 2, r->year, NULL);
    xw_text(w, ws, row, 3, r->format, NULL);
    xw_text(w, ws, row, XW_FILE_COL, r->relpath, file_fmt);
}

void xw_field_headers(struct writer *w, lxw_worksheet *ws, lxw_row_t row)
{
    for (lxw_col_t c = 0; c < XW_NFIELDS; c++) {
        xw_text(w, ws, row, c, xw_fields[c].label, w->header);
        xw_width(w, ws, c, c, xw_fields[c].width, NULL);
    }
}

void xw_add_finding_line(struct gx_strbuf *sb, const struct gx_finding *f)
{
    if (sb->len) gx_strbuf_addch(sb, '\n');
    gx_strbuf_adds(sb, "【");
    gx_strbuf_adds(sb, gx_finding_kind_name(f->kind));
    gx_strbuf_adds(sb, "】");
    gx_strbuf_adds(sb, f->message);
}

/* ---- the workbook -------------------------------------------------- */

/* SOURCE_DATE_EPOCH (reproducible-builds.org) when set and valid, else
 * the newest input's modification time: never the clock, so the same
 * inputs give the same bytes. */
static time_t document_time(struct gx_report *const *reports, size_t n)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    long long t = 0;
    int from_env = 0;
    if (s && *s) {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (!errno && !*end && v > 0) t = v, from_env = 1;
    }
    for (size_t i = 0; !from_env && i < n; i++)
        if (reports[i]->mtime > t) t = reports[i]->mtime;
    return (time_t)(t < EARLIEST_TIME ? EARLIEST_TIME : t);
}

static void add_formats(struct writer *w)
{
    w->header = workbook_add_format(w->wb);
    w->title = workbook_add_format(w->wb);
    w->wrap = workbook_add_format(w->wb);
    if (!w->header || !w->title || !w->wrap) {
        xw_keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_bold(w->header);
    format_set_text_wrap(w->header);
    format_set_align(w->header, LXW_ALIGN_CENTER);
    format_set_align(w->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(w->header, LXW_BORDER_THIN);
    format_set_bg_color(w->header, 0xDDEBF7);
    format_set_bold(w->title);
    format_set_font_size(w->title, 14);
    format_set_text_wrap(w->wrap);
    format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);
}

static void set_properties(struct writer *w)
{
    struct gx_strbuf title = GX_STRBUF_INIT;
    gx_strbuf_adds(&title, "政府信息公开工作年度报告 表格数据");
    if (w->input && *w->input) {
        gx_strbuf_adds(&title, "：");
        gx_strbuf_adds(&title, w->input);
    }
    char *clean = xw_clean(title.buf);
    lxw_doc_properties props = {
        .title = clean,
        .subject = "表二 主动公开、表三 依申请、表四 复议诉讼：汇总与核对",
        .author = "gairx",
        .keywords = "政府信息公开, 年度报告, gairx",
        .comments = "由 gairx " GX_VERSION " 生成",
        .created = w->when};
    if (!w->err) xw_keep_error(w, workbook_set_properties(w->wb, &props));
    if (!w->err)
        xw_keep_error(w, workbook_set_custom_property_string(
                             w->wb, "Generator", "gairx " GX_VERSION));
    free(clean);
    gx_strbuf_release(&title);
}

static int cmp_pos(const void *pa, const void *pb)
{
    uintptr_t a = (uintptr_t)((const struct xw_pos *)pa)->r;
    uintptr_t b = (uintptr_t)((const struct xw_pos *)pb)->r;
    return (a > b) - (a < b);
}

long xw_report_pos(const struct writer *w, const struct gx_report *r)
{
    struct xw_pos key = {r, 0};
    const struct xw_pos *hit = w->pos ? bsearch(&key, w->pos, w->nrows,
                                                sizeof(key), cmp_pos)
                                      : NULL;
    return hit ? (long)hit->pos : -1;
}

static void index_positions(struct writer *w)
{
    w->pos = gx_xcalloc(w->nrows ? w->nrows : 1, sizeof(*w->pos));
    for (size_t i = 0; i < w->nrows; i++)
        w->pos[i] = (struct xw_pos){w->reports[w->order[i]], i};
    qsort(w->pos, w->nrows, sizeof(*w->pos), cmp_pos);
}

static void build(struct writer *w)
{
    w->order = gx_xcalloc(w->nreports ? w->nreports : 1, sizeof(*w->order));
    w->nrows = gx_summary_order(w->reports, w->nreports, w->order);
    index_positions(w);
    w->sums = gx_xcalloc(w->nrows ? w->nrows : 1, sizeof(*w->sums));
    struct gx_summary_cells sc;   /* every report of a run numbers cells alike */
    gx_summary_cells_init(&sc, w->nrows ? w->reports[w->order[0]]->cells : NULL);
    for (size_t i = 0; i < w->nrows; i++)
        gx_summary_fill_cells(&w->sums[i], w->reports[w->order[i]], &sc);
    xw_tables_init(w);
    add_formats(w);
    set_properties(w);
    xw_write_summary(w);
    xw_write_regions(w);
    xw_write_table_sheets(w);
    xw_write_findings(w);
    xw_write_coverage(w);
    xw_write_files(w);
    xw_write_charts(w);
    xw_write_changes(w);
}

static void writer_release(struct writer *w)
{
    xw_tables_release(w);
    free(w->order);
    free(w->sums);
    free(w->pos);
}

/* Our message shape for a libxlsxwriter error or an errno: lower case,
 * no full stop. */
static enum gx_status io_error(struct gx_diag *d, const char *path,
                               lxw_error e, int err_no)
{
    char reason[256];
    if (err_no)
        return gx_diag_errno(d, GX_ERR_IO, err_no, "cannot write %s", path);
    snprintf(reason, sizeof(reason), "%s", lxw_strerror(e));
    size_t len = strlen(reason);
    if (len && reason[len - 1] == '.') reason[len - 1] = '\0';
    if (reason[0] >= 'A' && reason[0] <= 'Z') reason[0] += 'a' - 'A';
    return gx_diag_set(d, GX_ERR_IO, "cannot write %s: %s", path, reason);
}

/* The temporary file the workbook is built in, beside `path`; NULL with
 * errno set when it cannot be made. */
static char *make_temp(const char *path)
{
    char *tmp;
    int fd = gx_guard_temp_beside(path, &tmp);
    if (fd < 0) return NULL;
    if (close(fd) != 0) {   /* libxlsxwriter opens it again by name */
        int e = errno;
        remove(tmp);
        gx_guard_clear();
        free(tmp);
        errno = e;
        return NULL;
    }
    return tmp;
}

/* The bytes on disk before the rename, so that a crash cannot leave an
 * empty file where the old one was. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

/* Builds and closes the workbook into `tmp`; GX_OK or d filled. */
static enum gx_status write_temp(const char *tmp, const char *path,
                                 struct writer *w, struct gx_diag *d)
{
    /* Constant memory: each sheet row goes to a temporary file once a
     * later row is started, so the cells of a workbook of any size are
     * never all held.  The price: every sheet is written top to bottom
     * (a row cannot be gone back to; libxlsxwriter reports an index out
     * of range), strings are inline, not shared, and a merge must lie in
     * the row being written.  Comments and links are still kept until
     * the close.  The temporary files go to $TMPDIR (else /tmp), unlinked
     * as soon as made, like the ones libxlsxwriter uses without it. */
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    w->wb = workbook_new_opt(tmp, &opt);
    if (!w->wb) return io_error(d, path, LXW_ERROR_MEMORY_MALLOC_FAILED, 0);
    build(w);
    if (w->err) {
        lxw_workbook_free(w->wb);
        return io_error(d, path, w->err, 0);
    }
    errno = 0;
    lxw_error e = workbook_close(w->wb);
    int err_no = errno;
    if (e)
        return io_error(d, path, e,
                        e == LXW_ERROR_CREATING_XLSX_FILE ? err_no : 0);
    if (sync_file(tmp) != 0) return io_error(d, path, 0, errno);
    return GX_OK;
}

enum gx_status gx_xlsx_write(const char *path, const struct gx_templates *tpl,
                             struct gx_report *const *reports, size_t nreports,
                             const char *input, struct gx_diag *d)
{
    struct gx_xlsx_opts opts = {.input = input};
    return gx_xlsx_write_opts(path, tpl, reports, nreports, &opts, d);
}

enum gx_status gx_xlsx_write_opts(const char *path,
                                  const struct gx_templates *tpl,
                                  struct gx_report *const *reports,
                                  size_t nreports,
                                  const struct gx_xlsx_opts *opts,
                                  struct gx_diag *d)
{
    struct writer w = {.tpl = tpl, .reports = reports, .nreports = nreports,
                       .input = opts->input, .regions = opts->regions,
                       .xrefs = opts->xrefs, .changes = opts->changes,
                       .baseline = opts->baseline,
                       .when = document_time(reports, nreports)};
    char *tmp = make_temp(path);
    if (!tmp) return io_error(d, path, 0, errno);
    enum gx_status st = write_temp(tmp, path, &w, d);
    writer_release(&w);
    if (st == GX_OK && rename(tmp, path) != 0)
        st = io_error(d, path, 0, errno);
    if (st != GX_OK) remove(tmp);
    gx_guard_clear();
    free(tmp);
    if (st == GX_OK) {
        d->status = GX_OK;
        d->message[0] = '\0';
    }
    return st;
}
