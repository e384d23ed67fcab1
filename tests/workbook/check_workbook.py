#!/usr/bin/python3
"""check_workbook.py - read a gairx workbook back and check it.

usage: check_workbook.py WORKBOOK [--expect-csv facts.csv]
                         [--expect-findings findings.csv]
                         [--expect-files files.csv]
                         [--expect-reports reports.csv] [--no-siblings]

Without options it checks the shape: the sheets and their order; on every
sheet a hidden row of machine keys above the header, frozen panes, an
autofilter and the print setup (A4 landscape, header rows repeated); the
table sheets' two-level header (row labels merged over their columns);
that cells hold numbers, dash text or nothing; that filled cells carry a
comment; that 汇总, the table sheets and 问题清单 list the same reports;
that 汇总's rates are empty where their denominator is empty or 0 and
equal to their ratio elsewhere; that 地区合计 is a tree of regions (by
the names' indents) whose bottom rows sum exactly the 汇总 rows of their
region, whose other rows sum exactly their rows one level down, whose
合计 sums the top rows, every stored value being that sum; that every
link of 问题清单 points at a real, filled, commented cell of the row of
its report, and a finding about two reports names the other file in its
message and links to that file's row when it is in the workbook; that
覆盖 has a row per agency of 汇总 (one agency: same region, same name
once the region's names in front are dropped) and a ✓ for each year it
has a report, an empty filled cell for each it has not; that 图表's
tables are 汇总's rows summed by region (most 本年新收 first) and by
year, 实质公开率 pooled, and that the file holds its charts.  A 变更
sheet may follow 图表 (--baseline; check_changes.py checks it), and a
cell marked changed may be filled without a finding.

With --expect-csv, every cell of the table sheets is compared with
facts.csv (numbers equal, dash cells show text, blank cells are empty,
doubtful cells filled and commented, nothing facts.csv lacks), and 汇总's
totals are recomputed from facts.csv (a sum with a blank, dash or absent
operand is empty).  With --expect-findings, every cell a finding involves
is filled with its kind's colour (the worst kind, when several findings
share a cell) and its comment holds the finding's message (a 无法核对
finding marks only its own cell, the one 问题清单 links to); no other data
cell of the table sheets is filled; 问题清单 holds exactly the findings;
汇总's 问题数 and 状态 follow from them, and 状态's comment lists every
finding but the 无法核对 ones, which it counts.  With --expect-files, every file
of files.csv is in 文件清单 with its kind, encoding, size and a status
that fits its files.csv status.  With --expect-reports, 汇总 holds
reports.csv's rows, value for value.  Files beside facts.csv with those
names are used unless given or --no-siblings.

Exit status: 0 when the workbook holds, 1 with a one-line reason on stderr
when it does not, 2 on a usage error.  Uses /usr/bin/python3 for Debian's
python3-openpyxl.
"""

import argparse
import csv
import math
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import coordinate_from_string, \
    column_index_from_string

TABLE_SHEETS = {"表二 主动公开": "art20", "表三 依申请": "apps",
                "表四 复议诉讼": "review"}
TABLE_NAMES = {"art20": "表二", "apps": "表三", "review": "表四"}
SHEETS = ["汇总", "地区合计", *TABLE_SHEETS, "问题清单", "覆盖", "文件清单",
          "图表"]
CHANGES_SHEET = "变更"              # last, only with --baseline
CHANGED_FILL = "BDD7EE"             # a changed cell no finding fills
CHANGED_WAS = "上次: "
FIELD_KEYS = ["region", "agency", "year", "format", "file"]
FIELD_LABELS = ["地区", "机构", "年度", "格式", "文件"]
FILE_COL = len(FIELD_KEYS)          # 1-based column of 文件
NFIELDS = len(FIELD_KEYS)
KEY_ROW, ROW_LABEL_ROW, COL_LABEL_ROW, FIRST_DATA_ROW = 1, 2, 3, 4
SUMMARY_KEY_ROW = 5
SUMMARY_STATUSES = {"正常", "存疑", "有差异", "未识别"}
NO_REGION = "未识别地区"
FILES_KEYS = ["file", "kind", "encoding", "size", "status", "reason"]
FILE_STATUSES = {"已解析", "部分", "存疑", "非年报", "不支持", "无法读取"}
FINDINGS_KEYS = ["region", "agency", "year", "file", "location", "rule",
                 "kind", "message", "expected", "found", "difference",
                 "other_file", "other_location"]
KIND_FILL = {"差错": "FFC7CE", "提示": "FCD5B4", "存疑": "FFEB9C",
             "无法核对": "E0E0E0"}
UNASSESSED = "无法核对"
SEVERITY = {"无法核对": 1, "存疑": 2, "提示": 3, "差错": 4}
CSV_HEADER = ["file", "agency", "region", "year", "format", "table", "row",
              "col", "value", "state", "doubt"]
FINDINGS_HEADER = ["file", "agency", "table", "rule", "kind", "row", "col",
                   "cells", "expected", "found", "message"]
FILES_HEADER = ["file", "kind", "status", "reason", "doubts", "encoding",
                "size"]
