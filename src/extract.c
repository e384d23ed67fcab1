#include "extract.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identity.h"
#include "label.h"
#include "number.h"
#include "section.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

enum {
    LOOKAHEAD = 5,    /* rows a label may skip ahead (rows a report omits) */
    PREFIX_MIN = 4,   /* characters of a label's start that may anchor it */
    MAX_WINDOW = 12,  /* rows over which numbers may be re-aligned: a whole
                         category group (（三） has 8 leaves) printed a line off */
    NO_ROW = -1
};

/* One cell of a printed row: which template row and column it is. */
struct pcell {
    const struct gx_trow *row;
    const struct gx_tcol *col;
};

/* The cells of one source line that went to one printed row, from its last
 * label on: values and empty cells in order.  A line holding exactly a
 * row's count of cells tells which cells the report left blank. */
struct segment {
    struct gx_token *slots;
    size_t n, cap, nvalues;
};

/* A row as printed: one template row (表二, 表三), or all rows in one line
 * (表四). */
struct prow {
    struct pcell *cells;              /* in the run's cells */
    size_t ncells;
    const struct gx_trow *label_row;  /* NULL: anchored by position */
    struct gx_token *toks;            /* the numbers and dashes it received */
    size_t ntoks, tcap;
    struct segment *segs;
    size_t nsegs, scap;
    struct gx_token *out;             /* resolved, ncells long; NULL: none */
    struct gx_token *out_room;        /* where out goes: in the run's outs */
    size_t nout;                      /* cells of out the report has */
    size_t longest_run;               /* most numbers it got with no label
                                         text between them */
    int after_label_block;            /* anchored by text holding several
                                         rows' labels and more after */
    char **doubts;                    /* per cell, owned, NULL: certain */
};

struct table_run {
    const struct gx_table *t;
    const char *variant;
    struct prow *rows;
    size_t nrows;
    int cur;                 /* row receiving numbers, or NO_ROW */
    size_t next;             /* first row not yet anchored */
    struct gx_key pending;   /* label text since the last numbers */
    struct segment seg;      /* the current line's cells since its last label */
    int line_has_label, line_anchored;
    size_t stray;            /* numbers before the first row label */
    size_t run;              /* numbers since the last label text */
    int label_since_number;  /* one-row table: label text after a number */
    int label_amid_numbers;  /* ... and a number after that text */
    const struct gx_identity **ids; /* the variant's per-row identities,
                                       parsed with the templates */
    size_t nids;
    struct gx_table_read *read;
    struct pcell *cells;     /* every row's cells, one array for the table */
    struct gx_token *outs;   /* room for every row's out, zeroed */
};

/* ---- building the printed rows ---------------------------------------- */

/* The first of variants 0..limit - 1 with a marker in k that ends at
 * k->cp[from] or later, or limit.  A marker with an empty key (all
 * digits or punctuation) is in any key. */
static size_t first_marked(const struct gx_table *t, const struct gx_key *k,
                           size_t from, size_t limit)
{
    for (size_t v = 0; v < limit; v++)
        for (size_t m = 0; m < t->variants[v].nmarkers; m++) {
            const struct gx_key *mk = &t->variants[v].marker_keys[m];
            if (mk->len == 0) return v;
            if (k->len <= from) continue;
            size_t start = from + 1 > mk->len ? from + 1 - mk->len : 0;
            struct gx_key tail = {k->cp + start, k->len - start, 0};
            if (gx_key_holds(&tail, mk)) return v;
        }
    return limit;
}

/* The first variant (the last, the default, aside) one of whose markers
 * the key of the section's labels holds.  The key grows line by line and
 * each line's new stretch is searched as it comes, so a marker of the
 * first variant ends the reading where it stands. */
