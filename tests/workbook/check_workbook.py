#!/usr/bin/python3
"""check_workbook.py - read a gairx workbook back and check it.

usage: check_workbook.py WORKBOOK [--expect-csv facts.csv]

Checks the sheets, the header rows of the table sheets (hidden machine keys
"table.row.col" on row 1, row labels merged over their columns on row 2,
column labels on row 3, frozen panes, autofilter), that cells hold numbers,
dash text or nothing, that doubtful (filled) cells carry a comment, and that
汇总 and 文件 agree with the table sheets.  With --expect-csv, every cell of
the table sheets is compared with facts.csv: numbers equal, dash cells show
text, blank cells are empty, doubtful cells are filled and commented, and no
cell holds anything facts.csv does not have.

Exit status: 0 when the workbook holds, 1 with a one-line reason on stderr
when it does not, 2 on a usage error.  Uses /usr/bin/python3 for Debian's
python3-openpyxl.
"""

import argparse
import csv
import math
import re
import sys
import zipfile

import openpyxl

TABLE_SHEETS = {"表二 主动公开": "art20", "表三 依申请": "apps",
                "表四 复议诉讼": "review"}
SHEETS = ["汇总", *TABLE_SHEETS, "文件"]
FIELD_KEYS = ["region", "agency", "year", "format", "file"]
FIELD_LABELS = ["地区", "机构", "年度", "格式", "文件"]
FILE_COL = len(FIELD_KEYS)          # 1-based column of 文件
NFIELDS = len(FIELD_KEYS)
KEY_ROW, ROW_LABEL_ROW, COL_LABEL_ROW, FIRST_DATA_ROW = 1, 2, 3, 4
SUMMARY_HEADER = FIELD_LABELS + ["状态"]
SUMMARY_STATUSES = {"正常", "存疑", "未识别"}
FILES_HEADER = ["文件", "类型", "状态", "说明"]
READ_STATUS = "已读取"
CSV_HEADER = ["file", "agency", "region", "year", "format", "table", "row",
              "col", "value", "state", "doubt"]
KEY_RE = re.compile(r"([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+)")
NUMBER_RE = re.compile(r"[+-]?\d+(\.\d+)?")


class Fail(Exception):
    """The workbook does not hold; the message is the one-line reason."""


def where(ws, row, col):
    return f"{ws.title}!{openpyxl.utils.get_column_letter(col)}{row}"


def text_of(value):
    return "" if value is None else str(value)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def has_fill(cell):
    return cell.fill is not None and cell.fill.fill_type == "solid"


# ---- table sheets ------------------------------------------------------


class TableSheet:
    """One table sheet read back: its keys, and its data rows by file."""

    def __init__(self, ws, table):
        self.ws = ws
        self.table = table
        self.keys = []      # value-column keys, in column order
        self.col_of = {}    # key -> 1-based column
        self.row_of = {}    # file -> 1-based row
        self.files = []     # files in row order

    def value_cols(self):
        return range(NFIELDS + 1, NFIELDS + 1 + len(self.keys))


def read_keys(ts):
    ws = ts.ws
    if not ws.row_dimensions[KEY_ROW].hidden:
        raise Fail(f"{ws.title}: key row {KEY_ROW} is not hidden")
    got = [ws.cell(KEY_ROW, c).value for c in range(1, NFIELDS + 1)]
    if got != FIELD_KEYS:
        raise Fail(f"{ws.title}: field keys are {got}, not {FIELD_KEYS}")
    # max_column first: ws.cell() creates the cells it is asked for.
    for col in range(NFIELDS + 1, ws.max_column + 1):
        key = ws.cell(KEY_ROW, col).value
        m = KEY_RE.fullmatch(text_of(key))
        if not m or m.group(1) != ts.table:
            raise Fail(f"{where(ws, KEY_ROW, col)}: key '{key}' is not "
                       f"'{ts.table}.row.col'")
        if key in ts.col_of:
            raise Fail(f"{where(ws, KEY_ROW, col)}: key '{key}' repeated")
        ts.keys.append(key)
        ts.col_of[key] = col
    if not ts.keys:
        raise Fail(f"{ws.title}: no value columns")


