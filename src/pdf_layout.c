#include "pdf_layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "normalise.h"
#include "number.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

/* Tuning, each chosen from what pdftotext prints for real reports. */
enum {
    NEIGHBOUR_LINES = 3,        /* lines that inform a line's columns */
    TABLE_REACH = 4,            /* label lines this near value lines */
    MAX_LABEL_BEFORE_NUMBER = 24, /* code points of a label a number ends */
    PAGE_NUMBER_SLACK = 3,      /* printed page number vs. page index */
    CENTRED_INDENT = 10,        /* a lone number this far in is centred */
    MAX_EDGE_FURNITURE = 2,     /* furniture lines at one page edge */
    MAX_PAGE_WORDS = 1 << 20,   /* beyond this a line is one cell */
    MAX_LINE_WORDS = GX_MAX_CELLS_PER_LINE / 2, /* blanks may double it */
    MAX_TABLE_COLUMNS = 32,     /* wider "tables" get no blank cells */
    MAX_COLUMN_DRIFT = 2,       /* a value this near its column is in it */
    TITLE_SEARCH_BYTES = 8192   /* where a printed title would be */
};

/* A run of non-space characters on one line. */
struct lw_word {
    size_t off, len;            /* bytes within the line */
    unsigned col, endcol;       /* columns [col, endcol), in code points */
    unsigned char value;        /* a number or a dash */
    unsigned char gap_start;    /* two or more spaces (or nothing) before */
    unsigned char cell_start;   /* begins a cell */
    unsigned blanks_before;     /* empty cells emitted before its cell */
    char *joined;               /* owned: a wrapped number put together,
                                   emitted instead of the line's bytes */
};

/* One non-blank line of layout text. */
struct lw_line {
    const char *s;              /* into the normalised text, no '\n' */
    size_t n;
    unsigned src_line, page;    /* both 1-based */
    int furniture;              /* page number, running header/footer, or
                                   pieces of numbers moved to another line */
    int has_joined;             /* holds a wrapped number put together */
    int by_order;               /* ... whose values' columns, the pieces'
                                   included, come from their order */
    int in_table;               /* near value lines above and below */
    struct lw_word *words;      /* only while its page is processed */
    size_t nwords, cap;
    unsigned blanks_after;
};

struct layout {
    struct gx_strbuf text;      /* normalised copy of the input */
    struct lw_line *lines;      /* non-blank lines in reading order */
    size_t nlines, cap;
    unsigned npages;
};

/* ---- characters ---------------------------------------------------- */

static uint32_t decode_at(const char *s, size_t n, size_t *len)
{
    return gx_utf8_decode(s, n, len);
}

static uint32_t last_code_point(const char *s, size_t n)
{
    size_t start = n, len;
    if (n == 0) return 0;
    do start--; while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80);
    return decode_at(s + start, n - start, &len);
}

