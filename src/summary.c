#include "summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct gx_summary_column gx_summary_columns[GX_SUM_NFIELDS] = {
    [GX_SUM_NEW] = {"new", "新收", GX_SUMK_COUNT},
    [GX_SUM_CARRIED_IN] = {"carried_in", "上年结转", GX_SUMK_COUNT},
    [GX_SUM_GRANTED] = {"granted", "予以公开", GX_SUMK_COUNT},
    [GX_SUM_PARTIAL] = {"partial", "部分公开", GX_SUMK_COUNT},
    [GX_SUM_DENIED] = {"denied", "不予公开", GX_SUMK_COUNT},
    [GX_SUM_UNABLE] = {"unable", "无法提供", GX_SUMK_COUNT},
    [GX_SUM_REJECTED] = {"rejected", "不予处理", GX_SUMK_COUNT},
    [GX_SUM_OTHER] = {"other", "其他处理", GX_SUMK_COUNT},
    [GX_SUM_TOTAL] = {"total", "办结总计", GX_SUMK_COUNT},
    [GX_SUM_CARRIED_OUT] = {"carried_out", "结转下年度", GX_SUMK_COUNT},
    [GX_SUM_REVIEW] = {"review_total", "复议总计", GX_SUMK_COUNT},
    [GX_SUM_REVIEW_CORRECTED] = {"review_corrected", "复议纠正", GX_SUMK_COUNT},
    [GX_SUM_SUIT] = {"suit_total", "诉讼总计", GX_SUMK_COUNT},
    [GX_SUM_SUIT_CORRECTED] = {"suit_corrected", "诉讼纠正", GX_SUMK_COUNT},
    [GX_SUM_NORMATIVE] = {"normative_docs", "规范性文件", GX_SUMK_COUNT},
    [GX_SUM_LICENSING] = {"licensing", "行政许可", GX_SUMK_COUNT},
    [GX_SUM_PENALTY] = {"penalty", "行政处罚", GX_SUMK_COUNT},
    [GX_SUM_ENFORCEMENT] = {"enforcement", "行政强制", GX_SUMK_COUNT},
    [GX_SUM_FEES] = {"fees", "收费（万元）", GX_SUMK_AMOUNT},
    [GX_SUM_DISCLOSURE_RATE] = {"disclosure_rate", "实质公开率", GX_SUMK_RATE},
    [GX_SUM_CORRECTION_RATE] = {"review_correction_rate", "复议纠错率",
                                GX_SUMK_RATE},
};

/* What each total adds up: "table.row.col" terms separated by spaces;
 * '|' separates the forms of the two formats, and the first form the
 * report has any cell of is the one summed. */
static const char *const sum_terms[GX_SUM_DISCLOSURE_RATE] = {
    [GX_SUM_NEW] = "apps.new.total",
    [GX_SUM_CARRIED_IN] = "apps.carried_in.total",
    [GX_SUM_GRANTED] = "apps.granted.total",
    [GX_SUM_PARTIAL] = "apps.partial.total",
    [GX_SUM_DENIED] =
        "apps.denied_state_secret.total apps.denied_prohibited.total "
        "apps.denied_safety.total apps.denied_third_party.total "
        "apps.denied_internal.total apps.denied_process.total "
        "apps.denied_case_file.total apps.denied_query.total",
    [GX_SUM_UNABLE] = "apps.unable_not_held.total "
                      "apps.unable_needs_making.total apps.unable_unclear.total",
    [GX_SUM_REJECTED] =
        "apps.rejected_petition.total apps.rejected_duplicate.total "
        "apps.rejected_publication.total apps.rejected_excessive.total "
        "apps.rejected_confirm.total",
    [GX_SUM_OTHER] = "apps.other_no_correction.total apps.other_no_fee.total "
                     "apps.other_misc.total|apps.other.total",
    [GX_SUM_TOTAL] = "apps.total.total",
    [GX_SUM_CARRIED_OUT] = "apps.carried_out.total",
    [GX_SUM_REVIEW] = "review.review.total",
    [GX_SUM_REVIEW_CORRECTED] = "review.review.corrected",
    [GX_SUM_SUIT] = "review.suit_direct.total review.suit_after_review.total",
    [GX_SUM_SUIT_CORRECTED] =
        "review.suit_direct.corrected review.suit_after_review.corrected",
    [GX_SUM_NORMATIVE] =
        "art20.normative_docs.issued|art20.normative_docs.made",
    [GX_SUM_LICENSING] = "art20.licensing.decisions",
    [GX_SUM_PENALTY] = "art20.penalty.decisions",
    [GX_SUM_ENFORCEMENT] = "art20.enforcement.decisions",
    [GX_SUM_FEES] = "art20.fees.amount",
};

