#include "section.h"

#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "strbuf.h"
#include "utf8.h"
#include "util.h"

enum { PROSE_CHARS = 60, HEADING_CHARS = 50 };

/* Words of the headings that close the last table's section. */
static const char *const closing_words[] = {"存在的主要问题", "其他需要报告",
                                            "其它需要报告", "主要问题及改进"};

char *gx_line_text(const struct gx_line *line)
{
    struct gx_strbuf sb = GX_STRBUF_INIT;
    for (size_t c = 0; c < line->ncells; c++) {
        if (!*line->cells[c]) continue;
        if (sb.len) gx_strbuf_addch(&sb, ' ');
        gx_strbuf_adds(&sb, line->cells[c]);
    }
    return gx_strbuf_detach(&sb, NULL);
}

const char *gx_line_sole_text(const struct gx_line *line)
{
    const char *sole = "";
    for (size_t c = 0; c < line->ncells; c++) {
        if (!*line->cells[c]) continue;
        if (*sole) return NULL;
        sole = line->cells[c];
    }
    return sole;
}

/* gx_utf8_count(s) > max, without counting past max: a character is one
 * to four bytes, so most lengths settle it before any decoding. */
static int more_chars_than(const char *s, size_t max)
{
    size_t n = 0, len, rem = strlen(s);
    if (rem <= max) return 0;
    if (rem > 4 * max) return 1;
    while (rem) {
        if (++n > max) return 1;
        gx_utf8_decode(s, rem, &len);
        s += len;
        rem -= len;
    }
    return 0;
}

static int is_sentence(const char *s)
{
    return more_chars_than(s, PROSE_CHARS) || strstr(s, "。") ||
           strstr(s, "；");
}

int gx_line_is_prose(const struct gx_line *line)
{
    if (line->kind == GX_LINE_ROW) return 0;
    const char *sole = gx_line_sole_text(line);
    if (!sole) {
        for (size_t c = 0; c < line->ncells; c++)
            if (more_chars_than(line->cells[c], PROSE_CHARS) &&
                strstr(line->cells[c], "。"))
                return 1;
        return 0;
    }
    /* A paragraph of HTML or docx is told as a line of text is: a page
     * converted from a PDF (pdftohtml) puts each cell of its tables in a
     * paragraph of its own. */
    return is_sentence(sole);
}

/* Whether a word's first key character is in the text at all: without
 * it the text's key cannot hold the word's.  Most short lines of a
 * report are table rows, and building their keys for every heading word
 * of every table was a tenth of reading a text report. */
static int may_hold(const char *text, const struct gx_key *word)
{
    char first[5];
    if (word->len == 0) return 1;
    first[gx_utf8_encode(word->cp[0], first)] = '\0';
    return strstr(text, first) != NULL;
}

/* Whether the key of text holds the key of one of the words. */
static int key_holds_any(const char *text, const struct gx_key *words,
                         size_t nwords)
{
    struct gx_key k = {0};
    int found = 0, keyed = 0;
    for (size_t i = 0; i < nwords && !found; i++) {
        if (!may_hold(text, &words[i])) continue;
        if (!keyed) gx_key_add(&k, text);
        keyed = 1;
        found = gx_key_holds(&k, &words[i]);
    }
    gx_key_release(&k);
    return found;
}

/* A heading is one short line, not a sentence, not a sub-heading "（一）". */
static int heading_has(const struct gx_line *line, const struct gx_key *words,
                       size_t nwords)
{
    const char *t = gx_line_sole_text(line);
    if (!t || !*t || t[0] == '(' || !strncmp(t, "（", strlen("（")))
        return 0;
    return key_holds_any(t, words, nwords) &&
           !more_chars_than(t, HEADING_CHARS) && !strstr(t, "。");
}

static int holds_start(const char *cell, const struct gx_table *t)
{
    for (size_t i = 0; i < t->nstarts; i++)
        if (strstr(cell, t->starts[i])) return 1;
    return 0;
}

/* A start label in a short, non-prose cell (a table caption or header).
 * The start labels are looked for first: most lines hold none. */
static int has_start_label(const struct gx_line *line, const struct gx_table *t)
{
    for (size_t c = 0; c < line->ncells; c++) {
        const char *cell = line->cells[c];
        if (holds_start(cell, t) && !more_chars_than(cell, PROSE_CHARS) &&
            !strstr(cell, "。"))
            return line->kind == GX_LINE_PARA || !gx_line_is_prose(line);
    }
    return 0;
}

static int find_start(const struct gx_table *t, const struct gx_doc *doc,
                      size_t from, size_t *at)
{
    for (size_t i = from; i < doc->nlines; i++) {
        const struct gx_line *l = &doc->lines[i];
        if (heading_has(l, t->heading_keys, t->nheadings) ||
            has_start_label(l, t)) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

static size_t find_closing(const struct gx_doc *doc, size_t from, size_t to,
                           const struct gx_key *closing, size_t nclosing)
{
    for (size_t i = from; i < to; i++)
        if (heading_has(&doc->lines[i], closing, nclosing)) return i;
    return to;
}

void gx_sections_locate(const struct gx_templates *tpl,
                        const struct gx_doc *doc, struct gx_sections *out)
{
    enum { NCLOSING = GX_ARRAY_LEN(closing_words) };
    struct gx_key closing[NCLOSING] = {{0}};
    size_t from = 0;
    out->n = tpl->ntables;
    out->at = gx_xcalloc(out->n ? out->n : 1, sizeof(*out->at));
    for (size_t t = 0; t < out->n; t++) {
        struct gx_section *s = &out->at[t];
        s->found = find_start(&tpl->tables[t], doc, from, &s->begin);
        if (s->found) from = s->begin + 1;
    }
    for (size_t w = 0; w < NCLOSING; w++) gx_key_add(&closing[w], closing_words[w]);
    for (size_t t = 0; t < out->n; t++) {
        struct gx_section *s = &out->at[t];
        if (!s->found) continue;
        size_t end = doc->nlines;
        for (size_t u = t + 1; u < out->n; u++)
            if (out->at[u].found && out->at[u].begin > s->begin) {
                end = out->at[u].begin;
                break;
            }
        s->end = find_closing(doc, s->begin + 1, end, closing, NCLOSING);
    }
    for (size_t w = 0; w < NCLOSING; w++) gx_key_release(&closing[w]);
}

void gx_sections_release(struct gx_sections *s)
{
    free(s->at);
    memset(s, 0, sizeof(*s));
}

size_t gx_sections_first_line(const struct gx_sections *s, size_t nlines)
{
    size_t first = nlines;
    for (size_t t = 0; t < s->n; t++)
        if (s->at[t].found && s->at[t].begin < first) first = s->at[t].begin;
    return first;
}