static size_t count_code_points(const char *s, size_t n)
{
    size_t count = 0, len;
    for (size_t i = 0; i < n; i += len, count++) decode_at(s + i, n - i, &len);
    return count;
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_cjk_numeral(uint32_t cp)
{
    static const uint32_t numerals[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                        0x4E94, 0x516D, 0x4E03, 0x516B,
                                        0x4E5D, 0x5341}; /* 一 … 十 */
    for (size_t i = 0; i < GX_ARRAY_LEN(numerals); i++)
        if (cp == numerals[i]) return 1;
    return 0;
}

/* Characters a label can end with just before its number or the next
 * label: an ideograph or a closing bracket or quote. */
static int ends_label(uint32_t cp)
{
    return gx_is_cjk(cp) || cp == 0xFF09 || cp == ')' || cp == 0x201D;
}

/* Sentence punctuation: a cell holding it is prose, not a label. */
static int is_prose_punct(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A ||
           cp == 0x3001 || cp == ',' || cp == ';';
}

/* ---- value and marker words --------------------------------------- */

static int is_sign(uint32_t cp)
{
    return cp == '-' || cp == '+' || cp == 0xFF0D || cp == 0x2212;
}

/* What may follow a number in its cell: nothing, or a unit ("1308353元"). */
static int is_unit(const char *s, size_t n)
{
    static const char *const units[] = {"%", "元", "万元", "件", "个", "条", "项"};
    if (n == 0) return 1;
    for (size_t i = 0; i < GX_ARRAY_LEN(units); i++)
        if (strlen(units[i]) == n && !memcmp(s, units[i], n)) return 1;
    return 0;
}

/* A number as reports print it: sign, digits with thousands separators,
 * a decimal part, a unit.  "1." is item numbering, not a number. */
static int is_number_word(const char *s, size_t n)
{
    size_t i = 0, len, digits = 0, frac = 0;
    int after_separator = 0;
    if (is_sign(decode_at(s, n, &len))) i += len;
    while (i < n) {
        uint32_t cp = decode_at(s + i, n - i, &len);
        if (is_digit(cp)) {
            digits++;
            after_separator = 0;
        } else if ((cp == ',' || cp == 0xFF0C) && digits && !after_separator) {
            after_separator = 1;
        } else {
            break;
        }
        i += len;
    }
    if (!digits || after_separator) return 0;
    if (i < n && s[i] == '.') {
        for (i++; i < n && is_digit((unsigned char)s[i]); i++) frac++;
        if (!frac) return 0;
    }
    return is_unit(s + i, n - i);
}

/* A cell filled with a dash or word for "nothing": — - / 无 不适用. */
static int is_dash_word(const char *s, size_t n)
{
    size_t i = 0, len, count = 0;
    if ((n == 3 && !memcmp(s, "无", 3)) || (n == 9 && !memcmp(s, "不适用", 9)))
        return 1;
    while (i < n) {
        if (!gx_is_dash_char(decode_at(s + i, n - i, &len))) return 0;
        i += len;
        count++;
    }
    return count > 0 && count <= 3;
}

static int is_value_word(const char *s, size_t n)
{
    return is_number_word(s, n) || is_dash_word(s, n);
}

/* "（一）" … "（十）", "(三)": a category of 表三. */
static int is_bracket_marker(const char *s, size_t n)
{
    size_t i = 0, len, numerals = 0;
    uint32_t cp = decode_at(s, n, &len);
    if (cp != 0xFF08 && cp != '(') return 0;
    for (i = len; i < n; i += len, numerals++) {
        cp = decode_at(s + i, n - i, &len);
        if (!is_cjk_numeral(cp)) break;
    }
    return numerals >= 1 && numerals <= 3 && i < n &&
           (cp == 0xFF09 || cp == ')');
}

/* "1.属于" "2、申请人" "三、本年": an item number followed by its text. */
static int is_numbered_marker(const char *s, size_t n)
{
    size_t i = 0, len, count = 0;
    uint32_t cp = decode_at(s, n, &len);
    int arabic = is_digit(cp);
    while (i < n && count < 4) {
        cp = decode_at(s + i, n - i, &len);
        if (arabic ? !is_digit(cp) : !is_cjk_numeral(cp)) break;
        i += len;
        count++;
    }
    if (count == 0 || count > 3 || i >= n) return 0;
    if (!(cp == 0x3001 || (arabic && cp == '.'))) return 0;
    i += len;
    return i < n && gx_is_cjk(decode_at(s + i, n - i, &len));
}

static int is_marker_word(const char *s, size_t n)
{
    return is_bracket_marker(s, n) || is_numbered_marker(s, n);
}

/* ---- page furniture ----------------------------------------------- */

static size_t indent_of(const struct lw_line *l)
{
    size_t i = 0;
    while (i < l->n && l->s[i] == ' ') i++;
    return i;
}

/* A bare number at a page edge is a page number when it is about the
 * page's index and sits centred or equals the index: a table value alone
 * on a page's first or last line is rarely either. */
static int is_lone_page_number(const struct lw_line *l)
{
    size_t start = indent_of(l), end = l->n, value = 0;
    while (end > start && l->s[end - 1] == ' ') end--;
    if (end == start || end - start > 4) return 0;
    for (size_t i = start; i < end; i++) {
        if (!is_digit((unsigned char)l->s[i])) return 0;
        value = value * 10 + (size_t)(l->s[i] - '0');
    }
    if (value == 0 || value + PAGE_NUMBER_SLACK < l->page ||
        value > l->page + PAGE_NUMBER_SLACK)
        return 0;
    return value == l->page || start >= CENTRED_INDENT;
}

static int is_page_number_line(const struct lw_line *l, int at_edge)
{
    enum gx_page_form form = gx_page_number_form(l->s, l->n);
    if (form == GX_PAGE_DASHED || form == GX_PAGE_CHINESE) return 1;
    return at_edge && (form == GX_PAGE_FRACTION || is_lone_page_number(l));
}

/* Marks page numbers anywhere on a page, trying the first and last lines
 * for the forms only an edge position makes certain. */
static void mark_page_numbers(struct layout *lo, size_t first, size_t end)
{
    size_t top = first, bottom = end;
    for (size_t i = first; i < end; i++)
        if (is_page_number_line(&lo->lines[i], 0)) lo->lines[i].furniture = 1;
    for (int k = 0; k < MAX_EDGE_FURNITURE && top < bottom; k++) {
        while (top < bottom && lo->lines[top].furniture) top++;
        if (top < bottom && is_page_number_line(&lo->lines[top], 1))
            lo->lines[top].furniture = 1;
        while (bottom > top && lo->lines[bottom - 1].furniture) bottom--;
        if (bottom > top && is_page_number_line(&lo->lines[bottom - 1], 1))
            lo->lines[bottom - 1].furniture = 1;
    }
}

/* ---- running headers and footers ---------------------------------- */

struct edge_key {
    char *key;                  /* owned */
    size_t line;
    unsigned page;
};

static size_t count_value_words(const char *s, size_t n)
{
    size_t count = 0, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ') i++;
        size_t start = i;
        while (i < n && s[i] != ' ') i++;
        if (i > start) count += is_value_word(s + start, i - start);
    }
    return count;
}

/* The text a header keeps on every page: spaces dropped and page numbers
 * ("第3页", "- 3 -") made equal by folding digit runs.  NULL for a line
 * that is table data or too short to tell. */
static char *edge_key_of(const struct lw_line *l)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    if (count_value_words(l->s, l->n) >= 2) return NULL;
    for (size_t i = 0; i < l->n; i++) {
        if (l->s[i] == ' ') continue;
        if (is_digit((unsigned char)l->s[i])) {
            if (i == 0 || !is_digit((unsigned char)l->s[i - 1]))
                gx_strbuf_addch(&sb, '#');
            continue;
        }
        gx_strbuf_addch(&sb, l->s[i]);
    }
    if (count_code_points(sb.buf, sb.len) < 2) {
        gx_strbuf_release(&sb);
        return NULL;
    }
    return gx_strbuf_detach(&sb, NULL);
}

static int compare_edge_keys(const void *a, const void *b)
{
    const struct edge_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return (x->page > y->page) - (x->page < y->page);
}

/* Marks every run of one key on two or more pages, sparing the first
 * occurrence when `keep_first` (a header repeating the title is the
 * title on its first page). */
static void mark_repeated_keys(struct layout *lo, struct edge_key *keys,
                               size_t n, int keep_first)
{
    qsort(keys, n, sizeof(*keys), compare_edge_keys);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && !strcmp(keys[j].key, keys[i].key)) j++;
        if (keys[j - 1].page != keys[i].page)
            for (size_t k = i + (keep_first ? 1 : 0); k < j; k++)
                lo->lines[keys[k].line].furniture = 1;
        i = j;
    }
}

static size_t page_end(const struct layout *lo, size_t first)
{
    size_t end = first;
    while (end < lo->nlines && lo->lines[end].page == lo->lines[first].page)
        end++;
    return end;
}

/* Collects the key of each page's first (top) or last (bottom) line that
 * is not yet furniture. */
