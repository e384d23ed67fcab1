/* fuzz_docx.c - the DOCX reader on whole files: the in-memory unzip with
 * its limits, then document.xml.  Mutated zips mostly fail their CRC, so
 * fuzz_docx_xml.c fuzzes document.xml on its own.  The doc must be the
 * one libxml2's own tree gives (dom_docx.h). */
#include "dom_docx.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gx_diag d = {0};
    fuzz_read_twice(gx_read_docx, dom_read_docx, data, size, &d);
    return 0;
}
