#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "label.h"
#include "strbuf.h"
#include "util.h"

enum { MAX_KEYS = 64, MAX_FAILS = 64 };

/* The checks of one table of one report. */
struct table_check {
    const struct gx_table *t;
    const char *variant;
    struct gx_report *r;
    /* Equality failures, to point at the one cell behind a row and a column
     * failing by the same amount. */
    const char *row_fail[MAX_FAILS], *col_fail[MAX_FAILS];
    double row_diff[MAX_FAILS], col_diff[MAX_FAILS];
    size_t nrow_fail, ncol_fail;
};

/* ---- labels for messages ------------------------------------------------ */

static const char *row_label(const struct table_check *c, const char *key)
{
    for (size_t i = 0; i < c->t->nrows; i++)
        if (!strcmp(c->t->rows[i].key, key) &&
            gx_trow_in_variant(&c->t->rows[i], c->variant))
            return c->t->rows[i].label;
    return key;
}

static const char *col_label(const struct table_check *c, const char *row,
                             const char *key)
{
    for (size_t i = 0; i < c->t->nrows; i++) {
        const struct gx_trow *tr = &c->t->rows[i];
        if (!gx_trow_in_variant(tr, c->variant)) continue;
        if (row && strcmp(tr->key, row)) continue;
        for (size_t k = 0; k < tr->ncols; k++)
            if (!strcmp(tr->cols[k].key, key)) return tr->cols[k].label;
    }
    return key;
}

static void add_cell_name(const struct table_check *c, const char *row,
                          const char *col, struct gx_strbuf *out)
{
    gx_strbuf_adds(out, "「");
    gx_label_short(row_label(c, row), out);
    gx_strbuf_adds(out, "」");
    gx_label_short(col_label(c, row, col), out);
}

/* ---- cells --------------------------------------------------------------- */

static const struct gx_fact *fact(const struct table_check *c, const char *row,
                                  const char *col)
{
    return gx_report_find(c->r, c->t->key, row, col);
}

/* The row and column of term i of a side, for the fixed key. */
static void term_cell(const struct gx_identity *id, const char *fixed,
                      const char *term, const char **row, const char **col)
{
    *row = id->per_row ? fixed : term;
    *col = id->per_row ? term : fixed;
}

enum presence { ALL_NUMBERS, SOME_BLANK, SOME_ABSENT };

/* The blank or dashed operands of an identity, named for its message. */
struct blanks {
    struct gx_strbuf names;     /* "「a」x、「b」y…" */
    size_t count;
    size_t first_two;           /* names.len after the second name */
};

/* The operands of one identity at one fixed key, by their cells (lhs then
 * rhs): all numbers (*l and *r their sums), some blank or dashed (named in
 * `blanks`), or some not in the report. */
static enum presence operands(const struct table_check *c,
                              const struct gx_identity *id, const char *fixed,
                              const unsigned *cells, struct blanks *blanks,
                              double *l, double *r)
{
    enum presence p = ALL_NUMBERS;
    size_t k = 0;
    *l = *r = 0;
    for (int side = 0; side < 2; side++) {
        char **terms = side ? id->rhs : id->lhs;
        size_t n = side ? id->nrhs : id->nlhs;
        for (size_t i = 0; i < n; i++, k++) {
            const struct gx_fact *f =
                cells[k] == GX_NO_CELL ? NULL : gx_report_cell(c->r, cells[k]);
            if (!f) return SOME_ABSENT;
            if (f->state == GX_CELL_NUMBER) {
                *(side ? r : l) += gx_fact_value(c->r, f);
                continue;
            }
            const char *row, *col;
            term_cell(id, fixed, terms[i], &row, &col);
            if (blanks->names.len) gx_strbuf_adds(&blanks->names, "、");
            add_cell_name(c, row, col, &blanks->names);
            if (++blanks->count == 2) blanks->first_two = blanks->names.len;
            p = SOME_BLANK;
        }
    }
    return p;
}

/* "row.col row.col ...": every operand, for a finding. */
static void operand_names(const struct gx_identity *id, const char *fixed,
                          struct gx_strbuf *cells)
{
    for (int side = 0; side < 2; side++) {
        char **terms = side ? id->rhs : id->lhs;
        size_t n = side ? id->nrhs : id->nlhs;
        for (size_t i = 0; i < n; i++) {
            const char *row, *col;
            term_cell(id, fixed, terms[i], &row, &col);
            if (cells->len) gx_strbuf_addch(cells, ' ');
            gx_strbuf_adds(cells, row);
            gx_strbuf_addch(cells, '.');
            gx_strbuf_adds(cells, col);
        }
    }
}

