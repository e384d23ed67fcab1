#!/bin/sh
# monthly-cron.sh - the monthly run, for cron: read the reports folder,
# write this month's workbook and CSVs beside the earlier months', mark
# what changed since the last month that ran, and log.
#
#   GAIRX_REPORTS=DIR  the reports (files or folders; required)
#   GAIRX_OUT=DIR      where the months go (required): each run writes
#                      DIR/YYYY-MM/gairx-YYYY-MM.xlsx and DIR/YYYY-MM/csv/,
#                      and appends to DIR/gairx.log
#   GAIRX=PATH         the gairx binary (default: gairx on PATH)
#   GAIRX_ARGS=...     more options, e.g. "--regions /etc/gairx/regions.csv"
#
# The baseline is the csv/facts.csv of the newest earlier month in
# GAIRX_OUT, so a month that did not run is skipped over, and a second run
# in one month compares with the month before, not with itself.
#
# Quiet when all is well (cron mails nothing); one line on stderr when
# something went wrong.  Exits with gairx's status: 0 every input read,
# 1 some inputs not read (the workbook is written; see 文件清单), 2 usage
# (a bad setting here), 3 an output could not be written.
set -u
reports=${GAIRX_REPORTS:?set GAIRX_REPORTS to the reports folder}
out=${GAIRX_OUT:?set GAIRX_OUT to the output folder}
gairx=${GAIRX:-gairx}
log=$out/gairx.log

# The month: the clock's, or SOURCE_DATE_EPOCH's as gairx reads it.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    month=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m)
else
    month=$(date +%Y-%m)
fi
mkdir -p "$out/$month" || exit 3

baseline=""
for d in $(ls -d "$out"/[0-9][0-9][0-9][0-9]-[0-9][0-9] 2>/dev/null | sort); do
    m=$(basename "$d")
    if [ "$m" \< "$month" ] && [ -f "$d/csv/facts.csv" ]; then
        baseline=$d/csv/facts.csv
    fi
done

set -- "$reports" -o "$out/%Y-%m/gairx-%Y-%m.xlsx" --csv "$out/%Y-%m/csv"
if [ -n "$baseline" ]; then set -- "$@" --baseline "$baseline"; fi
{
    echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) gairx monthly run $month"
    # shellcheck disable=SC2086  # GAIRX_ARGS is a list of options
    "$gairx" ${GAIRX_ARGS:-} "$@"
    echo "== exit $?"
} >>"$log" 2>&1
rc=$(tail -1 "$log" | sed -n 's/^== exit //p')
rc=${rc:-3}
if [ "$rc" -ne 0 ]; then
    echo "gairx monthly run $month: exit $rc, see $log" >&2
fi
exit "$rc"