static size_t collect_edge_keys(const struct layout *lo, int top,
                                struct edge_key *keys)
{
    size_t n = 0;
    for (size_t first = 0, end; first < lo->nlines; first = end) {
        end = page_end(lo, first);
        size_t i = top ? first : end;
        if (top) {
            while (i < end && lo->lines[i].furniture) i++;
            if (i == end) continue;
        } else {
            while (i > first && lo->lines[i - 1].furniture) i--;
            if (i == first) continue;
            i--;
        }
        char *key = edge_key_of(&lo->lines[i]);
        if (!key) continue;
        keys[n].key = key;
        keys[n].line = i;
        keys[n].page = lo->lines[i].page;
        n++;
    }
    return n;
}

static void mark_running_edge(struct layout *lo, int top)
{
    struct edge_key *keys = gx_xcalloc(lo->npages + 1, sizeof(*keys));
    size_t n = collect_edge_keys(lo, top, keys);
    mark_repeated_keys(lo, keys, n, top);
    for (size_t i = 0; i < n; i++) free(keys[i].key);
    free(keys);
}

/* ---- lines and words ---------------------------------------------- */

static void add_line(struct layout *lo, const char *s, size_t n,
                     unsigned src_line)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i == n) return;
    GX_GROW(lo->lines, lo->nlines + 1, lo->cap);
    struct lw_line *l = &lo->lines[lo->nlines++];
    memset(l, 0, sizeof(*l));
    l->s = s;
    l->n = n;
    l->src_line = src_line;
    l->page = lo->npages;
}

/* Splits the normalised text at '\n' (a line) and '\f' (a page; pdftotext
 * puts it at the start of the next page's first line). */
static void split_lines(struct layout *lo)
{
    const char *s = lo->text.buf;
    size_t n = lo->text.len, start = 0;
    unsigned src_line = 1;
    lo->npages = 1;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '\n' && s[i] != '\f') continue;
        add_line(lo, s + start, i - start, src_line);
        if (i < n && s[i] == '\n') src_line++;
        else if (i < n) lo->npages++;
        start = i + 1;
    }
}

static void add_word(struct lw_line *l, size_t off, size_t len,
                     unsigned col, unsigned endcol)
{
    GX_GROW(l->words, l->nwords + 1, l->cap);
    struct lw_word *w = &l->words[l->nwords++];
    memset(w, 0, sizeof(*w));
    w->off = off;
    w->len = len;
    w->col = col;
    w->endcol = endcol;
    w->value = (unsigned char)is_value_word(l->s + off, len);
}

/* Splits a line into words with their columns.  Past `budget` words (per
 * line and per page) the rest of the line is one word: hostile input
 * must not cost memory by the space character. */
static void split_words(struct lw_line *l, size_t *budget)
{
    size_t i = 0, len;
    unsigned col = 0;
    while (i < l->n) {
        while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t')) i++, col++;
        if (i >= l->n) break;
        size_t start = i, end = l->n;
        unsigned start_col = col;
        int last = *budget <= 1 || l->nwords + 1 >= MAX_LINE_WORDS;
        while (i < l->n && (last || (l->s[i] != ' ' && l->s[i] != '\t'))) {
            decode_at(l->s + i, l->n - i, &len);
            i += len;
            col++;
        }
        while (last && end > start && l->s[end - 1] == ' ') end--, col--;
        add_word(l, start, last ? end - start : i - start, start_col, col);
        if (*budget) (*budget)--;
    }
}

/* ---- cells -------------------------------------------------------- */

static void mark_gap_cells(struct lw_line *l)
{
    for (size_t i = 0; i < l->nwords; i++) {
        l->words[i].gap_start =
            i == 0 || l->words[i].col >= l->words[i - 1].endcol + 2;
        l->words[i].cell_start = l->words[i].gap_start;
    }
}

static int ends_gap_cell(const struct lw_line *l, size_t i)
{
    return i + 1 == l->nwords || l->words[i + 1].gap_start;
}

/* A value word standing alone between column gaps. */
static int is_lone_value(const struct lw_line *l, size_t i)
{
    return l->words[i].value && l->words[i].gap_start && ends_gap_cell(l, i);
}

static size_t count_lone_values(const struct lw_line *l)
{
    size_t count = 0;
    for (size_t i = 0; i < l->nwords; i++) count += is_lone_value(l, i);
    return count;
}

static size_t cell_first_word(const struct lw_line *l, size_t i)
{
    while (i > 0 && !l->words[i].cell_start) i--;
    return i;
}

/* Text from word `first` to the end of word `last`. */
static const char *span_text(const struct lw_line *l, size_t first,
                             size_t last, size_t *n)
{
    *n = l->words[last].off + l->words[last].len - l->words[first].off;
    return l->s + l->words[first].off;
}

/* Whether the text before a number reads as a short label, not prose. */
static int is_short_label(const char *s, size_t n)
{
    size_t i = 0, len, count = 0;
    while (i < n) {
        if (is_prose_punct(decode_at(s + i, n - i, &len))) return 0;
        i += len;
        count++;
    }
    return count <= MAX_LABEL_BEFORE_NUMBER;
}

/* 1 when words i.. up to the next column gap are all values. */
static int values_to_gap(const struct lw_line *l, size_t i)
{
    for (; i < l->nwords; i++) {
        if (!l->words[i].value) return 0;
        if (ends_gap_cell(l, i)) return 1;
    }
    return 1;
}

/* "行政规范性文件 11": a number one space after a label, followed by
 * nothing but values up to the next gap, is that row's first value when
 * the line holds other values or the label is short; in prose
 * ("申请 3119 件") the number does not end the cell. */
static int number_ends_label(const struct lw_line *l, size_t i,
                             size_t lone_values)
{
    const struct lw_word *w = l->words;
    if (!w[i].value || w[i - 1].value || !values_to_gap(l, i)) return 0;
    size_t n, first = cell_first_word(l, i - 1);
    const char *prefix = span_text(l, first, i - 1, &n);
    if (!ends_label(last_code_point(prefix, n))) return 0;
    return lone_values > (size_t)is_lone_value(l, i) ||
           is_short_label(prefix, n);
}

