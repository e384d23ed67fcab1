/* fuzz_pdf_layout.c - the PDF layout text reader: what `pdftotext
 * -layout` prints, as read_pdf.c hands it over (bad UTF-8 repaired to
 * U+FFFD first), through gx_pdf_layout_to_doc and the title helpers.  The
 * first line doubles as a pdfinfo "Title:" for the title check. */
#include <string.h>

#include "fuzz.h"
#include "pdf_layout.h"
#include "strbuf.h"

/* As read_pdf.c's repair_utf8. */
static void repair(const uint8_t *data, size_t size, struct gx_strbuf *out)
{
    const char *s = (const char *)data;
    char enc[4];
    size_t i = 0, len;
    while (i < size) {
        uint32_t cp = gx_utf8_decode(s + i, size - i, &len);
        gx_strbuf_add(out, enc, gx_utf8_encode(cp, enc));
        i += len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gx_strbuf text = GX_STRBUF_INIT, info = GX_STRBUF_INIT,
                     title = GX_STRBUF_INIT;
    struct gx_doc doc;
    repair(data, size, &text);
    const char *nl = memchr(text.buf, '\n', text.len);
    gx_strbuf_adds(&info, "Title:   ");
    gx_strbuf_add(&info, text.buf, nl ? (size_t)(nl - text.buf) : text.len);
    gx_strbuf_adds(&info, "\nPages:   1\n");
    gx_pdf_info_title(info.buf, info.len, &title);
    gx_doc_init(&doc);
    if (!gx_pdf_text_is_empty(text.buf, text.len)) {
        (void)gx_pdf_title_missing(text.buf, text.len, title.buf);
        gx_pdf_layout_to_doc(text.buf, text.len, &doc);
    }
    fuzz_check_doc(&doc);
    gx_doc_release(&doc);
    gx_strbuf_release(&text);
    gx_strbuf_release(&info);
    gx_strbuf_release(&title);
    return 0;
}
