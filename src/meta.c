#include "meta.h"

#include <stdlib.h>
#include <string.h>

#include "section.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

enum { TITLE_SCAN_LINES = 40, TITLE_MAX_CHARS = 90 };

static const char kTitleWord[] = "政府信息公开";
static const char kReportWord[] = "年度报告";

/* The line's text with all spaces and markdown marks removed. */
static void squeeze(const char *s, struct gx_strbuf *out)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '#' && *s != '*' && *s != '\t')
            gx_strbuf_addch(out, *s);
}

static int opens_body(const char *s)
{
    static const char *const openers[] = {"本报告", "根据", "依据", "按照",
                                          "一、", "为"};
    for (size_t i = 0; i < GX_ARRAY_LEN(openers); i++)
        if (!strncmp(s, openers[i], strlen(openers[i]))) return 1;
    return strstr(s, "。") != NULL;
}

static char *squeezed_line(const struct gx_doc *doc, size_t i)
{
    char *t = gx_line_text(&doc->lines[i]);
    struct gx_strbuf sq = GX_STRBUF_INIT;
    squeeze(t, &sq);
    free(t);
    return gx_strbuf_detach(&sq, NULL);
}

static long last_year_before(const char *s, size_t end, int *year);

/* Where the body's name starts in a title that puts the year first
 * ("2022年上海市政府信息公开…", "2019年度…"): just after "NNNN年(度)". */
static size_t after_year(const char *t, long at)
{
    size_t from = (size_t)at + 4 + strlen("年");
    if (!strncmp(t + from, "度", strlen("度"))) from += strlen("度");
    return from;
}

/* A title names the body and the year before 政府信息公开, in either
 * order: 上海市人民政府办公厅2019年… or 2019年上海市人民政府办公厅…. */
static int title_complete(const char *t)
{
    const char *w = strstr(t, kTitleWord);
    int year = 0;
    if (!w) return 0;
    long at = last_year_before(t, (size_t)(w - t), &year);
    return at > 0 || (at == 0 && after_year(t, at) < (size_t)(w - t));
}

/* Builds the title ending on line i: the title is often split over lines
 * ("…2020年政府信息公开" / "工作年度报告"), so earlier lines are prepended
 * until it names a body and a year. */
static void title_ending_at(const struct gx_doc *doc, size_t i,
                            struct gx_strbuf *title)
{
    char *line = squeezed_line(doc, i);
    gx_strbuf_reset(title);
    gx_strbuf_adds(title, line);
    free(line);
    for (size_t k = i; k > 0 && i - k < 2 && !title_complete(title->buf); k--) {
        char *prev = squeezed_line(doc, k - 1);
        int body = opens_body(prev) || gx_utf8_count(prev) > TITLE_MAX_CHARS / 2;
        if (!body) {
            struct gx_strbuf joined = GX_STRBUF_INIT;
            gx_strbuf_adds(&joined, prev);
            gx_strbuf_add(&joined, title->buf, title->len);
            gx_strbuf_release(title);
            *title = joined;
        }
        free(prev);
        if (body) break;
    }
}

/* The first line (of the first few) holding 年度报告 that is not a sentence
 * ends the title; breadcrumbs and other lines may come before it. */
static int find_title(const struct gx_doc *doc, struct gx_strbuf *title)
{
    size_t limit = doc->nlines < TITLE_SCAN_LINES ? doc->nlines : TITLE_SCAN_LINES;
    int have = 0;
    struct gx_strbuf cand = GX_STRBUF_INIT;
    for (size_t i = 0; i < limit; i++) {
        char *line = squeezed_line(doc, i);
        int hit = strstr(line, kReportWord) && !opens_body(line) &&
                  gx_utf8_count(line) <= TITLE_MAX_CHARS;
        free(line);
        if (!hit) continue;
        title_ending_at(doc, i, &cand);
        if (!strstr(cand.buf, kTitleWord)) continue;
        if (!have || title_complete(cand.buf)) {
            gx_strbuf_reset(title);
            gx_strbuf_add(title, cand.buf, cand.len);
            have = 1;
        }
        if (title_complete(cand.buf)) break;
    }
    gx_strbuf_release(&cand);
    return have;
}