KEY_RE = re.compile(r"([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+)")
NUMBER_RE = re.compile(r"[+-]?\d+(\.\d+)?")
LINK_RE = re.compile(r"'(.+)'!([A-Z]+[0-9]+)")
FORMULA_RE = re.compile(r"=(SUM|COUNTA)\((?:'(.+)'!)?([A-Z]+)(\d+):([A-Z]+)(\d+)\)")
REF_RE = re.compile(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?")
MISSING_FILL = "FCD5B4"     # 覆盖's empty year cells

# 汇总's totals as sums of facts: forms separated by "|", the first form
# the report has any cell of is summed (summary.c says the same in C).
SUMMARY_TERMS = {
    "new": "apps.new.total",
    "carried_in": "apps.carried_in.total",
    "granted": "apps.granted.total",
    "partial": "apps.partial.total",
    "denied": " ".join(f"apps.denied_{k}.total" for k in (
        "state_secret", "prohibited", "safety", "third_party", "internal",
        "process", "case_file", "query")),
    "unable": " ".join(f"apps.unable_{k}.total" for k in (
        "not_held", "needs_making", "unclear")),
    "rejected": " ".join(f"apps.rejected_{k}.total" for k in (
        "petition", "duplicate", "publication", "excessive", "confirm")),
    "other": "apps.other_no_correction.total apps.other_no_fee.total "
             "apps.other_misc.total|apps.other.total",
    "total": "apps.total.total",
    "carried_out": "apps.carried_out.total",
    "review_total": "review.review.total",
    "review_corrected": "review.review.corrected",
    "suit_total": "review.suit_direct.total review.suit_after_review.total",
    "suit_corrected": "review.suit_direct.corrected "
                      "review.suit_after_review.corrected",
    "normative_docs": "art20.normative_docs.issued|art20.normative_docs.made",
    "licensing": "art20.licensing.decisions",
    "penalty": "art20.penalty.decisions",
    "enforcement": "art20.enforcement.decisions",
    "fees": "art20.fees.amount",
}
RATES = {"disclosure_rate": (("granted", "partial"), "total"),
         "review_correction_rate": (("review_corrected",), "review_total")}
SUMMARY_KEYS = FIELD_KEYS + list(SUMMARY_TERMS) + list(RATES) + \
    ["findings", "status"]
NUM_FORMAT = {"fees": "#,##0.00##", "disclosure_rate": "0.0%",
              "review_correction_rate": "0.0%"}


class Fail(Exception):
    """The workbook does not hold; the message is the one-line reason."""


def where(ws, row, col):
    return f"{ws.title}!{get_column_letter(col)}{row}"


def text_of(value):
    return "" if value is None else str(value)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def has_fill(cell):
    return cell.fill is not None and cell.fill.fill_type == "solid"


def fill_of(cell):
    if not has_fill(cell):
        return None
    rgb = cell.fill.fgColor.rgb
    return rgb[-6:].upper() if isinstance(rgb, str) else None


def is_changed(cell):
    """A cell marked changed since the baseline: a medium border and the
    baseline's value in its comment."""
    return (cell.border is not None and cell.border.left is not None and
            cell.border.left.style == "medium" and cell.comment is not None
            and CHANGED_WAS in cell.comment.text)


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# ---- the parts every sheet has ------------------------------------------


def read_key_row(ws, row, want_first=None):
    """{key: column} of the hidden key row; the keys in order too."""
    if not ws.row_dimensions[row].hidden:
        raise Fail(f"{ws.title}: key row {row} is not hidden")
    keys = []
    for col in range(1, ws.max_column + 1):
        v = ws.cell(row, col).value
        if v is None:
            break
        keys.append(str(v))
    if want_first and keys[:len(want_first)] != want_first:
        raise Fail(f"{ws.title}: keys are {keys}, not {want_first}...")
    if len(set(keys)) != len(keys):
        raise Fail(f"{ws.title}: a key is repeated in row {row}")
    return keys, {k: i + 1 for i, k in enumerate(keys)}


def check_autofilter(ws, row, last_col):
    ref = ws.auto_filter.ref
    letter = get_column_letter(last_col)
    if not ref or not re.fullmatch(rf"A{row}:{letter}\d+", ref):
        raise Fail(f"{ws.title}: autofilter is '{ref}', not on row {row} "
                   f"A:{letter}")


def check_view(ws, header_row, frozen_cols, last_col):
    want = f"{get_column_letter(frozen_cols + 1)}{header_row + 1}"
    if ws.freeze_panes != want:
        raise Fail(f"{ws.title}: panes frozen at {ws.freeze_panes}, "
                   f"not {want}")
    check_autofilter(ws, header_row, last_col)
    ps = ws.page_setup
    if ps.orientation != "landscape" or str(ps.paperSize) != "9":
        raise Fail(f"{ws.title}: print setup is {ps.orientation} paper "
                   f"{ps.paperSize}, not A4 landscape")
    titles = ws.print_title_rows or ""
    if f"${header_row}" not in titles:
        raise Fail(f"{ws.title}: header row {header_row} is not repeated "
                   f"on printed pages ({titles!r})")


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
    keys, _ = read_key_row(ws, KEY_ROW, FIELD_KEYS)
    for col, key in enumerate(keys[NFIELDS:], start=NFIELDS + 1):
        m = KEY_RE.fullmatch(key)
        if not m or m.group(1) != ts.table:
            raise Fail(f"{where(ws, KEY_ROW, col)}: key '{key}' is not "
                       f"'{ts.table}.row.col'")
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


def read_table_sheet(ws, table):
    ts = TableSheet(ws, table)
    read_keys(ts)
    check_labels(ts)
    check_view(ws, COL_LABEL_ROW, NFIELDS, NFIELDS + len(ts.keys))
    ts.files, ts.row_of = read_files(ws, FIRST_DATA_ROW, FILE_COL)
    for row in range(FIRST_DATA_ROW, ws.max_row + 1):
        for col in ts.value_cols():
            c = ws.cell(row, col)
            check_cell_shape(ws, c)
            if is_number(c.value) and c.number_format == "General":
                raise Fail(f"{where(ws, row, col)}: number without a "
                           "number format")
        check_cell_shape(ws, ws.cell(row, FILE_COL))
    return ts


# ---- 汇总 --------------------------------------------------------------


class Summary:
    def __init__(self, ws):
        self.ws = ws
        self.keys, self.col_of = read_key_row(ws, SUMMARY_KEY_ROW,
                                              FIELD_KEYS)
        if self.keys != SUMMARY_KEYS:
            raise Fail(f"汇总: keys are {self.keys}, not {SUMMARY_KEYS}")
        self.header_row = SUMMARY_KEY_ROW + 1
        self.first_row = self.header_row + 1
        labels = [ws.cell(self.header_row, c).value
                  for c in range(1, NFIELDS + 1)]
        if labels != FIELD_LABELS:
            raise Fail(f"汇总: field labels are {labels}")
        for c in range(1, len(self.keys) + 1):
            if not text_of(ws.cell(self.header_row, c).value).strip():
                raise Fail(f"{where(ws, self.header_row, c)}: no label")
        check_view(ws, self.header_row, NFIELDS, len(self.keys))
        self.files, self.row_of = read_files(ws, self.first_row, FILE_COL)

    def value(self, f, key):
        return self.ws.cell(self.row_of[f], self.col_of[key]).value

    def cell(self, f, key):
        return self.ws.cell(self.row_of[f], self.col_of[key])


def check_summary_shape(s):
    ws = s.ws
    if ws.cell(1, 1).value is None or "汇总" not in text_of(ws.cell(1, 1).value):
        raise Fail("汇总: no title in A1")
    top = " ".join(text_of(ws.cell(r, 1).value) for r in range(2, 5))
    for word in ("输入", "生成时间", "报告", "问题"):
        if word not in top:
            raise Fail(f"汇总: the lines above the table do not say {word}")
    m = re.search(r"报告 (\d+) 份", top)
    if not m or int(m.group(1)) != len(s.files):
        raise Fail(f"汇总: says '{m and m.group(0)}', lists "
                   f"{len(s.files)} reports")
    for f in s.files:
        for key in s.keys[NFIELDS:-1]:
            c = s.cell(f, key)
            if c.value is None:
                continue
            if not is_number(c.value):
                raise Fail(f"{where(ws, c.row, c.column)}: {c.value!r} "
                           "is not a number")
            want = NUM_FORMAT.get(key)
            if want and c.number_format != want:
                raise Fail(f"{where(ws, c.row, c.column)}: format "
                           f"{c.number_format!r}, not {want!r}")
        status = s.value(f, "status")
        if status not in SUMMARY_STATUSES:
            raise Fail(f"{where(ws, s.row_of[f], s.col_of['status'])}: "
                       f"status '{status}' is none of "
                       f"{sorted(SUMMARY_STATUSES)}")
        check_cell_shape(ws, s.cell(f, "status"))
        check_rates(s, f)


def check_rates(s, f):
    """A rate is empty when its denominator is empty or 0, or a part of
    its numerator is empty; else it is the ratio."""
    for key, (num, den) in RATES.items():
        got = s.value(f, key)
        d = s.value(f, den)
        parts = [s.value(f, k) for k in num]
        at = where(s.ws, s.row_of[f], s.col_of[key])
        if d is None or d == 0 or any(p is None for p in parts):
            if got is not None:
                raise Fail(f"{at}: rate {got!r} where {den} is {d!r} and "
                           f"{num} are {parts}: must be empty")
        elif got is None or not close(got, sum(parts) / d):
            raise Fail(f"{at}: rate {got!r}, not {sum(parts)}/{d}")


def expected_totals(cells):
    """汇总's totals of one report from its facts.csv cells."""
    out = {}
    for key, spec in SUMMARY_TERMS.items():
        out[key] = None
        for form in spec.split("|"):
            terms = form.split()
            present = [cells[t] for t in terms if t in cells]
            if not present:
                continue
            if len(present) == len(terms) and \
                    all(c["state"] == "number" for c in present):
                out[key] = sum(float(c["value"]) for c in present)
            break
    return out


def check_summary_totals(s, facts):
    checked = 0
    for f in s.files:
        want = expected_totals(facts.get(f, {"cells": {}})["cells"])
        for key, v in want.items():
            got = s.value(f, key)
            at = where(s.ws, s.row_of[f], s.col_of[key])
            if v is None:
                if got is not None:
                    raise Fail(f"{at}: {key} is {got!r}; facts.csv leaves "
                               "it empty (a blank, dash or absent cell)")
            elif not is_number(got) or not close(got, v):
                raise Fail(f"{at}: {key} is {got!r}, facts.csv sums to {v}")
            checked += 1
    return checked


# ---- 地区合计 ----------------------------------------------------------


def region_depth(ws, row):
    """A 地区合计 row's level: its name is indented two steps a level."""
    return int(ws.cell(row, 1).alignment.indent or 0) // 2


def rows_below(depth, rows, i):
    """The rows one level below rows[i], up to the next at its level."""
    below = []
    for r in rows[i + 1:]:
        if depth[r] <= depth[rows[i]]:
            break
        if depth[r] == depth[rows[i]] + 1:
            below.append(r)
    return below


def summed_rows(ws, row, col):
    """The rows of this sheet a =SUM(...) of cells and ranges (nested
    SUMs too) adds up, all in column col."""
    at = where(ws, row, col)
    formula = text_of(ws.cell(row, col).value)
    if not formula.startswith("=SUM(") or "!" in formula:
        raise Fail(f"{at}: {formula!r} is not a SUM over this sheet")
    got = []
    letter = get_column_letter(col)
    for m in REF_RE.finditer(formula[len("=SUM("):]):
        if m.group(1) != letter or (m.group(3) and m.group(3) != letter):
            raise Fail(f"{at}: {formula!r} sums another column")
        last = int(m.group(4) or m.group(2))
        got.extend(range(int(m.group(2)), last + 1))
    return got


def check_subtotal(ws, wv, row, col, want_rows):
    """A row above others: a SUM over exactly its rows below, with the
    sum of their stored values stored."""
    at = where(ws, row, col)
    got = summed_rows(ws, row, col)
    if sorted(got) != sorted(want_rows) or len(set(got)) != len(got):
        raise Fail(f"{at}: sums rows {got}, the rows below are {want_rows}")
    want = sum(wv.cell(r, col).value or 0 for r in want_rows)
    v = wv.cell(row, col).value
    if not is_number(v) or not close(v, want):
        raise Fail(f"{at}: stored value {v!r}, its rows sum to {want}")


def check_regions(wb, values, s):
    """地区合计: a tree of regions by the names' indents.  A row with
    rows below is their SUM, and their full names extend its own; a row
    without is a SUM over its region's run of 汇总 rows (its 全称 the
    汇总 region); every 汇总 region is one such row; 合计 sums the top
    rows."""
    ws, wv = wb["地区合计"], values["地区合计"]
    keys, col_of = read_key_row(ws, 1, ["region", "path", "reports"])
    check_view(ws, 2, 1, len(keys))
    region_rows = {}        # region -> list of 汇总 rows
    for f in s.files:
        reg = text_of(s.value(f, "region")) or NO_REGION
        region_rows.setdefault(reg, []).append(s.row_of[f])
    rows = list(range(3, ws.max_row + 1))
    if not rows or ws.cell(rows[-1], 1).value != "合计":
        raise Fail("地区合计: the last row is not 合计")
    body = rows[:-1]
    depth = {r: region_depth(ws, r) for r in body}
    seen = []
    for i, row in enumerate(body):
        prev = depth[body[i - 1]] if i else -1
        if depth[row] > prev + 1:
            raise Fail(f"{where(ws, row, 1)}: indented two levels below "
                       "the row above")
        path = text_of(ws.cell(row, col_of["path"]).value)
        if not text_of(ws.cell(row, 1).value):
            raise Fail(f"{where(ws, row, 1)}: no region name")
        below = rows_below(depth, body, i)
        for key, col in col_of.items():
            if key in ("region", "path"):
                continue
            if below:
                check_subtotal(ws, wv, row, col, below)
            else:
                if path not in region_rows or path in seen:
                    raise Fail(f"{where(ws, row, 1)}: region '{path}' "
                               "unknown or repeated")
                check_region_formula(ws, wv, s, row, col, key,
                                     region_rows[path])
        for b in below:
            if not text_of(ws.cell(b, col_of["path"]).value).startswith(path):
                raise Fail(f"{where(ws, b, 2)}: not under '{path}'")
        if not below:
            seen.append(path)
    if sorted(seen) != sorted(region_rows):
        raise Fail(f"地区合计: regions {seen}, 汇总 has "
                   f"{sorted(region_rows)}")
    top = [r for r in body if depth[r] == 0]
    for key, col in col_of.items():
        if key in ("region", "path"):
            continue
        if top:
            check_subtotal(ws, wv, rows[-1], col, top)
        elif wv.cell(rows[-1], col).value != 0:
            raise Fail(f"{where(ws, rows[-1], col)}: total of nothing "
                       "is not 0")
    return len(seen)


def check_region_formula(ws, wv, s, row, col, key, want_rows):
    at = where(ws, row, col)
    formula = text_of(ws.cell(row, col).value)
    m = FORMULA_RE.fullmatch(formula)
    if not m or m.group(2) != "汇总" or m.group(3) != m.group(5):
        raise Fail(f"{at}: {formula!r} is not a formula over a 汇总 column")
    fn, src = m.group(1), column_index_from_string(m.group(3))
    first, last = int(m.group(4)), int(m.group(6))
    if list(range(first, last + 1)) != want_rows:
        raise Fail(f"{at}: sums 汇总 rows {first}..{last}, the region's "
                   f"are {want_rows}")
    want_key = "file" if key == "reports" else key
    if s.keys[src - 1] != want_key:
        raise Fail(f"{at}: sums 汇总's {s.keys[src - 1]}, not {want_key}")
    cells = [s.ws.cell(r, src).value for r in want_rows]
    want = len([c for c in cells if c is not None]) if fn == "COUNTA" \
        else sum(c for c in cells if is_number(c))
    got = wv.cell(row, col).value
    if not is_number(got) or not close(got, want):
        raise Fail(f"{at}: stored value {got!r}, 汇总 gives {want}")


# ---- 问题清单 ----------------------------------------------------------


def read_findings_sheet(wb, s, sheets):
    ws = wb["问题清单"]
    keys, col_of = read_key_row(ws, 1, FINDINGS_KEYS)
    check_view(ws, 2, 2, len(keys))
    rows = []
    for row in range(3, ws.max_row + 1):
        rec = {k: ws.cell(row, c).value for k, c in col_of.items()}
        rec["row"] = row
        f = text_of(rec["file"])
        if f not in s.row_of:
            raise Fail(f"{where(ws, row, col_of['file'])}: '{f}' is not "
                       "in 汇总")
        if rec["kind"] not in KIND_FILL:
            raise Fail(f"{where(ws, row, col_of['kind'])}: kind "
                       f"{rec['kind']!r}")
        kc = ws.cell(row, col_of["kind"])
        if fill_of(kc) != KIND_FILL[rec["kind"]]:
            raise Fail(f"{where(ws, row, kc.column)}: {rec['kind']} is not "
                       "in its colour")
        if is_number(rec["expected"]) and is_number(rec["found"]):
            if not close(rec["difference"], rec["found"] - rec["expected"]):
                raise Fail(f"{where(ws, row, col_of['difference'])}: 差额 "
                           "is not 实为 - 应为")
        rec["target"] = check_link(wb, ws, row, col_of["location"], f, s,
                                   sheets, rec["message"])
        check_other_link(wb, ws, row, col_of, s, sheets, rec)
        rows.append(rec)
    return rows


def link_target(wb, ws, row, col):
    """(sheet, coordinate, row) an internal link points at."""
    at = where(ws, row, col)
    link = ws.cell(row, col).hyperlink
    if link is None or not link.location:
        raise Fail(f"{at}: no link")
    m = LINK_RE.fullmatch(link.location)
    if not m or m.group(1) not in wb.sheetnames:
        raise Fail(f"{at}: link '{link.location}' is to no sheet")
    return m.group(1), m.group(2), coordinate_from_string(m.group(2))[1]


def check_other_link(wb, ws, row, col_of, s, sheets, rec):
    """A finding about two reports names the other file, in its message
    too, and links to that file's row when it is in this workbook."""
    other = text_of(rec["other_file"])
    cell = ws.cell(row, col_of["other_location"])
    if not other:
        if cell.value is not None or cell.hyperlink is not None:
            raise Fail(f"{where(ws, row, cell.column)}: a link without "
                       "an other file")
        return
    if other not in text_of(rec["message"]):
        raise Fail(f"{where(ws, row, col_of['message'])}: does not name "
                   f"the other file '{other}'")
    if other not in s.row_of:
        if cell.hyperlink is not None:
            raise Fail(f"{where(ws, row, cell.column)}: links to a file "
                       "not in this workbook")
        return
    sheet, _, trow = link_target(wb, ws, row, cell.column)
    want = s.row_of[other] if sheet == "汇总" else \
        sheets[sheet].row_of.get(other) if sheet in sheets else None
    if trow != want:
        raise Fail(f"{where(ws, row, cell.column)}: links to {sheet} row "
                   f"{trow}, '{other}' is on row {want}")


def check_link(wb, ws, row, col, f, s, sheets, message):
    """The link of a 问题清单 row: to a filled, commented cell on the
    row of its report.  Returns (sheet, cell)."""
    at = where(ws, row, col)
    sheet, coord, trow = link_target(wb, ws, row, col)
    tws = wb[sheet]
    target = tws[coord]
    if tws.title == "汇总":
        frow = s.row_of[f]
    elif tws.title in sheets:
        frow = sheets[tws.title].row_of.get(f)
    else:
        raise Fail(f"{at}: link to {tws.title}, not a table sheet or 汇总")
    if trow != frow:
        raise Fail(f"{at}: link to row {trow}, '{f}' is on row {frow}")
    if not has_fill(target) or target.comment is None or \
            text_of(message) not in target.comment.text:
        raise Fail(f"{at}: link to {tws.title}!{coord}, which is "
                   "not filled and commented with the finding")
    return tws.title, coord


# ---- 覆盖 ----------------------------------------------------------------


def agency_key(agency, region):
    """crosscheck.c's gx_agency_key: the agency without the longest front
    part (four bytes or more) that ends its region; 人民政府 for a
    government named by its region alone."""
    b, rb = agency.encode(), (region or "").encode()
    cut = 0
    for k in range(min(len(b), len(rb)), 3, -1):
        if k < len(b) and (b[k] & 0xC0) == 0x80:
            continue
        if rb.endswith(b[:k]):
            cut = k
            break
    rest = b[cut:].decode()
    return "人民政府" if rest in ("", "政府") else rest


def expected_coverage(s, walk):
    """{(region, agency shown): {year: files}} from 汇总, the agency shown
    being the one of the group's latest report (walk order breaks ties)."""
    groups = {}
    for f in s.files:
        agency, year = s.value(f, "agency"), s.value(f, "year")
        if not agency or not is_number(year):
            continue
        region = text_of(s.value(f, "region"))
        g = groups.setdefault((region, agency_key(agency, region)), [])
        g.append((int(year), walk.get(f, 0), agency))
    out = {}
    for (region, _), g in groups.items():
        years = {}
        for y, _, _ in g:
            years[y] = years.get(y, 0) + 1
        out[(region or NO_REGION, max(g)[2])] = years
    return out


def check_coverage(wb, s, walk):
    """覆盖: a row per agency of 汇总, a column per year (every year from
    the first to the last when they span less than 40), ✓ where it has a
    report, an empty and filled cell where it has none."""
    ws = wb["覆盖"]
    keys, col_of = read_key_row(ws, 1, ["region", "agency"])
    check_view(ws, 2, 2, len(keys))
    want = expected_coverage(s, walk)
    years = [int(k[1:]) for k in keys[2:-2]]
    seen = sorted({y for g in want.values() for y in g})
    if keys[-2:] != ["files", "missing"] or (
            years != seen and years != list(range(seen[0], seen[-1] + 1))
            if seen else years):
        raise Fail(f"覆盖: columns {keys}, years seen {seen}")
    got = {}
    for row in range(3, ws.max_row + 1):
        key = (text_of(ws.cell(row, 1).value), text_of(ws.cell(row, 2).value))
        if key in got:
            raise Fail(f"{where(ws, row, 1)}: agency {key} listed twice")
        got[key] = {}
        for i, y in enumerate(years):
            c = ws.cell(row, 3 + i)
            if c.value == "✓":
                got[key][y] = 1
            elif c.value is not None or fill_of(c) != MISSING_FILL:
                raise Fail(f"{where(ws, row, c.column)}: {c.value!r}, not "
                           "✓ or an empty filled cell")
        n = ws.cell(row, col_of["files"]).value
        missing = [y for y in years if y not in got[key]]
        if text_of(ws.cell(row, col_of["missing"]).value) != \
                "、".join(map(str, missing)):
            raise Fail(f"{where(ws, row, col_of['missing'])}: does not list "
                       f"the years {missing}")
        got[key]["files"] = n
    for key, g in want.items():
        if key not in got or set(got[key]) - {"files"} != set(g) or \
                got[key]["files"] != sum(g.values()):
            raise Fail(f"覆盖: {key} has {got.get(key)}, 汇总 gives {g}")
    if len(got) != len(want):
        raise Fail(f"覆盖: {len(got)} agencies, 汇总 gives {len(want)}")
    return len(got)


# ---- facts.csv, findings.csv, files.csv, reports.csv --------------------


CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f]")


