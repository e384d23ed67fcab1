/* narrative.c - reading counts out of a report's prose and holding them
 * against its tables.  The prose before the tables is put back into
 * paragraphs (a PDF wraps a sentence over several lines), cut into
 * sentences and clauses, and a clause counts only when it names exactly
 * one topic and holds exactly one number, followed by a unit of count. */
#define _GNU_SOURCE   /* memmem (glibc declares it only for GNU) */
#include "narrative.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "section.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

enum { MAX_CLAIMS = 64, MAX_DIGITS = 9 };

/* ---- words ----------------------------------------------------------- */

/* A clause with one of these says nothing certain: an approximation, a
 * comparison, a part, a negation, an ordinal, another year. */
static const char *const vague_words[] = {
    "同比", "环比", "较上", "较去", "比上年", "比去年", "增加", "减少",
    "增长", "下降", "上升", "累计", "约", "余", "多件", "多起", "近",
    "超过", "以上", "以下", "左右", "不足", "平均", "日均", "月均",
    "分别", "其中", "含", "包括", "占", "%", "％", "人次", "件次", "未",
    "没有", "第", "去年", "前年", "往年", "历年",
};
static const char *const new_words[] = {"收到", "新收", "受理"};
/* 受理行政许可申请 is not about disclosure: the clause must say so. */
static const char *const new_objects[] = {"信息公开", "依申请公开"};
static const char *const new_excluded[] = {
    "结转", "办结", "答复", "办理", "处理", "转办", "咨询", "工单", "热线",
    "来信", "来电", "留言", "投诉", "举报", "复议", "诉讼", "上年",
    "上一年"};
static const char *const in_words[] = {
    "上年结转", "上年度结转", "上一年度结转", "上一年结转", "上年转入",
    "上年度转入"};
/* 收到和上年结转 … N 件 counts both: neither topic alone. */
static const char *const carry_excluded[] = {
    "收到", "新收", "受理", "办结", "答复", "和", "及", "与", "共", "合计",
    "总计"};
static const char *const out_words[] = {
    "结转下年", "结转至下年", "结转到下年", "结转下一年", "结转至下一年",
    "结转到下一年", "转入下年", "转入下一年"};
/* A 复议 or 诉讼 clause about results is not about the total, and one
 * about cases the body handles (a 司法局 受理s 复议) not about its own. */
static const char *const case_excluded[] = {
    "纠错", "纠正", "维持", "撤销", "确认违法", "驳回", "审结", "结果",
    "败诉", "胜诉", "终止", "撤诉", "和解", "调解", "判决", "裁定", "其他",
    "上年", "上一年", "结转", "受理", "办理", "审理", "收到"};
static const char *const case_objects[] = {"信息公开"};
static const char *const units[] = {"件", "个", "起", "宗", "例"};
static const char *const sentence_ends[] = {"。", "；", "！", "？", ";",
                                            "!", "?"};
static const char *const clause_ends[] = {"，", "：", ":", ","};

/* Whether s[0..n) holds any of the words.  memmem, not a memcmp at each
 * byte: the prose of every report goes through here dozens of times. */
static int has_any(const char *s, size_t n, const char *const *words,
                   size_t nwords)
{
    for (size_t w = 0; w < nwords; w++)
        if (memmem(s, n, words[w], strlen(words[w]))) return 1;
    return 0;
}

#define HAS(s, n, words) has_any(s, n, words, GX_ARRAY_LEN(words))

/* The length of the word of `words` at s, or 0. */
static size_t word_at(const char *s, size_t n, const char *const *words,
                      size_t nwords)
{
    if (n == 0) return 0;
    for (size_t w = 0; w < nwords; w++) {
        if (words[w][0] != s[0]) continue;   /* most bytes start no word */
        size_t wl = strlen(words[w]);
        if (wl <= n && !memcmp(s, words[w], wl)) return wl;
    }
    return 0;
}

/* The first bytes of some words: the bytes of a text that start none
 * of them are passed over without looking for each word there. */
struct first_bytes {
    unsigned char in[256];
};

static void first_bytes_of(const char *const *words, size_t nwords,
                           struct first_bytes *fb)
{
    memset(fb->in, 0, sizeof(fb->in));
    for (size_t w = 0; w < nwords; w++) fb->in[(unsigned char)words[w][0]] = 1;
}

/* ---- numbers ---------------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "3,315": an ASCII comma with three digits after it, and no fourth. */
static int thousands_at(const char *s, size_t n, size_t i)
{
    return s[i] == ',' && i > 0 && is_digit(s[i - 1]) && i + 3 < n &&
           is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
           (i + 4 >= n || !is_digit(s[i + 4]));
}

