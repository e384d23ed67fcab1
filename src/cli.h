/* cli.h - the command line: one option table, --help text, exit codes. */
#ifndef GX_CLI_H
#define GX_CLI_H

#include <stddef.h>

#include "reader.h"

/* Exit statuses, documented in --help. */
enum gx_exit {
    GX_EXIT_OK = 0,          /* every input read */
    GX_EXIT_SOME_FAILED = 1, /* outputs written; some inputs could not be read */
    GX_EXIT_USAGE = 2,       /* bad command line */
    GX_EXIT_NO_OUTPUT = 3,   /* an output could not be written */
    GX_EXIT_FINDINGS = 4     /* --strict: all read, but errors or doubts */
};

/* --split-by: the level whose divisions get a workbook each. */
enum gx_split_level {
    GX_SPLIT_NONE = 0,
    GX_SPLIT_PROVINCE = 1,
    GX_SPLIT_CITY = 2,
    GX_SPLIT_COUNTY = 3
};

/* The placeholder of -o that --split-by fills with a region's name. */
#define GX_REGION_PLACEHOLDER "{region}"

struct gx_options {
    char **paths;            /* borrowed from argv */
    size_t npaths;
    const char *xlsx;        /* -o */
    const char *csv_dir;     /* --csv */
    const char *templates;   /* --templates */
    int quiet;               /* -q */
    int verbose;             /* -v: a line per file, the baseline's counts */
    const char *baseline;    /* --baseline: a previous run's facts.csv */
    unsigned jobs;           /* -j: files read at once; 0 = one per core */
    int stats;               /* --stats: time per stage on stderr */
    const char *regions;     /* --regions: pattern,region CSV, or NULL */
    enum gx_split_level split; /* --split-by */
    int strict;              /* --strict: 差错 and 存疑 findings give status 4 */
    struct gx_read_opts read; /* --max-size, --pdf-timeout */
};

/* Parses argv.  Returns -1 to go on, or an exit status (after printing
 * --help, --version or a usage error). */
int gx_cli_parse(int argc, char **argv, struct gx_options *opts);
void gx_options_release(struct gx_options *opts);

#endif
