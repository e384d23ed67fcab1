/* xlsx_sheets.c - the sheets around the tables: 汇总 (a row per report),
 * 问题清单 (a row per finding, linked to its cell and to the other
 * report's) and 文件清单 (every input file).  Each sheet opens with a
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

void xw_write_keys(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                   const char *const *keys, size_t n)
{
    xw_row(w, ws, row, LXW_DEF_ROW_HEIGHT, 1);
    for (size_t c = 0; c < n; c++)
        xw_text(w, ws, row, (lxw_col_t)c, keys[c], NULL);
}

void xw_write_headers(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                      const char *const *labels, const double *widths,
                      size_t n)
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
            double need = xw_num_width(w->sums[p].v[i], num);
            if (gx_summary_has(&w->sums[p], (int)i) &&
                need > widths[XW_NFIELDS + i])
                widths[XW_NFIELDS + i] = need;
        }
    }
    keys[XW_SUMMARY_FINDINGS_COL] = "findings";
    labels[XW_SUMMARY_FINDINGS_COL] = "问题数";
    widths[XW_SUMMARY_FINDINGS_COL] = 7;
    keys[XW_SUMMARY_STATUS_COL] = "status";
    labels[XW_SUMMARY_STATUS_COL] = "状态";
    widths[XW_SUMMARY_STATUS_COL] = 8;
    xw_write_keys(w, ws, XW_SUMMARY_KEY_ROW, keys, XW_SUMMARY_STATUS_COL + 1);
    xw_row(w, ws, XW_SUMMARY_HEADER_ROW, 30, 0);
    xw_write_headers(w, ws, XW_SUMMARY_HEADER_ROW, labels, widths,
                  XW_SUMMARY_STATUS_COL + 1);
}

static void write_status(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                         const struct gx_report *r, const struct gx_summary *s)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    size_t unassessed = 0;
    for (size_t k = 0; k < r->nfindings; k++) {
        if (r->findings[k].kind == GX_FIND_UNASSESSED) unassessed++;
        else xw_add_finding_line(&sb, &r->findings[k]);
    }
    /* Counted, not listed: a report that leaves many cells blank has
     * dozens, each in 问题清单 and at its cell. */
    if (unassessed) {
        if (sb.len) gx_strbuf_addch(&sb, '\n');
        gx_strbuf_adds(&sb, "【");
        gx_strbuf_adds(&sb, gx_finding_kind_name(GX_FIND_UNASSESSED));
        add_count(&sb, "】", unassessed,
                  " 项核对因单元格空白或横线未能进行，见问题清单");
    }
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
            if (gx_summary_has(s, (int)k))
                xw_value(w, ws, row, (lxw_col_t)(XW_NFIELDS + k), s->v[k],
                         summary_num(gx_summary_columns[k].kind), -1);
        xw_number(w, ws, row, XW_SUMMARY_FINDINGS_COL, (double)s->nfindings,
                  NULL);
        write_status(w, ws, row, r, s);
    }
    xw_finish(w, ws, XW_SUMMARY_HEADER_ROW,
              (lxw_row_t)(XW_SUMMARY_FIRST_ROW + w->nrows - 1),
              XW_SUMMARY_STATUS_COL, XW_NFIELDS, 1);
}

/* ---- 问题清单 -------------------------------------------------------- */

enum {
    FIND_HEADER_ROW = 1, FIND_FIRST_ROW = 2,
    FIND_LOCATION_COL = 4, FIND_KIND_COL = 6, FIND_MESSAGE_COL = 7,
    FIND_EXPECTED_COL = 8, FIND_OTHER_COL = 11, FIND_NCOLS = 13
};

static const char *const find_keys[FIND_NCOLS] = {
    "region", "agency", "year", "file", "location", "rule", "kind",
    "message", "expected", "found", "difference", "other_file",
    "other_location"};
static const char *const find_labels[FIND_NCOLS] = {
    "地区", "机构", "年度", "文件", "位置", "规则", "类别", "说明", "应为",
    "实为", "差额", "对照文件", "对照位置"};
