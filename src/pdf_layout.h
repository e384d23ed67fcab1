/* pdf_layout.h - turning the text of `pdftotext -layout` into doc lines.
 *
 * pdftotext keeps a page's columns by character positions and separates
 * pages with form feeds.  This module is pure (no processes, no files) so
 * that it can be tested on layout text alone; read_pdf.c runs pdftotext
 * and hands its output here.
 *
 * Columns are counted in code points: pdftotext places every character,
 * a CJK ideograph included, in one column of its layout grid, so a CJK
 * character is one column wide in this text (unlike on a terminal). */
#ifndef GX_PDF_LAYOUT_H
#define GX_PDF_LAYOUT_H

#include <stddef.h>

#include "doc.h"
#include "strbuf.h"

/* Appends one GX_LINE_TEXT line per non-blank text line of `text` (UTF-8,
 * len bytes; need not be NUL-terminated) to `doc`, src_line being the line
 * number in `text`.  Text is passed through gx_normalise().  Page
 * furniture (page-number lines, running headers and footers) is dropped,
 * so a table continued on the next page reads on without a break.  Cells
 * are split at runs of two or more spaces, and at single spaces where the
 * layout shows a column boundary: between two numbers, before a number
 * that ends a label, before an item marker such as "（一）" or "1.", and
 * where nearby lines start a label cell.  A value line that lacks a number
 * in a column its table block's other value lines fill gets an empty cell
 * there, so a blank cell keeps its place.  A number wrapped inside a
 * narrow cell, printed as pieces at the end of the lines above and below
 * its row ("147" over the row, "3" under it), is put back together in its
 * column when value-only lines show the columns and the row's own values
 * sit in the other columns; its bit in the line's `rejoined` mask is set
 * so that the extractor checks it. */
void gx_pdf_layout_to_doc(const char *text, size_t len, struct gx_doc *doc);

/* 1 when `text` holds no CJK character, letter or digit at all: what
 * pdftotext prints for a scanned PDF without a text layer. */
int gx_pdf_text_is_empty(const char *text, size_t len);

/* Appends the value of the "Title:" line of `pdfinfo` output to `title`
 * (nothing when there is none). */
void gx_pdf_info_title(const char *info, size_t len, struct gx_strbuf *title);

/* 1 when `title` (a PDF's metadata title) names a report and the start of
 * `text` (pdftotext output) does not print it, spaces and line breaks
 * aside: then the title only lives in the metadata. */
int gx_pdf_title_missing(const char *text, size_t len, const char *title);

#endif
