/* fuzz_html.c - the HTML reader: charset sniffing, decoding, Word's
 * conditional comments, libxml2's HTML parser and the tree walk; its doc
 * must be the one libxml2's own tree gives (dom_html.h). */
#include "dom_html.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gx_diag d = {0};
    fuzz_read_twice(gx_read_html, dom_read_html, data, size, &d);
    return 0;
}
