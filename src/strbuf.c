#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

char gx_strbuf_empty[1];

void gx_strbuf_init(struct gx_strbuf *sb)
{
    sb->buf = gx_strbuf_empty;
    sb->len = 0;
    sb->cap = 0;
}

void gx_strbuf_release(struct gx_strbuf *sb)
{
    if (sb->cap) free(sb->buf);
    gx_strbuf_init(sb);
}

void gx_strbuf_grow(struct gx_strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap) return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need) cap *= 2;
    if (sb->cap) {
        sb->buf = gx_xrealloc(sb->buf, cap);
    } else {
        sb->buf = gx_xmalloc(cap);
        sb->buf[0] = '\0';
    }
    sb->cap = cap;
}

void gx_strbuf_add(struct gx_strbuf *sb, const void *data, size_t n)
{
    gx_strbuf_grow(sb, n);
    memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void gx_strbuf_adds(struct gx_strbuf *sb, const char *s)
{
    gx_strbuf_add(sb, s, strlen(s));
}

void gx_strbuf_addch(struct gx_strbuf *sb, int c)
{
    char ch = (char)c;
    gx_strbuf_add(sb, &ch, 1);
}

void gx_strbuf_reset(struct gx_strbuf *sb)
{
    sb->len = 0;
    if (sb->cap) sb->buf[0] = '\0';
}

char *gx_strbuf_detach(struct gx_strbuf *sb, size_t *len)
{
    char *res;
    if (len) *len = sb->len;
    res = sb->cap ? sb->buf : gx_xstrdup("");
    gx_strbuf_init(sb);
    return res;
}