static const char *choose_variant(const struct gx_table *t,
                                  const struct gx_doc *doc,
                                  const struct gx_section *s)
{
    struct gx_key k = {0};
    size_t nmarked = t->nvariants ? t->nvariants - 1 : 0;
    size_t found = first_marked(t, &k, 0, nmarked);
    for (size_t i = s->begin; i < s->end && found > 0; i++) {
        const struct gx_line *l = &doc->lines[i];
        if (gx_line_is_prose(l)) continue;
        size_t before = k.len;
        for (size_t c = 0; c < l->ncells; c++) gx_key_add(&k, l->cells[c]);
        found = first_marked(t, &k, before, found);
    }
    gx_key_release(&k);
    return found < nmarked ? t->variants[found].name
           : t->nvariants  ? t->variants[t->nvariants - 1].name
                           : "";
}

/* Appends the row's cells to the printed row, whose cells and out room
 * are the next stretch of the run's arrays (a table's worth of small
 * allocations is two). */
static void prow_add_cells(struct table_run *x, struct prow *p,
                           const struct gx_trow *row, size_t *used)
{
    if (!p->cells) {
        p->cells = x->cells + *used;
        p->out_room = x->outs + *used;
    }
    for (size_t c = 0; c < row->ncols; c++) {
        p->cells[p->ncells].row = row;
        p->cells[p->ncells++].col = &row->cols[c];
    }
    *used += row->ncols;
}

static void build_rows(struct table_run *x)
{
    const struct gx_table *t = x->t;
    size_t total = 0, used = 0;
    for (size_t r = 0; r < t->nrows; r++)
        if (gx_trow_in_variant(&t->rows[r], x->variant)) total += t->rows[r].ncols;
    x->cells = gx_xcalloc(total ? total : 1, sizeof(*x->cells));
    x->outs = gx_xcalloc(total ? total : 1, sizeof(*x->outs));
    x->rows = gx_xcalloc(t->nrows ? t->nrows : 1, sizeof(*x->rows));
    for (size_t r = 0; r < t->nrows; r++) {
        const struct gx_trow *row = &t->rows[r];
        if (!gx_trow_in_variant(row, x->variant)) continue;
        if (t->single_row) {
            x->nrows = 1;
            prow_add_cells(x, &x->rows[0], row, &used);
            continue;
        }
        x->rows[x->nrows].label_row = row;
        prow_add_cells(x, &x->rows[x->nrows++], row, &used);
    }
    x->cur = t->single_row ? 0 : NO_ROW;
}

static void load_identities(struct table_run *x)
{
    const struct gx_table *t = x->t;
    x->ids = gx_xcalloc(t->nidentities ? t->nidentities : 1, sizeof(*x->ids));
    for (size_t i = 0; i < t->nidentities; i++) {
        const struct gx_tidentity *ti = &t->identities[i];
        if (!gx_tidentity_in_variant(ti, x->variant)) continue;
        if (ti->parsed && ti->parsed->per_row) x->ids[x->nids++] = ti->parsed;
    }
}

static void segment_release(struct segment *s)
{
    free(s->slots);
    memset(s, 0, sizeof(*s));
}

static void run_release(struct table_run *x)
{
    for (size_t r = 0; r < x->nrows; r++) {
        struct prow *p = &x->rows[r];
        for (size_t s = 0; s < p->nsegs; s++) segment_release(&p->segs[s]);
        if (p->doubts)
            for (size_t c = 0; c < p->ncells; c++) free(p->doubts[c]);
        free(p->doubts);
        free(p->segs);
        free(p->toks);
    }
    free(x->rows);
    free(x->cells);
    free(x->outs);
    free(x->ids);
    gx_key_release(&x->pending);
    segment_release(&x->seg);
}

/* ---- anchoring rows by their labels ------------------------------------ */

/* gx_label_find_key, for a label that may match at all. */
static struct gx_label_match find_label(const struct gx_key *text,
                                        const struct gx_key_chars *chars,
                                        const struct gx_key *label)
{
    struct gx_label_match none = {0, 0, 0};
    return gx_label_may_match(chars, label) ? gx_label_find_key(text, label)
                                            : none;
}

/* The row's label or alias that ends last in the text; an unmatched
 * result tells nothing else. */
