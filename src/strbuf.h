/* strbuf.h - the one growable byte buffer: never NULL once initialised,
 * always NUL-terminated. */
#ifndef GX_STRBUF_H
#define GX_STRBUF_H

#include <stddef.h>

struct gx_strbuf {
    char *buf;   /* NUL-terminated; points at a static "" until first growth */
    size_t len;
    size_t cap;
};

#define GX_STRBUF_INIT { gx_strbuf_empty, 0, 0 }
extern char gx_strbuf_empty[];

void gx_strbuf_init(struct gx_strbuf *sb);
/* Frees the buffer and leaves `sb` empty and reusable. */
void gx_strbuf_release(struct gx_strbuf *sb);
void gx_strbuf_grow(struct gx_strbuf *sb, size_t extra);
void gx_strbuf_add(struct gx_strbuf *sb, const void *data, size_t n);
void gx_strbuf_adds(struct gx_strbuf *sb, const char *s);
void gx_strbuf_addch(struct gx_strbuf *sb, int c);
void gx_strbuf_reset(struct gx_strbuf *sb);
/* Hands the buffer to the caller (who frees it) and leaves `sb` empty. */
char *gx_strbuf_detach(struct gx_strbuf *sb, size_t *len);

#endif
