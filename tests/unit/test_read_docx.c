/* test_read_docx.c - the Word .docx reader: paragraphs, runs, merged
 * cells, layout tables, and hostile archives.  Run from the repository
 * root: fixtures are tests/data/readers/ and tests/hostile/docx-*,
 * made by tests/data/readers/make_fixtures.py. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "reader.h"
#include "strbuf.h"

#define BASIC "tests/data/readers/basic.docx"
#define BOMB "tests/hostile/docx-zip-bomb.docx"

struct read {
    struct gx_doc doc;
    struct gx_diag diag;
    enum gx_status status;
};

static void read_bytes(struct read *r, const char *data, size_t len)
{
    gx_doc_init(&r->doc);
    memset(&r->diag, 0, sizeof(r->diag));
    r->status = gx_read_docx(data, len, &r->doc, &r->diag);
}

/* Reads a file of the repository into a heap buffer the caller frees. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct gx_strbuf sb = GX_STRBUF_INIT;
    char chunk[4096];
    size_t n;
    if (!f) fail_msg("cannot open %s (run from the repository root)", path);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        gx_strbuf_add(&sb, chunk, n);
    fclose(f);
    return gx_strbuf_detach(&sb, len);
}

static void read_file(struct read *r, const char *path)
{
    size_t len;
    char *data = slurp(path, &len);
    read_bytes(r, data, len);
    free(data);
}

static void release(struct read *r)
{
    gx_doc_release(&r->doc);
}

static const struct gx_line *line(const struct read *r, size_t i)
{
    assert_true(i < r->doc.nlines);
    return &r->doc.lines[i];
}

static void assert_para(const struct read *r, size_t i, const char *text)
{
    const struct gx_line *l = line(r, i);
    assert_int_equal(l->kind, GX_LINE_PARA);
    assert_int_equal(l->ncells, 1);
    assert_string_equal(l->cells[0], text);
}

/* Checks a row's table id and cells; `cells` is NULL-terminated. */
static void assert_row(const struct read *r, size_t i, unsigned table_id,
                       const char *const *cells)
{
    const struct gx_line *l = line(r, i);
    size_t n = 0;
    assert_int_equal(l->kind, GX_LINE_ROW);
    assert_int_equal(l->table_id, table_id);
    for (; cells[n]; n++) {
        assert_true(n < l->ncells);
        assert_string_equal(l->cells[n], cells[n]);
    }
    assert_int_equal(l->ncells, n);
}

#define ROW(...) ((const char *const[]){__VA_ARGS__, NULL})

static void assert_status(const char *path, enum gx_status want,
                          const char *message_part)
{
    struct read r;
    read_file(&r, path);
    assert_int_equal(r.status, want);
    assert_non_null(strstr(r.diag.message, message_part));
    release(&r);
}

/* ---- the basic fixture ------------------------------------------------- */

static void test_paragraphs_join_runs(void **state)
{
    struct read r;
    read_file(&r, BASIC);
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 14);
    assert_para(&r, 0, "上高县人民政府2024年政府信息公开工作年度报告");
    assert_para(&r, 1, "一、总体情况");
    assert_para(&r, 2, "甲 乙 丙");         /* w:tab and w:br are spaces */
    assert_para(&r, 3, "全年收到申请10件。"); /* the empty w:p is gone */
    /* A field's result but not its code, no deleted text, and a text box
     * once although Word stores it twice (mc:Choice and mc:Fallback). */
    assert_para(&r, 4, "7 框");
    release(&r);
}

static void test_merged_cells_are_emitted_once(void **state)
{
    struct read r;
    read_file(&r, BASIC);
    assert_int_equal(r.status, GX_OK);
    /* 合并 spans three columns and two rows: once, in its first row. */
    assert_row(&r, 5, 1, ROW("合并", "B"));
    /* Row 2 starts one cell, and the report left it blank. */
    assert_row(&r, 6, 1, ROW(""));
    assert_row(&r, 7, 1, ROW("x", "y", "z", "1"));
    /* A cell inside a content control; a cell of two paragraphs; a legacy
     * hMerge pair, emitted once. */
    assert_row(&r, 8, 1, ROW("s", "第一段 第二段", "旧"));
    assert_para(&r, 9, "五、存在的主要问题");
    release(&r);
}

