/* fuzz_template.c - the template loader: the input is written to a
 * private temporary folder as its one .tsv and loaded from there with
 * gx_templates_load.  With FUZZ_TEMPLATE_EXTRACT=1 in the environment a
 * template that loads is also used to read a fixed report (a malformed
 * template is a user edit, not hostile input: findings there are
 * reported, not fixed here). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "extract.h"
#include "fuzz.h"
#include "meta.h"
#include "reader.h"
#include "report.h"
#include "section.h"

/* A fresh folder per input, removed at once: libFuzzer leaves without
 * running atexit handlers, so nothing may outlive one call. */
static int make_dir(char *dir, size_t size, char *file, size_t fsize)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/gx-fuzz-tpl-XXXXXX",
             tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
    if (!mkdtemp(dir)) return -1;
    snprintf(file, fsize, "%s/t.tsv", dir);
    return 0;
}

static const char report[] =
    "XX市人民政府2023年政府信息公开工作年度报告\n"
    "二、主动公开政府信息情况\n"
    "规章\t1\t0\t5\n行政规范性文件\t2\t1\t9\n行政许可\t3\n"
    "三、收到和处理政府信息公开申请情况\n"
    "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";

static void use(const struct gx_templates *tpl)
{
    struct gx_report *r = gx_report_new("fuzz.txt", "fuzz.txt");
    struct gx_doc doc;
    gx_doc_init(&doc);
    gx_text_to_doc(report, sizeof(report) - 1, &doc);
    gx_meta_read(&doc, r);
    struct gx_sections s;
    gx_sections_locate(tpl, &doc, &s);
    if (gx_extract(tpl, &doc, &s, r) > 0) gx_check_report(tpl, r);
    gx_sections_release(&s);
    gx_doc_release(&doc);
    gx_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int extract = -1;
    char dir[64], file[96];
    struct gx_diag d = {0};
    if (extract < 0) {
        const char *e = getenv("FUZZ_TEMPLATE_EXTRACT");
        extract = e && !strcmp(e, "1");
    }
    if (make_dir(dir, sizeof(dir), file, sizeof(file)) != 0) {
        perror("fuzz: mkdtemp");
        abort();
    }
    FILE *fp = fopen(file, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
        perror("fuzz: writing the template");
        abort();
    }
    struct gx_templates *tpl = gx_templates_load(dir, &d);
    unlink(file);
    rmdir(dir);
    if (tpl && extract) use(tpl);
    gx_templates_free(tpl);
    return 0;
}