/* ---- messages ------------------------------------------------------------ */

static void add_number(struct gx_strbuf *sb, double v)
{
    char buf[64];
    if (fabs(v - round(v)) < 1e-9) snprintf(buf, sizeof(buf), "%.0f", v);
    else snprintf(buf, sizeof(buf), "%.6g", v);
    gx_strbuf_adds(sb, buf);
}

static void describe_side(const struct table_check *c,
                          const struct gx_identity *id, char **terms, size_t n,
                          struct gx_strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (n > 4 && i == 1) {
            gx_strbuf_adds(out, "+…+");
            i = n - 1;
        } else if (i) {
            gx_strbuf_addch(out, '+');
        }
        gx_label_short(id->per_row ? col_label(c, NULL, terms[i])
                                : row_label(c, terms[i]), out);
    }
    if (n > 4) {
        char buf[64];
        snprintf(buf, sizeof(buf), "（%zu项之和）", n);
        gx_strbuf_adds(out, buf);
    }
}

/* Why an identity could not be checked.  A few blank cells are named;
 * many (a row or column left empty) are counted, with the first two as
 * examples: the message goes into the comment of every cell involved, and
 * 25 names said once per cell were most of a workbook's memory. */
enum { BLANKS_NAMED = 3 };

static void describe_unassessed(const struct table_check *c,
                                const struct gx_identity *id,
                                const char *fixed, struct blanks *b,
                                struct gx_strbuf *msg)
{
    gx_strbuf_adds(msg, c->t->name);
    if (b->count <= BLANKS_NAMED) {
        gx_strbuf_adds(msg, "：");
        gx_strbuf_adds(msg, b->names.buf);
    } else {
        char buf[64];
        gx_strbuf_adds(msg, "「");
        gx_label_short(id->per_row ? row_label(c, fixed)
                                   : col_label(c, NULL, fixed), msg);
        snprintf(buf, sizeof(buf), "」%s有 %zu 个单元格（",
                 id->per_row ? "行" : "列", b->count);
        gx_strbuf_adds(msg, buf);
        gx_strbuf_add(msg, b->names.buf, b->first_two);
        gx_strbuf_adds(msg, "等）");
    }
    gx_strbuf_adds(msg, "为空白或横线，无法核对");
}

static void describe_failure(const struct table_check *c,
                             const struct gx_identity *id, const char *fixed,
                             double l, double r, struct gx_strbuf *msg)
{
    gx_strbuf_adds(msg, c->t->name);
    gx_strbuf_adds(msg, "「");
    gx_label_short(id->per_row ? row_label(c, fixed) : col_label(c, NULL, fixed), msg);
    gx_strbuf_adds(msg, id->per_row ? "」行：" : "」列：");
    describe_side(c, id, id->lhs, id->nlhs, msg);
    gx_strbuf_adds(msg, " = ");
    add_number(msg, l);
    gx_strbuf_adds(msg, id->rel == GX_REL_EQ ? "，而 " :
                        id->rel == GX_REL_GE ? "，小于 " : "，大于 ");
    describe_side(c, id, id->rhs, id->nrhs, msg);
    gx_strbuf_adds(msg, " = ");
    add_number(msg, r);
    if (id->rel == GX_REL_EQ) {
        gx_strbuf_adds(msg, "，相差 ");
        add_number(msg, l - r);
    }
}

/* The template's own copy of a row or column key: findings outlive the
 * parsed identity whose terms name them. */
static const char *template_key(const struct table_check *c, const char *key,
                                int is_row)
{
    for (size_t i = 0; i < c->t->nrows; i++) {
        const struct gx_trow *tr = &c->t->rows[i];
        if (is_row && !strcmp(tr->key, key)) return tr->key;
        for (size_t k = 0; !is_row && k < tr->ncols; k++)
            if (!strcmp(tr->cols[k].key, key)) return tr->cols[k].key;
    }
    return NULL;
}

/* The cell to mark: the lone term of a side ("total = a + b" marks total),
 * else the last term of the right side. */
static void target(const struct table_check *c, const struct gx_identity *id,
                   const char *fixed, const char **row, const char **col)
{
    const char *term = id->nlhs == 1 ? id->lhs[0]
                     : id->nrhs == 1 ? id->rhs[0] : id->rhs[id->nrhs - 1];
    term_cell(id, fixed, term, row, col);
    *row = template_key(c, *row, 1);
    *col = template_key(c, *col, 0);
}