static struct gx_label_match match_row(const struct gx_trow *row,
                                       const struct gx_key *text,
                                       const struct gx_key_chars *chars)
{
    struct gx_label_match best = find_label(text, chars, &row->label_key);
    for (size_t a = 0; a < row->naliases; a++) {
        struct gx_label_match m = find_label(text, chars, &row->alias_keys[a]);
        if (m.matched && (!best.matched || m.end > best.end ||
                          (m.end == best.end && m.missing < best.missing)))
            best = m;
    }
    return best;
}

/* A label wrapped after its numbers: the text ends with the start of the
 * label of a row that may come next (at least PREFIX_MIN characters, and a
 * third of the label, so that a shared opening such as 申请人 decides
 * nothing). */
static int prefix_anchor(const struct table_run *x, size_t limit)
{
    int best = NO_ROW;
    size_t best_len = 0;
    for (size_t k = x->next; k < limit; k++) {
        const struct gx_key *lk = &x->rows[k].label_row->label_key;
        size_t n = gx_label_key_prefix_at_end(&x->pending, lk);
        if (n >= PREFIX_MIN && n * 3 >= lk->len && n > best_len) {
            best = (int)k;
            best_len = n;
        }
    }
    return best;
}

/* Text since the last numbers that holds the labels of three rows or more
 * and goes on past the last of them (of the rows a label may skip to) is
 * a column of labels printed apart from its numbers: the numbers that
 * follow may belong to any row whose label is in that text. */
static int label_block(const struct gx_label_match *m, size_t n, size_t end,
                       size_t len)
{
    size_t labels = 0;
    for (size_t k = 0; k < n; k++) labels += m[k].matched;
    return labels >= 3 && len - end >= PREFIX_MIN;
}

/* Gives the pending label text to a row: of the rows that may come next,
 * the one whose label ends last in the text (nearest the numbers); rows
 * before it whose labels the text also holds are anchored empty.  Returns
 * 1 when a row was anchored. */
static int resolve_anchor(struct table_run *x)
{
    struct gx_label_match m[LOOKAHEAD];
    struct gx_key_chars chars;
    int best = NO_ROW;
    size_t limit = x->next + LOOKAHEAD < x->nrows ? x->next + LOOKAHEAD : x->nrows;
    if (x->t->single_row || x->pending.len == 0) return 0;
    gx_key_chars_of(&x->pending, &chars);
    for (size_t k = x->next; k < limit; k++) {
        struct gx_label_match *mk = &m[k - x->next];
        *mk = match_row(x->rows[k].label_row, &x->pending, &chars);
        if (!mk->matched) continue;
        if (best == NO_ROW || mk->end > m[best - (int)x->next].end ||
            (mk->end == m[best - (int)x->next].end &&
             mk->missing < m[best - (int)x->next].missing))
            best = (int)k;
    }
    if (best == NO_ROW) best = prefix_anchor(x, limit);
    else if (label_block(m, limit - x->next, m[best - (int)x->next].end,
                         x->pending.len))
        x->rows[best].after_label_block = 1;
    gx_key_reset(&x->pending);
    if (best == NO_ROW) return 0;
    x->cur = best;
    x->next = (size_t)best + 1;
    return 1;
}

/* ---- walking the section's lines --------------------------------------- */

static void segment_push(struct segment *s, const struct gx_token *tok)
{
    GX_GROW(s->slots, s->n + 1, s->cap);
    s->slots[s->n++] = *tok;
    s->nvalues += tok->state != GX_CELL_BLANK;
}

static void flush_segment(struct table_run *x, int keep)
{
    if (keep && x->cur != NO_ROW && x->seg.n) {
        struct prow *p = &x->rows[x->cur];
        GX_GROW(p->segs, p->nsegs + 1, p->scap);
        p->segs[p->nsegs++] = x->seg;
        memset(&x->seg, 0, sizeof(x->seg));
    }
    segment_release(&x->seg);
}