static int marker_starts_label(const struct lw_line *l, size_t i)
{
    const struct lw_word *w = l->words;
    return is_marker_word(l->s + w[i].off, w[i].len) &&
           ends_label(last_code_point(l->s + w[i - 1].off, w[i - 1].len));
}

/* Splits at single spaces that the words themselves show to be column
 * boundaries. */
static void split_single_spaces(struct lw_line *l)
{
    size_t lone_values = count_lone_values(l);
    for (size_t i = 1; i < l->nwords; i++) {
        struct lw_word *w = &l->words[i];
        if (w->cell_start) continue;
        if ((w->value && w[-1].value) || number_ends_label(l, i, lone_values) ||
            marker_starts_label(l, i))
            w->cell_start = 1;
    }
}

/* A value cell: one value word with cell boundaries on both sides. */
static int is_value_cell(const struct lw_line *l, size_t i)
{
    return l->words[i].value && l->words[i].cell_start &&
           (i + 1 == l->nwords || l->words[i + 1].cell_start);
}

static size_t count_value_cells(const struct lw_line *l)
{
    size_t count = 0;
    for (size_t i = 0; i < l->nwords; i++) count += is_value_cell(l, i);
    return count;
}

/* The end column of the cell that starts at word i. */
static unsigned cell_end_col(const struct lw_line *l, size_t i)
{
    while (i + 1 < l->nwords && !l->words[i + 1].cell_start) i++;
    return l->words[i].endcol;
}

static int has_value_cell(const struct lw_line *l)
{
    for (size_t i = 0; i < l->nwords; i++)
        if (is_value_cell(l, i)) return 1;
    return 0;
}

/* ---- columns shared with neighbouring lines ----------------------- */

/* The word of `l` starting at `col`, or NULL; words are in column order. */
static const struct lw_word *word_at_col(const struct lw_line *l, unsigned col)
{
    size_t lo = 0, hi = l->nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->words[mid].col < col) lo = mid + 1;
        else hi = mid;
    }
    return lo < l->nwords && l->words[lo].col == col ? &l->words[lo] : NULL;
}

/* 1 when a label cell of a table line near `self` (same page) starts at
 * `col`; prose and headings show no columns. */
static int neighbour_label_starts_at(const struct lw_line *lines,
                                     size_t first, size_t end, size_t self,
                                     unsigned col)
{
    size_t lo = self >= first + NEIGHBOUR_LINES ? self - NEIGHBOUR_LINES : first;
    size_t hi = self + NEIGHBOUR_LINES + 1 < end ? self + NEIGHBOUR_LINES + 1
                                                 : end;
    for (size_t k = lo; k < hi; k++) {
        if (k == self || lines[k].furniture || !lines[k].in_table) continue;
        const struct lw_word *w = word_at_col(&lines[k], col);
        if (w && w->cell_start && !w->value) return 1;
    }
    return 0;
}

/* "无法提 府信息": two wrapped label pieces of different columns, one
 * space apart.  Split where both pieces start at columns where nearby
 * lines start label cells; pieces shorter than two characters are too
 * weak a sign ("三 、本 年"). */
static int column_split_at(const struct lw_line *lines, size_t first,
                           size_t end, size_t self, size_t i)
{
    const struct lw_line *l = &lines[self];
    const struct lw_word *w = l->words;
    if (!l->in_table || w[i].cell_start || w[i].value || w[i - 1].value)
        return 0;
    size_t head = cell_first_word(l, i - 1);
    if (w[i].endcol - w[i].col < 2 || w[i - 1].endcol - w[head].col < 2)
        return 0;
    return neighbour_label_starts_at(lines, first, end, self, w[i].col) &&
           neighbour_label_starts_at(lines, first, end, self, w[head].col);
}

/* Marks the lines of table bodies: value lines, and the label pieces
 * that pdftotext puts a few lines above or below them.  A page break
 * counts as a value line below, as a table may go on over the page. */
static void mark_table_lines(struct lw_line *lines, size_t first, size_t end,
                             int more_pages)
{
    size_t since = TABLE_REACH + 1;
    for (size_t k = first; k < end; k++) {
        since = has_value_cell(&lines[k]) ? 0 : since + 1;
        lines[k].in_table = since <= TABLE_REACH;
    }
    since = more_pages ? 0 : TABLE_REACH + 1;
    for (size_t k = end; k-- > first;) {
        since = has_value_cell(&lines[k]) ? 0 : since + 1;
        lines[k].in_table = lines[k].in_table && since <= TABLE_REACH;
    }
}

static void split_shared_columns(struct layout *lo, size_t first, size_t end)
{
    size_t total = 0;
    for (size_t k = first; k < end; k++) total += lo->lines[k].nwords;
    unsigned char *split = gx_xcalloc(total + 1, 1);
    size_t at = 0;
    for (size_t k = first; k < end; at += lo->lines[k].nwords, k++)
        for (size_t i = 1; !lo->lines[k].furniture && i < lo->lines[k].nwords; i++)
            split[at + i] = (unsigned char)column_split_at(lo->lines, first,
                                                           end, k, i);
    at = 0;
    for (size_t k = first; k < end; at += lo->lines[k].nwords, k++)
        for (size_t i = 1; i < lo->lines[k].nwords; i++)
            if (split[at + i]) lo->lines[k].words[i].cell_start = 1;
    free(split);
}

/* ---- blank cells -------------------------------------------------- */

/* The column span a table's values occupy, and each column's extent. */
struct value_columns {
    unsigned *lo, *hi;          /* owned; column k spans [lo[k], hi[k]) */
    size_t ncols;
};

/* A header line ends a table block: a text cell starts in the value
 * area, or a second text cell reaches into it ("信息内容  本年处理决定数量").
 * A wrapped label piece may alone reach past the first values of other
 * rows: pdftotext draws each ideograph one column wide, so values after
 * a long label shift left. */
