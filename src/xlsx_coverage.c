/* xlsx_coverage.c - 覆盖: a row per agency, a column per year, ✓ where
 * the agency has a report for that year; an empty year cell is filled
 * (提示's colour) so that a body that filed nothing stands out, and 缺报
 * lists those years. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xlsx_int.h"

enum { COVER_HEADER_ROW = 1, COVER_FIRST_ROW = 2, COVER_FIRST_YEAR_COL = 2 };

static const char *const mark = "✓";

static void write_header(struct writer *w, lxw_worksheet *ws,
                         const struct gx_coverage *c)
{
    size_t n = COVER_FIRST_YEAR_COL + c->nyears + 2;
    const char **keys = gx_xcalloc(n, sizeof(*keys));
    const char **labels = gx_xcalloc(n, sizeof(*labels));
    double *widths = gx_xcalloc(n, sizeof(*widths));
    char (*years)[2][16] = gx_xcalloc(c->nyears ? c->nyears : 1,
                                      sizeof(*years));
    keys[0] = "region", labels[0] = "地区", widths[0] = 24;
    keys[1] = "agency", labels[1] = "机构", widths[1] = 30;
    for (size_t i = 0; i < c->nyears; i++) {
        snprintf(years[i][0], sizeof(years[i][0]), "y%d", c->years[i]);
        snprintf(years[i][1], sizeof(years[i][1]), "%d", c->years[i]);
        keys[COVER_FIRST_YEAR_COL + i] = years[i][0];
        labels[COVER_FIRST_YEAR_COL + i] = years[i][1];
        widths[COVER_FIRST_YEAR_COL + i] = 7;
    }
    keys[n - 2] = "files", labels[n - 2] = "文件数", widths[n - 2] = 7;
    keys[n - 1] = "missing", labels[n - 1] = "缺报年度", widths[n - 1] = 30;
    xw_write_keys(w, ws, 0, keys, n);
    xw_write_headers(w, ws, COVER_HEADER_ROW, labels, widths, n);
    free(years);
    free(widths);
    free(labels);
    free(keys);
}

static void write_row(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                      const struct gx_coverage *c,
                      const struct gx_coverage_row *cr)
{
    struct gx_strbuf missing = GX_STRBUF_INIT;
    unsigned files = 0;
    char buf[64];
    xw_text(w, ws, row, 0, cr->region ? cr->region : "未识别地区", NULL);
    xw_text(w, ws, row, 1, cr->agency, NULL);
    for (size_t i = 0; i < c->nyears; i++) {
        lxw_col_t col = (lxw_col_t)(COVER_FIRST_YEAR_COL + i);
        files += cr->files[i];
        if (cr->files[i]) {
            xw_text(w, ws, row, col, mark, xw_format(w, XW_DASH, -1));
        } else {
            xw_blank(w, ws, row, col, xw_format(w, XW_TEXT, GX_FIND_WARNING));
            snprintf(buf, sizeof(buf), "%s%d", missing.len ? "、" : "",
                     c->years[i]);
            gx_strbuf_adds(&missing, buf);
        }
        if (cr->files[i] > 1) {
            snprintf(buf, sizeof(buf), "本年度有 %u 个文件", cr->files[i]);
            xw_comment(w, ws, row, col, buf);
        }
    }
    lxw_col_t after = (lxw_col_t)(COVER_FIRST_YEAR_COL + c->nyears);
    xw_number(w, ws, row, after, files, NULL);
    xw_text(w, ws, row, after + 1, missing.buf, NULL);
    gx_strbuf_release(&missing);
}

void xw_write_coverage(struct writer *w)
{
    lxw_worksheet *ws = xw_add_sheet(w, "覆盖");
    if (!ws) return;
    struct gx_coverage c;
    gx_coverage_build(w->reports, w->nreports, &c);
    write_header(w, ws, &c);
    for (size_t i = 0; i < c.nrows; i++)
        write_row(w, ws, (lxw_row_t)(COVER_FIRST_ROW + i), &c, &c.rows[i]);
    xw_finish(w, ws, COVER_HEADER_ROW,
              (lxw_row_t)(COVER_FIRST_ROW + c.nrows - 1),
              (lxw_col_t)(COVER_FIRST_YEAR_COL + c.nyears + 1), 2, 1);
    gx_coverage_release(&c);
}