static void take_value(struct table_run *x, const struct gx_token *tok)
{
    if (x->pending.len && resolve_anchor(x)) x->line_anchored = 1;
    if (x->label_since_number) x->label_amid_numbers = 1;
    if (x->cur == NO_ROW) {
        x->stray++;
        return;
    }
    struct prow *p = &x->rows[x->cur];
    GX_GROW(p->toks, p->ntoks + 1, p->tcap);
    p->toks[p->ntoks++] = *tok;
    if (++x->run > p->longest_run) p->longest_run = x->run;
    segment_push(&x->seg, tok);
}

static void take_label(struct table_run *x, const char *text, size_t len)
{
    flush_segment(x, x->seg.nvalues > 0);
    x->run = 0;
    if (x->t->single_row && x->rows[0].ntoks) x->label_since_number = 1;
    gx_key_add_n(&x->pending, text, len);
    x->line_has_label = 1;
}

/* A cell is a value, or a label possibly followed by values separated by
 * single spaces ("规章 0 0 0", "规章 - - -": a table flattened into
 * lines, as web pages and copied text have it), or empty.  A dash word
 * that is a piece of a label (`in_label`: "无" of 无法提供 split one
 * character per line) is read as label text. */
static void take_cell(struct table_run *x, const char *cell, int in_label,
                      int rejoined)
{
    struct gx_token tok;
    if (!*cell) {
        memset(&tok, 0, sizeof(tok));
        tok.state = GX_CELL_BLANK;
        segment_push(&x->seg, &tok);
        return;
    }
    int whole = gx_number_parse(cell, &tok);
    if (whole && !(in_label && gx_is_dash_word(cell))) {
        tok.rejoined = (unsigned char)rejoined;
        take_value(x, &tok);
        return;
    }
    /* Peel values off the end of the cell, word by word. */
    size_t n = strlen(cell), split = n, nvals = 0;
    struct gx_token vals[16];
    while (nvals < GX_ARRAY_LEN(vals)) {
        size_t e = split;
        while (e > 0 && cell[e - 1] == ' ') e--;
        size_t b = e;
        while (b > 0 && cell[b - 1] != ' ') b--;
        if (e == b) break;
        /* A cell of one word was parsed whole just above. */
        int ok = b == 0 && e == n
                     ? whole
                     : gx_number_parse_n(cell + b, e - b, &vals[nvals]);
        if (ok && b == 0 && e == n) vals[nvals] = tok;
        if (!ok || vals[nvals].state == GX_CELL_BLANK ||
            (vals[nvals].state == GX_CELL_DASH && in_label))
            break;
        nvals++;
        split = b;
    }
    if (split > 0) take_label(x, cell, split);
    while (nvals) take_value(x, &vals[--nvals]);
}

static void take_line(struct table_run *x, const struct gx_line *l,
                      int in_label)
{
    x->line_has_label = x->line_anchored = 0;
    for (size_t c = 0; c < l->ncells; c++) {
        int how = c >= 64 ? 0
                          : (l->rejoined >> c & 1 ? GX_REJOINED : 0) |
                                (l->by_order >> c & 1 ? GX_REJOINED_BY_ORDER
                                                      : 0);
        take_cell(x, l->cells[c], in_label && l->ncells == 1, how);
    }
    /* A labelled line of nothing but empty cells is a row left blank. */
    if (x->seg.n && !x->seg.nvalues && x->pending.len &&
        resolve_anchor(x))
        x->line_anchored = 1;
    flush_segment(x, x->seg.nvalues > 0 || (x->seg.n && (!x->line_has_label ||
                                                         x->line_anchored)));
}

/* A page number is one cell: a row of dash cells around a number
 * ("-", "-", "0", "-") reads like "- 0 -" once joined, but is a row. */
static int is_furniture(const struct gx_line *l)
{
    const char *t = gx_line_sole_text(l);
    return t && *t && gx_is_page_number(t);
}

/* A line of one character that is no number: a piece of a label split
 * one character per line. */
