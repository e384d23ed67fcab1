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

static size_t nonempty_cells(const struct gx_line *line)
{
    size_t n = 0;
    for (size_t c = 0; c < line->ncells; c++) n += *line->cells[c] != '\0';
    return n;
}

static int is_sentence(const char *s)
{
    return gx_utf8_count(s) > PROSE_CHARS || strstr(s, "。") ||
           strstr(s, "；");
}

int gx_line_is_prose(const struct gx_line *line)
{
    if (line->kind == GX_LINE_ROW) return 0;
    if (nonempty_cells(line) > 1) {
        for (size_t c = 0; c < line->ncells; c++)
            if (gx_utf8_count(line->cells[c]) > PROSE_CHARS &&
                strstr(line->cells[c], "。"))
                return 1;
        return 0;
    }
    if (line->kind == GX_LINE_PARA) return 1;
    char *t = gx_line_text(line);
    int prose = is_sentence(t);
    free(t);
    return prose;
}

/* Whether a word's first key character is in the text at all: without
 * it the text's key cannot hold the word's.  Most short lines of a
 * report are table rows, and building their keys for every heading word
 * of every table was a tenth of reading a text report. */
static int may_hold(const char *text, const char *word)
{
    struct gx_key wk = {0};
    char first[5];
    gx_key_add(&wk, word);
    int may = wk.len == 0;
    if (!may) {
        first[gx_utf8_encode(wk.cp[0], first)] = '\0';
        may = strstr(text, first) != NULL;
    }
    gx_key_release(&wk);
    return may;
}

/* Whether the key of text holds the key of one of the words. */
static int key_holds_any(const char *text, char *const *words, size_t nwords)
{
    struct gx_key k = {0};
    int found = 0, keyed = 0;
    for (size_t i = 0; i < nwords && !found; i++) {
        if (!may_hold(text, words[i])) continue;
        if (!keyed) gx_key_add(&k, text);
        keyed = 1;
        found = gx_key_contains(&k, words[i]);
    }
    gx_key_release(&k);
    return found;
}

/* A heading is one short line, not a sentence, not a sub-heading "（一）". */
static int heading_has(const struct gx_line *line, char *const *words,
                       size_t nwords)
{
    if (nonempty_cells(line) != 1) return 0;
    char *t = gx_line_text(line);
    int ok = gx_utf8_count(t) <= HEADING_CHARS && !strstr(t, "。") &&
             strncmp(t, "（", strlen("（")) != 0 && t[0] != '(';
    if (ok) ok = key_holds_any(t, words, nwords);
    free(t);
    return ok;
}

/* A start label in a short, non-prose cell (a table caption or header). */
static int has_start_label(const struct gx_line *line, const struct gx_table *t)
{
    if (gx_line_is_prose(line) && line->kind != GX_LINE_PARA) return 0;
    for (size_t c = 0; c < line->ncells; c++) {
        const char *cell = line->cells[c];
        if (gx_utf8_count(cell) > PROSE_CHARS || strstr(cell, "。")) continue;
        for (size_t i = 0; i < t->nstarts; i++)
            if (strstr(cell, t->starts[i])) return 1;
    }
    return 0;
}

static int find_start(const struct gx_table *t, const struct gx_doc *doc,
                      size_t from, size_t *at)
{
    for (size_t i = from; i < doc->nlines; i++) {
        const struct gx_line *l = &doc->lines[i];
        if (heading_has(l, t->headings, t->nheadings) || has_start_label(l, t)) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

static size_t find_closing(const struct gx_doc *doc, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (heading_has(&doc->lines[i], (char *const *)closing_words,
                        GX_ARRAY_LEN(closing_words)))
            return i;
    return to;
}

void gx_sections_locate(const struct gx_templates *tpl,
                        const struct gx_doc *doc,
                        struct gx_section *sections)
{
    size_t from = 0;
    for (size_t t = 0; t < tpl->ntables; t++) {
        struct gx_section *s = &sections[t];
        memset(s, 0, sizeof(*s));
        s->found = find_start(&tpl->tables[t], doc, from, &s->begin);
        if (s->found) from = s->begin + 1;
    }
    for (size_t t = 0; t < tpl->ntables; t++) {
        struct gx_section *s = &sections[t];
        if (!s->found) continue;
        size_t end = doc->nlines;
        for (size_t u = t + 1; u < tpl->ntables; u++)
            if (sections[u].found && sections[u].begin > s->begin) {
                end = sections[u].begin;
                break;
            }
        s->end = find_closing(doc, s->begin + 1, end);
    }
}