def as_in_workbook(text):
    """Text as the workbook shows it: bytes that are not UTF-8 and
    control characters become U+FFFD."""
    return CONTROL_RE.sub("\ufffd", text)


def read_csv(path, header):
    with open(path, newline="", encoding="utf-8-sig",
              errors="replace") as fp:
        reader = csv.reader(fp)
        got = next(reader, None)
        if got != header:
            raise Fail(f"{path}: header is {got}, not {header}")
        rows = []
        for n, rec in enumerate(reader, start=2):
            if len(rec) != len(header):
                raise Fail(f"{path}:{n}: {len(rec)} fields, not "
                           f"{len(header)}")
            rows.append({k: as_in_workbook(v) for k, v in zip(header, rec)})
    return rows


def unsafe(text):
    """A text field of our CSVs as the report had it: a leading
    apostrophe guards one that starts like a formula."""
    if text[:2] in {"'" + c for c in "=+-@\t\r"}:
        return text[1:]
    return text


def load_facts(path):
    """{file: {"fields": row, "cells": {key: row}}} from facts.csv."""
    facts = {}
    for n, row in enumerate(read_csv(path, CSV_HEADER), start=2):
        for k in ("file", "agency", "region", "doubt"):
            row[k] = unsafe(row[k])
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


def check_against_facts(sheets, s, facts):
    """Every fact is in its cell, and no cell holds what facts lack."""
    checked = 0
    for f, rep in facts.items():
        if f not in s.row_of:
            raise Fail(f"'{f}' has facts but is not in 汇总")
        want = expected_fields(rep["fields"])
        got = [s.ws.cell(s.row_of[f], c).value for c in range(1, NFIELDS + 1)]
        if got != want:
            raise Fail(f"汇总: fields of '{f}' are {got}, facts.csv has "
                       f"{want}")
    for ts in sheets.values():
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


