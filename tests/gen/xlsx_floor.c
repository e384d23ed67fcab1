/* xlsx_floor.c - the floor for gairx's workbook writing: libxlsxwriter alone
 * writing ROWS rows of COLS numeric cells (constant_memory on), which is
 * about what a workbook of ROWS reports holds.  Built and run by
 * scripts/bench; not part of gairx.
 *
 *   xlsx_floor OUT.xlsx ROWS [COLS]      (COLS defaults to 200)
 *
 * More than 1,048,575 rows continue on further sheets. */
#include <stdio.h>
#include <stdlib.h>

#include <xlsxwriter.h>

enum { MAX_ROWS = 1048575 };

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: xlsx_floor OUT.xlsx ROWS [COLS]\n");
        return 2;
    }
    long rows = strtol(argv[2], NULL, 10);
    long cols = argc > 3 ? strtol(argv[3], NULL, 10) : 200;
    if (rows < 0 || cols < 1 || cols > 16384) {
        fprintf(stderr, "xlsx_floor: bad ROWS or COLS\n");
        return 2;
    }
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
                                .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(argv[1], &opt);
    if (!wb) {
        fprintf(stderr, "xlsx_floor: cannot create '%s'\n", argv[1]);
        return 3;
    }
    lxw_worksheet *ws = NULL;
    for (long r = 0; r < rows; r++) {
        long sr = r % MAX_ROWS;
        if (sr == 0)
            ws = workbook_add_worksheet(wb, NULL);
        for (long c = 0; c < cols; c++)
            worksheet_write_number(ws, (lxw_row_t)sr, (lxw_col_t)c,
                                   (double)((r * 31 + c * 7) % 1000), NULL);
    }
    lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR) {
        fprintf(stderr, "xlsx_floor: %s\n", lxw_strerror(err));
        return 3;
    }
    return 0;
}
