#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "util.h"

struct gx_report *gx_report_new(const char *path, const char *relpath)
{
    struct gx_report *r = gx_xcalloc(1, sizeof(*r));
    r->path = path;
    r->relpath = relpath;
    return r;
}

void gx_report_fail(struct gx_report *r, enum gx_status status,
                    const char *reason)
{
    free(r->reason);
    r->status = status;
    r->reason = gx_xstrdup(reason ? reason : "");
}

void gx_report_free(struct gx_report *r)
{
    if (!r) return;
    free(r->reason);
    for (size_t i = 0; i < r->ndoubts; i++) free(r->doubts[i].reason);
    for (int t = 0; t < GX_TABLES; t++) free(r->tables[t].doubt);
    for (size_t i = 0; i < r->nfindings; i++) {
        free(r->findings[i].block);   /* and the message */
    }
    free(r->findings);
    free(r->doubts);
    free(r->pool);
    free(r->facts);
    free(r->values);
    free(r->agency);
    free(r->region);
    free(r);
}

struct gx_fact *gx_report_add_cell(struct gx_report *r, unsigned cell)
{
    GX_GROW(r->facts, r->nfacts + 1, r->cap);
    struct gx_fact *f = &r->facts[r->nfacts];
    if (r->nfacts && r->facts[r->nfacts - 1].cell >= cell) r->unsorted = 1;
    r->nfacts++;
    memset(f, 0, sizeof(*f));
    f->cell = cell;   /* below GX_MAX_CELLS: it fits */
    return f;
}

struct gx_fact *gx_report_add_fact(struct gx_report *r, const char *table,
                                   const char *row, const char *col)
{
    unsigned cell = gx_cellkeys_find(r->cells, table, row, col);
    return cell == GX_NO_CELL ? NULL : gx_report_add_cell(r, cell);
}

void gx_report_trim(struct gx_report *r)
{
    if (r->cap > r->nfacts) {
        r->facts = gx_xrealloc(r->facts, (r->nfacts ? r->nfacts : 1) *
                                             sizeof(*r->facts));
        r->cap = r->nfacts ? r->nfacts : 1;
    }
    if (r->vcap > r->nvalues) {
        r->values = gx_xrealloc(r->values, (r->nvalues ? r->nvalues : 1) *
                                               sizeof(*r->values));
        r->vcap = r->nvalues ? r->nvalues : 1;
    }
    if (r->dcap > r->ndoubts) {
        r->doubts = gx_xrealloc(r->doubts, (r->ndoubts ? r->ndoubts : 1) *
                                               sizeof(*r->doubts));
        r->dcap = r->ndoubts ? r->ndoubts : 1;
    }
    if (r->fcap > r->nfindings && r->nfindings) {
        r->findings = gx_xrealloc(r->findings,
                                  r->nfindings * sizeof(*r->findings));
        r->fcap = r->nfindings;
    }
    if (r->pool_cap > r->pool_len) {
        r->pool = gx_xrealloc(r->pool, r->pool_len ? r->pool_len : 1);
        r->pool_cap = r->pool_len ? r->pool_len : 1;
    }
}

const struct gx_fact *gx_report_cell(const struct gx_report *r, unsigned cell)
{
    if (r->unsorted) {
        for (size_t i = 0; i < r->nfacts; i++)
            if (r->facts[i].cell == cell) return &r->facts[i];
        return NULL;
    }
    if (!r->nfacts || cell < r->facts[0].cell ||
        cell > r->facts[r->nfacts - 1].cell)
        return NULL;
    /* Cell numbers ascend by at least 1 a fact: the cell can sit no
     * further from either end than its number does.  A report with every
     * cell of a run of numbers is found without a search. */
    size_t lo = 0, hi = r->nfacts, last = r->nfacts - 1;
    size_t from_first = cell - r->facts[0].cell;
    size_t to_last = r->facts[last].cell - cell;
    if (from_first + 1 < hi) hi = from_first + 1;
    if (to_last < last) lo = last - to_last;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->facts[mid].cell < cell) lo = mid + 1;
        else hi = mid;
    }
    return lo < r->nfacts && r->facts[lo].cell == cell ? &r->facts[lo] : NULL;
}