static const double find_widths[FIND_NCOLS] = {
    14, 24, 6, 30, 12, 18, 9, 80, 9, 9, 9, 30, 12};

void xw_link(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                       lxw_col_t col, const struct xw_cell *to,
                       size_t *nlinks)
{
    char cell[16];
    lxw_rowcol_to_cell(cell, to->row, to->col);
    struct gx_strbuf url = GX_STRBUF_INIT, text = GX_STRBUF_INIT;
    gx_strbuf_adds(&url, "internal:'");
    gx_strbuf_adds(&url, to->sheet);
    gx_strbuf_adds(&url, "'!");
    gx_strbuf_adds(&url, cell);
    gx_strbuf_adds(&text, to->name);
    gx_strbuf_addch(&text, ' ');
    gx_strbuf_adds(&text, cell);
    /* Excel holds at most 65530 links a sheet; past them, the text. */
    if (*nlinks < LXW_MAX_NUMBER_URLS && !w->err) {
        xw_keep_error(w, worksheet_write_url_opt(ws, row, col, url.buf, NULL,
                                                 text.buf, NULL));
        ++*nlinks;
    } else {
        xw_text(w, ws, row, col, text.buf, NULL);
    }
    gx_strbuf_release(&url);
    gx_strbuf_release(&text);
}

/* The other report of a finding about two: its file, and a link to its
 * cell when it is a row of this workbook. */
static void write_other(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                        const struct gx_report *r, size_t k, size_t *nlinks)
{
    const struct gx_xref *x = gx_xrefs_find(w->xrefs, r, k);
    if (!x) return;
    xw_text(w, ws, row, FIND_OTHER_COL, x->other->relpath, NULL);
    long pos = xw_report_pos(w, x->other);
    if (pos < 0) return;
    struct xw_cell to;
    xw_cell_of(w, (size_t)pos, x->table, x->row, x->col, &to);
    xw_link(w, ws, row, FIND_OTHER_COL + 1, &to, nlinks);
}

static void write_finding(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                          size_t pos, size_t k, size_t *nlinks)
{
    const struct gx_report *r = w->reports[w->order[pos]];
    const struct gx_finding *f = &r->findings[k];
    struct xw_cell at;
    xw_text(w, ws, row, 0, r->region, NULL);
    xw_text(w, ws, row, 1, r->agency, NULL);
    if (r->year) xw_number(w, ws, row, 2, r->year, NULL);
    xw_text(w, ws, row, 3, r->relpath, NULL);
    xw_finding_cell(w, pos, f, &at);
    xw_link(w, ws, row, FIND_LOCATION_COL, &at, nlinks);
    xw_text(w, ws, row, 5, f->rule, NULL);
    xw_text(w, ws, row, FIND_KIND_COL, gx_finding_kind_name(f->kind),
            xw_format(w, XW_TEXT, (int)f->kind));
    xw_text(w, ws, row, FIND_MESSAGE_COL, f->message, NULL);
    write_other(w, ws, row, r, k, nlinks);
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
    xw_write_keys(w, ws, 0, find_keys, FIND_NCOLS);
    xw_write_headers(w, ws, FIND_HEADER_ROW, find_labels, find_widths, FIND_NCOLS);
    lxw_row_t row = FIND_FIRST_ROW;
    size_t nlinks = 0;
    for (size_t i = 0; i < w->nrows; i++) {
        const struct gx_report *r = w->reports[w->order[i]];
        for (size_t k = 0; k < r->nfindings; k++)
            write_finding(w, ws, row++, i, k, &nlinks);
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
    for (size_t i = 0; i < r->nfacts; i++) n += (r->facts[i].flags & GX_FACT_DOUBTED) != 0;
    return n;
}

/* What became of a file, in the analysts' words. */
static const char *file_status(const struct writer *w,
                               const struct gx_report *r)
{
    switch (r->status) {
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
    if (r->status != GX_OK) {
        gx_strbuf_adds(sb, r->reason);
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
    xw_write_keys(w, ws, 0, file_keys, GX_ARRAY_LEN(file_keys));
    xw_write_headers(w, ws, 1, file_labels, file_widths, GX_ARRAY_LEN(file_keys));
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
