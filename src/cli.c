#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_limits.h"
#include "util.h"

#ifndef GX_VERSION
#define GX_VERSION "dev"
#endif

static const char usage_text[] =
    "usage: gairx [options] PATH... -o OUT.xlsx\n"
    "\n"
    "Reads 政府信息公开工作年度报告 (txt, md, html, docx, pdf), extracts\n"
    "表二, 表三 and 表四 exactly as printed, checks them (within each\n"
    "report, against its prose, across one agency's years) and writes one\n"
    "workbook, or one per region.\n"
    "PATH may be files or folders; folders are walked recursively.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    write the workbook FILE (.xlsx); strftime(3)\n"
    "                       conversions are expanded with the time of\n"
    "                       the run, e.g. -o 'jiangxi-%Y-%m.xlsx' (%% for\n"
    "                       a literal %); so are those of --csv DIR\n"
    "      --csv DIR        write DIR/facts.csv (one row per cell),\n"
    "                       DIR/files.csv (every input file and its status),\n"
    "                       DIR/findings.csv and DIR/reports.csv\n"
    "      --split-by LEVEL one workbook per province, city or county: -o\n"
    "                       must hold {region}, e.g. -o 'out/{region}.xlsx';\n"
    "                       reports without a region at that level go to\n"
    "                       未识别地区\n"
    "      --regions FILE   set regions from FILE (CSV: pattern,region), a\n"
    "                       pattern matched against the agency, else the\n"
    "                       file's path: a glob with * ? [...], else a\n"
    "                       substring; the first matching line wins\n"
    "      --baseline FILE  compare with FILE, the facts.csv of an earlier\n"
    "                       run: a 变更 sheet lists new reports, reports\n"
    "                       gone and values changed, and the table sheets\n"
    "                       mark the changed cells\n"
    "      --templates DIR  read the report formats from DIR\n"
    "      --max-size SIZE  skip (and list) input files larger than SIZE\n"
    "                       bytes, or SIZE with k, M or G (default 64M)\n"
    "      --pdf-timeout S  stop pdftotext after S seconds (default 60)\n"
    "      --strict         exit with status 4 when every input was read\n"
    "                       but a report has an error (差错) or a number\n"
    "                       gairx is not sure of (存疑)\n"
    "  -j, --jobs N         read N files at once and write facts.csv on N\n"
    "                       threads (default: one per core); the output is\n"
    "                       the same for every N\n"
    "  -q, --quiet          print only errors\n"
    "  -v, --verbose        print a line per file as it is done, and the\n"
    "                       stage times\n"
    "      --stats          print the time of each stage to stderr\n"
    "  -h, --help           show this help\n"
    "  -V, --version        show the version\n"
    "\n"
    "A progress line is shown on stderr when it is a terminal; a run ends\n"
    "with a one-line summary there (reports, findings, failures, outputs).\n"
    "\n"
    "exit status: 0 all inputs read; 1 some inputs could not be read or\n"
    "hold no report; 2 usage error; 3 an output could not be written\n"
    "(an earlier file of that name is left as it was); 4 only with\n"
    "--strict, see above.  Findings change the status only with --strict.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("gairx: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\ntry 'gairx --help'\n", stderr);
    return GX_EXIT_USAGE;
}

static int parse_split(const char *s, enum gx_split_level *split)
{
    static const char *const names[] = {"province", "city", "county"};
    for (size_t i = 0; i < GX_ARRAY_LEN(names); i++)
        if (!strcmp(s, names[i])) {
            *split = (enum gx_split_level)(i + 1);
            return 0;
        }
    return -1;
}

/* -o and --split-by go together: one needs {region}, the other fills it. */
static int check_split(const struct gx_options *o)
{
    int placeholder = o->xlsx && strstr(o->xlsx, GX_REGION_PLACEHOLDER);
    if (o->split && !o->xlsx)
        return usage_error("%s", "'--split-by' needs -o with {region}");
    if (o->split && !placeholder)
        return usage_error("'--split-by' needs {region} in -o, e.g. "
                           "-o 'out/{region}.xlsx', not '%s'", o->xlsx);
    if (!o->split && placeholder)
        return usage_error("'-o %s' holds {region}: give --split-by "
                           "province, city or county", o->xlsx);
    return -1;
}