def worse(a, b):
    return b if SEVERITY.get(b, 0) > SEVERITY.get(a, 0) else a


def expected_marks(sheets, findings, facts):
    """{(sheet, row, col): (kind, [messages])} every finding fills, plus
    the doubtful facts (存疑)."""
    marks = {}
    by_table = {t.table: t for t in sheets.values()}

    def mark(key, kind, msg):
        k, msgs = marks.get(key, (None, []))
        marks[key] = (worse(k, kind), msgs + ([msg] if msg else []))

    for fd in findings:
        ts = by_table.get(fd["table"])
        if ts is None or fd["file"] not in ts.row_of:
            continue
        row = ts.row_of[fd["file"]]
        cells = fd["cells"].split()
        if fd["row"] and fd["col"]:
            cells.insert(0, f"{fd['row']}.{fd['col']}")
        cols = [ts.col_of[f"{ts.table}.{c}"] for c in cells
                if f"{ts.table}.{c}" in ts.col_of]
        if fd["kind"] == UNASSESSED:
            cols = cols[:1]         # its own cell only, the link's target
        for col in set(cols) or {FILE_COL}:
            mark((ts.ws.title, row, col), fd["kind"], fd["message"])
    for f, rep in (facts or {}).items():
        for key, fact in rep["cells"].items():
            ts = by_table.get(fact["table"])
            if fact["doubt"] and ts and f in ts.row_of:
                mark((ts.ws.title, ts.row_of[f], ts.col_of[key]), "存疑",
                     None)
    return marks


