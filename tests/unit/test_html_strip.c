/* test_html_strip.c - a page's attributes are dropped where libxml2's
 * start tags hold them, nothing else is touched, and libxml2 builds the
 * same tree, with the same line numbers, from what is left. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "html_strip.h"
#include "reader.h"
#include "strbuf.h"
#include "util.h"

static char *stripped(const char *page, size_t *len)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    gx_strbuf_add(&sb, page, strlen(page));
    gx_html_strip_attributes(&sb);
    return gx_strbuf_detach(&sb, len);
}

static const struct {
    const char *page, *want;
} cases[] = {
    {"<td style=\"border:1px\" width=50>1</td>", "<td>1</td>"},
    {"<TD VALIGN=top nowrap>x", "<TD>x"},
    /* a quoted value may hold '>' and '<'; an unquoted one may hold '/' */
    {"<p title=\"a>b<c\">t</p>", "<p>t</p>"},
    {"<p title='a>b'>t", "<p>t"},
    {"<a href=/x/y/>t</a>", "<a>t</a>"},
    {"<br/><br class=x />", "<br/><br/>"},
    {"<td a = \"1\"\n  b=2\n>", "<td\n\n>"},
    {"<o:p class=x></o:p><h1 id=t>", "<o:p></o:p><h1>"},
    /* text, comments, doctypes, declarations and end tags stay */
    {"a < b <3 c", "a < b <3 c"},
    {"<!-- <td a=1> -->x<td b=2>", "<!-- <td a=1> -->x<td>"},
    {"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
     "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"
     "<?xml version=\"1.0\"?><p a=1>",
     "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
     "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"
     "<?xml version=\"1.0\"?><p>"},
    /* <script> and <style> text is copied up to its end tag */
    {"<script type=x>if (a<b) { s='<td c=1>'; }</script><td d=1>",
     "<script>if (a<b) { s='<td c=1>'; }</script><td>"},
    {"<STYLE media=all>td{x:1}</Style ><td b=1>",
     "<STYLE>td{x:1}</Style ><td>"},
    {"<title lang=zh>报告</title><td b=1>", "<title>报告</title><td>"},
    /* attributes a tree builder or the charset may need stay */
    {"<meta charset=gbk><input type=hidden><td a=1>",
     "<meta charset=gbk><input type=hidden><td>"},
    /* at the first thing the parsers of libxml2 2.9 and 2.14 may read
     * apart, the rest of the page is left as it is */
    {"<td a=1><td \"x\" <p b=1>y", "<td><td \"x\" <p b=1>y"},
    {"<td a=1><td a=\"1>2</td>\nz", "<td><td a=\"1>2</td>\nz"},
    {"<td a=1><td a", "<td><td a"},
    {"<td a=1><!--> <td b=1> -->", "<td><!--> <td b=1> -->"},
    {"<td a=1><!-- open <td b=1>", "<td><!-- open <td b=1>"},
    {"<td a=1></td b=2><td c=3>", "<td></td b=2><td c=3>"},
    {"<td a=1><?1 <td b=\">\"> x", "<td><?1 <td b=\">\"> x"},
    {"<td a=1><!x><td b=1>", "<td><!x><td b=1>"},
    {"<td a=1><!DOCTYPE x SYSTEM \"a>b\"><td b=1>",
     "<td><!DOCTYPE x SYSTEM \"a>b\"><td b=1>"},
    {"<td a=1><script/><td b=1>", "<td><script/><td b=1>"},
    {"<td a=1><plaintext></plaintext><td b=1>",
     "<td><plaintext></plaintext><td b=1>"},
    {"<td a=1><script>x</scripts></script><td b=1>",
     "<td><script>x</scripts></script><td b=1>"},
    {"<td a=1><script><!-- </script> --></script><td b=1>",
     "<td><script><!-- </script> --></script><td b=1>"},
    {"<td a=1><title><b>t</b></title><td b=1>",
     "<td><title><b>t</b></title><td b=1>"},
    {"<td a=1><td a=\"1\"b=2><td c=1>", "<td><td a=\"1\"b=2><td c=1>"},
    {"<td a=1><td a=x\"y><td c=1>", "<td><td a=x\"y><td c=1>"},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < GX_ARRAY_LEN(cases); i++) {
        size_t len;
        char *got = stripped(cases[i].page, &len);
        if (strcmp(got, cases[i].want))
            fail_msg("%s\n  got  %s\n  want %s", cases[i].page, got,
                     cases[i].want);
        assert_int_equal(len, strlen(cases[i].want));
        free(got);
    }
}

