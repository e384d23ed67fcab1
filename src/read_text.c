/* read_text.c - plain text (.txt .md): decoding, then lines into cells.
 *
 * Text exports of report tables come in four shapes, told apart per line:
 * tab rows ("规章\t0\t0\t0"), pipe rows ("| 规章 | 0 |"), space-aligned
 * columns ("规章  0  0  0", two or more spaces between cells),
 * one-cell-per-line tables (Word's export: each cell a line starting with a
 * tab, rows separated by an empty line) and tables drawn with box-drawing
 * characters ("│规章│0│", 制表符 tables, and web pages saved as text by
 * w3m), whose rows may wrap over several lines between rules. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise.h"
#include "reader.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

struct text_line {
    const char *s;
    size_t n;
};

/* A line of a one-cell-per-line table: one leading tab, no other tab. */
static int is_cell_line(const struct text_line *l)
{
    return l->n >= 1 && l->s[0] == '\t' && !memchr(l->s + 1, '\t', l->n - 1);
}

static int is_blank(const struct text_line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t') return 0;
    return 1;
}

/* A tab row whose cells are all empty (表四 with nothing filled in): its
 * cells are blanks the table needs, not a blank line.  One tab alone is
 * too little to tell from stray white space. */
static int is_blank_row(const struct text_line *l)
{
    size_t tabs = 0;
    for (size_t i = 0; i < l->n; i++) tabs += l->s[i] == '\t';
    return tabs >= 2 && is_blank(l);
}

/* The lines of text, each ended by '\n' (the last one may not be). */
static size_t split_lines(const char *text, size_t len, struct text_line **out)
{
    size_t n = 0, cap = 0, start = 0;
    *out = NULL;
    for (;;) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (!nl && start == len) break;
        GX_GROW(*out, n + 1, cap);
        (*out)[n].s = text + start;
        (*out)[n].n = end - start;
        n++;
        if (!nl) break;
        start = end + 1;
    }
    return n;
}

/* Most one-cell-per-line exports have many such lines; a stray tab-led line
 * in a tab-row file must not turn into a table of its own. */
static int uses_cell_lines(const struct text_line *lines, size_t n)
{
    size_t cells = 0, nonblank = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_blank(&lines[i]) && !is_cell_line(&lines[i])) continue;
        nonblank++;
        cells += is_cell_line(&lines[i]);
    }
    return cells >= 20 && cells * 4 >= nonblank;
}

/* Groups a run of cell lines (and the untabbed continuation lines Word
 * leaves inside a cell) into one row; returns the index after the run. */
static size_t add_cell_group(const struct text_line *lines, size_t n, size_t i,
                             struct gx_doc *doc)
{
    struct gx_line *row = gx_doc_add_line(doc, GX_LINE_ROW, (unsigned)i + 1);
    struct gx_strbuf cell = GX_STRBUF_INIT;
    int open = 0;
    for (; i < n; i++) {
        const struct text_line *l = &lines[i];
        if (is_cell_line(l)) {
            if (open) gx_line_add_cell(row, cell.buf, cell.len);
            gx_strbuf_reset(&cell);
            gx_strbuf_add(&cell, l->s + 1, l->n - 1);
            open = 1;
        } else if (open && !is_blank(l) && i + 1 < n &&
                   (is_cell_line(&lines[i + 1]) || !is_blank(&lines[i + 1]))) {
            gx_strbuf_add(&cell, l->s, l->n); /* continuation of the cell */
        } else {
            break;
        }
    }
    if (open) gx_line_add_cell(row, cell.buf, cell.len);
    gx_strbuf_release(&cell);
    return i;
}

static void add_split(struct gx_line *line, const char *s, size_t n, char sep)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || s[i] == sep) {
            gx_line_add_cell(line, s + start, i - start);
            start = i + 1;
        }
}

static int is_pipe_row(const char *s, size_t n)
{
    while (n && s[n - 1] == ' ') n--;
    while (n && *s == ' ') s++, n--;
    return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

/* One cell of a rule: " :---: ", three dashes at least or a colon, so
 * that a cell of one "-" (a dash value, 无) is not taken for one. */
static int is_rule_cell(const char *s, size_t n)
{
    size_t dashes = 0, colons = 0, i = 0;
    while (i < n && s[i] == ' ') i++;
    if (i < n && s[i] == ':') i++, colons++;
    while (i < n && s[i] == '-') i++, dashes++;
    if (i < n && s[i] == ':') i++, colons++;
    while (i < n && s[i] == ' ') i++;
    return i == n && dashes > 0 && (dashes >= 3 || colons > 0);
}

/* "|---|:--:|" separates a markdown table's header from its body;
 * "| - | - |" is a row of dashes.  `s` is a pipe row, trimmed or not. */
static int is_pipe_rule(const char *s, size_t n)
{
    while (n && s[n - 1] == ' ') n--;
    while (n && *s == ' ') s++, n--;
    size_t start = 1;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '|') {
            if (!is_rule_cell(s + start, i - start)) return 0;
            start = i + 1;
        }
    return 1;
}

