/* fuzz_decode.c - the decoder and the text splitter: gx_decode (BOMs,
 * UTF-8, UTF-16, GB18030) then gx_text_to_doc, as gx_read_text runs them.
 * The decoded text must be UTF-8 and every cell too. */
#include "fuzz.h"
#include "normalise.h"
#include "reader.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gx_strbuf text = GX_STRBUF_INIT;
    const char *used = NULL;
    if (gx_decode((const char *)data, size, NULL, &text, &used) == 0) {
        struct gx_doc doc;
        if (!used) fuzz_fail("decoded without naming an encoding", 0, 0);
        if (!gx_utf8_valid(text.buf, text.len))
            fuzz_fail("decoded text is not UTF-8", 0, 0);
        gx_doc_init(&doc);
        gx_text_to_doc(text.buf, text.len, &doc);
        fuzz_check_doc(&doc);
        gx_doc_release(&doc);
    }
    gx_strbuf_release(&text);
    return 0;
}