static int is_block_break(const struct lw_line *l, unsigned value_left)
{
    int text_cells = 0;
    for (size_t i = 0; i < l->nwords; i++) {
        const struct lw_word *w = &l->words[i];
        if (!w->cell_start || is_value_cell(l, i)) continue;
        if (w->col + 1 >= value_left) return 1;
        if (text_cells++ && cell_end_col(l, i) > value_left) return 1;
    }
    return 0;
}

static unsigned first_value_col(const struct lw_line *l)
{
    for (size_t i = 0; i < l->nwords; i++)
        if (is_value_cell(l, i)) return l->words[i].col;
    return 0;
}

/* Finds the end of the table block that starts at value line `start`:
 * value lines and the label lines between them, up to a header line. */
static size_t block_end(const struct lw_line *lines, size_t start, size_t end)
{
    unsigned left = first_value_col(&lines[start]);
    size_t last_value = start;
    for (size_t k = start + 1; k < end; k++) {
        if (lines[k].furniture) continue;
        if (count_value_cells(&lines[k])) {
            unsigned c = first_value_col(&lines[k]);
            if (c < left) left = c;
            last_value = k;
        } else if (is_block_break(&lines[k], left)) {
            break;
        }
    }
    return last_value + 1;
}

static size_t max_value_cells(const struct lw_line *lines, size_t start,
                              size_t end, size_t *full)
{
    size_t most = 0;
    *full = 0;
    for (size_t k = start; k < end; k++) {
        if (lines[k].furniture) continue;
        size_t c = count_value_cells(&lines[k]);
        if (c > most) most = c, *full = 0;
        if (c == most) (*full)++;
    }
    return most;
}

/* Columns from the lines that fill every column; 0 when they overlap, as
 * then positions cannot tell columns apart. */
static int learn_columns(const struct lw_line *lines, size_t start,
                         size_t end, struct value_columns *vc)
{
    for (size_t k = start; k < end; k++) {
        if (lines[k].furniture || lines[k].has_joined ||
            count_value_cells(&lines[k]) != vc->ncols)
            continue;
        for (size_t i = 0, c = 0; i < lines[k].nwords; i++) {
            if (!is_value_cell(&lines[k], i)) continue;
            const struct lw_word *w = &lines[k].words[i];
            if (w->col < vc->lo[c]) vc->lo[c] = w->col;
            if (w->endcol > vc->hi[c]) vc->hi[c] = w->endcol;
            c++;
        }
    }
    for (size_t c = 1; c < vc->ncols; c++)
        if (vc->lo[c] <= vc->hi[c - 1]) return 0;
    return 1;
}

/* How far word w is from column c: 0 when they share a character
 * position, else 1 + the empty positions between them. */
static unsigned column_distance(const struct value_columns *vc, size_t c,
                                const struct lw_word *w)
{
    if (w->endcol <= vc->lo[c]) return vc->lo[c] - w->endcol + 1;
    if (w->col >= vc->hi[c]) return w->col - vc->hi[c] + 1;
    return 0;
}

/* The column a value word sits in: the nearest, when it is at most
 * MAX_COLUMN_DRIFT away and clearly nearer than any other; vc->ncols
 * when no column is that plain. */
static size_t column_of(const struct value_columns *vc,
                        const struct lw_word *w)
{
    size_t best = vc->ncols;
    unsigned best_d = ~0u, second_d = ~0u;
    for (size_t c = 0; c < vc->ncols; c++) {
        unsigned d = column_distance(vc, c, w);
        if (d < best_d) {
            second_d = best_d;
            best_d = d;
            best = c;
        } else if (d < second_d) {
            second_d = d;
        }
    }
    if (best_d == 0 && second_d > 0) return best;
    if (best_d <= MAX_COLUMN_DRIFT && second_d >= best_d + 2) return best;
    return vc->ncols;
}

/* 1 when every value cell of l fits one column of vc, in order. */
static int line_fits(const struct lw_line *l, const struct value_columns *vc)
{
    size_t next = 0;
    for (size_t i = 0; i < l->nwords; i++) {
        if (!is_value_cell(l, i)) continue;
        size_t c = column_of(vc, &l->words[i]);
        if (c == vc->ncols || c < next) return 0;
        next = c + 1;
    }
    return 1;
}

/* Gives a line lacking some columns an empty cell for each, when every
 * value it has fits one column, in order. */
static void fill_missing_columns(struct lw_line *l,
                                 const struct value_columns *vc)
{
    size_t n = count_value_cells(l), next = 0;
    if (n == 0 || n >= vc->ncols || !line_fits(l, vc)) return;
    for (size_t i = 0; i < l->nwords; i++) {
        if (!is_value_cell(l, i)) continue;
        size_t c = column_of(vc, &l->words[i]);
        l->words[i].blanks_before = (unsigned)(c - next);
        next = c + 1;
    }
    l->blanks_after = (unsigned)(vc->ncols - next);
}

static void columns_alloc(struct value_columns *vc, size_t ncols)
{
    vc->ncols = ncols;
    vc->lo = gx_xmalloc(ncols * sizeof(*vc->lo));
    vc->hi = gx_xcalloc(ncols, sizeof(*vc->hi));
    for (size_t c = 0; c < ncols; c++) vc->lo[c] = ~0u;
}

static void columns_release(struct value_columns *vc)
{
    free(vc->lo);
    free(vc->hi);
    memset(vc, 0, sizeof(*vc));
}

/* The line just above `start` on its page, skipping furniture, or SIZE_MAX. */
static size_t line_above(const struct lw_line *lines, size_t first,
                         size_t start)
{
    while (start > first) {
        start--;
        if (!lines[start].furniture) return start;
    }
    return SIZE_MAX;
}

