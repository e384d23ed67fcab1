/* xlsx_sheets.c - the sheets around the tables: 汇总 (a row per report),
 * 地区合计 (formulas over 汇总), 问题清单 (a row per finding, linked to
 * its cell) and 文件清单 (every input file).  Each sheet opens with a
 * hidden row of machine keys above its header. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"
#include "xlsx_int.h"

const char *const xw_summary_sheet = "汇总";

/* Beijing time, whatever the machine's zone: the same bytes everywhere. */
#define BEIJING_OFFSET (8 * 3600)

static void write_keys(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                       const char *const *keys, size_t n)
{
    xw_row(w, ws, row, LXW_DEF_ROW_HEIGHT, 1);
    for (size_t c = 0; c < n; c++)
        xw_text(w, ws, row, (lxw_col_t)c, keys[c], NULL);
}

static void write_headers(struct writer *w, lxw_worksheet *ws,
                          lxw_row_t row, const char *const *labels,
                          const double *widths, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        xw_text(w, ws, row, (lxw_col_t)c, labels[c], w->header);
        xw_width(w, ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
}

static void add_count(struct gx_strbuf *sb, const char *before, size_t n,
                      const char *after)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%zu", n);
    gx_strbuf_adds(sb, before);
    gx_strbuf_adds(sb, buf);
    gx_strbuf_adds(sb, after);
}

/* ---- 汇总 ------------------------------------------------------------ */

static void write_summary_top(struct writer *w, lxw_worksheet *ws)
{
    size_t nfind[4] = {0}, total = 0;
    for (size_t i = 0; i < w->nrows; i++) {
        const struct gx_report *r = w->reports[w->order[i]];
        for (size_t k = 0; k < r->nfindings; k++)
            if ((unsigned)r->findings[k].kind < 4) nfind[r->findings[k].kind]++;
        total += r->nfindings;
    }
    struct gx_strbuf sb = GX_STRBUF_INIT;
    xw_row(w, ws, 0, 24, 0);
    xw_text(w, ws, 0, 0, "政府信息公开工作年度报告 汇总", w->title);
    gx_strbuf_adds(&sb, "输入：");
    gx_strbuf_adds(&sb, w->input && *w->input ? w->input : "（未注明）");
    xw_text(w, ws, 1, 0, sb.buf, NULL);

    char when[64];
    time_t t = w->when + BEIJING_OFFSET;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof(when), "生成时间：%Y-%m-%d %H:%M（北京时间）", &tm);
    xw_text(w, ws, 2, 0, when, NULL);

    gx_strbuf_reset(&sb);
    add_count(&sb, "报告 ", w->nrows, " 份");
    add_count(&sb, "（输入文件 ", w->nreports, " 个，");
    add_count(&sb, "未能读取 ", w->nreports - w->nrows, " 个）；");
    add_count(&sb, "问题 ", total, " 条：");
    for (int k = 0; k < 4; k++) {
        gx_strbuf_adds(&sb, k ? "，" : "");
        gx_strbuf_adds(&sb, gx_finding_kind_name((enum gx_finding_kind)k));
        add_count(&sb, " ", nfind[k], " 条");
    }
    xw_text(w, ws, 3, 0, sb.buf, NULL);
    gx_strbuf_release(&sb);
}

static enum xw_num summary_num(enum gx_summary_kind k)
{
    return k == GX_SUMK_RATE ? XW_RATE : k == GX_SUMK_AMOUNT ? XW_AMOUNT
                                                             : XW_COUNT;
}

static void write_summary_header(struct writer *w, lxw_worksheet *ws)
{
    const char *keys[XW_SUMMARY_STATUS_COL + 1], *labels[XW_SUMMARY_STATUS_COL + 1];
    double widths[XW_SUMMARY_STATUS_COL + 1];
    for (size_t c = 0; c < XW_NFIELDS; c++) {
        keys[c] = xw_fields[c].key;
        labels[c] = xw_fields[c].label;
        widths[c] = xw_fields[c].width;
    }
    for (size_t i = 0; i < GX_SUM_NFIELDS; i++) {
        keys[XW_NFIELDS + i] = gx_summary_columns[i].key;
        labels[XW_NFIELDS + i] = gx_summary_columns[i].label;
        widths[XW_NFIELDS + i] = 9;
        enum xw_num num = summary_num(gx_summary_columns[i].kind);
        for (size_t p = 0; p < w->nrows; p++) {
            double need = xw_num_width(w->sums[p].v[i].v, num);
            if (w->sums[p].v[i].has && need > widths[XW_NFIELDS + i])
                widths[XW_NFIELDS + i] = need;
        }
    }
    keys[XW_SUMMARY_FINDINGS_COL] = "findings";
    labels[XW_SUMMARY_FINDINGS_COL] = "问题数";
    widths[XW_SUMMARY_FINDINGS_COL] = 7;
    keys[XW_SUMMARY_STATUS_COL] = "status";
    labels[XW_SUMMARY_STATUS_COL] = "状态";
    widths[XW_SUMMARY_STATUS_COL] = 8;
    write_keys(w, ws, XW_SUMMARY_KEY_ROW, keys, XW_SUMMARY_STATUS_COL + 1);
    xw_row(w, ws, XW_SUMMARY_HEADER_ROW, 30, 0);
    write_headers(w, ws, XW_SUMMARY_HEADER_ROW, labels, widths,
                  XW_SUMMARY_STATUS_COL + 1);
}