static void add_pipe_row(struct gx_doc *doc, const char *s, size_t n,
                         unsigned lineno)
{
    while (n && s[n - 1] == ' ') n--;
    while (n && *s == ' ') s++, n--;
    struct gx_line *line = gx_doc_add_line(doc, GX_LINE_ROW, lineno);
    add_split(line, s + 1, n - 2, '|');
}

/* Splits at runs of two or more spaces; a single space stays in a cell. */
static void add_spaced(struct gx_doc *doc, const char *s, size_t n,
                       unsigned lineno)
{
    struct gx_line *line = gx_doc_add_line(doc, GX_LINE_TEXT, lineno);
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    size_t start = i;
    while (i < n) {
        if (s[i] == ' ' && i + 1 < n && s[i + 1] == ' ') {
            gx_line_add_cell(line, s + start, i - start);
            while (i < n && s[i] == ' ') i++;
            start = i;
        } else {
            i++;
        }
    }
    if (start < n) gx_line_add_cell(line, s + start, n - start);
}

/* ---- tables drawn with box-drawing characters ----------------------------- */

/* The code point of a box-drawing character (U+2500..U+257F, three UTF-8
 * bytes) at s[i], or 0. */
static unsigned box_char(const char *s, size_t n, size_t i)
{
    if ((unsigned char)s[i] != 0xE2) return 0;   /* the common case, fast */
    size_t len;
    uint32_t cp = gx_utf8_decode(s + i, n - i, &len);
    return cp >= 0x2500 && cp <= 0x257F ? (unsigned)cp : 0;
}

static int is_box_vertical(unsigned cp)
{
    return cp == 0x2502 || cp == 0x2503 || cp == 0x2551;   /* │ ┃ ║ */
}

static int is_box_horizontal(unsigned cp)
{
    return cp == 0x2500 || cp == 0x2501 || cp == 0x2550;   /* ─ ━ ═ */
}

/* A rule between rows: box-drawing characters and spaces only, with a
 * corner or a joint ("├──┼──┤", or "│    ├──┤" beside a merged cell) or a
 * run of three strokes.  A lone "─" is a dash, a cell's value. */
static int is_box_rule(const struct text_line *l)
{
    size_t run = 0, longest = 0;
    int joint = 0;
    for (size_t i = 0; i < l->n;) {
        unsigned cp = box_char(l->s, l->n, i);
        if (cp) {
            run = is_box_horizontal(cp) ? run + 1 : 0;
            if (run > longest) longest = run;
            joint |= !is_box_horizontal(cp) && !is_box_vertical(cp);
            i += 3;
        } else if (l->s[i] == ' ') {
            run = 0;
            i++;
        } else {
            return 0;
        }
    }
    return joint || longest >= 3;
}

/* Where the cells of a box row lie: between its vertical strokes.  Fills
 * at most `max` (start, end) pairs and returns how many cells there are,
 * or 0 when the line has fewer than two strokes or text outside them. */
static size_t box_cells(const struct text_line *l, size_t (*at)[2], size_t max)
{
    size_t n = 0, open = SIZE_MAX;
    for (size_t i = 0; i < l->n;) {
        unsigned cp = box_char(l->s, l->n, i);
        if (!is_box_vertical(cp)) {
            if (open == SIZE_MAX && l->s[i] != ' ') return 0;
            i++;
            continue;
        }
        if (open != SIZE_MAX) {
            if (n == max) return 0;
            at[n][0] = open;
            at[n++][1] = i;
        }
        i += 3;
        open = i;
    }
    for (size_t i = open; open != SIZE_MAX && i < l->n; i++)
        if (l->s[i] != ' ') return 0;
    return n;
}

static void add_trimmed(struct gx_strbuf *sb, const char *s, size_t n)
{
    while (n && *s == ' ') s++, n--;
    while (n && s[n - 1] == ' ') n--;
    gx_strbuf_add(sb, s, n);
}

enum { MAX_BOX_CELLS = 64 };

/* The lines of one box row, from i up to a rule: a cell that wraps over
 * several lines is its pieces joined ("一、本年新收政府信息公开申" and
 * "请数量").  Lines that do not split into the same cells as the first are
 * rows of their own.  Returns the index after them. */
