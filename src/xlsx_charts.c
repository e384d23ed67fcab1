/* xlsx_charts.c - the 图表 sheet: pictures for the analysts instead of
 * rows.  Its left part is the charts' data, a table per region and one per
 * year (charts need cell ranges); the charts sit to the right:
 *   各地区本年新收, 各地区实质公开率  bars, regions by 本年新收, most first
 *   各地区办理结果构成               100% stacked columns of the six results
 *   历年本年新收, 历年实质公开率     lines, when the batch spans years
 * 实质公开率 is summary.h's, (予以公开 + 部分公开) / 办结总计, pooled over
 * the reports that have all three; a total sums the reports that have it
 * (a blank is never 0). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xlsx_int.h"

static const char sheet_name[] = "图表";

/* The data columns. */
enum {
    COL_NAME, COL_REPORTS, COL_NEW, COL_FIRST_RESULT,
    COL_TOTAL = COL_FIRST_RESULT + 6, COL_RATE, NCOLS,
    COL_CHARTS = NCOLS + 1          /* charts start right of the data */
};
/* The six results, in the order of the mix. */
static const enum gx_summary_field results[6] = {
    GX_SUM_GRANTED, GX_SUM_PARTIAL, GX_SUM_DENIED, GX_SUM_UNABLE,
    GX_SUM_REJECTED, GX_SUM_OTHER};
static const char *const result_names[6] = {
    "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"};
/* Bars beyond this many regions could not be read: the table lists every
 * region, the bar charts the first of them. */
#define MAX_CHART_REGIONS 40
#define ROW_PX 20.0
#define CHART_PX 288.0

/* A region's or a year's sums. */
struct agg {
    const char *name;
    int year;
    size_t reports;
    double v[GX_SUM_NFIELDS];
    int has[GX_SUM_NFIELDS];
    double rate_num, rate_den;
};

static void agg_add(struct agg *a, const struct gx_summary *s)
{
    a->reports++;
    for (int k = 0; k < GX_SUM_NFIELDS; k++)
        if (gx_summary_has(s, k)) {
            a->v[k] += s->v[k];
            a->has[k] = 1;
        }
    if (gx_summary_has(s, GX_SUM_GRANTED) && gx_summary_has(s, GX_SUM_PARTIAL) &&
        gx_summary_has(s, GX_SUM_TOTAL) && s->v[GX_SUM_TOTAL] > 0) {
        a->rate_num += s->v[GX_SUM_GRANTED] + s->v[GX_SUM_PARTIAL];
        a->rate_den += s->v[GX_SUM_TOTAL];
    }
}

static int cmp_new(const void *pa, const void *pb)
{
    const struct agg *a = pa, *b = pb;
    if (a->v[GX_SUM_NEW] != b->v[GX_SUM_NEW])
        return a->v[GX_SUM_NEW] < b->v[GX_SUM_NEW] ? 1 : -1;
    return strcmp(a->name, b->name);
}

/* Regions, most 本年新收 first; rows of one region are together. */
static struct agg *by_region(const struct writer *w, size_t *n)
{
    struct agg *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < w->nrows; i++) {
        const char *name = gx_summary_region(w->reports[w->order[i]]);
        if (!*n || strcmp(v[*n - 1].name, name)) {
            GX_GROW(v, *n + 1, cap);
            v[(*n)++] = (struct agg){.name = name};
        }
        agg_add(&v[*n - 1], &w->sums[i]);
    }
    if (*n) qsort(v, *n, sizeof(*v), cmp_new);
    return v;
}

static int cmp_year(const void *pa, const void *pb)
{
    return ((const struct agg *)pa)->year - ((const struct agg *)pb)->year;
}

/* Years with reports, in order. */
static struct agg *by_year(const struct writer *w, size_t *n)
{
    struct agg *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < w->nrows; i++) {
        int year = w->reports[w->order[i]]->year;
        if (!year) continue;
        size_t k = 0;
        while (k < *n && v[k].year != year) k++;
        if (k == *n) {
            GX_GROW(v, *n + 1, cap);
            v[(*n)++] = (struct agg){.year = year};
        }
        agg_add(&v[k], &w->sums[i]);
    }
    if (*n) qsort(v, *n, sizeof(*v), cmp_year);
    return v;
}

/* ---- the data tables ---------------------------------------------------- */

