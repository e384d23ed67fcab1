/* crosscheck.c - one agency's reports held against each other.  The
 * reports are sorted by (region, agency key, year, walk order), so each
 * agency is one run and its years ascend within it. */
#include "crosscheck.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "strbuf.h"
#include "util.h"

enum {
    MAX_PAIRS = 8,     /* reports of one year held against another year's */
    MAX_DIFFS = 64,    /* cells a conflict finding marks */
    MAX_LISTED = 5,    /* ... and lists in its message */
    MAX_SPAN = 40      /* coverage years shown as one run */
};

static const char *const apps_cols[] = {
    "natural", "commercial", "research", "social", "legal", "other_org",
    "total"};
static const char *const stock_rows[] = {"regulations", "normative_docs"};
static const char *const table_keys[] = {"art20", "apps", "review"};

/* ---- one agency --------------------------------------------------------- */

const char *gx_agency_key(const char *agency, const char *region, size_t *len)
{
    static const char government[] = "人民政府";
    size_t n = strlen(agency), rn = region ? strlen(region) : 0, cut = 0;
    /* 4 bytes or more: at least two characters of a Chinese name. */
    for (size_t k = n < rn ? n : rn; k >= 4 && !cut; k--)
        if (((unsigned char)agency[k] & 0xC0) != 0x80 &&
            !memcmp(region + rn - k, agency, k))
            cut = k;
    const char *rest = agency + cut;
    if (!*rest || !strcmp(rest, "政府")) rest = government;
    *len = strlen(rest);
    return rest;
}

struct entry {
    struct gx_report *r;
    const char *region;    /* "" when none */
    const char *key;
    size_t keylen;
    size_t index;          /* walk order */
};

/* Regions in byte order, no region last; then agency keys. */
static int cmp_agency(const struct entry *a, const struct entry *b)
{
    if (!*a->region != !*b->region) return *a->region ? -1 : 1;
    int c = strcmp(a->region, b->region);
    if (c) return c;
    c = memcmp(a->key, b->key, a->keylen < b->keylen ? a->keylen : b->keylen);
    if (c) return c;
    return (a->keylen > b->keylen) - (a->keylen < b->keylen);
}

static int cmp_entry(const void *pa, const void *pb)
{
    const struct entry *a = pa, *b = pb;
    int c = cmp_agency(a, b);
    if (c) return c;
    if (a->r->year != b->r->year) return a->r->year < b->r->year ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* The reports that take part, sorted; e has room for n. */
static size_t collect(struct gx_report *const *reports, size_t n,
                      struct entry *e)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        struct gx_report *r = reports[i];
        if (r->status != GX_OK || !r->agency || !*r->agency ||
            r->year <= 0)
            continue;
        e[m] = (struct entry){r, r->region ? r->region : "", NULL, 0, i};
        e[m].key = gx_agency_key(r->agency, r->region, &e[m].keylen);
        m++;
    }
    qsort(e, m, sizeof(*e), cmp_entry);
    return m;
}

/* The end of the run of one agency's entries that starts at a. */
static size_t run_end(const struct entry *e, size_t m, size_t a)
{
    size_t b = a + 1;
    while (b < m && !cmp_agency(&e[a], &e[b])) b++;
    return b;
}

/* ---- messages ------------------------------------------------------------ */

static const char *table_name(const struct gx_templates *tpl, const char *key)
{
    const struct gx_table *t = tpl ? gx_templates_table(tpl, key) : NULL;
    return t && t->name ? t->name : key;
}

/* Rows whose official labels are sentences, by the words analysts use. */
static const char *const short_rows[][2] = {
    {"new", "本年新收"}, {"carried_in", "上年结转"},
    {"carried_out", "结转下年度"}};

