/* fuzz_docx_xml.c - the DOCX reader's XML walk: the input is the text of
 * word/document.xml, stored (not deflated) into a one-entry zip here and
 * handed to gx_read_docx, so every mutation reaches the walk.  The doc
 * must be the one libxml2's own tree gives (dom_docx.h). */
#include <string.h>

#include <zlib.h>

#include "dom_docx.h"
#include "fuzz.h"
#include "strbuf.h"

static const char part[] = "word/document.xml";

static void put16(struct gx_strbuf *sb, unsigned v)
{
    unsigned char b[2] = {v & 0xff, (v >> 8) & 0xff};
    gx_strbuf_add(sb, b, 2);
}

static void put32(struct gx_strbuf *sb, unsigned long v)
{
    put16(sb, (unsigned)(v & 0xffff));
    put16(sb, (unsigned)((v >> 16) & 0xffff));
}

/* The fields a local header and a central entry share, from "version
 * needed" to "extra length". */
static void put_common(struct gx_strbuf *zip, unsigned long crc, size_t n)
{
    put16(zip, 20);                 /* version needed */
    put16(zip, 0);                  /* flags */
    put16(zip, 0);                  /* method: stored */
    put16(zip, 0);                  /* time */
    put16(zip, 0x21);               /* date: 1980-01-01 */
    put32(zip, crc);
    put32(zip, (unsigned long)n);   /* compressed size */
    put32(zip, (unsigned long)n);   /* uncompressed size */
    put16(zip, sizeof(part) - 1);
    put16(zip, 0);                  /* extra length */
}

static void make_zip(const uint8_t *xml, size_t n, struct gx_strbuf *zip)
{
    unsigned long crc = crc32(0L, xml, (uInt)n);
    put32(zip, 0x04034b50);
    put_common(zip, crc, n);
    gx_strbuf_add(zip, part, sizeof(part) - 1);
    gx_strbuf_add(zip, xml, n);
    size_t cd = zip->len;
    put32(zip, 0x02014b50);
    put16(zip, 20);                 /* version made by */
    put_common(zip, crc, n);
    put16(zip, 0);                  /* comment length */
    put16(zip, 0);                  /* disk */
    put16(zip, 0);                  /* internal attributes */
    put32(zip, 0);                  /* external attributes */
    put32(zip, 0);                  /* local header offset */
    gx_strbuf_add(zip, part, sizeof(part) - 1);
    size_t cd_len = zip->len - cd;
    put32(zip, 0x06054b50);
    put16(zip, 0);
    put16(zip, 0);
    put16(zip, 1);
    put16(zip, 1);
    put32(zip, (unsigned long)cd_len);
    put32(zip, (unsigned long)cd);
    put16(zip, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gx_strbuf zip = GX_STRBUF_INIT;
    struct gx_diag d = {0};
    if (size > 16 * 1024 * 1024) return 0;
    make_zip(data, size, &zip);
    if (fuzz_read_twice(gx_read_docx, dom_read_docx, zip.buf, zip.len, &d) !=
            GX_OK &&
        d.status == GX_ERR_FORMAT && strstr(d.message, "zip"))
        fuzz_fail("the stored zip made here was refused", 0, 0);
    gx_strbuf_release(&zip);
    return 0;
}
