/* xlsx_changes.c - the 变更 sheet (--baseline): a title with the counts,
 * then a row per report new since the baseline, per report moved or
 * gone, and per changed cell (上次 → 本次, linked to the cell, which the
 * table sheet marks).  Rows in the order of the other sheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xlsx_int.h"

enum {
    CH_KEY_ROW = 2, CH_HEADER_ROW = 3, CH_FIRST_ROW = 4,
    CH_WHAT_COL = 0, CH_FILE_COL = 4, CH_CELL_COL = 5, CH_ITEM_COL = 6,
    CH_OLD_COL = 7, CH_NOW_COL = 8, CH_NOTE_COL = 9, CH_NCOLS = 10
};

static const char *const ch_keys[CH_NCOLS] = {
    "change", "region", "agency", "year", "file", "location", "item", "old",
    "new", "note"};
static const char *const ch_labels[CH_NCOLS] = {
    "变更", "地区", "机构", "年度", "文件", "位置", "项目", "上次", "本次",
    "说明"};
static const double ch_widths[CH_NCOLS] = {10, 16, 24, 6, 30, 12, 36, 10, 10,
                                           40};

struct sheet {
    struct writer *w;
    lxw_worksheet *ws;
    lxw_row_t row;
    size_t nlinks;
};

static void put_report(struct sheet *s, const char *what,
                       const struct gx_report *r)
{
    xw_text(s->w, s->ws, s->row, CH_WHAT_COL, what, NULL);
    xw_text(s->w, s->ws, s->row, 1, r->region, NULL);
    xw_text(s->w, s->ws, s->row, 2, r->agency, NULL);
    if (r->year) xw_number(s->w, s->ws, s->row, 3, r->year, NULL);
    xw_text(s->w, s->ws, s->row, CH_FILE_COL, r->relpath, NULL);
}

/* A number stays a number, so a column of 上次 can be summed. */
static void put_value(struct sheet *s, lxw_col_t col, const char *v)
{
    char *end;
    double d = strtod(v, &end);
    if (*v && !*end && end != v)
        xw_number(s->w, s->ws, s->row, col, d, NULL);
    else
        xw_text(s->w, s->ws, s->row, col, v, NULL);
}

/* "表三 本年新收 / 自然人" from the table sheet's labels. */
static void put_item(struct sheet *s, const struct gx_change *c,
                     size_t pos)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    const struct xw_table *t = xw_table_of(s->w, c->table);
    long col = t ? xw_table_column(t, c->row, c->col) : -1;
    if (col >= 0) {
        gx_strbuf_adds(&sb, t->name);
        gx_strbuf_addch(&sb, ' ');
        gx_strbuf_adds(&sb, t->cols[col].row_label);
        gx_strbuf_adds(&sb, " / ");
        gx_strbuf_adds(&sb, t->cols[col].col_label);
    } else {
        gx_strbuf_adds(&sb, c->table);
        gx_strbuf_addch(&sb, '.');
        gx_strbuf_adds(&sb, c->row);
        gx_strbuf_addch(&sb, '.');
        gx_strbuf_adds(&sb, c->col);
    }
    xw_text(s->w, s->ws, s->row, CH_ITEM_COL, sb.buf, NULL);
    gx_strbuf_release(&sb);
    struct xw_cell at;
    xw_cell_of(s->w, pos, c->table, c->row, c->col, &at);
    xw_link(s->w, s->ws, s->row, CH_CELL_COL, &at, &s->nlinks);
}

static void put_report_rows(struct sheet *s, size_t pos)
{
    const struct writer *w = s->w;
    const struct gx_report *r = w->reports[w->order[pos]];
    const char *from = gx_changes_moved_from(w->changes, r);
    if (gx_changes_is_added(w->changes, r)) {
        put_report(s, "新增报告", r);
        xw_text(s->w, s->ws, s->row++, CH_NOTE_COL, "上次没有此报告", NULL);
    } else if (from) {
        put_report(s, "文件改名", r);
        xw_text(s->w, s->ws, s->row, CH_OLD_COL, from, NULL);
        xw_text(s->w, s->ws, s->row++, CH_NOTE_COL,
                "按机构、年度和地区与上次的文件对应", NULL);
    }
    size_t n;
    const struct gx_change *c = gx_changes_of(w->changes, r, &n);
    for (size_t i = 0; i < n; i++, s->row++) {
        put_report(s, "数值变更", r);
        put_item(s, &c[i], pos);
        put_value(s, CH_OLD_COL, c[i].old);
        put_value(s, CH_NOW_COL, c[i].now);
    }
}

static void put_gone(struct sheet *s, const struct gx_gone *g)
{
    xw_text(s->w, s->ws, s->row, CH_WHAT_COL, "报告消失", NULL);
    xw_text(s->w, s->ws, s->row, 1, g->region, NULL);
    xw_text(s->w, s->ws, s->row, 2, g->agency, NULL);
    if (g->year) xw_number(s->w, s->ws, s->row, 3, g->year, NULL);
    xw_text(s->w, s->ws, s->row, CH_FILE_COL, g->file, NULL);
    xw_text(s->w, s->ws, s->row++, CH_NOTE_COL,
            g->unread ? "本次未能读出（见文件清单）" : "本次输入中没有此文件",
            NULL);
}

static void put_title(struct sheet *s)
{
    const struct gx_changes *c = s->w->changes;
    char buf[256];
    struct gx_strbuf sb = GX_STRBUF_INIT;
    xw_text(s->w, s->ws, 0, 0, "与上次相比的变更", s->w->title);
    gx_strbuf_adds(&sb, "上次：");
    gx_strbuf_adds(&sb, s->w->baseline ? s->w->baseline : "（未注明）");
    snprintf(buf, sizeof(buf),
             "；对上报告 %zu 份，新增 %zu 份，消失 %zu 份，改名 %zu 份，"
             "变更数值 %zu 个（全部批次）",
             c->matched, c->nadded, c->batch_gone, c->nmoved, c->n);
    gx_strbuf_adds(&sb, buf);
    xw_text(s->w, s->ws, 1, 0, sb.buf, NULL);
    gx_strbuf_release(&sb);
}

void xw_write_changes(struct writer *w)
{
    if (!w->changes) return;
    struct sheet s = {w, xw_add_sheet(w, "变更"), CH_FIRST_ROW, 0};
    if (!s.ws) return;
    put_title(&s);
    xw_write_keys(w, s.ws, CH_KEY_ROW, ch_keys, CH_NCOLS);
    xw_write_headers(w, s.ws, CH_HEADER_ROW, ch_labels, ch_widths, CH_NCOLS);
    for (size_t i = 0; i < w->nrows; i++) put_report_rows(&s, i);
    /* A split workbook's view lists the gone reports of its division. */
    for (size_t i = 0; i < w->changes->ngone; i++)
        put_gone(&s, &w->changes->gone[i]);
    xw_finish(w, s.ws, CH_HEADER_ROW, s.row - 1, CH_NCOLS - 1, 1, 1);
}