/* The cell a term "table.row.col" (of length n) names, or GX_NO_CELL. */
static unsigned term_cell(const struct gx_cellkeys *keys, const char *term,
                          size_t n)
{
    char buf[128], *row, *col;
    if (n >= sizeof(buf)) return GX_NO_CELL;
    memcpy(buf, term, n);
    buf[n] = '\0';
    if (!(row = strchr(buf, '.')) || !(col = strchr(row + 1, '.')))
        return GX_NO_CELL;
    *row++ = '\0';
    *col++ = '\0';
    return gx_cellkeys_find(keys, buf, row, col);
}

void gx_summary_cells_init(struct gx_summary_cells *sc,
                           const struct gx_cellkeys *keys)
{
    memset(sc, 0, sizeof(*sc));
    sc->keys = keys;
    for (int i = 0; i < GX_SUM_DISCLOSURE_RATE; i++) {
        size_t k = 0;
        for (const char *p = sum_terms[i]; *p && k < GX_SUM_MAX_CELLS;) {
            size_t n = strcspn(p, " |");
            if (n) sc->cells[i][k++] = term_cell(keys, p, n);
            p += n;
            if (*p == '|' && k < GX_SUM_MAX_CELLS) sc->cells[i][k++] = GX_SUM_FORM_END;
            if (*p) p++;
        }
        sc->n[i] = k;
    }
}

struct form_sum {
    size_t present;     /* terms the report has a cell for */
    size_t numbers;     /* ... of which hold a number */
    size_t terms;
    double sum;
};

static void add_term(const struct gx_report *r, const struct gx_fact *f,
                     struct form_sum *fs)
{
    fs->terms++;
    if (!f) return;
    fs->present++;
    if (f->state != GX_CELL_NUMBER) return;
    fs->numbers++;
    fs->sum += gx_fact_value(r, f);
}

/* A field's value while it is worked out. */
struct gx_summary_value {
    int has;                 /* 0: absent */
    double v;
};

static void put(struct gx_summary *s, int field, struct gx_summary_value x)
{
    s->v[field] = x.has ? x.v : 0;
    if (x.has) s->has |= 1u << field;
}

static struct gx_summary_value got(const struct gx_summary *s, int field)
{
    return (struct gx_summary_value){gx_summary_has(s, field), s->v[field]};
}

/* The sum of the first form the report has a cell of; absent unless
 * every term of that form is a number. */
static struct gx_summary_value sum_of(const unsigned *cells, size_t n,
                                      const struct gx_report *r)
{
    struct gx_summary_value out = {0, 0};
    for (size_t i = 0; i < n; i++) {
        struct form_sum fs = {0};
        for (; i < n && cells[i] != GX_SUM_FORM_END; i++)
            add_term(r, cells[i] == GX_NO_CELL ? NULL
                                               : gx_report_cell(r, cells[i]),
                     &fs);
        if (fs.present) {
            if (fs.numbers == fs.terms)
                out = (struct gx_summary_value){1, fs.sum};
            return out;
        }
    }
    return out;
}

static struct gx_summary_value ratio(struct gx_summary_value num,
                                     struct gx_summary_value den)
{
    struct gx_summary_value out = {0, 0};
    if (num.has && den.has && den.v != 0)
        out = (struct gx_summary_value){1, num.v / den.v};
    return out;
}

/* Severity rank: a larger number is worse; none is below all. */
static int severity(int kind)
{
    switch (kind) {
    case GX_FIND_ERROR: return 4;
    case GX_FIND_WARNING: return 3;
    case GX_FIND_DOUBT: return 2;
    case GX_FIND_UNASSESSED: return 1;
    default: return 0;
    }
}

int gx_finding_kind_worse(int a, int b)
{
    return severity(b) > severity(a) ? b : a;
}