/* 「本年新收」总计, from the template's labels (keys when it has none). */
static void cell_name(const struct gx_templates *tpl, const char *table,
                      const char *row, const char *col, struct gx_strbuf *out)
{
    const struct gx_table *t = tpl ? gx_templates_table(tpl, table) : NULL;
    const char *rl = NULL, *cl = NULL;
    for (size_t i = 0; !strcmp(table, "apps") && i < GX_ARRAY_LEN(short_rows); i++)
        if (!strcmp(row, short_rows[i][0])) rl = short_rows[i][1];
    for (size_t i = 0; t && i < t->nrows; i++) {
        if (strcmp(t->rows[i].key, row)) continue;
        if (!rl) rl = t->rows[i].label;
        for (size_t k = 0; !cl && k < t->rows[i].ncols; k++)
            if (!strcmp(t->rows[i].cols[k].key, col)) cl = t->rows[i].cols[k].label;
    }
    gx_strbuf_adds(out, "「");
    gx_label_short(rl ? rl : row, out);
    gx_strbuf_adds(out, "」");
    gx_strbuf_adds(out, cl ? cl : col);
}

static void add_number(struct gx_strbuf *sb, double v)
{
    char buf[64];
    if (fabs(v - round(v)) < 1e-9) snprintf(buf, sizeof(buf), "%.0f", v);
    else snprintf(buf, sizeof(buf), "%.6g", v);
    gx_strbuf_adds(sb, buf);
}

/* "上一年度（2022年，文件 a/b.txt）" */
static void name_other(struct gx_strbuf *sb, const char *what,
                       const struct gx_report *other)
{
    char year[32];
    snprintf(year, sizeof(year), "（%d年，文件 ", other->year);
    gx_strbuf_adds(sb, what);
    gx_strbuf_adds(sb, year);
    gx_strbuf_adds(sb, other->relpath);
    gx_strbuf_adds(sb, "）");
}

/* ---- findings and their links ------------------------------------------ */

struct cross {
    const struct gx_templates *tpl;
    struct gx_xrefs *out;
};

/* The last finding of r is also about other's cell. */
static void link_last(struct cross *x, const struct gx_report *r,
                      const struct gx_report *other, const char *table,
                      const char *row, const char *col)
{
    GX_GROW(x->out->v, x->out->n + 1, x->out->cap);
    x->out->v[x->out->n++] = (struct gx_xref){r, r->nfindings - 1, other,
                                              table, row, col};
}

static const struct gx_fact *fact(const struct gx_report *r, const char *table,
                                  const char *row, const char *col)
{
    return gx_report_find(r, table, row, col);
}

static int is_number(const struct gx_fact *f)
{
    return f->state == GX_CELL_NUMBER;
}

static const char *table_variant(const struct gx_report *r, const char *key)
{
    for (int i = 0; i < GX_TABLES; i++)
        if (r->tables[i].found && r->tables[i].table &&
            !strcmp(r->tables[i].table, key))
            return r->tables[i].variant;
    return NULL;
}

/* ---- apps-carry-prev ------------------------------------------------------- */

static void carry_differs(struct cross *x, struct gx_report *later,
                          const struct gx_report *earlier, const char *col,
                          double in, double out)
{
    struct gx_strbuf msg = GX_STRBUF_INIT, cells = GX_STRBUF_INIT;
    gx_strbuf_adds(&msg, table_name(x->tpl, "apps"));
    cell_name(x->tpl, "apps", "carried_in", col, &msg);
    gx_strbuf_adds(&msg, "为 ");
    add_number(&msg, in);
    gx_strbuf_adds(&msg, "，而");
    name_other(&msg, "上一年度", earlier);
    cell_name(x->tpl, "apps", "carried_out", col, &msg);
    gx_strbuf_adds(&msg, "为 ");
    add_number(&msg, out);
    gx_strbuf_adds(&msg, "，相差 ");
    add_number(&msg, in - out);
    gx_strbuf_adds(&cells, "carried_in.");
    gx_strbuf_adds(&cells, col);
    struct gx_finding *f = gx_report_add_finding(
        later, "apps-carry-prev", GX_FIND_WARNING, "apps", cells.buf, msg.buf);
    f->row = "carried_in";
    f->col = col;
    f->has_values = 1;
    f->found = in;
    f->expected = out;
    link_last(x, later, earlier, "apps", "carried_out", col);
    gx_strbuf_release(&msg);
    gx_strbuf_release(&cells);
}