def check_marks(sheets, findings, facts):
    """Every involved cell filled with its worst kind's colour and
    commented with every message; no other data cell filled."""
    marks = expected_marks(sheets, findings, facts)
    for ts in sheets.values():
        for row in ts.row_of.values():
            for col in [FILE_COL, *ts.value_cols()]:
                cell = ts.ws.cell(row, col)
                want = marks.get((ts.ws.title, row, col))
                at = where(ts.ws, row, col)
                if want is None:
                    if is_changed(cell) and fill_of(cell) == CHANGED_FILL:
                        continue
                    if has_fill(cell) and col != FILE_COL:
                        raise Fail(f"{at}: filled, but no finding "
                                   "involves it")
                    continue
                kind, msgs = want
                if fill_of(cell) != KIND_FILL[kind]:
                    raise Fail(f"{at}: fill {fill_of(cell)}, a {kind} "
                               f"finding wants {KIND_FILL[kind]}")
                text = cell.comment.text if cell.comment else ""
                for m in msgs:
                    if m not in text:
                        raise Fail(f"{at}: comment lacks '{m}'")
    return len(marks)


def table_missing(sheets, f):
    """A table sheet's file cell says 未找到此表 when it was not found."""
    for ts in sheets.values():
        c = ts.ws.cell(ts.row_of[f], FILE_COL).comment
        if c is not None and "未找到此表" in c.text:
            return True
    return False