/* Finds the last "NNNN年" before `end`; returns its offset or -1. */
static long last_year_before(const char *s, size_t end, int *year)
{
    long at = -1;
    for (size_t i = 0; i + 4 < end; i++) {
        if (!(s[i] >= '1' && s[i] <= '2')) continue;
        size_t k = 0;
        while (k < 4 && s[i + k] >= '0' && s[i + k] <= '9') k++;
        if (k != 4 || (i && s[i - 1] >= '0' && s[i - 1] <= '9')) continue;
        if (strncmp(s + i + 4, "年", strlen("年"))) continue;
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
                (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y < 2000 || y > 2100) continue;
        *year = y;
        at = (long)i;
    }
    return at;
}

/* Trims quotes, brackets and "关于" from the agency's ends. */
static char *clean_agency(const char *s, size_t n)
{
    static const char *const strip_front[] = {"关于", "《", "“", "【"};
    static const char *const strip_back[] = {"》", "”", "】", "的", "（", "("};
    int again = 1;
    while (again) {
        again = 0;
        for (size_t i = 0; i < GX_ARRAY_LEN(strip_front); i++) {
            size_t l = strlen(strip_front[i]);
            if (n >= l && !strncmp(s, strip_front[i], l)) s += l, n -= l, again = 1;
        }
        for (size_t i = 0; i < GX_ARRAY_LEN(strip_back); i++) {
            size_t l = strlen(strip_back[i]);
            if (n >= l && !strncmp(s + n - l, strip_back[i], l)) n -= l, again = 1;
        }
    }
    return n ? gx_xstrndup(s, n) : NULL;
}

static void from_title(const char *title, struct gx_report *r)
{
    const char *word = strstr(title, kTitleWord);
    size_t end = (size_t)(word - title);
    int year = 0;
    long at = last_year_before(title, end, &year);
    if (at >= 0) {
        size_t from = after_year(title, at);
        r->year = year;
        r->agency = clean_agency(title, (size_t)at);
        if (!r->agency && from < end)   /* the year came first */
            r->agency = clean_agency(title + from, end - from);
    } else {
        r->agency = clean_agency(title, end);
    }
}

/* "统计期限自2023年1月1日起" names the year when the title does not. */
static int year_from_period(const struct gx_doc *doc)
{
    for (size_t i = 0; i < doc->nlines; i++) {
        char *t = gx_line_text(&doc->lines[i]);
        struct gx_strbuf sq = GX_STRBUF_INIT;
        squeeze(t, &sq);
        free(t);
        const char *p = strstr(sq.buf, "统计期限");
        int year = 0;
        if (p) {
            size_t off = (size_t)(p - sq.buf), n = sq.len - off;
            last_year_before(p, n > 40 ? 40 : n, &year);
        }
        gx_strbuf_release(&sq);
        if (year) return year;
    }
    return 0;
}

/* "2021年1月20日", the date under the signature. */
static int is_date_line(const char *s)
{
    int year = 0;
    const char *day = strstr(s, "日");
    return last_year_before(s, strlen(s), &year) == 0 && strstr(s, "月") &&
           day && day[strlen("日")] == '\0' && gx_utf8_count(s) <= 12;
}

/* A report without a title line (a PDF whose title is only in its
 * metadata) is still signed: the body's name sits above the date that
 * closes the report. */
static char *agency_from_signature(const struct gx_doc *doc)
{
    size_t stop = doc->nlines > 8 ? doc->nlines - 8 : 0;
    for (size_t i = doc->nlines; i-- > stop + 1;) {
        char *line = squeezed_line(doc, i);
        int date = is_date_line(line);
        free(line);
        if (!date) continue;
        char *name = squeezed_line(doc, i - 1);
        size_t n = gx_utf8_count(name);
        if (n >= 2 && n <= 30 && !opens_body(name) && !strstr(name, "、"))
            return name;
        free(name);
        return NULL;
    }
    return NULL;
}

void gx_meta_read(const struct gx_doc *doc, struct gx_report *r)
{
    struct gx_strbuf title = GX_STRBUF_INIT;
    if (find_title(doc, &title)) from_title(title.buf, r);
    gx_strbuf_release(&title);
    if (!r->year) r->year = year_from_period(doc);
    if (!r->agency) r->agency = agency_from_signature(doc);
}