static void write_status(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                         const struct gx_report *r, const struct gx_summary *s)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    for (size_t k = 0; k < r->nfindings; k++)
        xw_add_finding_line(&sb, &r->findings[k]);
    int kind = s->worst;
    if (!sb.len && s->status == GX_SUMMARY_UNRECOGNISED) {
        gx_strbuf_adds(&sb, "有表未找到");
        kind = GX_FIND_DOUBT;
    }
    xw_text(w, ws, row, XW_SUMMARY_STATUS_COL,
            gx_summary_status_name(s->status), xw_format(w, XW_DASH, kind));
    xw_comment(w, ws, row, XW_SUMMARY_STATUS_COL, sb.buf);
    gx_strbuf_release(&sb);
}

void xw_write_summary(struct writer *w)
{
    lxw_worksheet *ws = xw_add_sheet(w, xw_summary_sheet);
    if (!ws) return;
    write_summary_top(w, ws);
    write_summary_header(w, ws);
    for (size_t i = 0; i < w->nrows; i++) {
        const struct gx_report *r = w->reports[w->order[i]];
        const struct gx_summary *s = &w->sums[i];
        lxw_row_t row = (lxw_row_t)(XW_SUMMARY_FIRST_ROW + i);
        xw_put_fields(w, ws, row, r, NULL);
        for (size_t k = 0; k < GX_SUM_NFIELDS; k++)
            if (s->v[k].has)
                xw_value(w, ws, row, (lxw_col_t)(XW_NFIELDS + k), s->v[k].v,
                         summary_num(gx_summary_columns[k].kind), -1);
        xw_number(w, ws, row, XW_SUMMARY_FINDINGS_COL, (double)s->nfindings,
                  NULL);
        write_status(w, ws, row, r, s);
    }
    xw_finish(w, ws, XW_SUMMARY_HEADER_ROW,
              (lxw_row_t)(XW_SUMMARY_FIRST_ROW + w->nrows - 1),
              XW_SUMMARY_STATUS_COL, XW_NFIELDS, 1);
}

/* ---- 地区合计 -------------------------------------------------------- */

enum {
    REGION_HEADER_ROW = 1,
    REGION_FIRST_ROW = 2,
    REGION_COUNT_COL = 1,
    REGION_FIRST_SUM_COL = 2,
    /* every total but the two rates, then 问题数 */
    REGION_NSUMS = GX_SUM_DISCLOSURE_RATE + 1
};

/* The 汇总 column summed into Regions column REGION_FIRST_SUM_COL + i. */
static lxw_col_t region_source(size_t i)
{
    return i < GX_SUM_DISCLOSURE_RATE ? (lxw_col_t)(XW_NFIELDS + i)
                                      : XW_SUMMARY_FINDINGS_COL;
}

static double summary_cell(const struct writer *w, size_t pos, size_t i)
{
    if (i == GX_SUM_DISCLOSURE_RATE) return (double)w->sums[pos].nfindings;
    return w->sums[pos].v[i].has ? w->sums[pos].v[i].v : 0;
}