static enum gx_summary_status status_of(const struct gx_report *r)
{
    int diff = 0, doubt = 0;
    for (int t = 0; t < GX_TABLES; t++)
        if (!r->tables[t].found) return GX_SUMMARY_UNRECOGNISED;
    for (size_t i = 0; i < r->nfindings; i++) {
        enum gx_finding_kind k = r->findings[i].kind;
        diff |= k == GX_FIND_ERROR || k == GX_FIND_WARNING;
        doubt |= k == GX_FIND_DOUBT;
    }
    return diff ? GX_SUMMARY_DIFF : doubt ? GX_SUMMARY_DOUBT : GX_SUMMARY_OK;
}

void gx_summary_fill(struct gx_summary *s, const struct gx_report *r)
{
    struct gx_summary_cells sc;
    gx_summary_cells_init(&sc, r->cells);
    gx_summary_fill_cells(s, r, &sc);
}

void gx_summary_fill_cells(struct gx_summary *s, const struct gx_report *r,
                           const struct gx_summary_cells *sc)
{
    struct gx_summary_cells own;
    if (sc->keys != r->cells) {   /* numbered otherwise: no such batch yet */
        gx_summary_cells_init(&own, r->cells);
        sc = &own;
    }
    memset(s, 0, sizeof(*s));
    for (int i = 0; i < GX_SUM_DISCLOSURE_RATE; i++)
        put(s, i, sum_of(sc->cells[i], sc->n[i], r));
    struct gx_summary_value disclosed = {0, 0};
    if (gx_summary_has(s, GX_SUM_GRANTED) && gx_summary_has(s, GX_SUM_PARTIAL))
        disclosed = (struct gx_summary_value){
            1, s->v[GX_SUM_GRANTED] + s->v[GX_SUM_PARTIAL]};
    put(s, GX_SUM_DISCLOSURE_RATE, ratio(disclosed, got(s, GX_SUM_TOTAL)));
    put(s, GX_SUM_CORRECTION_RATE, ratio(got(s, GX_SUM_REVIEW_CORRECTED),
                                         got(s, GX_SUM_REVIEW)));
    s->nfindings = (uint32_t)r->nfindings;
    s->worst = -1;
    for (size_t i = 0; i < r->nfindings; i++)
        s->worst = gx_finding_kind_worse(s->worst, (int)r->findings[i].kind);
    s->status = status_of(r);
}

const char *gx_summary_status_name(enum gx_summary_status status)
{
    switch (status) {
    case GX_SUMMARY_OK: return "正常";
    case GX_SUMMARY_DOUBT: return "存疑";
    case GX_SUMMARY_DIFF: return "有差异";
    default: return "未识别";
    }
}

const char *gx_summary_region(const struct gx_report *r)
{
    return r->region && *r->region ? r->region : "未识别地区";
}

struct ranked {
    const char *region;   /* NULL sorts last */
    size_t group;         /* first index of the region, or SIZE_MAX */
    size_t index;
};

static int by_region(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (!a->region || !b->region) {
        if (a->region != b->region) return a->region ? -1 : 1;
    } else {
        int c = strcmp(a->region, b->region);
        if (c) return c;
    }
    return a->index < b->index ? -1 : a->index > b->index;
}

static int by_group(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Two sorts keep it O(n log n): by region to find each region's first
 * report, then by that first report. */
size_t gx_summary_order(struct gx_report *const *reports, size_t n,
                        size_t *order)
{
    struct ranked *v = gx_xcalloc(n ? n : 1, sizeof(*v));
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (reports[i]->status == GX_OK) {
            const char *reg = reports[i]->region;
            v[m++] = (struct ranked){reg && *reg ? reg : NULL, 0, i};
        }
    qsort(v, m, sizeof(*v), by_region);
    for (size_t i = 0; i < m; i++) {
        int same = i > 0 && (v[i].region == v[i - 1].region ||
                             (v[i].region && v[i - 1].region &&
                              !strcmp(v[i].region, v[i - 1].region)));
        v[i].group = same ? v[i - 1].group
                          : v[i].region ? v[i].index : SIZE_MAX;
    }
    qsort(v, m, sizeof(*v), by_group);
    for (size_t i = 0; i < m; i++) order[i] = v[i].index;
    free(v);
    return m;
}