const struct gx_fact *gx_report_find(const struct gx_report *r,
                                     const char *table, const char *row,
                                     const char *col)
{
    unsigned cell = gx_cellkeys_find(r->cells, table, row, col);
    return cell == GX_NO_CELL ? NULL : gx_report_cell(r, cell);
}

const struct gx_cellkey *gx_fact_key(const struct gx_report *r,
                                     const struct gx_fact *f)
{
    return &r->cells->keys[f->cell];
}

/* Most cells hold a count below 100 with no unit (19 of 20 in the bench
 * corpora, nine in ten a single digit): their text is shared, not kept
 * per report.  A fact's text offset SMALL + n names "n" here; each entry
 * is "n\0\0", the text and an empty unit. */
#define SMALL 0x80000000u
#define TEN(t) {t "0"}, {t "1"}, {t "2"}, {t "3"}, {t "4"}, {t "5"}, {t "6"}, \
               {t "7"}, {t "8"}, {t "9"}
static const char small_numbers[100][4] = {
    TEN(""), TEN("1"), TEN("2"), TEN("3"), TEN("4"), TEN("5"), TEN("6"),
    TEN("7"), TEN("8"), TEN("9")};
#undef TEN

static const char *text_at(const struct gx_report *r, uint32_t at)
{
    return at >= SMALL ? small_numbers[at - SMALL] : r->pool + at;
}

/* The fact's text as an entry keeps it: 0, SMALL + n or a pool offset. */
static uint32_t text_ref(const struct gx_report *r, const struct gx_fact *f)
{
    switch (f->flags & GX_FACT_KIND) {
    case GX_FACT_SMALL: return SMALL + f->payload;
    case GX_FACT_ENTRY: return r->values[f->payload].text;
    default: return f->payload;
    }
}

const char *gx_fact_text(const struct gx_report *r, const struct gx_fact *f)
{
    uint32_t at = text_ref(r, f);
    return at ? text_at(r, at) : "";
}

const char *gx_fact_unit(const struct gx_report *r, const struct gx_fact *f)
{
    uint32_t at = text_ref(r, f);
    const char *t = at ? text_at(r, at) : NULL;
    return t ? t + strlen(t) + 1 : "";
}

/* 0..99 as the table above writes it, with no unit; else -1. */
static int small_number(const char *text, const char *unit)
{
    if (*unit || text[0] < '0' || text[0] > '9') return -1;
    if (!text[1]) return text[0] - '0';
    if (text[0] == '0' || text[1] < '0' || text[1] > '9' || text[2]) return -1;
    return (text[0] - '0') * 10 + (text[1] - '0');
}

/* The pool starts with a byte that no text uses, so 0 means "none". */
static uint32_t pool_add(struct gx_report *r, const char *s, size_t n)
{
    size_t need = (size_t)r->pool_len + (r->pool_len ? 0 : 1) + n;
    if (need >= SMALL) abort();   /* 2 GB of cell text in one report */
    GX_GROW(r->pool, need, r->pool_cap);
    if (!r->pool_len) r->pool[r->pool_len++] = '\0';
    uint32_t at = r->pool_len;
    memcpy(r->pool + at, s, n);
    r->pool_len += (uint32_t)n;
    return at;
}

/* The text and unit stored (copied), as an entry keeps them. */
static uint32_t store_text(struct gx_report *r, const char *text,
                           const char *unit)
{
    text = text ? text : "";
    unit = unit ? unit : "";
    if (!*text && !*unit) return 0;
    int n = small_number(text, unit);
    if (n >= 0) return SMALL + (uint32_t)n;
    uint32_t at = pool_add(r, text, strlen(text) + 1);
    pool_add(r, unit, strlen(unit) + 1);
    return at;
}

/* Puts value and text where they take least room: in the fact itself
 * when the value is the small count its text says, or is 0 with a text
 * the payload holds; else in an entry of r->values.  A fact that has an
 * entry keeps it, so a report has no more entries than facts. */