struct number {
    double value;
    size_t digits;
    int decimal;
    size_t end;        /* index after the number */
};

static struct number read_number(const char *s, size_t n, size_t i)
{
    struct number num = {0, 0, 0, i};
    size_t j = i;
    while (j < n) {
        if (is_digit(s[j])) {
            num.value = num.value * 10 + (s[j] - '0');
            num.digits++;
            j++;
        } else if (thousands_at(s, n, j)) {
            j++;
        } else if (s[j] == '.' && j + 1 < n && is_digit(s[j + 1])) {
            num.decimal = 1;
            j++;
        } else {
            break;
        }
    }
    num.end = j;
    return num;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ') i++;
    return i;
}

/* The one count a clause holds: a number followed by a unit of count.
 * Years equal to `year` are skipped; any other number (another year, a
 * date, a second count, a decimal) makes the clause say nothing.
 * Returns 1 and sets *value, or 0. */
static int clause_count(const char *c, size_t n, int year, double *value)
{
    int found = 0;
    for (size_t i = 0; i < n;) {
        if (!is_digit(c[i])) {
            i++;
            continue;
        }
        struct number num = read_number(c, n, i);
        size_t after = skip_spaces(c, n, num.end);
        i = num.end;
        if (word_at(c + after, n - after, (const char *[]){"年"}, 1)) {
            if (num.decimal || num.value != (double)year || year == 0) return 0;
            continue;
        }
        if (found || num.decimal || num.digits > MAX_DIGITS ||
            !word_at(c + after, n - after, units, GX_ARRAY_LEN(units)))
            return 0;
        found = 1;
        *value = num.value;
    }
    return found;
}

/* ---- topics ----------------------------------------------------------- */

static int is_new(const char *c, size_t n)
{
    return HAS(c, n, new_words) && HAS(c, n, new_objects) &&
           !HAS(c, n, new_excluded);
}

static int is_case(const char *c, size_t n, const char *word,
                   const char *other)
{
    const char *w[] = {word}, *o[] = {other};
    return HAS(c, n, w) && !HAS(c, n, o) && HAS(c, n, case_objects) &&
           !HAS(c, n, case_excluded);
}

/* The one topic a clause is about, or -1 (none, or more than one). */
static int clause_topic(const char *c, size_t n)
{
    int in = HAS(c, n, in_words), out = HAS(c, n, out_words);
    int carry_ok = !HAS(c, n, carry_excluded);
    int topics[GX_CLAIM_NTOPICS] = {
        [GX_CLAIM_NEW] = is_new(c, n),
        [GX_CLAIM_CARRIED_IN] = in && !out && carry_ok,
        [GX_CLAIM_CARRIED_OUT] = out && !in && carry_ok,
        [GX_CLAIM_REVIEW] = !in && !out && is_case(c, n, "复议", "诉讼"),
        [GX_CLAIM_SUIT] = !in && !out && is_case(c, n, "诉讼", "复议"),
    };
    int topic = -1;
    for (int t = 0; t < GX_CLAIM_NTOPICS; t++) {
        if (!topics[t]) continue;
        if (topic >= 0) return -1;
        topic = t;
    }
    return topic;
}

/* ---- clauses and sentences -------------------------------------------- */

/* The clause, trimmed, clipped at a character to fit `out`. */
static void quote(const char *c, size_t n, char *out, size_t size)
{
    size_t b = skip_spaces(c, n, 0), e = n;
    while (e > b && c[e - 1] == ' ') e--;
    size_t room = size - 1, len = e - b;
    const char *more = "…";
    if (len > room) {
        len = room - strlen(more);
        while (len > 0 && ((unsigned char)c[b + len] & 0xC0) == 0x80) len--;
    }
    memcpy(out, c + b, len);
    out[len] = '\0';
    if (len < e - b) strcat(out, more);
}

struct claims {
    struct gx_claim *v;
    size_t n, max;
};

/* Whether c[0..n) holds a digit: a clause without one states no count,
 * and most clauses of a report are such. */
static int has_digit(const char *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_digit(c[i])) return 1;
    return 0;
}

static void read_clause(const char *c, size_t n, int year, int new_ok,
                        struct claims *out)
{
    double value;
    if (!has_digit(c, n)) return;
    int topic = clause_topic(c, n);
    if (topic < 0 || (topic == GX_CLAIM_NEW && !new_ok) || out->n >= out->max ||
        HAS(c, n, vague_words) || !clause_count(c, n, year, &value))
        return;
    if (topic != GX_CLAIM_CARRIED_IN && has_any(c, n, (const char *[]){"上年"}, 1))
        return;
    struct gx_claim *cl = &out->v[out->n++];
    cl->topic = (enum gx_claim_topic)topic;
    cl->value = value;
    quote(c, n, cl->text, sizeof(cl->text));
}