static size_t add_box_row(const struct text_line *lines, size_t n, size_t i,
                          struct gx_doc *doc)
{
    size_t first[MAX_BOX_CELLS][2] = {{0}}, more[MAX_BOX_CELLS][2] = {{0}};
    size_t ncells = box_cells(&lines[i], first, MAX_BOX_CELLS);
    struct gx_strbuf cell[MAX_BOX_CELLS];
    for (size_t c = 0; c < ncells; c++) {
        gx_strbuf_init(&cell[c]);
        add_trimmed(&cell[c], lines[i].s + first[c][0], first[c][1] - first[c][0]);
    }
    size_t end = i + 1;
    while (end < n && !is_box_rule(&lines[end]) &&
           box_cells(&lines[end], more, MAX_BOX_CELLS) == ncells) {
        for (size_t c = 0; c < ncells; c++)
            add_trimmed(&cell[c], lines[end].s + more[c][0],
                        more[c][1] - more[c][0]);
        end++;
    }
    struct gx_line *row = gx_doc_add_line(doc, GX_LINE_ROW, (unsigned)i + 1);
    for (size_t c = 0; c < ncells; c++) {
        gx_line_add_cell(row, cell[c].buf, cell[c].len);
        gx_strbuf_release(&cell[c]);
    }
    return end;
}

/* Whether the line has markdown marks: a heading's leading #, or **. */
static int has_markdown(const char *s, size_t n)
{
    if (n && s[0] == '#') return 1;
    for (const char *p = s; (p = memchr(p, '*', n - (size_t)(p - s)));)
        if (++p < s + n && *p == '*') return 1;
    return 0;
}

/* Markdown emphasis and heading marks carry no content.  What lies
 * between them is copied a run at a time. */
static void strip_markdown(struct gx_strbuf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == '#' || s[i] == ' ')) i++;
    if (i > 0 && s[0] != '#') i = 0;
    size_t run = i;
    for (; i < n; i++)
        if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
            gx_strbuf_add(out, s + run, i - run);
            run = ++i + 1;
        }
    gx_strbuf_add(out, s + run, n - run);
}

static void add_plain_line(struct gx_doc *doc, const struct text_line *l,
                           unsigned lineno)
{
    if (memchr(l->s, '\t', l->n)) {
        struct gx_line *line = gx_doc_add_line(doc, GX_LINE_ROW, lineno);
        add_split(line, l->s, l->n, '\t');
        return;
    }
    if (is_pipe_row(l->s, l->n)) {
        if (!is_pipe_rule(l->s, l->n)) add_pipe_row(doc, l->s, l->n, lineno);
        return;
    }
    if (gx_text_is_flattened_table(l->s, l->n)) {
        gx_doc_add_words(doc, GX_LINE_TEXT, lineno, l->s, l->n);
        return;
    }
    if (!has_markdown(l->s, l->n)) {
        add_spaced(doc, l->s, l->n, lineno);
        return;
    }
    struct gx_strbuf clean = GX_STRBUF_INIT;
    strip_markdown(&clean, l->s, l->n);
    add_spaced(doc, clean.buf, clean.len, lineno);
    gx_strbuf_release(&clean);
}

void gx_text_to_doc(const char *text, size_t len, struct gx_doc *doc)
{
    struct text_line *lines;
    size_t n = split_lines(text, len, &lines);
    int cell_mode = uses_cell_lines(lines, n);
    size_t box[MAX_BOX_CELLS][2];
    for (size_t i = 0; i < n;) {
        if (cell_mode && is_cell_line(&lines[i])) {
            i = add_cell_group(lines, n, i, doc);
            continue;
        }
        if (is_box_rule(&lines[i])) {   /* a table's frame: no content */
            i++;
            continue;
        }
        if (box_cells(&lines[i], box, MAX_BOX_CELLS)) {
            i = add_box_row(lines, n, i, doc);
            continue;
        }
        if (!is_blank(&lines[i]) || is_blank_row(&lines[i]))
            add_plain_line(doc, &lines[i], (unsigned)i + 1);
        i++;
    }
    free(lines);
}

enum gx_status gx_read_text(const char *data, size_t len, struct gx_doc *doc,
                            struct gx_diag *d)
{
    struct gx_strbuf text = GX_STRBUF_INIT;
    const char *enc = NULL;
    if (gx_decode_text(data, len, NULL, &text, &enc, &doc->repaired_lines) < 0) {
        gx_strbuf_release(&text);
        return gx_diag_set(d, GX_ERR_DECODE,
                           "not text in UTF-8, UTF-16 or GB18030");
    }
    snprintf(doc->encoding, sizeof(doc->encoding), "%s", enc);
    gx_text_to_doc(text.buf, text.len, doc);
    gx_strbuf_release(&text);
    return GX_OK;
}
