/* input_limits.h - every safety limit in one place.  Hitting one gives the file
 * the status GX_ERR_LIMIT with a message naming the limit; the batch goes
 * on. */
#ifndef GX_INPUT_LIMITS_H
#define GX_INPUT_LIMITS_H

#define GX_MAX_FILE_BYTES      (64u * 1024 * 1024) /* any input file; --max-size */
#define GX_MAX_MAX_FILE_BYTES  (4ull << 30) /* --max-size: up to 4G */
/* All of a docx, unzipped.  The largest document.xml of the corpora is
 * 177 KB; 32 MB keeps libxml2's tree of a hostile one near 0.5 GB. */
#define GX_MAX_UNZIPPED_BYTES  (32u * 1024 * 1024)
/* Lines of one document: real reports have a few thousand; 30 million
 * one-digit lines would take gigabytes and minutes. */
#define GX_MAX_DOC_LINES       1000000u
#define GX_MAX_ZIP_ENTRIES     10000u
#define GX_MAX_XML_DEPTH       256u
#define GX_MAX_CELLS_PER_LINE  4096u
#define GX_MAX_NUMBER_CHARS    32u    /* longer digit runs are not numbers */
#define GX_PDF_TIMEOUT_SECONDS 60u    /* default of --pdf-timeout */
#define GX_MAX_PDF_TIMEOUT_SECONDS 3600u
#define GX_MAX_WALK_DEPTH      64u
#define GX_MAX_REGION_MENTIONS 16     /* division names read from one text */

#endif
