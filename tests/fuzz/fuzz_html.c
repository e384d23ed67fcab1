/* fuzz_html.c - the HTML reader: charset sniffing, decoding, Word's
 * conditional comments, libxml2's HTML parser and the tree walk. */
#include <libxml/parser.h>

#include "fuzz.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int inited;
    struct gx_doc doc;
    struct gx_diag d = {0};
    if (!inited) {
        xmlInitParser();
        inited = 1;
    }
    gx_doc_init(&doc);
    if (gx_read_html((const char *)data, size, &doc, &d) == GX_OK)
        fuzz_check_doc(&doc);
    gx_doc_release(&doc);
    return 0;
}