static void write_table_head(struct writer *w, lxw_worksheet *ws,
                             lxw_row_t row, const char *first)
{
    static const char *const rest[] = {"报告数", "本年新收"};
    xw_text(w, ws, row, COL_NAME, first, w->header);
    for (int c = 0; c < 2; c++)
        xw_text(w, ws, row, (lxw_col_t)(COL_REPORTS + c), rest[c], w->header);
    for (int k = 0; k < 6; k++)
        xw_text(w, ws, row, (lxw_col_t)(COL_FIRST_RESULT + k),
                result_names[k], w->header);
    xw_text(w, ws, row, COL_TOTAL, "办结总计", w->header);
    xw_text(w, ws, row, COL_RATE, "实质公开率", w->header);
}

static void write_agg(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                      const struct agg *a)
{
    if (a->name) xw_text(w, ws, row, COL_NAME, a->name, NULL);
    else xw_number(w, ws, row, COL_NAME, a->year, NULL);
    xw_number(w, ws, row, COL_REPORTS, (double)a->reports, NULL);
    if (a->has[GX_SUM_NEW])
        xw_value(w, ws, row, COL_NEW, a->v[GX_SUM_NEW], XW_COUNT, -1);
    for (int k = 0; k < 6; k++)
        if (a->has[results[k]])
            xw_value(w, ws, row, (lxw_col_t)(COL_FIRST_RESULT + k),
                     a->v[results[k]], XW_COUNT, -1);
    if (a->has[GX_SUM_TOTAL])
        xw_value(w, ws, row, COL_TOTAL, a->v[GX_SUM_TOTAL], XW_COUNT, -1);
    if (a->rate_den > 0)
        xw_value(w, ws, row, COL_RATE, a->rate_num / a->rate_den, XW_RATE, -1);
}

/* ---- the charts ----------------------------------------------------------- */

