/* fuzz_docx.c - the DOCX reader on whole files: the in-memory unzip with
 * its limits, then document.xml.  Mutated zips mostly fail their CRC, so
 * fuzz_docx_xml.c fuzzes document.xml on its own. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gx_diag d = {0};
    fuzz_read(gx_read_docx, data, size, &d);
    return 0;
}