/* One 无法核对 finding for every column with a blank or dashed operand. */
static void carry_unassessed(struct cross *x, struct gx_report *later,
                             const struct gx_report *earlier,
                             const char *const *cols, size_t n)
{
    struct gx_strbuf msg = GX_STRBUF_INIT, cells = GX_STRBUF_INIT;
    gx_strbuf_adds(&msg, table_name(x->tpl, "apps"));
    cell_name(x->tpl, "apps", "carried_in", cols[0], &msg);
    gx_strbuf_adds(&msg, "等与");
    name_other(&msg, "上一年度", earlier);
    gx_strbuf_adds(&msg, "的结转下年度：");
    for (size_t i = 0; i < n; i++) {
        if (i) gx_strbuf_adds(&msg, "、");
        cell_name(x->tpl, "apps", "carried_in", cols[i], &msg);
        if (cells.len) gx_strbuf_addch(&cells, ' ');
        gx_strbuf_adds(&cells, "carried_in.");
        gx_strbuf_adds(&cells, cols[i]);
    }
    gx_strbuf_adds(&msg, "一方为空白或横线，无法核对");
    struct gx_finding *f = gx_report_add_finding(
        later, "apps-carry-prev", GX_FIND_UNASSESSED, "apps", cells.buf,
        msg.buf);
    f->row = "carried_in";
    f->col = cols[0];
    link_last(x, later, earlier, "apps", "carried_out", cols[0]);
    gx_strbuf_release(&msg);
    gx_strbuf_release(&cells);
}

static void check_carry(struct cross *x, struct gx_report *later,
                        const struct gx_report *earlier)
{
    const char *blank[GX_ARRAY_LEN(apps_cols)];
    size_t nblank = 0;
    for (size_t i = 0; i < GX_ARRAY_LEN(apps_cols); i++) {
        const char *col = apps_cols[i];
        const struct gx_fact *in = fact(later, "apps", "carried_in", col);
        const struct gx_fact *out = fact(earlier, "apps", "carried_out", col);
        if (!in || !out) continue;
        if (!is_number(in) || !is_number(out)) blank[nblank++] = col;
        else if (fabs(gx_fact_value(later, in) -
                      gx_fact_value(earlier, out)) > 1e-9)
            carry_differs(x, later, earlier, col, gx_fact_value(later, in),
                          gx_fact_value(earlier, out));
    }
    if (nblank) carry_unassessed(x, later, earlier, blank, nblank);
}

/* ---- art20-stock-prev ------------------------------------------------------ */

struct stock {
    const char *row;
    const struct gx_fact *in_force, *issued, *repealed, *prev;
    double in_force_n, issued_n, repealed_n, prev_n;   /* when numbers */
};

static void stock_message(struct cross *x, const struct stock *s,
                          const struct gx_report *earlier, double expected,
                          struct gx_strbuf *msg)
{
    gx_strbuf_adds(msg, table_name(x->tpl, "art20"));
    cell_name(x->tpl, "art20", s->row, "in_force", msg);
    gx_strbuf_adds(msg, "为 ");
    add_number(msg, s->in_force_n);
    gx_strbuf_adds(msg, "，而");
    name_other(msg, "上一年度", earlier);
    gx_strbuf_adds(msg, "的现行有效件数 ");
    add_number(msg, s->prev_n);
    gx_strbuf_adds(msg, " + 本年制发件数 ");
    add_number(msg, s->issued_n);
    gx_strbuf_adds(msg, " − 本年废止件数 ");
    add_number(msg, s->repealed_n);
    gx_strbuf_adds(msg, " = ");
    add_number(msg, expected);
    gx_strbuf_adds(msg, "，相差 ");
    add_number(msg, s->in_force_n - expected);
}