static void write_region_header(struct writer *w, lxw_worksheet *ws)
{
    const char *keys[REGION_FIRST_SUM_COL + REGION_NSUMS];
    const char *labels[REGION_FIRST_SUM_COL + REGION_NSUMS];
    double widths[REGION_FIRST_SUM_COL + REGION_NSUMS];
    keys[0] = "region", labels[0] = "地区", widths[0] = 24;
    keys[1] = "reports", labels[1] = "报告数", widths[1] = 7;
    for (size_t i = 0; i < REGION_NSUMS; i++) {
        int last = i == GX_SUM_DISCLOSURE_RATE;
        keys[REGION_FIRST_SUM_COL + i] =
            last ? "findings" : gx_summary_columns[i].key;
        labels[REGION_FIRST_SUM_COL + i] =
            last ? "问题数" : gx_summary_columns[i].label;
        widths[REGION_FIRST_SUM_COL + i] = 9;
        enum xw_num num = i == GX_SUM_FEES ? XW_AMOUNT : XW_COUNT;
        double total = 0;
        for (size_t p = 0; p < w->nrows; p++) {
            double v = summary_cell(w, p, i);
            total += v;
            if (xw_num_width(v, num) > widths[REGION_FIRST_SUM_COL + i])
                widths[REGION_FIRST_SUM_COL + i] = xw_num_width(v, num);
        }
        if (xw_num_width(total, num) > widths[REGION_FIRST_SUM_COL + i])
            widths[REGION_FIRST_SUM_COL + i] = xw_num_width(total, num);
    }
    write_keys(w, ws, 0, keys, GX_ARRAY_LEN(keys));
    xw_row(w, ws, REGION_HEADER_ROW, 30, 0);
    write_headers(w, ws, REGION_HEADER_ROW, labels, widths, GX_ARRAY_LEN(keys));
}

/* One formula, its value stored too so readers that do not calculate
 * (and the tests) see the number. */
static void put_formula(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                        lxw_col_t col, const char *fn, const char *sheet,
                        lxw_col_t src, lxw_row_t first, lxw_row_t last,
                        double value, enum xw_num num)
{
    char a[16], b[16], formula[128];
    lxw_rowcol_to_cell(a, first, src);
    lxw_rowcol_to_cell(b, last, src);
    snprintf(formula, sizeof(formula), "=%s(%s%s%s:%s)", fn,
             sheet ? sheet : "", sheet ? "!" : "", a, b);
    if (num == XW_COUNT && value != (double)(long long)value) num = XW_DECIMAL;
    if (w->err) return;
    xw_keep_error(w, worksheet_write_formula_num(ws, row, col, formula,
                                                 xw_format(w, num, -1), value));
}

static void write_region(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                         size_t first, size_t last)
{
    const char *sheet = "'汇总'";
    lxw_row_t a = (lxw_row_t)(XW_SUMMARY_FIRST_ROW + first);
    lxw_row_t b = (lxw_row_t)(XW_SUMMARY_FIRST_ROW + last);
    xw_text(w, ws, row, 0, gx_summary_region(w->reports[w->order[first]]),
            NULL);
    put_formula(w, ws, row, REGION_COUNT_COL, "COUNTA", sheet, XW_FILE_COL,
                a, b, (double)(last - first + 1), XW_COUNT);
    for (size_t i = 0; i < REGION_NSUMS; i++) {
        double sum = 0;
        for (size_t p = first; p <= last; p++) sum += summary_cell(w, p, i);
        put_formula(w, ws, row, (lxw_col_t)(REGION_FIRST_SUM_COL + i), "SUM",
                    sheet, region_source(i), a, b, sum,
                    i == GX_SUM_FEES ? XW_AMOUNT : XW_COUNT);
    }
}

/* The grand total: SUMs over the region rows (whose values are 汇总's
 * sums, so the stored value is the sum over every report). */
static void write_region_total(struct writer *w, lxw_worksheet *ws,
                               lxw_row_t row, size_t nregions)
{
    xw_text(w, ws, row, 0, "合计", w->header);
    for (size_t i = 0; i <= REGION_NSUMS; i++) {
        /* i == 0: 报告数; then the sums */
        lxw_col_t c = (lxw_col_t)(REGION_COUNT_COL + i);
        double sum = 0;
        for (size_t p = 0; p < w->nrows; p++)
            sum += i ? summary_cell(w, p, i - 1) : 1;
        enum xw_num num = i && i - 1 == GX_SUM_FEES ? XW_AMOUNT : XW_COUNT;
        if (!nregions)
            xw_value(w, ws, row, c, 0, num, -1);
        else
            put_formula(w, ws, row, c, "SUM", NULL, c, REGION_FIRST_ROW,
                        (lxw_row_t)(REGION_FIRST_ROW + nregions - 1), sum,
                        num);
    }
}

static int same_region(const struct gx_report *a, const struct gx_report *b)
{
    return !strcmp(gx_summary_region(a), gx_summary_region(b));
}

/* Reports of a region are one run of 汇总's rows (gx_summary_order), so
 * each region is a SUM over a range. */
