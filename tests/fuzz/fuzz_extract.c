/* fuzz_extract.c - the extractor over a text report: gx_read_text
 * (decode + gx_text_to_doc), then gx_meta_read, gx_extract,
 * gx_check_report and gx_narrative_check as gx_process_file runs them,
 * with the repository's templates loaded once. */
#include "check.h"
#include "extract.h"
#include "fuzz.h"
#include "meta.h"
#include "narrative.h"
#include "reader.h"
#include "report.h"
#include "section.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct gx_templates *tpl = fuzz_templates();
    struct gx_report *r = gx_report_new("fuzz.txt", "fuzz.txt");
    struct gx_doc doc;
    struct gx_diag d = {0};
    gx_doc_init(&doc);
    if (gx_read_text((const char *)data, size, &doc, &d) == GX_OK) {
        fuzz_check_doc(&doc);
        gx_meta_read(&doc, r);
        struct gx_sections s;
        gx_sections_locate(tpl, &doc, &s);
        if (gx_extract(tpl, &doc, &s, r) > 0) {
            gx_check_report(tpl, r);
            gx_narrative_check(&doc, &s, r);
            gx_report_trim(r);
        }
        gx_sections_release(&s);
    }
    gx_doc_release(&doc);
    gx_report_free(r);
    return 0;
}
