/* doc.h - the one representation every reader produces: a report as lines
 * in reading order, each line a list of cells.
 *
 * A plain-text paragraph is a line of one cell; a table row (a tab row, a
 * pipe row, an HTML <tr>, a docx <w:tr>, a PDF line split at its column
 * gaps) is a line of several cells.  Cells covered by a rowspan/colspan are
 * not emitted: a spanned cell's text sits in its first slot only, so an
 * empty cell always means the report left that cell blank.  Cell text is
 * UTF-8, normalised (see normalise.h) and trimmed. */
#ifndef GX_DOC_H
#define GX_DOC_H

#include <stddef.h>

enum gx_line_kind {
    GX_LINE_TEXT,  /* plain text line: may be prose or a table row */
    GX_LINE_ROW,   /* known to be a table row (html/docx table, tab rows) */
    GX_LINE_PARA   /* a paragraph outside any table (html/docx): prose,
                      or a cell of a page converted from a PDF */
};

/* Where a doc's cell text is kept (doc.c): in large blocks, not a
 * malloc per cell. */
struct gx_cell_store;

struct gx_line {
    char **cells;           /* each NUL-terminated; the array and the text
                               are in the doc's cell store */
    size_t ncells, cap;
    enum gx_line_kind kind;
    unsigned src_line;      /* 1-based line (or row) in the source file */
    unsigned table_id;      /* >0 for rows of a reader-known table */
    unsigned long long rejoined; /* bit c: cell c (c < 64) was put together
                                    from pieces, a number a PDF wrapped
                                    inside a narrow cell */
    unsigned long long by_order; /* bit c: cell c's column was told by the
                                    reading order of the row's numbers, as
                                    their positions did not tell it */
    struct gx_cell_store *store; /* the doc's, where add_cell copies to */
};

struct gx_doc {
    struct gx_line *lines;  /* owned */
    size_t nlines, cap;
    char encoding[32];      /* what the reader decoded from, e.g. "GB18030" */
    size_t repaired_lines;  /* lines decoded otherwise than the file's own
                               encoding, or with bytes replaced by U+FFFD */
    int too_long;           /* lines past GX_MAX_DOC_LINES were dropped */
    struct gx_cell_store *store; /* owned: the text of every cell */
};

void gx_doc_init(struct gx_doc *doc);
void gx_doc_release(struct gx_doc *doc);

/* Appends an empty line; the pointer is valid until the next append.
 * Past GX_MAX_DOC_LINES the doc stops growing: the last line is emptied
 * and handed out again, and too_long is set for the caller to refuse the
 * file (readers need no check of their own). */
struct gx_line *gx_doc_add_line(struct gx_doc *doc, enum gx_line_kind kind,
                                unsigned src_line);
/* Appends a copy of text[0..len), trimmed of ASCII whitespace. */
void gx_line_add_cell(struct gx_line *line, const char *text, size_t len);

/* 1 when s[0..n) is a table that lost its line breaks, as text a crawler
 * joined with spaces, or a web page's table pasted into one paragraph,
 * has it ("规章 0 0 0 行政规范性文件 19 21 48 ..."): many words, a quarter
 * of them values (numbers or dashes), three of them side by side, though
 * not more words than a whole report has.  A table row however long has
 * too few words, and prose with spaced numbers no values side by side. */
int gx_text_is_flattened_table(const char *s, size_t n);
/* Appends each word of s[0..n) (words lie between runs of spaces) as a
 * line of its own, of `kind`: the extractor then reads such text as it
 * reads a table printed a cell a line. */
void gx_doc_add_words(struct gx_doc *doc, enum gx_line_kind kind,
                      unsigned src_line, const char *s, size_t n);

/* Debug/test aid: writes the doc as lines of cells joined by " | ". */
char *gx_doc_dump(const struct gx_doc *doc);

#endif