static int is_label_char(const struct gx_line *l)
{
    struct gx_token tok;
    const char *t = gx_line_sole_text(l);
    return t && gx_utf8_count(t) == 1 && !gx_number_parse(t, &tok);
}

/* A dash word alone on line i ("无") is a piece of a label when a line
 * beside it is one too (无法提供, 无正当理由 split one character per
 * line); else it is a cell's dash, as a text export of a Word table
 * prints each cell on a line of its own. */
static int in_split_label(const struct gx_doc *doc, const struct gx_section *s,
                          size_t i)
{
    return (i > s->begin && is_label_char(&doc->lines[i - 1])) ||
           (i + 1 < s->end && is_label_char(&doc->lines[i + 1]));
}

static void walk_section(struct table_run *x, const struct gx_doc *doc,
                         const struct gx_section *s)
{
    /* The first line is the heading or the table's caption. */
    for (size_t i = s->begin; i < s->end; i++) {
        const struct gx_line *l = &doc->lines[i];
        if (gx_line_is_prose(l) || is_furniture(l)) continue;
        take_line(x, l, in_split_label(doc, s, i));
    }
}

/* ---- resolving each row's numbers -------------------------------------- */

struct reading {
    const struct prow *p;
    const struct gx_token *toks;   /* ncells tokens in cell order */
};

static int reading_lookup(void *ctx, const char *row, const char *col,
                          double *v)
{
    const struct reading *rd = ctx;
    for (size_t c = 0; c < rd->p->ncells; c++) {
        const struct pcell *pc = &rd->p->cells[c];
        if (strcmp(pc->row->key, row) || strcmp(pc->col->key, col)) continue;
        if (rd->toks[c].state != GX_CELL_NUMBER) return 0;
        *v = rd->toks[c].value;
        return 1;
    }
    return 0;
}

/* GX_ID_FAILS when a row identity fails on these tokens, else holds (or
 * cannot be assessed). */
static enum gx_identity_result reading_check(const struct table_run *x,
                                             const struct prow *p,
                                             const struct gx_token *toks)
{
    struct reading rd = {p, toks};
    enum gx_identity_result res = GX_ID_UNASSESSABLE;
    for (size_t i = 0; i < x->nids; i++)
        for (size_t c = 0; c < p->ncells; c++) {
            if (c && p->cells[c].row == p->cells[c - 1].row) continue;
            enum gx_identity_result r =
                gx_identity_eval(x->ids[i], p->cells[c].row->key,
                                 reading_lookup, &rd, NULL, NULL);
            if (r == GX_ID_FAILS) return GX_ID_FAILS;
            if (r == GX_ID_HOLDS) res = GX_ID_HOLDS;
        }
    return res;
}

static void set_doubt(struct prow *p, size_t c, const char *reason)
{
    if (!p->doubts) p->doubts = gx_xcalloc(p->ncells, sizeof(char *));
    if (!p->doubts[c]) p->doubts[c] = gx_xstrdup(reason);
}

static void set_row_doubt(struct prow *p, const char *reason)
{
    for (size_t c = 0; c < p->nout; c++)
        if (p->out[c].state != GX_CELL_BLANK) set_doubt(p, c, reason);
}

/* Gives the row its first n cells; with fewer tokens than cells, the cells
 * after them stay absent (not blank: nothing says the report left them
 * empty). */
static void assign(struct prow *p, const struct gx_token *toks, size_t n)
{
    p->out = p->out_room;
    memset(p->out, 0, p->ncells * sizeof(*p->out));
    p->nout = n < p->ncells ? n : p->ncells;
    for (size_t c = 0; c < p->nout; c++) p->out[c] = toks[c];
}

/* A segment that holds exactly the row's cells, with all its numbers, says
 * which cells are blank. */
static const struct segment *positional_segment(const struct prow *p)
{
    for (size_t s = 0; s < p->nsegs; s++) {
        const struct segment *sg = &p->segs[s];
        size_t n = sg->n;
        while (n > p->ncells && sg->slots[n - 1].state == GX_CELL_BLANK) n--;
        if (n == p->ncells && sg->nvalues == p->ntoks) return sg;
    }
    return NULL;
}

