/* input_limits.h - every safety limit in one place.  Hitting one gives the file
 * the status GX_ERR_LIMIT with a message naming the limit; the batch goes
 * on. */
#ifndef GX_INPUT_LIMITS_H
#define GX_INPUT_LIMITS_H

#define GX_MAX_FILE_BYTES      (64u * 1024 * 1024) /* any input file */
#define GX_MAX_UNZIPPED_BYTES  (256u * 1024 * 1024) /* all of a docx, unzipped */
#define GX_MAX_ZIP_ENTRIES     10000u
#define GX_MAX_XML_DEPTH       256u
#define GX_MAX_CELLS_PER_LINE  4096u
#define GX_MAX_NUMBER_CHARS    32u    /* longer digit runs are not numbers */
#define GX_PDF_TIMEOUT_SECONDS 60u
#define GX_MAX_WALK_DEPTH      64u
#define GX_MAX_REGION_MENTIONS 16     /* division names read from one text */

#endif