def check_findings(s, rows, findings, sheets):
    """问题清单 holds exactly findings.csv; 汇总's 问题数 and 状态
    follow from them and from the tables not found."""
    def key(f, rule, kind, msg):
        return (text_of(f), text_of(rule), text_of(kind), text_of(msg))
    got = sorted(key(r["file"], r["rule"], r["kind"], r["message"])
                 for r in rows)
    want = sorted(key(r["file"], r["rule"], r["kind"], r["message"])
                  for r in findings if r["file"] in s.row_of)
    if got != want:
        diff = set(got) ^ set(want)
        raise Fail(f"问题清单: {len(got)} findings, findings.csv has "
                   f"{len(want)} (e.g. {sorted(diff)[:1]})")
    per_file = {}
    for r in findings:
        per_file.setdefault(r["file"], []).append(r)
    for f in s.files:
        fs = per_file.get(f, [])
        if s.value(f, "findings") != len(fs):
            raise Fail(f"汇总: '{f}' has 问题数 {s.value(f, 'findings')}, "
                       f"findings.csv {len(fs)}")
        kinds = {r["kind"] for r in fs}
        if any(r["rule"] == "table-missing" for r in fs) or \
                table_missing(sheets, f):
            want_status = "未识别"
        elif kinds & {"差错", "提示"}:
            want_status = "有差异"
        elif "存疑" in kinds:
            want_status = "存疑"
        else:
            want_status = "正常"
        cell = s.cell(f, "status")
        if cell.value != want_status:
            raise Fail(f"{where(s.ws, cell.row, cell.column)}: status "
                       f"{cell.value}, findings say {want_status}")
        worst = "存疑" if want_status == "未识别" and not kinds else None
        for k in kinds:
            worst = worse(worst, k)
        if fill_of(cell) != (KIND_FILL[worst] if worst else None):
            raise Fail(f"{where(s.ws, cell.row, cell.column)}: status "
                       f"fill {fill_of(cell)}, worst finding {worst}")
        text = cell.comment.text if cell.comment else ""
        for r in fs:
            if r["kind"] != UNASSESSED and r["message"] not in text:
                raise Fail(f"{where(s.ws, cell.row, cell.column)}: "
                           f"comment lacks '{r['message']}'")
        unassessed = sum(r["kind"] == UNASSESSED for r in fs)
        if unassessed and f"【{UNASSESSED}】{unassessed} 项核对" not in text:
            raise Fail(f"{where(s.ws, cell.row, cell.column)}: comment does "
                       f"not count the {unassessed} {UNASSESSED} findings")
        if any(r["kind"] == UNASSESSED and r["message"] in text
               for r in fs):
            raise Fail(f"{where(s.ws, cell.row, cell.column)}: comment "
                       f"lists a {UNASSESSED} finding instead of counting")