static void test_layout_table_is_flattened(void **state)
{
    struct read r;
    read_file(&r, BASIC);
    assert_int_equal(r.status, GX_OK);
    assert_para(&r, 10, "框内段落");
    assert_row(&r, 11, 2, ROW("内", "1"));
    assert_row(&r, 12, 2, ROW("外", "2"));
    assert_para(&r, 13, "完");
    release(&r);
}

/* ---- hostile archives ------------------------------------------------- */

/* A cut document.xml yields what it holds, up to the cut. */
static void test_truncated_document_reads_its_start(void **state)
{
    struct read r;
    read_file(&r, "tests/hostile/docx-truncated-document.docx");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 8);
    assert_para(&r, 0, "上高县人民政府2024年政府信息公开工作年度报告");
    assert_row(&r, 5, 1, ROW("合并", "B"));
    release(&r);
}

static void test_hostile_statuses(void **state)
{
    assert_status("tests/hostile/docx-no-body.docx", GX_ERR_FORMAT,
                  "truncated or damaged");
    assert_status("tests/hostile/docx-no-document.docx", GX_ERR_FORMAT,
                  "not a docx: no word/document.xml");
    assert_status("tests/hostile/docx-random-bytes.docx", GX_ERR_FORMAT,
                  "not a docx");
    assert_status(BOMB, GX_ERR_LIMIT, "document.xml unzips to more than "
                  "32 MB");
}

/* Entities are never expanded: neither a billion laughs nor a file. */
static void test_entities_are_not_expanded(void **state)
{
    struct read r;
    read_file(&r, "tests/hostile/docx-entity-expansion.docx");
    assert_int_equal(r.status, GX_OK);
    assert_int_equal(r.doc.nlines, 1);
    assert_null(strstr(r.doc.lines[0].cells[0], "lol"));
    release(&r);
    read_file(&r, "tests/hostile/docx-external-entity.docx");
    assert_int_equal(r.status, GX_OK);
    assert_para(&r, 0, "前后");
    release(&r);
}

/* Sets a little-endian 32-bit field. */
static void put32(char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (char)((v >> (8 * i)) & 0xff);
}

/* The bomb again, its headers now claiming 4 KB: minizip stops at the
 * claimed size and the checksum fails, so nothing near 300 MB is ever
 * inflated. */
static void test_bomb_that_lies_about_its_size(void **state)
{
    size_t len;
    char *zip = slurp(BOMB, &len);
    struct read r;
    assert_memory_equal(zip, "PK\3\4", 4);
    put32(zip + 22, 4096); /* the local header's uncompressed size */
    for (size_t i = len - 22; i-- > 0;)
        if (!memcmp(zip + i, "PK\1\2", 4)) {
            put32(zip + i + 24, 4096); /* the central directory's */
            break;
        }
    read_bytes(&r, zip, len);
    assert_int_equal(r.status, GX_ERR_FORMAT);
    assert_non_null(strstr(r.diag.message, "checksum or size is wrong"));
    release(&r);
    free(zip);
}

static void test_cut_zip_and_empty_input(void **state)
{
    size_t len;
    char *zip = slurp(BASIC, &len);
    struct read r;
    read_bytes(&r, zip, len / 2);
    assert_int_equal(r.status, GX_ERR_FORMAT);
    assert_int_equal(r.doc.nlines, 0);
    release(&r);
    read_bytes(&r, zip, 0);
    assert_int_equal(r.status, GX_ERR_FORMAT);
    release(&r);
    free(zip);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs_join_runs),
        cmocka_unit_test(test_merged_cells_are_emitted_once),
        cmocka_unit_test(test_layout_table_is_flattened),
        cmocka_unit_test(test_truncated_document_reads_its_start),
        cmocka_unit_test(test_hostile_statuses),
        cmocka_unit_test(test_entities_are_not_expanded),
        cmocka_unit_test(test_bomb_that_lies_about_its_size),
        cmocka_unit_test(test_cut_zip_and_empty_input),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