/* Columns from the column headings right above a block ("信息内容  本年
 * 制发件数 本年废止件数 现行有效件数"): a table of two rows, one of them
 * short, has too few full rows to learn from.  Every heading after the
 * first (the label column's) is one column; used only when every value
 * of the block then fits a column. */
static int columns_from_header(const struct lw_line *lines, size_t first,
                               size_t start, size_t end, size_t most,
                               struct value_columns *vc)
{
    size_t h = line_above(lines, first, start);
    if (h == SIZE_MAX || has_value_cell(&lines[h])) return 0;
    const struct lw_line *head = &lines[h];
    size_t ncols = head->nwords ? head->nwords - 1 : 0;
    if (ncols < 2 || ncols < most || ncols > MAX_TABLE_COLUMNS) return 0;
    columns_alloc(vc, ncols);
    for (size_t c = 0; c < ncols; c++) {
        vc->lo[c] = head->words[c + 1].col;
        vc->hi[c] = head->words[c + 1].endcol;
    }
    for (size_t k = start; k < end; k++) {
        if (!lines[k].furniture && !lines[k].has_joined &&
            !line_fits(&lines[k], vc)) {
            columns_release(vc);
            return 0;
        }
    }
    return 1;
}

/* Columns from the block's lines that fill every column: two at least. */
static int columns_from_full_lines(const struct lw_line *lines, size_t start,
                                   size_t end, size_t most, size_t full,
                                   struct value_columns *vc)
{
    if (most < 2 || full < 2) return 0;
    columns_alloc(vc, most);
    if (learn_columns(lines, start, end, vc)) return 1;
    columns_release(vc);
    return 0;
}

/* ---- numbers wrapped inside narrow cells ---------------------------- */

/* A value cell column too narrow for a number wraps it ("1473" as "147"
 * over "3"); the row's other cells are centred between the two pieces,
 * so pdftotext prints the pieces on the lines above and below the row
 * (alone, or after the pieces of a wrapped label) and the row itself
 * short of that many values.  The columns come from lines of nothing
 * but values, where no label cell can reach into the value area. */

/* The pieces of wrapped numbers that lines a (above) and b (below) end
 * with, and the column of each. */
struct pieces {
    size_t first_a, first_b, m;
    size_t cols[MAX_TABLE_COLUMNS];
    int by_order;               /* cols from order_columns */
};

/* Digits, and the thousands separators of a number cut anywhere
 * ("3,32" over "5" is 3,325): whether the two pieces make a number is
 * asked of them joined (joins_to_number). */
static int is_piece_word(const char *s, size_t n)
{
    size_t digits = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
            i++;
        } else if (s[i] == ',') {
            i++;
        } else if (n - i >= 3 && !memcmp(s + i, "\xEF\xBC\x8C", 3)) { /* ， */
            i += 3;
        } else {
            return 0;
        }
    }
    return digits > 0;
}

/* A cell of l that may be the piece of a wrapped number. */
static int is_piece_cell(const struct lw_line *l, size_t i)
{
    const struct lw_word *w = &l->words[i];
    return is_value_cell(l, i) ||
           (is_piece_word(l->s + w->off, w->len) && w->cell_start &&
            (i + 1 == l->nwords || l->words[i + 1].cell_start));
}

static int joins_to_number(const struct lw_line *a, const struct lw_word *u,
                           const struct lw_line *b, const struct lw_word *d)
{
    char buf[64];
    struct gx_token tok;
    if (u->len + d->len >= sizeof(buf)) return 0;
    memcpy(buf, a->s + u->off, u->len);
    memcpy(buf + u->len, b->s + d->off, d->len);
    buf[u->len + d->len] = '\0';
    return gx_number_parse(buf, &tok) && tok.state == GX_CELL_NUMBER;
}

static int is_pure_value_line(const struct lw_line *l)
{
    if (l->furniture || l->has_joined || l->nwords == 0) return 0;
    for (size_t i = 0; i < l->nwords; i++)
        if (!is_value_cell(l, i)) return 0;
    return 1;
}

/* Whether line l gives value columns: nothing but `ncols` values, or,
 * with `labelled`, a label and then `ncols` values (the label is left of
 * them all, so it cannot reach into the value area). */
static int gives_columns(const struct lw_line *l, size_t ncols, int labelled)
{
    if (l->furniture || l->has_joined || l->nwords < ncols) return 0;
    if (!labelled) return is_pure_value_line(l) && l->nwords == ncols;
    size_t first = l->nwords - ncols;
    if (first == 0) return 0;
    for (size_t i = 0; i < l->nwords; i++)
        if (is_value_cell(l, i) != (i >= first) || (i < first &&
                                                    l->words[i].value))
            return 0;
    return 1;
}

/* Columns from the block's lines that fill all `ncols` with values, their
 * columns apart: two lines of nothing but values at least, or, in a block
 * with fewer (a table's last rows, alone on a page), its labelled rows. */
static int pure_columns(const struct lw_line *lines, size_t start, size_t end,
                        size_t ncols, struct value_columns *vc)
{
    for (int labelled = 0; labelled < 2; labelled++) {
        size_t seen = 0;
        columns_alloc(vc, ncols);
        for (size_t k = start; k < end; k++) {
            const struct lw_line *l = &lines[k];
            if (!gives_columns(l, ncols, labelled)) continue;
            for (size_t c = 0; c < ncols; c++) {
                const struct lw_word *w = &l->words[l->nwords - ncols + c];
                if (w->col < vc->lo[c]) vc->lo[c] = w->col;
                if (w->endcol > vc->hi[c]) vc->hi[c] = w->endcol;
            }
            seen++;
        }
        /* One labelled row will do: a number rejoined by these columns
         * is a doubt unless its row's identity holds (extract.c). */
        int ok = seen >= (labelled ? 1u : 2u);
        for (size_t c = 1; ok && c < ncols; c++) ok = vc->lo[c] > vc->hi[c - 1];
        if (ok) return 1;
        columns_release(vc);
    }
    return 0;
}

/* Where the value cells (or number pieces) that end line l begin, when l
 * holds no other value cell (a label piece may come first); l->nwords
 * when none. */