/* The length of the separator of `seps` at s[i], or 0 (a thousands
 * comma is no separator). */
static size_t separator_at(const char *s, size_t n, size_t i,
                           const char *const *seps, size_t nseps)
{
    if (thousands_at(s, n, i)) return 0;
    return word_at(s + i, n - i, seps, nseps);
}

static void read_sentence(const char *s, size_t n, int year,
                          struct claims *out)
{
    static const char *const part_words[] = {"含", "其中", "包括"};
    static const char *const carry[] = {"结转"};
    /* 收到申请12件（含上年结转2件）: 12 may hold the carried-over ones. */
    struct first_bytes fb;
    if (!has_digit(s, n)) return;   /* none of its clauses states a count */
    int new_ok = !(HAS(s, n, part_words) && HAS(s, n, carry));
    size_t start = 0;
    first_bytes_of(clause_ends, GX_ARRAY_LEN(clause_ends), &fb);
    for (size_t i = 0; i <= n;) {
        size_t sep = i == n                     ? 1
                     : !fb.in[(unsigned char)s[i]] ? 0
                     : separator_at(s, n, i, clause_ends,
                                    GX_ARRAY_LEN(clause_ends));
        if (!sep) {
            i++;
            continue;
        }
        read_clause(s + start, i - start, year, new_ok, out);
        i += sep;
        start = i;
    }
}

size_t gx_narrative_claims(const char *para, int year, struct gx_claim *out,
                           size_t max)
{
    struct claims cl = {out, 0, max};
    struct first_bytes fb;
    size_t n = strlen(para), start = 0;
    first_bytes_of(sentence_ends, GX_ARRAY_LEN(sentence_ends), &fb);
    for (size_t i = 0; i <= n;) {
        size_t sep = i == n                        ? 1
                     : !fb.in[(unsigned char)para[i]] ? 0
                     : word_at(para + i, n - i, sentence_ends,
                               GX_ARRAY_LEN(sentence_ends));
        if (!sep) {
            i++;
            continue;
        }
        read_sentence(para + start, i - start, year, &cl);
        i += sep;
        start = i;
    }
    return cl.n;
}

/* ---- paragraphs ------------------------------------------------------- */

static const char *const heading_marks[] = {"一", "二", "三", "四", "五", "六",
                                            "七", "八", "九", "十"};

/* 一、 （一） (一) 1、: a line that starts a heading starts a paragraph. */
static int starts_heading(const char *t)
{
    size_t n = strlen(t), i = 0, k;
    if (!strncmp(t, "（", strlen("（"))) i = strlen("（");
    else if (t[0] == '(') i = 1;
    size_t first = i;
    while (i < n && ((k = word_at(t + i, n - i, heading_marks,
                                  GX_ARRAY_LEN(heading_marks))) ||
                     is_digit(t[i])))
        i += k ? k : 1;
    if (i == first) return 0;
    return first ? (!strncmp(t + i, "）", strlen("）")) || t[i] == ')')
                 : !strncmp(t + i, "、", strlen("、"));
}

static int ends_sentence(const char *t)
{
    size_t n = strlen(t);
    for (size_t i = 0; i < GX_ARRAY_LEN(sentence_ends); i++) {
        size_t l = strlen(sentence_ends[i]);
        if (n >= l && !memcmp(t + n - l, sentence_ends[i], l)) return 1;
    }
    return 0;
}

/* A paragraph being put back together from wrapped lines; read only
 * when one of its lines is prose. */
struct para {
    struct gx_strbuf text;
    int prose;
};

static void para_flush(struct para *p, int year, struct claims *out)
{
    if (p->prose && p->text.len)
        out->n += gx_narrative_claims(p->text.buf, year, out->v + out->n,
                                      out->max - out->n);
    gx_strbuf_reset(&p->text);
    p->prose = 0;
}

static void read_line(const struct gx_line *l, struct para *p, int year,
                      struct claims *out)
{
    const char *t = l->kind == GX_LINE_ROW ? NULL : gx_line_sole_text(l);
    if (!t || !*t) {
        para_flush(p, year, out);
        return;
    }
    if (gx_is_page_number(t)) return;
    if (l->kind == GX_LINE_PARA || starts_heading(t)) para_flush(p, year, out);
    gx_strbuf_adds(&p->text, t);
    p->prose |= gx_line_is_prose(l);
    if (l->kind == GX_LINE_PARA || ends_sentence(t)) para_flush(p, year, out);
}

