/* html_strip.h - an HTML page without its attributes, before libxml2
 * parses it.
 *
 * gairx reads no attribute (see read_html.c), yet pages exported from
 * Word or a CMS are half attributes (style, width, valign on every cell),
 * and libxml2 copies every one of them to the heap and frees it again.
 * Dropping them first makes a page parse about a third faster.  The tag
 * ends where libxml2's own start-tag parser ends it (quoted values may
 * hold '>', an unquoted value may hold '/'), the line breaks inside a tag
 * stay (libxml2 gives each node its line, and the walk uses it), and what
 * libxml2 reads as text, a comment, a declaration, an end tag or the raw
 * text of <script> and <style> is left as it is, so libxml2 builds the
 * same tree from the result.  tests/fuzz's html oracle parses the page
 * with its attributes and checks that. */
#ifndef GX_HTML_STRIP_H
#define GX_HTML_STRIP_H

#include "strbuf.h"

/* Strips the attributes of every start tag of `page` (UTF-8, as libxml2
 * is given it), in place.  A page holding a NUL byte, where libxml2's
 * reading and ours could part, is left as it is. */
void gx_html_strip_attributes(struct gx_strbuf *page);

#endif