static void check_stock_row(struct cross *x, struct gx_report *later,
                            const struct gx_report *earlier, const char *row)
{
    struct stock s = {row, fact(later, "art20", row, "in_force"),
                      fact(later, "art20", row, "issued"),
                      fact(later, "art20", row, "repealed"),
                      fact(earlier, "art20", row, "in_force"), 0, 0, 0, 0};
    if (!s.in_force || !s.issued || !s.repealed || !s.prev) return;
    int numbers = is_number(s.in_force) && is_number(s.issued) &&
                  is_number(s.repealed) && is_number(s.prev);
    if (numbers) {
        s.in_force_n = gx_fact_value(later, s.in_force);
        s.issued_n = gx_fact_value(later, s.issued);
        s.repealed_n = gx_fact_value(later, s.repealed);
        s.prev_n = gx_fact_value(earlier, s.prev);
    }
    double expected = numbers ? s.prev_n + s.issued_n - s.repealed_n : 0;
    if (numbers && fabs(expected - s.in_force_n) < 1e-9) return;
    struct gx_strbuf msg = GX_STRBUF_INIT, cells = GX_STRBUF_INIT;
    if (numbers) {
        stock_message(x, &s, earlier, expected, &msg);
    } else {
        gx_strbuf_adds(&msg, table_name(x->tpl, "art20"));
        cell_name(x->tpl, "art20", row, "in_force", &msg);
        gx_strbuf_adds(&msg, "与");
        name_other(&msg, "上一年度", earlier);
        gx_strbuf_adds(&msg, "的存量：现行有效、制发或废止件数有空白或横线，无法核对");
    }
    const char *cols[] = {"in_force", "issued", "repealed"};
    for (size_t i = 0; i < GX_ARRAY_LEN(cols); i++) {
        if (i) gx_strbuf_addch(&cells, ' ');
        gx_strbuf_adds(&cells, row);
        gx_strbuf_addch(&cells, '.');
        gx_strbuf_adds(&cells, cols[i]);
    }
    struct gx_finding *f = gx_report_add_finding(
        later, "art20-stock-prev", numbers ? GX_FIND_WARNING : GX_FIND_UNASSESSED,
        "art20", cells.buf, msg.buf);
    f->row = row;
    f->col = "in_force";
    f->has_values = numbers;
    f->found = numbers ? s.in_force_n : 0;
    f->expected = expected;
    link_last(x, later, earlier, "art20", row, "in_force");
    gx_strbuf_release(&msg);
    gx_strbuf_release(&cells);
}

static void check_stock(struct cross *x, struct gx_report *later,
                        const struct gx_report *earlier)
{
    const char *a = table_variant(later, "art20"), *b = table_variant(earlier, "art20");
    if (!a || !b || strcmp(a, "2021") || strcmp(b, "2021")) return;
    for (size_t i = 0; i < GX_ARRAY_LEN(stock_rows); i++)
        check_stock_row(x, later, earlier, stock_rows[i]);
}

/* ---- duplicate and conflict ------------------------------------------------ */

struct diff {
    const char *row, *col;
    const struct gx_fact *mine, *theirs;   /* a's, b's (table_diffs) */
};

static int same_cell(const struct gx_report *ra, const struct gx_fact *a,
                     const struct gx_report *rb, const struct gx_fact *b)
{
    if (!a || !b || a->state != b->state) return 0;
    return a->state != GX_CELL_NUMBER ||
           fabs(gx_fact_value(ra, a) - gx_fact_value(rb, b)) < 1e-9;
}

/* The cells of `table` that differ between a and b; stores up to
 * MAX_DIFFS (from a's side) and returns how many there are. */
static size_t table_diffs(const struct gx_report *a, const struct gx_report *b,
                          const char *table, struct diff *d)
{
    size_t n = 0;
    for (int side = 0; side < 2; side++) {
        const struct gx_report *p = side ? b : a, *q = side ? a : b;
        for (size_t i = 0; i < p->nfacts; i++) {
            const struct gx_fact *f = &p->facts[i], *g;
            const struct gx_cellkey *k = gx_fact_key(p, f);
            if (strcmp(k->table, table)) continue;
            g = p->cells == q->cells ? gx_report_cell(q, f->cell)
                                     : fact(q, table, k->row, k->col);
            if (side ? g != NULL : same_cell(p, f, q, g)) continue;
            if (n < MAX_DIFFS)
                d[n] = (struct diff){k->row, k->col, side ? NULL : f,
                                     side ? f : g};
            n++;
        }
    }
    return n;
}

/* f is r's fact, or NULL. */
static void cell_value(const struct gx_report *r, const struct gx_fact *f,
                       struct gx_strbuf *sb)
{
    const char *text = f ? gx_fact_text(r, f) : "";
    if (!f) gx_strbuf_adds(sb, "无此格");
    else if (f->state == GX_CELL_NUMBER) gx_strbuf_adds(sb, text);
    else if (f->state == GX_CELL_BLANK) gx_strbuf_adds(sb, "空白");
    else gx_strbuf_adds(sb, text[0] ? text : "横线");
}