void xw_write_regions(struct writer *w)
{
    lxw_worksheet *ws = xw_add_sheet(w, "地区合计");
    if (!ws) return;
    write_region_header(w, ws);
    size_t nregions = 0;
    for (size_t first = 0; first < w->nrows;) {
        size_t last = first;
        while (last + 1 < w->nrows &&
               same_region(w->reports[w->order[first]],
                           w->reports[w->order[last + 1]]))
            last++;
        write_region(w, ws, (lxw_row_t)(REGION_FIRST_ROW + nregions++), first,
                     last);
        first = last + 1;
    }
    lxw_row_t total = (lxw_row_t)(REGION_FIRST_ROW + nregions);
    write_region_total(w, ws, total, nregions);
    xw_finish(w, ws, REGION_HEADER_ROW, total,
              REGION_FIRST_SUM_COL + REGION_NSUMS - 1, 1, 1);
}

/* ---- 问题清单 -------------------------------------------------------- */

enum {
    FIND_HEADER_ROW = 1, FIND_FIRST_ROW = 2,
    FIND_LOCATION_COL = 4, FIND_KIND_COL = 6, FIND_MESSAGE_COL = 7,
    FIND_EXPECTED_COL = 8, FIND_NCOLS = 11
};

static const char *const find_keys[FIND_NCOLS] = {
    "region", "agency", "year", "file", "location", "rule", "kind",
    "message", "expected", "found", "difference"};
static const char *const find_labels[FIND_NCOLS] = {
    "地区", "机构", "年度", "文件", "位置", "规则", "类别", "说明", "应为",
    "实为", "差额"};
static const double find_widths[FIND_NCOLS] = {
    14, 24, 6, 30, 12, 18, 9, 80, 9, 9, 9};

/* The link to the finding's cell, and "表三 K7" to show. */
static void write_location(struct writer *w, lxw_worksheet *ws,
                           lxw_row_t row, size_t pos,
                           const struct gx_finding *f, size_t *nlinks)
{
    const char *sheet;
    lxw_row_t trow;
    lxw_col_t tcol;
    char cell[16];
    xw_finding_cell(w, pos, f, &sheet, &trow, &tcol);
    lxw_rowcol_to_cell(cell, trow, tcol);
    const struct xw_table *t = xw_table_of(w, f->table);
    struct gx_strbuf url = GX_STRBUF_INIT, text = GX_STRBUF_INIT;
    gx_strbuf_adds(&url, "internal:'");
    gx_strbuf_adds(&url, sheet);
    gx_strbuf_adds(&url, "'!");
    gx_strbuf_adds(&url, cell);
    gx_strbuf_adds(&text, t ? t->name : sheet);
    gx_strbuf_addch(&text, ' ');
    gx_strbuf_adds(&text, cell);
    /* Excel holds at most 65530 links a sheet; past them, the text. */
    if (*nlinks < LXW_MAX_NUMBER_URLS && !w->err) {
        xw_keep_error(w, worksheet_write_url_opt(ws, row, FIND_LOCATION_COL,
                                                 url.buf, NULL, text.buf,
                                                 NULL));
        ++*nlinks;
    } else {
        xw_text(w, ws, row, FIND_LOCATION_COL, text.buf, NULL);
    }
    gx_strbuf_release(&url);
    gx_strbuf_release(&text);
}

static void write_finding(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                          size_t pos, const struct gx_finding *f,
                          size_t *nlinks)
{
    const struct gx_report *r = w->reports[w->order[pos]];
    xw_text(w, ws, row, 0, r->region, NULL);
    xw_text(w, ws, row, 1, r->agency, NULL);
    if (r->year) xw_number(w, ws, row, 2, r->year, NULL);
    xw_text(w, ws, row, 3, r->relpath, NULL);
    write_location(w, ws, row, pos, f, nlinks);
    xw_text(w, ws, row, 5, f->rule, NULL);
    xw_text(w, ws, row, FIND_KIND_COL, gx_finding_kind_name(f->kind),
            xw_format(w, XW_TEXT, (int)f->kind));
    xw_text(w, ws, row, FIND_MESSAGE_COL, f->message, NULL);
    if (!f->has_values) return;
    xw_value(w, ws, row, FIND_EXPECTED_COL, f->expected, XW_COUNT, -1);
    xw_value(w, ws, row, FIND_EXPECTED_COL + 1, f->found, XW_COUNT, -1);
    xw_value(w, ws, row, FIND_EXPECTED_COL + 2, f->found - f->expected,
             XW_COUNT, -1);
}