def row_key(key):
    return key.split(".")[1]


def merged_span(ws, row, col):
    """(first, last) columns of the merged range at (row, col), if any."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and \
                rng.min_col <= col <= rng.max_col:
            return rng.min_col, rng.max_col
    return None


def check_labels(ts):
    """Each row key is one run of columns under one label; every column
    has a column label."""
    ws = ts.ws
    seen = set()
    col = NFIELDS + 1
    last = NFIELDS + len(ts.keys)
    while col <= last:
        rk = row_key(ts.keys[col - NFIELDS - 1])
        if rk in seen:
            raise Fail(f"{where(ws, KEY_ROW, col)}: row '{rk}' is split "
                       "into two runs of columns")
        seen.add(rk)
        end = col
        while end < last and row_key(ts.keys[end - NFIELDS]) == rk:
            end += 1
        span = merged_span(ws, ROW_LABEL_ROW, col)
        if end > col and span != (col, end):
            raise Fail(f"{where(ws, ROW_LABEL_ROW, col)}: label of row "
                       f"'{rk}' is not merged over its {end - col + 1} "
                       "columns")
        if not text_of(ws.cell(ROW_LABEL_ROW, col).value).strip():
            raise Fail(f"{where(ws, ROW_LABEL_ROW, col)}: no label for "
                       f"row '{rk}'")
        col = end + 1
    for c in range(1, last + 1):
        if not text_of(ws.cell(COL_LABEL_ROW, c).value).strip():
            raise Fail(f"{where(ws, COL_LABEL_ROW, c)}: no column label")
    got = [ws.cell(COL_LABEL_ROW, c).value for c in range(1, NFIELDS + 1)]
    if got != FIELD_LABELS:
        raise Fail(f"{ws.title}: field labels are {got}")


def check_view(ws, last_col):
    want = f"{openpyxl.utils.get_column_letter(NFIELDS + 1)}{FIRST_DATA_ROW}"
    if ws.freeze_panes != want:
        raise Fail(f"{ws.title}: panes frozen at {ws.freeze_panes}, "
                   f"not {want}")
    check_autofilter(ws, COL_LABEL_ROW, last_col)


def check_autofilter(ws, row, last_col):
    ref = ws.auto_filter.ref
    letter = openpyxl.utils.get_column_letter(last_col)
    if not ref or not re.fullmatch(rf"A{row}:{letter}\d+", ref):
        raise Fail(f"{ws.title}: autofilter is '{ref}', not on row {row} "
                   f"A:{letter}")


def read_files(ws, first_row, col):
    """Files of the data rows, in order; each must be there and unique."""
    files, row_of = [], {}
    for row in range(first_row, ws.max_row + 1):
        f = text_of(ws.cell(row, col).value)
        if not f:
            raise Fail(f"{where(ws, row, col)}: no file name")
        if f in row_of:
            raise Fail(f"{where(ws, row, col)}: file '{f}' listed twice")
        row_of[f] = row
        files.append(f)
    return files, row_of


def check_cell_shape(ws, cell):
    """A value cell holds a number, dash text or nothing; a filled one
    says why in a comment."""
    v = cell.value
    if isinstance(v, str):
        if not v.strip():
            raise Fail(f"{where(ws, cell.row, cell.column)}: empty text")
        if NUMBER_RE.fullmatch(v.strip()):
            raise Fail(f"{where(ws, cell.row, cell.column)}: number "
                       f"'{v}' stored as text")
    elif v is not None and not is_number(v):
        raise Fail(f"{where(ws, cell.row, cell.column)}: unexpected "
                   f"{type(v).__name__} value")
    if has_fill(cell) and cell.comment is None:
        raise Fail(f"{where(ws, cell.row, cell.column)}: filled but no "
                   "comment says why")


def read_table_sheet(ws, table):
    ts = TableSheet(ws, table)
    read_keys(ts)
    check_labels(ts)
    check_view(ws, NFIELDS + len(ts.keys))
    ts.files, ts.row_of = read_files(ws, FIRST_DATA_ROW, FILE_COL)
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        for col in ts.value_cols():
            check_cell_shape(ws, ws.cell(row, col))
        check_cell_shape(ws, ws.cell(row, FILE_COL))
    return ts


# ---- 汇总 and 文件 ------------------------------------------------------


def check_header(ws, want):
    got = [ws.cell(1, c).value for c in range(1, len(want) + 1)]
    if got != want:
        raise Fail(f"{ws.title}: header is {got}, not {want}")


def check_summary(ws, files):
    check_header(ws, SUMMARY_HEADER)
    check_autofilter(ws, 1, len(SUMMARY_HEADER))
    got, row_of = read_files(ws, 2, FILE_COL)
    if got != files:
        raise Fail(f"{ws.title}: files differ from the table sheets' "
                   f"({len(got)} against {len(files)})")
    for row in range(2, ws.max_row + 1):
        status = ws.cell(row, len(SUMMARY_HEADER)).value
        if status not in SUMMARY_STATUSES:
            raise Fail(f"{where(ws, row, len(SUMMARY_HEADER))}: status "
                       f"'{status}' is none of {sorted(SUMMARY_STATUSES)}")
    return row_of


def check_files_sheet(ws, read_files_in_order):
    check_header(ws, FILES_HEADER)
    check_autofilter(ws, 1, len(FILES_HEADER))
    files, _ = read_files(ws, 2, 1)
    read = []
    for row in range(2, ws.max_row + 1):
        status = text_of(ws.cell(row, 3).value)
        if status == READ_STATUS:
            read.append(text_of(ws.cell(row, 1).value))
        elif not status or not text_of(ws.cell(row, 4).value):
            raise Fail(f"{where(ws, row, 3)}: a file that was not read "
                       "needs a status and a reason")
    if read != read_files_in_order:
        raise Fail(f"{ws.title}: files marked {READ_STATUS} differ from "
                   "汇总's")
    return files


def check_fields_agree(summary, sheets, files, summary_row_of):
    """The report fields of a file are the same on every sheet."""
    for ts in sheets:
        for f in files:
            a = [summary.cell(summary_row_of[f], c).value
                 for c in range(1, NFIELDS + 1)]
            b = [ts.ws.cell(ts.row_of[f], c).value
                 for c in range(1, NFIELDS + 1)]
            if a != b:
                raise Fail(f"{ts.ws.title}: fields of '{f}' are {b}, "
                           f"汇总 has {a}")


# ---- facts.csv ---------------------------------------------------------


def load_csv(path):
    """{file: {"fields": [...], "cells": {key: row}}} from facts.csv."""
    with open(path, newline="", encoding="utf-8-sig") as fp:
        reader = csv.reader(fp)
        header = next(reader, None)
        if header != CSV_HEADER:
            raise Fail(f"{path}: header is {header}, not {CSV_HEADER}")
        facts = {}
        for n, rec in enumerate(reader, start=2):
            if len(rec) != len(CSV_HEADER):
                raise Fail(f"{path}:{n}: {len(rec)} fields, not "
                           f"{len(CSV_HEADER)}")
            row = dict(zip(CSV_HEADER, rec))
            rep = facts.setdefault(row["file"], {"fields": row, "cells": {}})
            key = f"{row['table']}.{row['row']}.{row['col']}"
            if key in rep["cells"]:
                raise Fail(f"{path}:{n}: '{row['file']}' {key} repeated")
            rep["cells"][key] = row
    return facts


def expected_fields(row):
    year = int(row["year"]) if row["year"] else None
    return [row["region"] or None, row["agency"] or None, year,
            row["format"] or None, row["file"]]


def check_fact(ws, cell, fact):
    v, at = cell.value, where(ws, cell.row, cell.column)
    state = fact["state"]
    if state == "number":
        try:
            want = float(fact["value"])
        except ValueError:
            raise Fail(f"{at}: facts.csv value '{fact['value']}' is not "
                       "a number") from None
        if not is_number(v) or not math.isclose(v, want, rel_tol=1e-12,
                                                abs_tol=0.0):
            raise Fail(f"{at}: {v!r}, facts.csv has {fact['value']}")
    elif state == "dash":
        if not isinstance(v, str) or not v.strip():
            raise Fail(f"{at}: dash cell shows {v!r}, not its text")
    elif state == "blank":
        if v is not None:
            raise Fail(f"{at}: blank cell holds {v!r}")
    else:
        raise Fail(f"{at}: facts.csv state '{state}' is unknown")
    if fact["doubt"]:
        if not has_fill(cell):
            raise Fail(f"{at}: doubtful cell has no fill")
        if cell.comment is None or fact["doubt"] not in cell.comment.text:
            raise Fail(f"{at}: comment does not give the doubt "
                       f"'{fact['doubt']}'")


def check_against_csv(sheets, summary, summary_row_of, facts):
    """Every fact is in its cell, and no cell holds what facts lack."""
    checked = 0
    for f, rep in facts.items():
        if f not in summary_row_of:
            raise Fail(f"'{f}' has facts but is not in 汇总")
        want = expected_fields(rep["fields"])
        got = [summary.cell(summary_row_of[f], c).value
               for c in range(1, NFIELDS + 1)]
        if got != want:
            raise Fail(f"汇总: fields of '{f}' are {got}, facts.csv has "
                       f"{want}")
    for ts in sheets:
        for f, row in ts.row_of.items():
            cells = facts.get(f, {"cells": {}})["cells"]
            for key, col in ts.col_of.items():
                cell = ts.ws.cell(row, col)
                fact = cells.get(key)
                if fact is None:
                    if cell.value is not None:
                        raise Fail(f"{where(ts.ws, row, col)}: holds "
                                   f"{cell.value!r}, facts.csv has no "
                                   f"'{f}' {key}")
                    continue
                check_fact(ts.ws, cell, fact)
                checked += 1
        for f, rep in facts.items():
            for key in rep["cells"]:
                if key.startswith(ts.table + ".") and key not in ts.col_of:
                    raise Fail(f"{ts.ws.title}: no column for '{f}' {key}")
    return checked


def check_status_of_doubts(summary, summary_row_of, facts):
    col = len(SUMMARY_HEADER)
    for f, rep in facts.items():
        if any(r["doubt"] for r in rep["cells"].values()):
            status = summary.cell(summary_row_of[f], col).value
            if status == "正常":
                raise Fail(f"汇总: '{f}' is 正常 but has doubtful cells")


# ---- main --------------------------------------------------------------


def check(path, csv_path):
    try:
        wb = openpyxl.load_workbook(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise Fail(f"cannot read: {e}")
    if wb.sheetnames != SHEETS:
        raise Fail(f"sheets are {wb.sheetnames}, not {SHEETS}")
    sheets = [read_table_sheet(wb[name], table)
              for name, table in TABLE_SHEETS.items()]
    files = sheets[0].files
    for ts in sheets[1:]:
        if ts.files != files:
            raise Fail(f"{ts.ws.title}: files differ from "
                       f"{sheets[0].ws.title}'s")
    summary = wb["汇总"]
    summary_row_of = check_summary(summary, files)
    all_files = check_files_sheet(wb["文件"], files)
    check_fields_agree(summary, sheets, files, summary_row_of)
    checked = 0
    if csv_path:
        facts = load_csv(csv_path)
        checked = check_against_csv(sheets, summary, summary_row_of, facts)
        check_status_of_doubts(summary, summary_row_of, facts)
    return (f"ok ({len(all_files)} files, {len(files)} read, "
            f"{checked} cells checked against facts)")


def main():
    ap = argparse.ArgumentParser(description="Check a gairx workbook.")
    ap.add_argument("workbook")
    ap.add_argument("--expect-csv", metavar="FACTS_CSV",
                    help="facts.csv to compare every table cell with")
    args = ap.parse_args()
    try:
        print(f"check_workbook: {args.workbook}: "
              f"{check(args.workbook, args.expect_csv)}")
    except Fail as e:
        print(f"check_workbook: {args.workbook}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"check_workbook: {args.workbook}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
