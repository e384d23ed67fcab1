/* html_strip.h - an HTML page without its attributes, before libxml2
 * parses it.
 *
 * gairx reads no attribute (see read_html.c), yet pages exported from
 * Word or a CMS are half attributes (style, width, valign on every cell),
 * and libxml2 copies every one to the heap and frees it again.  Dropping
 * them first makes the HTML reader about a sixth faster.  Only start tags
 * of the plain kind lose them, and only while the page is of a kind that
 * libxml2 2.9 and the HTML5 tokenizer of later libxml2 both read alike
 * (see html_strip.c); line breaks inside a tag stay, since libxml2 gives
 * each node its line and the walk uses it.  libxml2 builds the same tree
 * from the result: tests/fuzz's html oracle parses the page with its
 * attributes and checks it. */
#ifndef GX_HTML_STRIP_H
#define GX_HTML_STRIP_H

#include "strbuf.h"

/* Strips the attributes of the start tags of `page` (UTF-8, as libxml2 is
 * given it), in place, up to the first markup that is not of the plain
 * kind; a page holding a NUL or form-feed byte is left as it is. */
void gx_html_strip_attributes(struct gx_strbuf *page);

#endif
