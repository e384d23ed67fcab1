/* fuzz_docx.c - the DOCX reader on whole files: the in-memory unzip with
 * its limits, then document.xml.  Mutated zips mostly fail their CRC, so
 * fuzz_docx_xml.c fuzzes document.xml on its own. */
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
    if (gx_read_docx((const char *)data, size, &doc, &d) == GX_OK)
        fuzz_check_doc(&doc);
    gx_doc_release(&doc);
    return 0;
}