static const char numbers_apart[] =
    "数字成块出现、与行标签分开（如不按版式转出的 PDF 文本），按顺序分到各行，"
    "未必对应";

/* More numbers than cells: try every run of ncells consecutive numbers,
 * prefer the runs under which the row's identities hold, and doubt each
 * cell on which the runs disagree. */
static void resolve_extra(const struct table_run *x, struct prow *p)
{
    size_t w = p->ncells, nread = p->ntoks - w + 1, chosen = SIZE_MAX;
    int any_fail = 0;
    for (size_t o = 0; o < nread; o++) {
        if (reading_check(x, p, p->toks + o) != GX_ID_FAILS) {
            if (chosen == SIZE_MAX) chosen = o;
        } else {
            any_fail = 1;
        }
    }
    char why[160];
    snprintf(why, sizeof(why), "本行有%zu个数，表格应为%zu个%s", p->ntoks, w,
             chosen == SIZE_MAX ? "，合计均不成立" :
             any_fail ? "，取合计成立的读法" : "");
    assign(p, p->toks + (chosen == SIZE_MAX ? 0 : chosen), w);
    for (size_t c = 0; c < w; c++)
        for (size_t o = 0; o < nread; o++) {
            const struct gx_token *a = &p->toks[o + c], *b = &p->out[c];
            if (a->state != b->state || strcmp(a->text, b->text)) {
                set_doubt(p, c, why);
                break;
            }
        }
    if (chosen == SIZE_MAX) set_row_doubt(p, why);
    /* Many runs fit a block of numbers (see resolve_window): none is
     * more than a guess. */
    if (p->longest_run > 2 * w) set_row_doubt(p, numbers_apart);
}

static void resolve_short(struct prow *p)
{
    char why[160];
    const struct segment *sg = positional_segment(p);
    if (sg) {
        assign(p, sg->slots, p->ncells);
        return;
    }
    if (p->ntoks == 0) return;   /* the row has no cells at all */
    snprintf(why, sizeof(why), "本行只找到%zu个数，表格应为%zu个，位置不确定",
             p->ntoks, p->ncells);
    assign(p, p->toks, p->ntoks);
    for (size_t c = 0; c < p->ntoks; c++) set_doubt(p, c, why);
}

/* Numbers that sit one line off their label (a wrapped label) are given to
 * rows i..j in reading order; the rows' identities confirm the reading.
 * A run of more than two rows' numbers with no label text between them
 * is no wrapped label: the table came out as a block of labels and a
 * block of numbers (a PDF turned to text without its layout, or copied
 * from a viewer), or the numbers follow a column of labels (a row
 * anchored by uncertain text).  Given out in order they may fall to the
 * wrong rows, and the identities cannot tell: on 154 PDFs of
 * scripts/gen-corpus turned to text that way, trusting the rows whose
 * nonzero numbers add up left 1,055 of 2,950 wrong cells unflagged.  Every
 * row of the window is a doubt. */
static void resolve_window(const struct table_run *x, size_t i, size_t j)
{
    struct gx_token *all = NULL;
    size_t n = 0, cap = 0;
    int apart = 0, lost = 0;
    for (size_t r = i; r <= j; r++) {
        apart |= x->rows[r].longest_run > 2 * x->rows[r].ncells;
        lost |= x->rows[r].after_label_block;
        for (size_t k = 0; k < x->rows[r].ntoks; k++) {
            GX_GROW(all, n + 1, cap);
            all[n++] = x->rows[r].toks[k];
        }
    }
    size_t at = 0;
    for (size_t r = i; r <= j; r++) {
        struct prow *p = &x->rows[r];
        assign(p, all + at, p->ncells);
        at += p->ncells;
        if (lost || apart)
            set_row_doubt(p, numbers_apart);
        else if (reading_check(x, p, p->out) == GX_ID_FAILS)
            set_row_doubt(p, "行标签与数字错行，按顺序对齐后本行合计不成立");
    }
    free(all);
}