/* ---- rules --------------------------------------------------------------- */

static void note_failure(struct table_check *c, const struct gx_identity *id,
                         const char *fixed, double diff)
{
    if (id->rel != GX_REL_EQ) return;
    if (id->per_row && c->nrow_fail < MAX_FAILS) {
        c->row_fail[c->nrow_fail] = fixed;
        c->row_diff[c->nrow_fail++] = diff;
    } else if (!id->per_row && c->ncol_fail < MAX_FAILS) {
        c->col_fail[c->ncol_fail] = fixed;
        c->col_diff[c->ncol_fail++] = diff;
    }
}

static void check_one(struct table_check *c, const struct gx_tidentity *ti,
                      const struct gx_identity *id, const char *fixed,
                      const unsigned *operand_cells)
{
    struct gx_strbuf cells = GX_STRBUF_INIT, msg = GX_STRBUF_INIT;
    struct blanks blanks = {GX_STRBUF_INIT, 0, 0};
    double l, r;
    enum presence p = operands(c, id, fixed, operand_cells, &blanks, &l, &r);
    struct gx_finding *f = NULL;
    if (p == SOME_BLANK) {
        describe_unassessed(c, id, fixed, &blanks, &msg);
        operand_names(id, fixed, &cells);
        f = gx_report_add_finding(c->r, ti->id, GX_FIND_UNASSESSED, c->t->key,
                                  cells.buf, msg.buf);
    } else if (p == ALL_NUMBERS &&
               gx_identity_compare(id, l, r) == GX_ID_FAILS) {
        describe_failure(c, id, fixed, l, r, &msg);
        operand_names(id, fixed, &cells);
        f = gx_report_add_finding(c->r, ti->id,
                                  ti->warning ? GX_FIND_WARNING : GX_FIND_ERROR,
                                  c->t->key, cells.buf, msg.buf);
        f->has_values = 1;
        f->found = l;
        f->expected = r;
        if (!ti->warning) note_failure(c, id, fixed, l - r);
    }
    if (f) target(c, id, fixed, &f->row, &f->col);
    gx_strbuf_release(&blanks.names);
    gx_strbuf_release(&cells);
    gx_strbuf_release(&msg);
}

/* ---- the identities, planned once ------------------------------------------ */

/* One identity of a table variant with, for each of its fixed keys (the
 * rows of a per-row identity, the columns of a per-column one), the cells
 * of its terms, lhs then rhs; GX_NO_CELL where the templates have none. */
struct planned {
    const struct gx_tidentity *ti;
    const struct gx_identity *id;   /* ti->parsed, or own when the
                                       templates were built by hand */
    struct gx_identity own;
    const char **fixed;         /* owned array of template keys */
    size_t nfixed;
    unsigned *cells;            /* owned: nfixed runs of nlhs + nrhs */
};

/* The identities of one table variant, for one numbering of cells. */
struct plan {
    const struct gx_table *t;
    const char *variant;
    const struct gx_cellkeys *keys;
    struct planned *v;
    size_t n;
};

struct gx_checks {
    struct plan *plans;         /* one per table and variant */
    size_t n;
};

/* The distinct row keys (per_row) or column keys of the variant. */
static size_t fixed_keys(const struct gx_table *t, const char *variant,
                         int per_row, const char **keys)
{
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const struct gx_trow *tr = &t->rows[i];
        if (!gx_trow_in_variant(tr, variant)) continue;
        for (size_t k = 0; k < (per_row ? 1 : tr->ncols); k++) {
            const char *key = per_row ? tr->key : tr->cols[k].key;
            size_t j = 0;
            while (j < n && strcmp(keys[j], key)) j++;
            if (j == n && n < MAX_KEYS) keys[n++] = key;
        }
    }
    return n;
}

static void plan_identity(struct planned *pd, const struct plan *p)
{
    const char *keys[MAX_KEYS];
    const struct gx_identity *id = pd->id;
    size_t nterms = id->nlhs + id->nrhs;
    pd->nfixed = fixed_keys(p->t, p->variant, id->per_row, keys);
    size_t ncells = pd->nfixed * nterms;
    pd->fixed = gx_xcalloc(pd->nfixed ? pd->nfixed : 1, sizeof(*pd->fixed));
    pd->cells = gx_xcalloc(ncells ? ncells : 1, sizeof(*pd->cells));
    for (size_t k = 0; k < pd->nfixed; k++) {
        unsigned *cells = pd->cells + k * nterms;
        pd->fixed[k] = keys[k];
        for (size_t i = 0; i < nterms; i++) {
            const char *term = i < id->nlhs ? id->lhs[i] : id->rhs[i - id->nlhs];
            const char *row, *col;
            term_cell(id, keys[k], term, &row, &col);
            cells[i] = gx_cellkeys_find(p->keys, p->t->key, row, col);
        }
    }
}