static void place(struct gx_report *r, struct gx_fact *f, double value,
                  uint32_t text)
{
    int kind = f->flags & GX_FACT_KIND;
    if (kind != GX_FACT_ENTRY && text >= SMALL &&
        value == (double)(text - SMALL) && !signbit(value)) {
        kind = GX_FACT_SMALL;
        f->payload = text - SMALL;
    } else if (kind != GX_FACT_ENTRY && value == 0 && !signbit(value) &&
               text <= GX_FACT_PAYLOAD_MAX) {
        kind = GX_FACT_TEXT;
        f->payload = text;
    } else {
        if (kind != GX_FACT_ENTRY) {
            /* cannot happen: facts are cells, fewer than GX_MAX_CELLS */
            if (r->nvalues > GX_FACT_PAYLOAD_MAX) abort();
            GX_GROW(r->values, (size_t)r->nvalues + 1, r->vcap);
            f->payload = r->nvalues++;
        }
        kind = GX_FACT_ENTRY;
        r->values[f->payload] = (struct gx_fact_value){value, text};
    }
    f->flags = (f->flags & ~GX_FACT_KIND) | (unsigned)kind;
}

void gx_fact_set(struct gx_report *r, struct gx_fact *f, double value,
                 const char *text, const char *unit)
{
    place(r, f, value, store_text(r, text, unit));
}

void gx_fact_set_value(struct gx_report *r, struct gx_fact *f, double value)
{
    place(r, f, value, text_ref(r, f));
}

static struct gx_fact_doubt *doubt_of(const struct gx_report *r,
                                      const struct gx_fact *f)
{
    if (!(f->flags & GX_FACT_DOUBTED)) return NULL;
    size_t at = (size_t)(f - r->facts);
    for (size_t i = 0; i < r->ndoubts; i++)
        if (r->doubts[i].fact == at) return &r->doubts[i];
    return NULL;
}

const char *gx_fact_doubt(const struct gx_report *r, const struct gx_fact *f)
{
    const struct gx_fact_doubt *d = doubt_of(r, f);
    return d ? d->reason : NULL;
}

static void join_reason(char **dst, const char *reason)
{
    if (*dst && strstr(*dst, reason)) return;
    struct gx_strbuf sb = GX_STRBUF_INIT;
    if (*dst) {
        gx_strbuf_adds(&sb, *dst);
        gx_strbuf_adds(&sb, "; ");
        free(*dst);
    }
    gx_strbuf_adds(&sb, reason);
    *dst = gx_strbuf_detach(&sb, NULL);
}

void gx_fact_add_doubt(struct gx_report *r, struct gx_fact *f,
                       const char *reason)
{
    struct gx_fact_doubt *d = doubt_of(r, f);
    if (!d) {
        GX_GROW(r->doubts, (size_t)r->ndoubts + 1, r->dcap);
        d = &r->doubts[r->ndoubts++];
        d->fact = (uint32_t)(f - r->facts);
        d->reason = NULL;
        f->flags |= GX_FACT_DOUBTED;
    }
    join_reason(&d->reason, reason);
}

void gx_table_add_doubt(struct gx_table_read *t, const char *reason)
{
    join_reason(&t->doubt, reason);
}

enum { KEY_MAX = 128 };   /* a row or col key, as templates have them */

/* The "row.col" piece of a cells text at p: *ok when it is one, with its
 * keys copied to row and col; returns the start of the next piece. */
static const char *cell_keys_at(const char *p, char row[KEY_MAX],
                                char col[KEY_MAX], int *ok)
{
    size_t n = strcspn(p, " ");
    const char *dot = memchr(p, '.', n);
    size_t rl = dot ? (size_t)(dot - p) : 0, cl = dot ? n - rl - 1 : 0;
    *ok = dot && rl < KEY_MAX && cl < KEY_MAX;
    if (*ok) {
        memcpy(row, p, rl);
        row[rl] = '\0';
        memcpy(col, dot + 1, cl);
        col[cl] = '\0';
    }
    for (p += n; *p == ' ';) p++;
    return p;
}

/* Numbers the cells of "row.col row.col" in `table` into `out` (room
 * for GX_CELLS_AS_TEXT - 1); returns how many, or GX_CELLS_AS_TEXT when
 * a cell has no number or the text is spaced otherwise than by one space
 * between cells (the numbers would not read back as it). */