static size_t trailing_values(const struct lw_line *l)
{
    size_t first = l->nwords;
    while (first > 0 && is_piece_cell(l, first - 1)) first--;
    for (size_t i = 0; i < first; i++)
        if (l->words[i].value) return l->nwords;
    return first;
}

/* Whether each of l's own values sits in the column it would fill once
 * the pieces are in theirs: the row is short by the pieces, not by blank
 * cells of its own. */
static int own_values_fit(const struct lw_line *l,
                          const struct value_columns *vc,
                          const struct pieces *p)
{
    size_t col = 0, k = 0;
    for (size_t i = 0; i < l->nwords; i++) {
        if (!is_value_cell(l, i)) continue;
        while (k < p->m && p->cols[k] == col) k++, col++;
        if (column_of(vc, &l->words[i]) != col++) return 0;
    }
    return 1;
}

/* The pieces' columns when the learnt columns do not place them (a
 * table's rows printed a little apart, or cells of other widths): the
 * row's own values and the pieces, read left to right, fill the columns
 * in order.  Every value of such a row is a doubt (extract.c): a row
 * total holds whatever order its numbers are in. */
static void order_columns(const struct lw_line *a, const struct lw_line *l,
                          struct pieces *p)
{
    size_t col = 0, k = 0;
    for (size_t i = 0; i <= l->nwords; i++) {
        int value = i < l->nwords && is_value_cell(l, i);
        if (!value && i < l->nwords) continue;
        unsigned at = i < l->nwords ? l->words[i].col : UINT32_MAX;
        for (; k < p->m && a->words[p->first_a + k].col < at; k++)
            p->cols[k] = col++;
        col++;
    }
}

/* Whether lines a and b, above and below l, end with the pieces of
 * numbers wrapped in l's row: digits (and thousands separators) that join
 * to a number, the upper piece the longer (a wrapped line is full) and
 * the lower one under it, and l short of exactly that many values.  Fills
 * *p: the pieces' columns, by the learnt columns when these place the
 * pieces and l's own values, else by order. */
static int wrapped_pieces(const struct lw_line *a, const struct lw_line *l,
                          const struct lw_line *b,
                          const struct value_columns *vc, struct pieces *p)
{
    if (a->furniture || b->furniture || l->furniture || a->has_joined ||
        b->has_joined || l->has_joined)
        return 0;
    p->first_a = trailing_values(a);
    p->first_b = trailing_values(b);
    p->m = a->nwords - p->first_a;
    size_t own = count_value_cells(l);
    if (p->m == 0 || own == 0 || b->nwords - p->first_b != p->m ||
        own + p->m != vc->ncols)
        return 0;
    int placed = 1;
    for (size_t i = 0; i < p->m; i++) {
        const struct lw_word *u = &a->words[p->first_a + i];
        const struct lw_word *d = &b->words[p->first_b + i];
        size_t c = column_of(vc, u);
        if (!is_piece_word(a->s + u->off, u->len) ||
            !is_piece_word(b->s + d->off, d->len) ||
            u->len < d->len || d->col > u->endcol || d->endcol < u->col ||
            !joins_to_number(a, u, b, d))
            return 0;
        if (c == vc->ncols || (i > 0 && c <= p->cols[i - 1])) placed = 0;
        p->cols[i] = c;
    }
    p->by_order = !placed || !own_values_fit(l, vc, p);
    if (p->by_order) order_columns(a, l, p);
    return 1;
}

static struct lw_word joined_word(const struct lw_line *a, size_t i,
                                  const struct lw_line *b, size_t j)
{
    const struct lw_word *u = &a->words[i], *d = &b->words[j];
    struct lw_word w = *u;
    w.joined = gx_xmalloc(u->len + d->len + 1);
    memcpy(w.joined, a->s + u->off, u->len);
    memcpy(w.joined + u->len, b->s + d->off, d->len);
    w.joined[u->len + d->len] = '\0';
    w.value = w.cell_start = w.gap_start = 1;
    return w;
}

/* A line without the pieces it ended with: what is left is a label's
 * piece, or nothing. */
static void drop_pieces(struct lw_line *l, size_t first)
{
    l->nwords = first;
    if (first == 0) l->furniture = 1;  /* its pieces now live elsewhere */
}

/* Puts the joined numbers into l's value sequence at their columns: l's
 * own values fill the other columns in order. */
static void insert_joined(struct lw_line *a, struct lw_line *l,
                          struct lw_line *b, const struct pieces *p)
{
    struct lw_word *words = gx_xcalloc(l->nwords + p->m, sizeof(*words));
    size_t n = 0, col = 0, k = 0;
    for (size_t i = 0; i <= l->nwords; i++) {
        int value = i < l->nwords && is_value_cell(l, i);
        if (value || i == l->nwords)
            for (; k < p->m && p->cols[k] == col; k++, col++)
                words[n++] = joined_word(a, p->first_a + k, b, p->first_b + k);
        if (i == l->nwords) break;
        words[n++] = l->words[i];
        col += (size_t)value;
    }
    free(l->words);
    l->words = words;
    l->nwords = l->cap = n;
    l->has_joined = 1;
    l->by_order = p->by_order;
    drop_pieces(a, p->first_a);
    drop_pieces(b, p->first_b);
}

static void rejoin_wrapped_numbers(struct lw_line *lines, size_t start,
                                   size_t end, size_t ncols)
{
    struct value_columns vc = {NULL, NULL, 0};
    struct pieces p;
    if (ncols < 2 || !pure_columns(lines, start, end, ncols, &vc)) return;
    for (size_t k = start + 1; k + 1 < end; k++)
        if (wrapped_pieces(&lines[k - 1], &lines[k], &lines[k + 1], &vc, &p))
            insert_joined(&lines[k - 1], &lines[k], &lines[k + 1], &p);
    columns_release(&vc);
}