static void plan_build(struct plan *p, const struct gx_table *t,
                       const char *variant, const struct gx_cellkeys *keys)
{
    *p = (struct plan){t, variant, keys, NULL, 0};
    p->v = gx_xcalloc(t->nidentities ? t->nidentities : 1, sizeof(*p->v));
    for (size_t i = 0; i < t->nidentities; i++) {
        const struct gx_tidentity *ti = &t->identities[i];
        struct planned *pd = &p->v[p->n];
        if (!gx_tidentity_in_variant(ti, variant)) continue;
        memset(pd, 0, sizeof(*pd));
        pd->id = ti->parsed;   /* parsed at load */
        if (!pd->id) {
            if (gx_identity_parse(ti, &pd->own) < 0) continue;
            pd->id = &pd->own;
        }
        pd->ti = ti;
        plan_identity(pd, p);
        p->n++;
    }
}

static void plan_release(struct plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        if (p->v[i].id == &p->v[i].own) gx_identity_release(&p->v[i].own);
        free(p->v[i].fixed);
        free(p->v[i].cells);
    }
    free(p->v);
    memset(p, 0, sizeof(*p));
}

struct gx_checks *gx_checks_new(const struct gx_templates *tpl)
{
    struct gx_checks *c = gx_xcalloc(1, sizeof(*c));
    size_t cap = 0;
    for (size_t i = 0; i < tpl->ntables; i++) {
        const struct gx_table *t = &tpl->tables[i];
        size_t nv = t->nvariants ? t->nvariants : 1;
        for (size_t v = 0; v < nv; v++) {
            GX_GROW(c->plans, c->n + 1, cap);
            plan_build(&c->plans[c->n++], t,
                       t->nvariants ? t->variants[v].name : "", tpl->cells);
        }
    }
    return c;
}

void gx_checks_free(struct gx_checks *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) plan_release(&c->plans[i]);
    free(c->plans);
    free(c);
}

/* The plan made at load for this table, variant and numbering, or NULL. */
static const struct plan *planned_for(const struct gx_checks *c,
                                      const struct table_check *tc)
{
    for (size_t i = 0; c && i < c->n; i++) {
        const struct plan *p = &c->plans[i];
        if (p->t == tc->t && p->keys == tc->r->cells && tc->variant &&
            !strcmp(p->variant, tc->variant))
            return p;
    }
    return NULL;
}

static void check_identities(struct table_check *c, const struct plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const struct planned *pd = &p->v[i];
        size_t nterms = pd->id->nlhs + pd->id->nrhs;
        for (size_t k = 0; k < pd->nfixed; k++)
            check_one(c, pd->ti, pd->id, pd->fixed[k], pd->cells + k * nterms);
    }
}

/* One row and one column failing by the same amount point at one cell. */
static void locate_cell(struct table_check *c)
{
    if (c->nrow_fail != 1 || c->ncol_fail != 1 ||
        fabs(fabs(c->row_diff[0]) - fabs(c->col_diff[0])) > 1e-6)
        return;
    const char *row = c->row_fail[0], *col = c->col_fail[0];
    if (!fact(c, row, col)) return;
    struct gx_strbuf msg = GX_STRBUF_INIT, cell = GX_STRBUF_INIT;
    gx_strbuf_adds(&msg, c->t->name);
    gx_strbuf_adds(&msg, "：本行与本列的合计同时相差 ");
    add_number(&msg, fabs(c->row_diff[0]));
    gx_strbuf_adds(&msg, "，最可能有误的是");
    add_cell_name(c, row, col, &msg);
    gx_strbuf_adds(&cell, row);
    gx_strbuf_addch(&cell, '.');
    gx_strbuf_adds(&cell, col);
    struct gx_finding *f = gx_report_add_finding(c->r, "locate-cell", GX_FIND_ERROR,
                                                 c->t->key, cell.buf, msg.buf);
    f->row = row;
    f->col = col;
    gx_strbuf_release(&msg);
    gx_strbuf_release(&cell);
}

static int excepted(const struct gx_tdomain *dm, const char *col)
{
    for (size_t i = 0; i < dm->nexcept; i++)
        if (!strcmp(dm->except[i], col)) return 1;
    return 0;
}

