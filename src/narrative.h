/* narrative.h - the numbers a report's prose states, against its tables.
 *
 * Read in the prose before the tables (一、总体情况 and anything above
 * it), clause by clause (a clause ends at ， ： 。 ； ！ ？):
 *   收到/新收/受理 … 申请 N 件   apps.new.total (本年新收 only: never
 *                                 本年新收 + 上年结转)
 *   上年结转 N 件                 apps.carried_in.total
 *   结转下年度 / 结转至下年度 N 件 apps.carried_out.total
 *   行政复议 N 件/起              review.review.total
 *   行政诉讼 N 件/起              review.suit_direct.total +
 *                                 review.suit_after_review.total
 * A difference is a warning (rule text-vs-table); a table cell that is
 * blank or dashed makes a 无法核对 finding, never a 0.
 *
 * Conservative by design: a clause says nothing when it holds another
 * number, a range, a decimal, an ordinal, another year, an approximation
 * (约, 余, 近, 以上 ...), a comparison (同比, 增加 ...), a part (其中,
 * 含 ...), a negation (未, 没有) or two topics; 收到申请 N 件 says
 * nothing when its sentence counts 结转 inside it (含上年结转 ...); and a
 * topic the prose gives two different numbers for is left alone. */
#ifndef GX_NARRATIVE_H
#define GX_NARRATIVE_H

#include <stddef.h>

#include "doc.h"
#include "report.h"
#include "section.h"

enum gx_claim_topic {
    GX_CLAIM_NEW,          /* 本年新收 */
    GX_CLAIM_CARRIED_IN,   /* 上年结转 */
    GX_CLAIM_CARRIED_OUT,  /* 结转下年度 */
    GX_CLAIM_REVIEW,       /* 行政复议 */
    GX_CLAIM_SUIT,         /* 行政诉讼 */
    GX_CLAIM_NTOPICS
};

/* One number the prose states. */
struct gx_claim {
    enum gx_claim_topic topic;
    double value;
    char text[160];        /* the clause, clipped at a character */
};

/* The claims of one paragraph of prose (normalised UTF-8) in a report on
 * `year` (0: unknown, then any clause naming a year says nothing).
 * Fills out[0..max) and returns how many were found. */
size_t gx_narrative_claims(const char *para, int year, struct gx_claim *out,
                           size_t max);

/* Appends the text-vs-table findings of the report read into `doc`, whose
 * sections gx_sections_locate found, to r->findings.  Needs r's facts
 * (run it after extraction). */
void gx_narrative_check(const struct gx_doc *doc,
                        const struct gx_sections *sections,
                        struct gx_report *r);

#endif