/* ---- against the tables ----------------------------------------------- */

struct topic_cells {
    const char *table;
    const char *rows[2];     /* summed; the col is always "total" */
    const char *cells;       /* for the finding */
    const char *name;        /* for the message */
};

static const struct topic_cells topic_cells[GX_CLAIM_NTOPICS] = {
    [GX_CLAIM_NEW] = {"apps", {"new", NULL}, "new.total",
                      "表三「本年新收」总计"},
    [GX_CLAIM_CARRIED_IN] = {"apps", {"carried_in", NULL}, "carried_in.total",
                             "表三「上年结转」总计"},
    [GX_CLAIM_CARRIED_OUT] = {"apps", {"carried_out", NULL},
                              "carried_out.total", "表三「结转下年度继续办理」总计"},
    [GX_CLAIM_REVIEW] = {"review", {"review", NULL}, "review.total",
                         "表四「行政复议」总计"},
    [GX_CLAIM_SUIT] = {"review", {"suit_direct", "suit_after_review"},
                       "suit_direct.total suit_after_review.total",
                       "表四「行政诉讼」未经复议直接起诉与复议后起诉的总计之和"},
};

static void add_value(struct gx_strbuf *sb, double v)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%.0f", v);
    gx_strbuf_adds(sb, buf);
}

/* The table's value for a topic: 1 with *sum set, 0 when a cell is blank
 * or dashed, -1 when the report has no such cell. */
static int table_value(const struct gx_report *r, const struct topic_cells *tc,
                       double *sum)
{
    int blank = 0;
    *sum = 0;
    for (int i = 0; i < 2 && tc->rows[i]; i++) {
        const struct gx_fact *f = gx_report_find(r, tc->table, tc->rows[i],
                                                 "total");
        if (!f) return -1;
        if (f->state != GX_CELL_NUMBER) blank = 1;
        else *sum += gx_fact_value(r, f);
    }
    return blank ? 0 : 1;
}

static void compare(struct gx_report *r, const struct gx_claim *cl)
{
    const struct topic_cells *tc = &topic_cells[cl->topic];
    double sum;
    int have = table_value(r, tc, &sum);
    if (have < 0 || (have && fabs(sum - cl->value) < 1e-9)) return;
    struct gx_strbuf msg = GX_STRBUF_INIT;
    gx_strbuf_adds(&msg, "正文称“");
    gx_strbuf_adds(&msg, cl->text);
    gx_strbuf_adds(&msg, "”，而");
    gx_strbuf_adds(&msg, tc->name);
    if (have) {
        gx_strbuf_adds(&msg, "为 ");
        add_value(&msg, sum);
        gx_strbuf_adds(&msg, "，相差 ");
        add_value(&msg, cl->value - sum);
    } else {
        gx_strbuf_adds(&msg, "为空白或横线，无法核对");
    }
    struct gx_finding *f = gx_report_add_finding(
        r, "text-vs-table", have ? GX_FIND_WARNING : GX_FIND_UNASSESSED,
        tc->table, tc->cells, msg.buf);
    f->row = tc->rows[0];
    f->col = "total";
    f->has_values = have;
    f->expected = sum;
    f->found = cl->value;
    gx_strbuf_release(&msg);
}

/* The first claim of each topic, unless the prose gives the topic two
 * different numbers. */
static void compare_all(struct gx_report *r, const struct gx_claim *cl,
                        size_t n)
{
    for (int t = 0; t < GX_CLAIM_NTOPICS; t++) {
        const struct gx_claim *first = NULL;
        int agree = 1;
        for (size_t i = 0; i < n; i++) {
            if ((int)cl[i].topic != t) continue;
            if (!first) first = &cl[i];
            else agree &= cl[i].value == first->value;
        }
        if (first && agree) compare(r, first);
    }
}

void gx_narrative_check(const struct gx_doc *doc,
                        const struct gx_sections *sections,
                        struct gx_report *r)
{
    struct gx_claim *v = gx_xcalloc(MAX_CLAIMS, sizeof(*v));
    struct claims out = {v, 0, MAX_CLAIMS};
    struct para p = {GX_STRBUF_INIT, 0};
    /* The prose ends where the first table's section starts. */
    size_t end = gx_sections_first_line(sections, doc->nlines);
    for (size_t i = 0; i < end; i++) read_line(&doc->lines[i], &p, r->year, &out);
    para_flush(&p, r->year, &out);
    compare_all(r, v, out.n);
    gx_strbuf_release(&p.text);
    free(v);
}