static void check_domains(struct table_check *c)
{
    for (size_t d = 0; d < c->t->ndomains; d++) {
        const struct gx_tdomain *dm = &c->t->domains[d];
        if (strcmp(dm->variant, "*") && strcmp(dm->variant, c->variant)) continue;
        for (size_t i = 0; i < c->r->nfacts; i++) {
            const struct gx_fact *f = &c->r->facts[i];
            const struct gx_cellkey *k = gx_fact_key(c->r, f);
            if (strcmp(k->table, c->t->key) || f->state != GX_CELL_NUMBER ||
                excepted(dm, k->col))
                continue;
            double v = gx_fact_value(c->r, f);
            int bad_sign = dm->nonnegative && v < 0;
            int bad_int = dm->integer && fabs(v - round(v)) > 1e-9;
            if (!bad_sign && !bad_int) continue;
            struct gx_strbuf msg = GX_STRBUF_INIT, cell = GX_STRBUF_INIT;
            gx_strbuf_adds(&msg, c->t->name);
            add_cell_name(c, k->row, k->col, &msg);
            gx_strbuf_adds(&msg, "为 ");
            gx_strbuf_adds(&msg, gx_fact_text(c->r, f));
            gx_strbuf_adds(&msg, dm->integer ? "，应为非负整数" : "，不应为负数");
            gx_strbuf_adds(&cell, k->row);
            gx_strbuf_addch(&cell, '.');
            gx_strbuf_adds(&cell, k->col);
            struct gx_finding *g = gx_report_add_finding(c->r, dm->id, GX_FIND_ERROR,
                                                         c->t->key, cell.buf, msg.buf);
            g->row = k->row;
            g->col = k->col;
            gx_strbuf_release(&msg);
            gx_strbuf_release(&cell);
        }
    }
}

/* ---- the extractor's doubts ------------------------------------------------ */

static void doubt_findings(struct table_check *c)
{
    for (size_t i = 0; i < c->r->nfacts; i++) {
        const struct gx_fact *f = &c->r->facts[i];
        if (!(f->flags & GX_FACT_DOUBTED)) continue;
        const struct gx_cellkey *k = gx_fact_key(c->r, f);
        if (strcmp(k->table, c->t->key)) continue;
        struct gx_strbuf msg = GX_STRBUF_INIT, cell = GX_STRBUF_INIT;
        gx_strbuf_adds(&msg, c->t->name);
        add_cell_name(c, k->row, k->col, &msg);
        gx_strbuf_adds(&msg, "：");
        gx_strbuf_adds(&msg, gx_fact_doubt(c->r, f));
        gx_strbuf_adds(&cell, k->row);
        gx_strbuf_addch(&cell, '.');
        gx_strbuf_adds(&cell, k->col);
        struct gx_finding *g = gx_report_add_finding(c->r, "extract-doubt", GX_FIND_DOUBT,
                                                     c->t->key, cell.buf, msg.buf);
        g->row = k->row;
        g->col = k->col;
        gx_strbuf_release(&msg);
        gx_strbuf_release(&cell);
    }
}

static void table_findings(const struct gx_table *t, struct gx_report *r,
                           const struct gx_table_read *read)
{
    struct gx_strbuf msg = GX_STRBUF_INIT;
    gx_strbuf_adds(&msg, t->name);
    gx_strbuf_adds(&msg, "：");
    gx_strbuf_adds(&msg, read->found ? read->doubt : "未找到此表");
    gx_report_add_finding(r, read->found ? "extract-table" : "table-missing",
                          GX_FIND_DOUBT, t->key, "", msg.buf);
    gx_strbuf_release(&msg);
}

void gx_check_report(const struct gx_templates *tpl, struct gx_report *r)
{
    if (r->status != GX_OK) return;
    for (size_t i = 0; i < tpl->ntables && i < GX_TABLES; i++) {
        const struct gx_table_read *read = &r->tables[i];
        if (!read->found || read->doubt) table_findings(&tpl->tables[i], r, read);
        if (!read->found) continue;
        struct table_check c = {.t = &tpl->tables[i], .variant = read->variant, .r = r};
        const struct plan *p = planned_for(tpl->checks, &c);
        struct plan own = {0};
        if (!p) {   /* templates built by hand, or a variant they lack */
            plan_build(&own, c.t, c.variant, r->cells);
            p = &own;
        }
        doubt_findings(&c);
        check_identities(&c, p);
        plan_release(&own);
        locate_cell(&c);
        check_domains(&c);
    }
}