static size_t number_cells(const struct gx_report *r, const char *table,
                           const char *cells, uint16_t *out)
{
    size_t lc = strlen(cells), n = 0;
    if (!lc) return 0;
    if (!table || !r->cells || cells[0] == ' ' || cells[lc - 1] == ' ' ||
        strstr(cells, "  "))
        return GX_CELLS_AS_TEXT;
    for (const char *p = cells; *p;) {
        char row[KEY_MAX], col[KEY_MAX];
        int ok;
        p = cell_keys_at(p, row, col, &ok);
        unsigned cell = ok ? gx_cellkeys_find(r->cells, table, row, col)
                           : GX_NO_CELL;
        if (cell == GX_NO_CELL || n == GX_CELLS_AS_TEXT - 1)
            return GX_CELLS_AS_TEXT;
        out[n++] = (uint16_t)cell;
    }
    return n;
}

static void cells_text(const struct gx_report *r, const uint16_t *cells,
                       size_t n, struct gx_strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        const struct gx_cellkey *k = &r->cells->keys[cells[i]];
        if (i) gx_strbuf_addch(out, ' ');
        gx_strbuf_adds(out, k->row);
        gx_strbuf_addch(out, '.');
        gx_strbuf_adds(out, k->col);
    }
}

/* The block: the cells' numbers when the templates have them all, else
 * their text; then the message. */
static void *finding_block(const struct gx_report *r, struct gx_finding *f,
                           const char *cells, const char *message)
{
    size_t lc = strlen(cells), lm = strlen(message);
    uint16_t *num = gx_xmalloc((lc / 2 + 1) * sizeof(*num));
    size_t n = number_cells(r, f->table, cells, num);
    size_t head = n == GX_CELLS_AS_TEXT ? lc + 1 : n * sizeof(*num);
    char *block = gx_xmalloc(head + lm + 1);
    memcpy(block, n == GX_CELLS_AS_TEXT ? (const void *)cells : num, head);
    memcpy(block + head, message, lm + 1);
    free(num);
    f->ncells = (uint16_t)n;
    f->message = block + head;
    return block;
}

struct gx_finding *gx_report_add_finding(struct gx_report *r, const char *rule,
                                         enum gx_finding_kind kind,
                                         const char *table, const char *cells,
                                         const char *message)
{
    if (r->nfindings == r->fcap) {   /* most reports have none or a few */
        r->fcap = r->fcap ? r->fcap * 2 : 2;
        r->findings = gx_xrealloc(r->findings, r->fcap * sizeof(*r->findings));
    }
    struct gx_finding *f = &r->findings[r->nfindings++];
    memset(f, 0, sizeof(*f));
    f->rule = rule;
    f->kind = kind;
    f->table = table;
    f->block = finding_block(r, f, cells ? cells : "", message);
    return f;
}

const char *gx_finding_cells(const struct gx_report *r,
                             const struct gx_finding *f,
                             struct gx_strbuf *out)
{
    gx_strbuf_reset(out);
    if (f->ncells == GX_CELLS_AS_TEXT) gx_strbuf_adds(out, f->block);
    else cells_text(r, f->block, f->ncells, out);
    return out->buf;
}

void gx_finding_each_cell(const struct gx_report *r,
                          const struct gx_finding *f,
                          void (*fn)(const char *row, const char *col,
                                     void *ctx),
                          void *ctx)
{
    if (f->ncells != GX_CELLS_AS_TEXT) {
        const uint16_t *cells = f->block;
        for (size_t i = 0; i < f->ncells; i++)
            fn(r->cells->keys[cells[i]].row, r->cells->keys[cells[i]].col,
               ctx);
        return;
    }
    for (const char *p = f->block; *p;) {
        char row[KEY_MAX], col[KEY_MAX];
        int ok;
        p = cell_keys_at(p, row, col, &ok);
        if (ok) fn(row, col, ctx);
    }
}

const char *gx_finding_kind_name(enum gx_finding_kind kind)
{
    switch (kind) {
    case GX_FIND_ERROR: return "差错";
    case GX_FIND_WARNING: return "提示";
    case GX_FIND_DOUBT: return "存疑";
    default: return "无法核对";
    }
}
