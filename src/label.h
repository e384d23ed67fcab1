/* label.h - matching report labels against template labels.
 *
 * Labels are compared as "keys": the CJK characters and letters of the
 * text, with whitespace, punctuation, digits and ordinals (一、 （三） 1.)
 * dropped, so that wrapping, spacing and numbering styles do not matter.
 * A template label matches when the report text holds all of its key
 * characters in order, allowing a few to be missing (typos such as
 * 其他法律行政止公开) and any characters in between (a label wrapped
 * around text of a neighbouring column). */
#ifndef GX_LABEL_H
#define GX_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Appends the key of `text` to `out` as UTF-32 code points. */
struct gx_key {
    uint32_t *cp;
    size_t len, cap;
};

void gx_key_release(struct gx_key *k);
void gx_key_reset(struct gx_key *k);
/* Appends the key characters of `text` (UTF-8). */
void gx_key_add(struct gx_key *k, const char *text);
/* Appends the key characters of text[0..len), which need not end in NUL. */
void gx_key_add_n(struct gx_key *k, const char *text, size_t len);
/* 1 when the key of `text` contains `needle` (UTF-8) as a substring. */
int gx_key_contains(const struct gx_key *k, const char *needle);
/* The same for a needle whose key is built already: template labels are
 * keyed once, when the templates are loaded, not at every comparison. */
int gx_key_holds(const struct gx_key *k, const struct gx_key *needle);

struct gx_label_match {
    int matched;       /* 1 when the label is found in the text */
    size_t end;        /* index in the text just past the match */
    size_t missing;    /* label characters not found */
};

/* How many leading characters of the label's key end `text`: a label
 * wrapped after its numbers ("5.要求行政机关确认或" / numbers /
 * "重新出具已获取信息") shows only its start before them. */
size_t gx_label_key_prefix_at_end(const struct gx_key *text,
                                  const struct gx_key *label);

/* Looks for `label` (UTF-8) in `text` (a key); see the header comment. */
struct gx_label_match gx_label_find(const struct gx_key *text,
                                    const char *label);
/* The same for a label whose key is built already. */
struct gx_label_match gx_label_find_key(const struct gx_key *text,
                                        const struct gx_key *label);

/* Which characters a key holds, roughly (a bit per character, shared by
 * a few): enough to rule out most labels without looking for them. */
struct gx_key_chars {
    uint64_t bits[4];
};

void gx_key_chars_of(const struct gx_key *k, struct gx_key_chars *out);
/* 0 when gx_label_find_key(text, label) cannot match, `chars` being the
 * text's: fewer of the label's characters are in it than a match needs.
 * 1 when it may. */
int gx_label_may_match(const struct gx_key_chars *chars,
                       const struct gx_key *label);

/* A template label as messages name it, its numbering and notes dropped:
 * "三、（二）部分公开（区分处理的…）" -> "部分公开"; "2.重复申请" -> "重复申请".
 * Appends to out. */
void gx_label_short(const char *label, struct gx_strbuf *out);

#endif