/* "与文件 X 同为 2023 年「机构」的报告" */
static void same_year_intro(const struct gx_report *r,
                            const struct gx_report *other,
                            struct gx_strbuf *msg)
{
    char year[32];
    snprintf(year, sizeof(year), " 同为 %d 年「", r->year);
    gx_strbuf_adds(msg, "与文件 ");
    gx_strbuf_adds(msg, other->relpath);
    gx_strbuf_adds(msg, year);
    gx_strbuf_adds(msg, r->agency);
    gx_strbuf_adds(msg, "」的报告");
}

/* A conflict finding on r (its cells as `mine`) about other. */
static void conflict(struct cross *x, struct gx_report *r,
                     const struct gx_report *other, const char *table,
                     const struct diff *d, size_t n, int mine_is_a)
{
    struct gx_strbuf msg = GX_STRBUF_INIT, cells = GX_STRBUF_INIT;
    char count[64];
    same_year_intro(r, other, &msg);
    snprintf(count, sizeof(count), "，%s有 %zu 处不同（本文件／对方）：",
             table_name(x->tpl, table), n);
    gx_strbuf_adds(&msg, count);
    for (size_t i = 0; i < n && i < MAX_DIFFS; i++) {
        const struct gx_fact *mine = mine_is_a ? d[i].mine : d[i].theirs;
        const struct gx_fact *theirs = mine_is_a ? d[i].theirs : d[i].mine;
        if (cells.len) gx_strbuf_addch(&cells, ' ');
        gx_strbuf_adds(&cells, d[i].row);
        gx_strbuf_addch(&cells, '.');
        gx_strbuf_adds(&cells, d[i].col);
        if (i >= MAX_LISTED) continue;
        if (i) gx_strbuf_adds(&msg, "；");
        cell_name(x->tpl, table, d[i].row, d[i].col, &msg);
        gx_strbuf_addch(&msg, ' ');
        cell_value(r, mine, &msg);
        gx_strbuf_adds(&msg, "／");
        cell_value(other, theirs, &msg);
    }
    if (n > MAX_LISTED) gx_strbuf_adds(&msg, "；等");
    struct gx_finding *f = gx_report_add_finding(r, "conflict", GX_FIND_ERROR,
                                                 table, cells.buf, msg.buf);
    f->row = d[0].row;
    f->col = d[0].col;
    link_last(x, r, other, table, d[0].row, d[0].col);
    gx_strbuf_release(&msg);
    gx_strbuf_release(&cells);
}

static void duplicate(struct cross *x, struct gx_report *r,
                      const struct gx_report *other)
{
    struct gx_strbuf msg = GX_STRBUF_INIT;
    same_year_intro(r, other, &msg);
    gx_strbuf_adds(&msg, "，各表数值完全相同（重复报送）");
    gx_report_add_finding(r, "duplicate", GX_FIND_WARNING, NULL, "", msg.buf);
    link_last(x, r, other, NULL, NULL, NULL);
    gx_strbuf_release(&msg);
}

static void check_same_year(struct cross *x, struct gx_report *a,
                            struct gx_report *b)
{
    struct diff *d = gx_xcalloc(MAX_DIFFS, sizeof(*d));
    int differ = 0;
    for (size_t t = 0; t < GX_ARRAY_LEN(table_keys); t++) {
        size_t n = table_diffs(a, b, table_keys[t], d);
        if (!n) continue;
        differ = 1;
        conflict(x, a, b, table_keys[t], d, n, 1);
        conflict(x, b, a, table_keys[t], d, n, 0);
    }
    if (!differ) {
        duplicate(x, a, b);
        duplicate(x, b, a);
    }
    free(d);
}

/* ---- the batch --------------------------------------------------------------- */

/* One agency's entries e[0..n), by year: each file against the first of
 * its year, and against (some of) the files of the year before. */