/* Finds j >= i such that rows i..j together hold exactly their cells'
 * count of numbers. */
static int balanced_window(const struct table_run *x, size_t i, size_t *j)
{
    size_t have = 0, need = 0;
    for (size_t r = i; r < x->nrows && r < i + MAX_WINDOW; r++) {
        have += x->rows[r].ntoks;
        need += x->rows[r].ncells;
        if (r > i && have == need) {
            *j = r;
            return 1;
        }
    }
    return 0;
}

static void resolve_rows(struct table_run *x)
{
    size_t i = 0, j;
    while (i < x->nrows) {
        struct prow *p = &x->rows[i];
        if (p->ntoks == p->ncells) {
            assign(p, p->toks, p->ncells);
            i++;
        } else if (p->ntoks < p->ncells && positional_segment(p) &&
                   !(i + 1 < x->nrows &&
                     x->rows[i + 1].ntoks > x->rows[i + 1].ncells)) {
            resolve_short(p);
            i++;
        } else if (balanced_window(x, i, &j)) {
            resolve_window(x, i, j);
            i = j + 1;
        } else if (p->ntoks > p->ncells) {
            resolve_extra(x, p);
            i++;
        } else {
            resolve_short(p);
            i++;
        }
    }
}

/* A number put together from the pieces of a wrapped cell stands only if
 * its row's identities hold with it; else, or when no identity applies,
 * it is a doubt.  In a row whose columns came from the order of its
 * numbers, every number is a doubt: a row total holds in any order. */
static void check_rejoined(const struct table_run *x, struct prow *p)
{
    char why[160];
    enum gx_identity_result res = GX_ID_UNASSESSABLE;
    int checked = 0;
    for (size_t c = 0; c < p->nout; c++)
        if (p->out[c].rejoined & GX_REJOINED_BY_ORDER)
            set_doubt(p, c, "数字在窄单元格内折行，拼接后按次序归列，"
                            "所在列未能核实");
    for (size_t c = 0; c < p->nout; c++) {
        if (!(p->out[c].rejoined & GX_REJOINED)) continue;
        if (!checked++) res = reading_check(x, p, p->out);
        if (res == GX_ID_HOLDS) return;
        snprintf(why, sizeof(why), "数字在窄单元格内折行，拼接为%s，%s",
                 p->out[c].text, res == GX_ID_FAILS ? "本行合计不成立"
                                                    : "无法以合计核对");
        set_doubt(p, c, why);
    }
}

static void check_rejoined_rows(const struct table_run *x)
{
    for (size_t i = 0; i < x->nrows; i++)
        if (x->rows[i].out) check_rejoined(x, &x->rows[i]);
}

/* The numbers after a column of labels (see resolve_anchor) may be any
 * of those rows': the row they went to is a doubt however it was
 * resolved. */
static void check_blocks(const struct table_run *x)
{
    for (size_t i = 0; i < x->nrows; i++) {
        struct prow *p = &x->rows[i];
        if (!p->out || x->t->single_row) continue;
        if (p->after_label_block)
            set_row_doubt(p, "几行的行标签连在一起、其间没有数字，其后的数字"
                             "属于哪一行不确定");
    }
}

/* A one-row table (表四) prints its header, then its numbers.  Header text
 * between the numbers means the text runs down the columns, not along the
 * row (a PDF turned to text without its layout): the order of the numbers
 * is then the text's, not the table's, and stands only if the identities
 * hold on it.  Failing, it is our doubt, not the report's error. */
static void check_column_order(const struct table_run *x)
{
    struct prow *p = &x->rows[0];
    if (!x->t->single_row || !x->label_amid_numbers || !p->out) return;
    if (reading_check(x, p, p->out) == GX_ID_FAILS)
        set_row_doubt(p, "表头文字夹在数字之间（表格按列转成了文本），"
                         "按顺序读出的合计不成立");
}

/* ---- from resolved rows to facts ---------------------------------------- */