/* A whole number from lo to hi, nothing around it. */
static int parse_count(const char *s, long lo, long hi, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < lo || v > hi) return -1;
    *out = (unsigned)v;
    return 0;
}

/* "64M", "100k", "2G", "5000": bytes, with a binary multiple. */
static int parse_size(const char *s, size_t *bytes)
{
    char *end;
    if (!isdigit((unsigned char)*s)) return -1;
    unsigned long long v = strtoull(s, &end, 10), unit = 1;
    switch (tolower((unsigned char)*end)) {
    case 'k': unit = 1024ull; end++; break;
    case 'm': unit = 1024ull * 1024; end++; break;
    case 'g': unit = 1024ull * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end == 'b' || *end == 'B') end++;
    if (*end != '\0' || v == 0 || v > GX_MAX_MAX_FILE_BYTES / unit) return -1;
    *bytes = (size_t)(v * unit);
    return 0;
}

/* The options that take a value and are checked before they are kept;
 * returns -1, or the usage error's status. */
static int parse_limit(int c, const char *arg, struct gx_options *opts)
{
    if (c == 'M' && parse_size(arg, &opts->read.max_bytes) < 0)
        return usage_error("'--max-size' takes a size such as 64M, up to 4G, "
                           "not '%s'", arg);
    if (c == 'T' && parse_count(arg, 1, GX_MAX_PDF_TIMEOUT_SECONDS,
                                &opts->read.pdf_timeout) < 0)
        return usage_error("'--pdf-timeout' takes seconds from 1 to 3600, "
                           "not '%s'", arg);
    return -1;
}

int gx_cli_parse(int argc, char **argv, struct gx_options *opts)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"csv", required_argument, NULL, 'c'},
        {"templates", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"baseline", required_argument, NULL, 'B'},
        {"jobs", required_argument, NULL, 'j'},
        {"stats", no_argument, NULL, 's'},
        {"regions", required_argument, NULL, 'r'},
        {"split-by", required_argument, NULL, 'S'},
        {"max-size", required_argument, NULL, 'M'},
        {"pdf-timeout", required_argument, NULL, 'T'},
        {"strict", no_argument, NULL, 'X'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c, rc;
    memset(opts, 0, sizeof(*opts));
    opts->read = gx_read_opts_default();
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:j:qvhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': opts->xlsx = optarg; break;
        case 'c': opts->csv_dir = optarg; break;
        case 't': opts->templates = optarg; break;
        case 'q': opts->quiet = 1; break;
        case 'v': opts->verbose = 1; break;
        case 'B': opts->baseline = optarg; break;
        case 's': opts->stats = 1; break;
        case 'r': opts->regions = optarg; break;
        case 'X': opts->strict = 1; break;
        case 'M':
        case 'T':
            if ((rc = parse_limit(c, optarg, opts)) >= 0) return rc;
            break;
        case 'S':
            if (parse_split(optarg, &opts->split) < 0)
                return usage_error("'--split-by' takes province, city or "
                                   "county, not '%s'", optarg);
            break;
        case 'j':
            if (parse_count(optarg, 1, 256, &opts->jobs) < 0)
                return usage_error("'-j' needs a number from 1 to 256, not '%s'", optarg);
            break;
        case 'h': fputs(usage_text, stdout); return GX_EXIT_OK;
        case 'V': printf("gairx %s\n", GX_VERSION); return GX_EXIT_OK;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc) return usage_error("%s", "no input PATH given");
    if (!opts->xlsx && !opts->csv_dir)
        return usage_error("%s", "nothing to write: give -o OUT.xlsx or --csv DIR");
    if ((rc = check_split(opts)) >= 0) return rc;
    opts->paths = argv + optind;
    opts->npaths = (size_t)(argc - optind);
    return -1;
}

void gx_options_release(struct gx_options *opts)
{
    memset(opts, 0, sizeof(*opts));
}
