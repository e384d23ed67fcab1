/* test_ordered.c - chunks formatted on several threads come out in
 * order, the same bytes for any number of threads, with none lost. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ordered.h"
#include "strbuf.h"

/* Chunk i is i lines, each naming it, so that chunks differ in size and
 * a chunk out of place or cut short shows in the text. */
static void format_lines(void *ctx, size_t i, struct gx_strbuf *out)
{
    (void)ctx;
    assert_int_equal(out->len, 0);
    char line[32];
    for (size_t k = 0; k < i % 17; k++) {
        snprintf(line, sizeof(line), "%zu.%zu\n", i, k);
        gx_strbuf_adds(out, line);
    }
}

static void append(void *ctx, const struct gx_strbuf *chunk)
{
    gx_strbuf_add(ctx, chunk->buf, chunk->len);
}

static void run(size_t nchunks, unsigned threads, struct gx_strbuf *out)
{
    struct gx_ordered_job job = {nchunks, format_lines, append, out};
    gx_ordered_run(&job, threads);
}

static void test_same_for_any_threads(void **state)
{
    (void)state;
    struct gx_strbuf want = GX_STRBUF_INIT;
    for (size_t i = 0; i < 500; i++) {
        struct gx_strbuf one = GX_STRBUF_INIT;
        format_lines(NULL, i, &one);
        gx_strbuf_add(&want, one.buf, one.len);
        gx_strbuf_release(&one);
    }
    static const unsigned threads[] = {0, 1, 2, 3, 8, 64};
    for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
        struct gx_strbuf got = GX_STRBUF_INIT;
        run(500, threads[t], &got);
        assert_int_equal(got.len, want.len);
        assert_string_equal(got.buf, want.buf);
        gx_strbuf_release(&got);
    }
    gx_strbuf_release(&want);
}

static void test_no_chunks(void **state)
{
    (void)state;
    struct gx_strbuf got = GX_STRBUF_INIT;
    run(0, 4, &got);
    assert_int_equal(got.len, 0);
    run(2, 4, &got);            /* chunks 0 (empty) and 1 (one line) */
    assert_string_equal(got.buf, "1.0\n");
    gx_strbuf_release(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_for_any_threads),
        cmocka_unit_test(test_no_chunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