static void fill_block(struct lw_line *lines, size_t first, size_t start,
                       size_t end)
{
    struct value_columns vc = {NULL, NULL, 0};
    size_t full, most = max_value_cells(lines, start, end, &full);
    if (most == 0 || most > MAX_TABLE_COLUMNS) return;
    rejoin_wrapped_numbers(lines, start, end, most);
    most = max_value_cells(lines, start, end, &full);
    if (columns_from_header(lines, first, start, end, most, &vc) ||
        columns_from_full_lines(lines, start, end, most, full, &vc))
        for (size_t k = start; k < end; k++)
            if (!lines[k].furniture) fill_missing_columns(&lines[k], &vc);
    columns_release(&vc);
}

static void fill_blank_cells(struct layout *lo, size_t first, size_t end)
{
    size_t k = first;
    while (k < end) {
        if (lo->lines[k].furniture || !count_value_cells(&lo->lines[k])) {
            k++;
            continue;
        }
        size_t stop = block_end(lo->lines, k, end);
        fill_block(lo->lines, first, k, stop);
        k = stop;
    }
}

/* ---- output ------------------------------------------------------- */

static void add_blank_cells(struct gx_line *out, unsigned count)
{
    while (count--) gx_line_add_cell(out, "", 0);
}

static void emit_line(const struct lw_line *l, struct gx_doc *doc)
{
    struct gx_line *out = gx_doc_add_line(doc, GX_LINE_TEXT, l->src_line);
    size_t first = 0, n;
    for (size_t i = 1; i <= l->nwords; i++) {
        if (i < l->nwords && !l->words[i].cell_start) continue;
        add_blank_cells(out, l->words[first].blanks_before);
        const char *text = l->words[first].joined;
        int value = text || (first + 1 == i && is_value_cell(l, first));
        if (l->by_order && value && out->ncells < 64)
            out->by_order |= 1ull << out->ncells;
        if (text) {
            n = strlen(text);
            if (out->ncells < 64) out->rejoined |= 1ull << out->ncells;
        } else {
            text = span_text(l, first, i - 1, &n);
        }
        gx_line_add_cell(out, text, n);
        first = i;
    }
    add_blank_cells(out, l->blanks_after);
}

static void process_page(struct layout *lo, size_t first, size_t end,
                         struct gx_doc *doc)
{
    size_t budget = MAX_PAGE_WORDS;
    for (size_t k = first; k < end; k++) {
        split_words(&lo->lines[k], &budget);
        mark_gap_cells(&lo->lines[k]);
        split_single_spaces(&lo->lines[k]);
    }
    mark_table_lines(lo->lines, first, end, end < lo->nlines);
    split_shared_columns(lo, first, end);
    fill_blank_cells(lo, first, end);
    for (size_t k = first; k < end; k++) {
        struct lw_line *l = &lo->lines[k];
        if (!l->furniture) emit_line(l, doc);
        for (size_t i = 0; i < l->nwords; i++) free(l->words[i].joined);
        free(l->words);
        l->words = NULL;
        l->nwords = l->cap = 0;
    }
}

void gx_pdf_layout_to_doc(const char *text, size_t len, struct gx_doc *doc)
{
    struct layout lo;
    memset(&lo, 0, sizeof(lo));
    gx_strbuf_init(&lo.text);
    gx_normalise(text, len, &lo.text);
    split_lines(&lo);
    for (size_t first = 0, end; first < lo.nlines; first = end) {
        end = page_end(&lo, first);
        mark_page_numbers(&lo, first, end);
    }
    mark_running_edge(&lo, 1);
    mark_running_edge(&lo, 0);
    for (size_t first = 0, end; first < lo.nlines; first = end) {
        end = page_end(&lo, first);
        process_page(&lo, first, end, doc);
    }
    free(lo.lines);
    gx_strbuf_release(&lo.text);
}

int gx_pdf_text_is_empty(const char *text, size_t len)
{
    size_t i = 0, n;
    while (i < len) {
        uint32_t cp = decode_at(text + i, len - i, &n);
        i += n;
        if ((cp < 0x80 && ((cp | 0x20) - 'a' < 26 || is_digit(cp))) ||
            gx_is_cjk(cp) || (cp >= 0xFF10 && cp <= 0xFF5A) ||
            (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x3040 && cp <= 0x30FF) ||
            (cp >= 0xAC00 && cp <= 0xD7AF))
            return 0;
    }
    return 1;
}

void gx_pdf_info_title(const char *info, size_t len, struct gx_strbuf *title)
{
    static const char key[] = "Title:";
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(info + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - info) : len;
        if (end - i >= sizeof(key) - 1 && !memcmp(info + i, key, sizeof(key) - 1)) {
            size_t start = i + sizeof(key) - 1;
            while (start < end && info[start] == ' ') start++;
            while (end > start && (info[end - 1] == ' ' || info[end - 1] == '\r'))
                end--;
            gx_strbuf_add(title, info + start, end - start);
            return;
        }
        i = end + 1;
    }
}

/* The normal form of s[0..n) without any whitespace. */
static void squeeze(const char *s, size_t n, struct gx_strbuf *out)
{
    struct gx_strbuf norm = GX_STRBUF_INIT;
    gx_normalise(s, n, &norm);
    for (size_t i = 0; i < norm.len; i++)
        if (!strchr(" \t\n\f\v", norm.buf[i])) gx_strbuf_addch(out, norm.buf[i]);
    gx_strbuf_release(&norm);
}

int gx_pdf_title_missing(const char *text, size_t len, const char *title)
{
    if (!strstr(title, "政府信息公开") && !strstr(title, "年度报告")) return 0;
    struct gx_strbuf t = GX_STRBUF_INIT, head = GX_STRBUF_INIT;
    squeeze(title, strlen(title), &t);
    squeeze(text, len < TITLE_SEARCH_BYTES ? len : TITLE_SEARCH_BYTES, &head);
    int missing = t.len > 0 && !strstr(head.buf, t.buf);
    gx_strbuf_release(&t);
    gx_strbuf_release(&head);
    return missing;
}