/* A chart of one series of column `col` over rows first..last. */
static lxw_chart *one_series(struct writer *w, uint8_t type, const char *title,
                             lxw_row_t first, lxw_row_t last, lxw_col_t col)
{
    lxw_chart *ch = workbook_add_chart(w->wb, type);
    if (!ch) {
        xw_keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(s, sheet_name, first, COL_NAME, last, COL_NAME);
    chart_series_set_values(s, sheet_name, first, col, last, col);
    chart_series_set_name_range(s, sheet_name, first - 1, col);
    chart_title_set_name(ch, title);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    return ch;
}

static void place(struct writer *w, lxw_worksheet *ws, lxw_row_t row,
                  lxw_col_t col, lxw_chart *ch, double x_scale, double y_scale)
{
    if (!ch || w->err) return;
    lxw_chart_options opt = {.x_scale = x_scale, .y_scale = y_scale};
    xw_keep_error(w, worksheet_insert_chart_opt(ws, row, col, ch, &opt));
}

static lxw_chart *mix_chart(struct writer *w, lxw_row_t first, lxw_row_t last)
{
    lxw_chart *ch = workbook_add_chart(w->wb, LXW_CHART_COLUMN_STACKED_PERCENT);
    if (!ch) {
        xw_keep_error(w, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    for (int k = 0; k < 6; k++) {
        lxw_col_t c = (lxw_col_t)(COL_FIRST_RESULT + k);
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(s, sheet_name, first, COL_NAME, last,
                                    COL_NAME);
        chart_series_set_values(s, sheet_name, first, c, last, c);
        chart_series_set_name_range(s, sheet_name, first - 1, c);
    }
    chart_title_set_name(ch, "各地区办理结果构成");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    return ch;
}

/* The rows the charts take: the two per-region bar charts side by side
 * from row 2, the mix below them, the year charts below that.  Returns
 * the row of the mix; *years gets the row of the year charts. */
static lxw_row_t chart_rows(size_t n, double *y, lxw_row_t *years)
{
    size_t shown = n < MAX_CHART_REGIONS ? n : MAX_CHART_REGIONS;
    *y = fmax(1.0, (double)shown * 22.0 / CHART_PX);
    lxw_row_t mix = (lxw_row_t)(2 + ceil(CHART_PX * *y / ROW_PX) + 1);
    *years = (lxw_row_t)(mix + ceil(CHART_PX * 1.3 / ROW_PX) + 1);
    return mix;
}

/* The two per-region bar charts and the mix, from the region table's
 * rows first..; the charts are no cells, so any row order will do. */
static void region_charts(struct writer *w, lxw_worksheet *ws,
                          lxw_row_t first, size_t n)
{
    size_t shown = n < MAX_CHART_REGIONS ? n : MAX_CHART_REGIONS;
    lxw_row_t last = (lxw_row_t)(first + shown - 1), years;
    double y;
    lxw_row_t below = chart_rows(n, &y, &years);
    lxw_chart *ch = one_series(w, LXW_CHART_BAR, "各地区本年新收", first, last,
                               COL_NEW);
    if (ch) chart_axis_set_reverse(ch->y_axis);  /* the first on top */
    place(w, ws, 2, COL_CHARTS, ch, 1.2, y);
    ch = one_series(w, LXW_CHART_BAR, "各地区实质公开率", first, last,
                    COL_RATE);
    if (ch) {
        chart_axis_set_reverse(ch->y_axis);
        chart_axis_set_min(ch->x_axis, 0);
        chart_axis_set_max(ch->x_axis, 1);
        chart_axis_set_num_format(ch->x_axis, "0%");
    }
    place(w, ws, 2, COL_CHARTS + 9, ch, 1.2, y);
    place(w, ws, below, COL_CHARTS, mix_chart(w, first, last),
          fmax(2.4, (double)shown * 0.12), 1.3);
}

static void year_charts(struct writer *w, lxw_worksheet *ws, lxw_row_t at,
                        lxw_row_t first, size_t n)
{
    lxw_row_t last = (lxw_row_t)(first + n - 1);
    place(w, ws, at, COL_CHARTS,
          one_series(w, LXW_CHART_LINE, "历年本年新收", first, last, COL_NEW),
          1.2, 1);
    lxw_chart *ch = one_series(w, LXW_CHART_LINE, "历年实质公开率", first,
                               last, COL_RATE);
    if (ch) {
        chart_axis_set_min(ch->y_axis, 0);
        chart_axis_set_max(ch->y_axis, 1);
        chart_axis_set_num_format(ch->y_axis, "0%");
    }
    place(w, ws, at, COL_CHARTS + 9, ch, 1.2, 1);
}

/* A note right of the data, in a row the tables may reach: written when
 * the rows get there (a constant-memory sheet is written top to bottom). */
struct note {
    lxw_row_t row;
    const char *text;           /* NULL once written, or when none */
};

static void note_before(struct writer *w, lxw_worksheet *ws,
                        struct note *n, lxw_row_t row)
{
    if (!n->text || n->row > row) return;
    xw_text(w, ws, n->row, COL_CHARTS, n->text, NULL);
    n->text = NULL;
}

void xw_write_charts(struct writer *w)
{
    lxw_worksheet *ws = xw_add_sheet(w, sheet_name);
    if (!ws) return;
    size_t nr, ny;
    struct agg *regions = by_region(w, &nr), *years = by_year(w, &ny);
    double y;
    lxw_row_t year_row;
    chart_rows(nr, &y, &year_row);
    struct note note = {year_row, NULL};
    if (nr && ny <= 1) note.text = "只有一个年度的报告：没有历年趋势图";
    xw_text(w, ws, 0, 0, "图表：各地区与历年", w->title);
    if (nr > MAX_CHART_REGIONS)
        xw_text(w, ws, 1, 0, "地区过多：条形图只显示本年新收最多的 40 个",
                NULL);
    xw_width(w, ws, COL_NAME, COL_NAME, 24, NULL);
    xw_width(w, ws, COL_REPORTS, COL_RATE, 9, NULL);
    lxw_row_t row = 2;
    note_before(w, ws, &note, row);
    write_table_head(w, ws, row++, "地区");
    for (size_t i = 0; i < nr; i++, row++) {
        note_before(w, ws, &note, row);
        write_agg(w, ws, row, &regions[i]);
    }
    lxw_row_t year_head = (lxw_row_t)(row + 1);
    note_before(w, ws, &note, year_head);
    write_table_head(w, ws, year_head, "年度");
    for (size_t i = 0; i < ny; i++) {
        note_before(w, ws, &note, (lxw_row_t)(year_head + 1 + i));
        write_agg(w, ws, (lxw_row_t)(year_head + 1 + i), &years[i]);
    }
    note_before(w, ws, &note, LXW_ROW_MAX);
    if (nr) {
        region_charts(w, ws, 3, nr);
        if (ny > 1) year_charts(w, ws, year_row, year_head + 1, ny);
    }
    free(regions);
    free(years);
}