void xw_write_findings(struct writer *w)
{
    lxw_worksheet *ws = xw_add_sheet(w, "问题清单");
    if (!ws) return;
    write_keys(w, ws, 0, find_keys, FIND_NCOLS);
    write_headers(w, ws, FIND_HEADER_ROW, find_labels, find_widths, FIND_NCOLS);
    lxw_row_t row = FIND_FIRST_ROW;
    size_t nlinks = 0;
    for (size_t i = 0; i < w->nrows; i++) {
        const struct gx_report *r = w->reports[w->order[i]];
        for (size_t k = 0; k < r->nfindings; k++)
            write_finding(w, ws, row++, i, &r->findings[k], &nlinks);
    }
    xw_finish(w, ws, FIND_HEADER_ROW, row - 1, FIND_NCOLS - 1, 2, 1);
}

/* ---- 文件清单 -------------------------------------------------------- */

static const char *const file_keys[] = {
    "file", "kind", "encoding", "size", "status", "reason"};
static const char *const file_labels[] = {
    "文件", "类型", "编码", "大小（字节）", "状态", "说明"};
static const double file_widths[] = {40, 6, 10, 12, 9, 70};

static const struct gx_table_read *table_read(const struct gx_report *r,
                                              const char *key)
{
    for (int i = 0; i < GX_TABLES; i++)
        if (r->tables[i].table && !strcmp(r->tables[i].table, key))
            return &r->tables[i];
    return NULL;
}

static size_t doubtful_facts(const struct gx_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfacts; i++) n += r->facts[i].doubt != NULL;
    return n;
}

/* What became of a file, in the analysts' words. */
static const char *file_status(const struct writer *w,
                               const struct gx_report *r)
{
    switch (r->diag.status) {
    case GX_OK: break;
    case GX_ERR_NOT_REPORT: return "非年报";
    case GX_ERR_UNSUPPORTED: return "不支持";
    default: return "无法读取";
    }
    int doubt = doubtful_facts(r) > 0;
    for (size_t t = 0; t < w->ntables; t++) {
        const struct gx_table_read *tr = table_read(r, w->tables[t].t->key);
        if (!tr || !tr->found) return "部分";
        doubt |= tr->doubt != NULL;
    }
    return doubt ? "存疑" : "已解析";
}

/* 说明: why a file could not be read, or what is missing or unsure. */
static void file_reason(const struct writer *w, const struct gx_report *r,
                        struct gx_strbuf *sb)
{
    if (r->diag.status != GX_OK) {
        gx_strbuf_adds(sb, r->diag.message);
        return;
    }
    for (size_t t = 0; t < w->ntables; t++) {
        const struct gx_table_read *tr = table_read(r, w->tables[t].t->key);
        const char *note = !tr || !tr->found ? "未找到此表" : tr->doubt;
        if (!note) continue;
        if (sb->len) gx_strbuf_adds(sb, "；");
        gx_strbuf_adds(sb, w->tables[t].name);
        gx_strbuf_adds(sb, "：");
        gx_strbuf_adds(sb, note);
    }
    size_t n = doubtful_facts(r);
    if (n) add_count(sb, sb->len ? "；" : "", n, " 个单元格存疑");
}

void xw_write_files(struct writer *w)
{
    lxw_worksheet *ws = xw_add_sheet(w, "文件清单");
    if (!ws) return;
    write_keys(w, ws, 0, file_keys, GX_ARRAY_LEN(file_keys));
    write_headers(w, ws, 1, file_labels, file_widths, GX_ARRAY_LEN(file_keys));
    for (size_t i = 0; i < w->nreports; i++) {
        const struct gx_report *r = w->reports[i];
        lxw_row_t row = (lxw_row_t)(i + 2);
        struct gx_strbuf sb = GX_STRBUF_INIT;
        xw_text(w, ws, row, 0, r->relpath, NULL);
        xw_text(w, ws, row, 1, r->kind, NULL);
        xw_text(w, ws, row, 2, r->encoding, NULL);
        xw_value(w, ws, row, 3, (double)r->size, XW_COUNT, -1);
        xw_text(w, ws, row, 4, file_status(w, r), NULL);
        file_reason(w, r, &sb);
        xw_text(w, ws, row, 5, sb.buf, NULL);
        gx_strbuf_release(&sb);
    }
    xw_finish(w, ws, 1, (lxw_row_t)(w->nreports + 1),
              GX_ARRAY_LEN(file_keys) - 1, 1, 1);
}