static void emit_facts(struct table_run *x, struct gx_report *r)
{
    size_t missing = 0, doubtful = 0;
    for (size_t i = 0; i < x->nrows; i++) {
        struct prow *p = &x->rows[i];
        if (!p->out) {
            missing++;
            continue;
        }
        for (size_t c = 0; c < p->nout; c++) {
            const struct gx_token *tok = &p->out[c];
            struct gx_fact *f = gx_report_add_cell(r, p->cells[c].col->cell);
            f->state = (uint8_t)tok->state;
            gx_fact_set(r, f, tok->value, tok->text, tok->unit);
            if (p->doubts && p->doubts[c]) {
                gx_fact_add_doubt(r, f, p->doubts[c]);
                doubtful++;
            }
        }
    }
    char why[200];
    if (missing) {
        snprintf(why, sizeof(why), "%zu行未找到数字", missing);
        gx_table_add_doubt(x->read, why);
    }
    if (doubtful) {
        snprintf(why, sizeof(why), "%zu个单元格存疑", doubtful);
        gx_table_add_doubt(x->read, why);
    }
    if (x->stray) {
        snprintf(why, sizeof(why), "表头处有%zu个数未归入任何行", x->stray);
        gx_table_add_doubt(x->read, why);
    }
}

static int extract_table(const struct gx_table *t, const struct gx_doc *doc,
                         const struct gx_section *s, struct gx_report *r,
                         struct gx_table_read *read)
{
    struct table_run x = {0};
    x.t = t;
    x.read = read;
    x.variant = choose_variant(t, doc, s);
    build_rows(&x);
    load_identities(&x);
    walk_section(&x, doc, s);
    resolve_rows(&x);
    check_rejoined_rows(&x);
    check_blocks(&x);
    check_column_order(&x);
    size_t before = r->nfacts;
    emit_facts(&x, r);
    run_release(&x);
    read->variant = x.variant;
    read->found = r->nfacts > before;
    if (!read->found) gx_table_add_doubt(read, "找到表格标题，但没有数字");
    return read->found;
}

/* 表二's layout decides the report's format; without 表二, 表三's; without
 * either, the year (the 2021 form applies from the 2021 reports on). */
static void set_format(struct gx_report *r)
{
    const char *f = NULL;
    for (int t = 0; t < GX_TABLES && !f; t++)
        if (r->tables[t].found && r->tables[t].variant &&
            (!strcmp(r->tables[t].variant, "2021") ||
             !strcmp(r->tables[t].variant, "2019")))
            f = r->tables[t].variant;
    if (!f && r->year) f = r->year >= 2021 ? "2021" : "2019";
    snprintf(r->format, sizeof(r->format), "%s", f ? f : "");
}

/* A file read only by repairing its encoding (gx_decode_repair) may hold
 * cells whose bytes were guessed: the user is told, once per report. */
static void repair_warning(const struct gx_doc *doc, struct gx_report *r)
{
    char msg[256];
    if (!doc->repaired_lines) return;
    snprintf(msg, sizeof(msg), "文件编码不一致（%s）：%zu行按另一编码解码或含"
             "无法识别的字节（显示为\xEF\xBF\xBD），请核对原文件",
             doc->encoding, doc->repaired_lines);
    gx_report_add_finding(r, "decode-repaired", GX_FIND_WARNING, NULL, "", msg);
}

int gx_extract(const struct gx_templates *tpl, const struct gx_doc *doc,
               const struct gx_sections *sections, struct gx_report *r)
{
    int found = 0;
    size_t n = sections->n < GX_TABLES ? sections->n : GX_TABLES;
    r->cells = tpl->cells;
    for (size_t t = 0; t < n; t++) {
        r->tables[t].table = tpl->tables[t].key;
        if (!sections->at[t].found) continue;
        found += extract_table(&tpl->tables[t], doc, &sections->at[t], r,
                               &r->tables[t]);
    }
    gx_report_trim(r);
    set_format(r);
    if (found) repair_warning(doc, r);
    return found;
}
