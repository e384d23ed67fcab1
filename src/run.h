/* run.h - one batch: walk the inputs, read and extract each report, write
 * the outputs.  Returns an exit status (cli.h). */
#ifndef GX_RUN_H
#define GX_RUN_H

#include "cli.h"
#include "report.h"
#include "template.h"

int gx_run(const struct gx_options *opts);

/* Reads one file into a new report (never NULL; r->status and r->reason
 * say how it went).  The report borrows path and relpath: they must
 * outlive it. */
struct gx_report *gx_process_file(const struct gx_templates *tpl,
                                  const struct gx_read_opts *ropts,
                                  const char *path, const char *relpath,
                                  int kind);

#endif