/* A page with a NUL byte is left whole. */
static void test_nul_left_alone(void **state)
{
    (void)state;
    static const char page[] = "<td a=1>\0<td b=2>";
    struct gx_strbuf sb = GX_STRBUF_INIT;
    gx_strbuf_add(&sb, page, sizeof(page) - 1);
    gx_html_strip_attributes(&sb);
    assert_int_equal(sb.len, sizeof(page) - 1);
    assert_memory_equal(sb.buf, page, sizeof(page) - 1);
    gx_strbuf_release(&sb);
}

/* libxml2's tree of a page as text: every node's type, name, line and
 * content, depth first (attributes left out). */
static void dump(xmlNodePtr n, int depth, struct gx_strbuf *out)
{
    for (; n; n = n->next) {
        char head[64];
        snprintf(head, sizeof(head), "%d %d %ld ", depth, (int)n->type,
                 (long)xmlGetLineNo(n));
        gx_strbuf_adds(out, head);
        if (n->name) gx_strbuf_adds(out, (const char *)n->name);
        gx_strbuf_addch(out, ' ');
        if (n->content) gx_strbuf_adds(out, (const char *)n->content);
        gx_strbuf_addch(out, '\n');
        if (n->type == XML_ELEMENT_NODE) dump(n->children, depth + 1, out);
    }
}

static void tree_of(const char *page, size_t len, struct gx_strbuf *out)
{
    htmlDocPtr doc = htmlReadMemory(page, (int)len, NULL, "UTF-8",
                                    gx_html_parse_options);
    assert_non_null(doc);
    dump(doc->children, 0, out);
    xmlFreeDoc(doc);
}

/* Pages as Word, a CMS and a careless hand write them. */
static const char *const pages[] = {
    "<html><head><meta http-equiv=Content-Type content=\"text/html; "
    "charset=gb2312\"><style>\np.MsoNormal{margin:0}\n</style></head>\n"
    "<body lang=ZH-CN style='tab-interval:21.0pt'>\n"
    "<table class=MsoTableGrid border=1 cellspacing=0\n cellpadding=0>\n"
    "<tr style='height:15pt'><td width=120 valign=top style='width:90pt;\n"
    "border:solid windowtext 1.0pt'><p class=MsoNormal align=center>"
    "<span lang=EN-US>12<o:p></o:p></span></p></td>\n<td>3</td></tr>\n"
    "</table></body></html>",
    "<div class=\"main\" onclick=\"if (a > b) go('<p>')\">一<br/>二"
    "<img src=x.png alt=\"表三>说明\"/><p>三</p></div>",
    "<table><tr><td colspan=2 rowspan=\"3\">a<td/b>c</tr></table>",
    "<p class=a><a href=/x/y/>link</a> after</p><span id=s/>in</span>",
    "<p class=x>ok</p><p a=\"unterminated>text</p><p>more</p>",
    "<!-- <table a=1> --><script>var t = '</td>'; </script><td x=1>y",
    "<TABLE BORDER=1><TR><TD NOWRAP>1<TD>2</TABLE>",
    "<p\n  a=1\n  b='2\n3'\n>line<br\n/>next</p>",
};

static void test_same_tree(void **state)
{
    (void)state;
    for (size_t i = 0; i < GX_ARRAY_LEN(pages); i++) {
        size_t len;
        char *page = stripped(pages[i], &len);
        struct gx_strbuf want = GX_STRBUF_INIT, got = GX_STRBUF_INIT;
        tree_of(pages[i], strlen(pages[i]), &want);
        tree_of(page, len, &got);
        if (strcmp(want.buf, got.buf))
            fail_msg("page %zu:\n%s\n  with attributes:\n%s\n  without:\n%s",
                     i, pages[i], want.buf, got.buf);
        assert_true(len < strlen(pages[i]));   /* each has a plain tag */
        gx_strbuf_release(&want);
        gx_strbuf_release(&got);
        free(page);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_nul_left_alone),
        cmocka_unit_test(test_same_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