def check_files(wb, files):
    ws = wb["文件清单"]
    keys, col_of = read_key_row(ws, 1, FILES_KEYS)
    check_view(ws, 2, 1, len(keys))
    got, row_of = read_files(ws, 3, col_of["file"])
    for row in range(3, ws.max_row + 1):
        status = ws.cell(row, col_of["status"]).value
        if status not in FILE_STATUSES:
            raise Fail(f"{where(ws, row, col_of['status'])}: status "
                       f"{status!r}")
        if status in {"非年报", "不支持", "无法读取", "部分"} and \
                not text_of(ws.cell(row, col_of["reason"]).value):
            raise Fail(f"{where(ws, row, col_of['reason'])}: {status} "
                       "needs a reason")
    if files is None:
        return got
    want = [unsafe(r["file"]) for r in files]
    if got != want:
        missing = [f for f in want if f not in row_of]
        raise Fail(f"文件清单: {len(got)} files, files.csv {len(want)}"
                   f"{'; missing ' + missing[0] if missing else ''}")
    for r in files:
        row = row_of[unsafe(r["file"])]
        status = ws.cell(row, col_of["status"]).value
        read = status in {"已解析", "部分", "存疑"}
        if read != (r["status"] == "ok"):
            raise Fail(f"{where(ws, row, col_of['status'])}: {status} for "
                       f"a file files.csv says is {r['status']}")
        if (r["status"] == "not a report") != (status == "非年报") or \
                (r["status"] == "unsupported") != (status == "不支持"):
            raise Fail(f"{where(ws, row, col_of['status'])}: {status} for "
                       f"{r['status']}")
        for k in ("kind", "encoding"):
            if text_of(ws.cell(row, col_of[k]).value) != r[k]:
                raise Fail(f"{where(ws, row, col_of[k])}: {k} differs "
                           "from files.csv")
        if ws.cell(row, col_of["size"]).value != int(r["size"]):
            raise Fail(f"{where(ws, row, col_of['size'])}: size differs "
                       "from files.csv")
    return got


def check_reports(s, path):
    rows = read_csv(path, SUMMARY_KEYS)
    files = [unsafe(r["file"]) for r in rows]
    if files != s.files:
        raise Fail(f"{path}: reports differ from 汇总's, or their order")
    for r in rows:
        f = unsafe(r["file"])
        for key in SUMMARY_KEYS:
            got, want = s.value(f, key), unsafe(r[key])
            at = where(s.ws, s.row_of[f], s.col_of[key])
            if is_number(got) and want:
                if not close(got, float(want)):
                    raise Fail(f"{at}: {got!r}, reports.csv has {want}")
            elif text_of(got) != want:
                raise Fail(f"{at}: {got!r}, reports.csv has {want!r}")


# ---- main --------------------------------------------------------------


CHART_KEYS = ["new", "granted", "partial", "denied", "unable", "rejected",
              "other", "total"]
CHART_HEAD = ["报告数", "本年新收", "予以公开", "部分公开", "不予公开",
              "无法提供", "不予处理", "其他处理", "办结总计", "实质公开率"]


def chart_groups(s, group_of):
    """{group: (reports, {key: sum or None}, rate)} from 汇总's rows."""
    out = {}
    for f in s.files:
        g = group_of(f)
        if g is None:
            continue
        n, sums, num, den = out.get(g, (0, {k: None for k in CHART_KEYS},
                                        0.0, 0.0))
        for k in CHART_KEYS:
            v = s.value(f, k)
            if is_number(v):
                sums[k] = (sums[k] or 0) + v
        g_, p_, t_ = (s.value(f, k) for k in ("granted", "partial", "total"))
        if all(is_number(x) for x in (g_, p_, t_)) and t_ > 0:
            num, den = num + g_ + p_, den + t_
        out[g] = (n + 1, sums, num, den)
    return {g: (n, sums, num / den if den else None)
            for g, (n, sums, num, den) in out.items()}


def read_chart_table(ws, head_row, first):
    got = [text_of(ws.cell(head_row, c).value) for c in range(1, 12)]
    if got != [first, *CHART_HEAD]:
        raise Fail(f"图表: row {head_row} is {got}")
    rows, row = {}, head_row + 1
    while ws.cell(row, 1).value is not None:
        vals = [ws.cell(row, c).value for c in range(2, 12)]
        rows[ws.cell(row, 1).value] = (vals[0], dict(zip(CHART_KEYS,
                                                         vals[1:9])), vals[9])
        row += 1
    return rows, row