static void check_agency(struct cross *x, const struct entry *e, size_t n)
{
    for (size_t i = 0, first = 0, prev = 0, nprev = 0; i < n; i++) {
        if (i > 0 && e[i].r->year != e[i - 1].r->year) {
            int step = e[i].r->year == e[i - 1].r->year + 1;
            prev = first;
            nprev = step ? i - first : 0;
            first = i;
        }
        if (i != first) check_same_year(x, e[first].r, e[i].r);
        for (size_t j = prev; j < prev + nprev && j < prev + MAX_PAIRS; j++) {
            check_carry(x, e[i].r, e[j].r);
            check_stock(x, e[i].r, e[j].r);
        }
    }
}

static int cmp_xref(const void *pa, const void *pb)
{
    const struct gx_xref *a = pa, *b = pb;
    uintptr_t ra = (uintptr_t)a->report, rb = (uintptr_t)b->report;
    if (ra != rb) return ra < rb ? -1 : 1;
    return (a->finding > b->finding) - (a->finding < b->finding);
}

void gx_crosscheck(const struct gx_templates *tpl, struct gx_report **reports,
                   size_t n, struct gx_xrefs *out)
{
    struct entry *e = gx_xcalloc(n ? n : 1, sizeof(*e));
    struct cross x = {tpl, out};
    size_t m = collect(reports, n, e);
    for (size_t a = 0, b; a < m; a = b) {
        b = run_end(e, m, a);
        check_agency(&x, e + a, b - a);
    }
    free(e);
    if (out->n)  /* with no cross-reference v is NULL, which qsort may not get */
        qsort(out->v, out->n, sizeof(*out->v), cmp_xref);
}

void gx_xrefs_release(struct gx_xrefs *x)
{
    free(x->v);
    memset(x, 0, sizeof(*x));
}

const struct gx_xref *gx_xrefs_find(const struct gx_xrefs *x,
                                    const struct gx_report *r, size_t finding)
{
    if (!x || !x->n) return NULL;
    struct gx_xref key = {.report = r, .finding = finding};
    return bsearch(&key, x->v, x->n, sizeof(key), cmp_xref);
}

/* ---- coverage ------------------------------------------------------------------ */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The year columns: every year from the first to the last, or only the
 * years seen when they span more than MAX_SPAN. */
static void coverage_years(const struct entry *e, size_t m,
                           struct gx_coverage *c)
{
    int *seen = gx_xcalloc(m ? m : 1, sizeof(*seen));
    size_t k = 0;
    for (size_t i = 0; i < m; i++) seen[i] = e[i].r->year;
    qsort(seen, m, sizeof(*seen), cmp_int);
    for (size_t i = 0; i < m; i++)
        if (!k || seen[k - 1] != seen[i]) seen[k++] = seen[i];
    if (k && seen[k - 1] - seen[0] < MAX_SPAN) {
        c->nyears = (size_t)(seen[k - 1] - seen[0] + 1);
        c->years = gx_xcalloc(c->nyears, sizeof(*c->years));
        for (size_t i = 0; i < c->nyears; i++) c->years[i] = seen[0] + (int)i;
        free(seen);
    } else {
        c->nyears = k;
        c->years = seen;
    }
}

static size_t year_column(const struct gx_coverage *c, int year)
{
    const int *hit = bsearch(&year, c->years, c->nyears, sizeof(int), cmp_int);
    return (size_t)(hit - c->years);
}

void gx_coverage_build(struct gx_report *const *reports, size_t n,
                       struct gx_coverage *c)
{
    struct entry *e = gx_xcalloc(n ? n : 1, sizeof(*e));
    size_t m = collect(reports, n, e);
    memset(c, 0, sizeof(*c));
    coverage_years(e, m, c);
    c->rows = gx_xcalloc(m ? m : 1, sizeof(*c->rows));
    for (size_t a = 0, b; a < m; a = b) {
        b = run_end(e, m, a);
        struct gx_coverage_row *row = &c->rows[c->nrows++];
        row->region = *e[a].region ? e[a].region : NULL;
        row->agency = e[b - 1].r->agency;
        row->files = gx_xcalloc(c->nyears ? c->nyears : 1, sizeof(unsigned));
        for (size_t i = a; i < b; i++) row->files[year_column(c, e[i].r->year)]++;
    }
    free(e);
}

void gx_coverage_release(struct gx_coverage *c)
{
    for (size_t i = 0; i < c->nrows; i++) free(c->rows[i].files);
    free(c->rows);
    free(c->years);
    memset(c, 0, sizeof(*c));
}