def same_group(name, want, got):
    wn, wsums, wrate = want
    gn, gsums, grate = got
    if wn != gn:
        raise Fail(f"图表: {name} has {gn} reports, 汇总 {wn}")
    for k in CHART_KEYS:
        a, b = wsums[k], gsums[k]
        if (a is None) != (b is None) or (a is not None and not close(a, b)):
            raise Fail(f"图表: {name} {k} is {b}, 汇总's rows sum {a}")
    if (wrate is None) != (grate is None) or \
            (wrate is not None and not close(wrate, grate)):
        raise Fail(f"图表: {name} 实质公开率 is {grate}, want {wrate}")


def check_charts(wb, path, s):
    """图表's tables are 汇总's rows summed by region and by year, and
    the charts are in the file: three, five when there are two years."""
    ws = wb["图表"]
    regions, row = read_chart_table(ws, 3, "地区")
    want = chart_groups(s, lambda f: text_of(s.value(f, "region")) or
                        NO_REGION)
    if set(regions) != set(want):
        raise Fail(f"图表: regions {sorted(regions)}, 汇总 {sorted(want)}")
    for g in want:
        same_group(g, want[g], regions[g])
    order = [ws.cell(r, 1).value for r in range(4, 4 + len(regions))]
    news = [regions[g][1]["new"] or 0 for g in order]
    if news != sorted(news, reverse=True):
        raise Fail("图表: regions are not by 本年新收, most first")
    years, _ = read_chart_table(ws, row + 1, "年度")
    want = chart_groups(s, lambda f: s.value(f, "year") or None)
    if set(years) != set(want):
        raise Fail(f"图表: years {sorted(years)}, 汇总 {sorted(want)}")
    for g in want:
        same_group(g, want[g], years[g])
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    need = (3 if regions else 0) + (2 if len(years) > 1 else 0)
    if len(charts) != need:
        raise Fail(f"图表: {len(charts)} charts in the file, want {need}")
    return len(charts)


def check_properties(wb):
    p = wb.properties
    if p.creator != "gairx" or not p.title or not p.subject:
        raise Fail(f"document properties: creator {p.creator!r}, title "
                   f"{p.title!r}, subject {p.subject!r}")


def check(path, args):
    try:
        wb = openpyxl.load_workbook(path)
        values = openpyxl.load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise Fail(f"cannot read: {e}")
    if wb.sheetnames not in (SHEETS, SHEETS + [CHANGES_SHEET]):
        raise Fail(f"sheets are {wb.sheetnames}, not {SHEETS} "
                   f"(+ {CHANGES_SHEET})")
    check_properties(wb)
    sheets = {name: read_table_sheet(wb[name], table)
              for name, table in TABLE_SHEETS.items()}
    s = Summary(wb["汇总"])
    check_summary_shape(s)
    for ts in sheets.values():
        if ts.files != s.files:
            raise Fail(f"{ts.ws.title}: reports differ from 汇总's")
        for f in s.files:
            a = [s.ws.cell(s.row_of[f], c).value for c in range(1, NFIELDS + 1)]
            b = [ts.ws.cell(ts.row_of[f], c).value
                 for c in range(1, NFIELDS + 1)]
            if a != b:
                raise Fail(f"{ts.ws.title}: fields of '{f}' are {b}, "
                           f"汇总 has {a}")
    nregions = check_regions(wb, values, s)
    rows = read_findings_sheet(wb, s, sheets)
    facts = findings = files = None
    said = []
    if args.expect_csv:
        facts = load_facts(args.expect_csv)
        n = check_against_facts(sheets, s, facts)
        n += check_summary_totals(s, facts)
        said.append(f"{n} cells checked against facts")
    if args.expect_findings:
        findings = read_csv(args.expect_findings, FINDINGS_HEADER)
        for r in findings:
            for k in ("file", "agency", "message"):
                r[k] = unsafe(r[k])
        check_findings(s, rows, findings, sheets)
        n = check_marks(sheets, findings, facts)
        said.append(f"{len(rows)} findings, {n} marked cells")
    if args.expect_files:
        files = read_csv(args.expect_files, FILES_HEADER)
    all_files = check_files(wb, files)
    nagencies = check_coverage(wb, s, {f: i for i, f in enumerate(all_files)})
    if args.expect_reports:
        check_reports(s, args.expect_reports)
        said.append("reports.csv matches 汇总")
    said.append(f"{check_charts(wb, path, s)} charts")
    return (f"ok ({len(all_files)} files, {len(s.files)} read, "
            f"{nregions} regions, {nagencies} agencies, {len(rows)} links; "
            f"{'; '.join(said)})")


def siblings(args):
    """Files beside facts.csv stand for the options not given."""
    if not args.expect_csv or args.no_siblings:
        return
    d = os.path.dirname(args.expect_csv)
    for opt, name in (("expect_findings", "findings.csv"),
                      ("expect_files", "files.csv"),
                      ("expect_reports", "reports.csv")):
        p = os.path.join(d, name)
        if getattr(args, opt) is None and os.path.exists(p):
            setattr(args, opt, p)


def main():
    ap = argparse.ArgumentParser(description="Check a gairx workbook.")
    ap.add_argument("workbook")
    ap.add_argument("--expect-csv", metavar="FACTS_CSV",
                    help="facts.csv to compare every table cell with")
    ap.add_argument("--expect-findings", metavar="FINDINGS_CSV",
                    help="findings.csv: fills, comments, links, statuses")
    ap.add_argument("--expect-files", metavar="FILES_CSV",
                    help="files.csv: every input is in 文件清单")
    ap.add_argument("--expect-reports", metavar="REPORTS_CSV",
                    help="reports.csv: the same rows as 汇总")
    ap.add_argument("--no-siblings", action="store_true",
                    help="do not use the CSVs beside --expect-csv")
    args = ap.parse_args()
    siblings(args)
    try:
        print(f"check_workbook: {args.workbook}: {check(args.workbook, args)}")
    except Fail as e:
        print(f"check_workbook: {args.workbook}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"check_workbook: {args.workbook}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
