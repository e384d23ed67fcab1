#!/usr/bin/python3
"""check_changes.py - a workbook made with --baseline marks exactly the
planted changes.

usage: check_changes.py WORKBOOK MANIFEST

MANIFEST is a TSV file with the header change, file, key, old, new: one
line per change planted between the baseline's inputs and this run's:
新增报告 (file), 报告消失 (file), 文件改名 (file, old = the baseline's
file), 数值变更 (file, key = table.row.col, old, new).

Checked: the 变更 sheet holds exactly these rows, each 数值变更 linked to
its cell; on the table sheets exactly the cells of the 数值变更 lines are
marked changed (a medium border, the comment "上次: OLD"), each holds
NEW and is filled with the changed colour unless a finding fills it; the
rest of the workbook still holds (check_workbook.check).

Exit status 0 when it holds, 1 with a one-line reason when not.
"""

import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_workbook as cw  # noqa: E402
import openpyxl  # noqa: E402

FIRST_ROW = 5          # 1-based: title, counts, hidden keys, header
KEY_ROW = 3


def norm(v):
    """A value as the manifest writes it."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None else str(v)


def read_manifest(path):
    with open(path, newline="", encoding="utf-8") as fp:
        return {(r["change"], r["file"], r["key"], r["old"], r["new"])
                for r in csv.DictReader(fp, delimiter="\t")}


def table_key(wb, sheet, coord):
    ws = wb[sheet]
    col = openpyxl.utils.cell.coordinate_to_tuple(coord)[1]
    return cw.text_of(ws.cell(cw.KEY_ROW, col).value)


def read_changes_sheet(wb):
    if cw.CHANGES_SHEET not in wb.sheetnames:
        raise cw.Fail("no 变更 sheet")
    ws = wb[cw.CHANGES_SHEET]
    keys, col = cw.read_key_row(ws, KEY_ROW)
    got = set()
    for row in range(FIRST_ROW, ws.max_row + 1):
        def val(k):
            return ws.cell(row, col[k]).value
        what, f = cw.text_of(val("change")), cw.text_of(val("file"))
        key = ""
        if what == "数值变更":
            sheet, coord, trow = cw.link_target(wb, ws, row, col["location"])
            key = table_key(wb, sheet, coord)
            if cw.text_of(wb[sheet].cell(trow, cw.FILE_COL).value) != f:
                raise cw.Fail(f"{cw.where(ws, row, col['location'])}: "
                              "links to another report's row")
        old = norm(val("old")) if what in ("数值变更", "文件改名") else ""
        new = norm(val("new")) if what == "数值变更" else ""
        got.add((what, f, key, old, new))
    return got


def marked_cells(wb):
    """(数值变更, file, key, old, new) of every cell marked changed."""
    got = set()
    for name in cw.TABLE_SHEETS:
        ws = wb[name]
        for row in range(cw.FIRST_DATA_ROW, ws.max_row + 1):
            f = cw.text_of(ws.cell(row, cw.FILE_COL).value)
            for col in range(cw.NFIELDS + 1, ws.max_column + 1):
                cell = ws.cell(row, col)
                if not cw.is_changed(cell):
                    continue
                text = cell.comment.text
                old = text.split(cw.CHANGED_WAS, 1)[1].split("\n")[0]
                fill = cw.fill_of(cell)
                if fill != cw.CHANGED_FILL and \
                        fill not in cw.KIND_FILL.values():
                    raise cw.Fail(f"{cw.where(ws, row, col)}: changed, "
                                  f"fill {fill}")
                key = cw.text_of(ws.cell(cw.KEY_ROW, col).value)
                got.add(("数值变更", f, key, old, norm(cell.value)))
    return got


def main():
    if len(sys.argv) != 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    book, manifest = sys.argv[1:]
    try:
        want = read_manifest(manifest)
        wb = openpyxl.load_workbook(book)
        got = read_changes_sheet(wb)
        if got != want:
            raise cw.Fail(f"变更 rows differ: extra {sorted(got - want)}, "
                          f"missing {sorted(want - got)}")
        cells = marked_cells(wb)
        want_cells = {w for w in want if w[0] == "数值变更"}
        if cells != want_cells:
            raise cw.Fail(f"marked cells differ: extra "
                          f"{sorted(cells - want_cells)}, missing "
                          f"{sorted(want_cells - cells)}")
    except cw.Fail as e:
        print(f"check_changes: {book}: {e}", file=sys.stderr)
        return 1
    print(f"check_changes: {book}: ok ({len(want)} changes, "
          f"{len(cells)} cells marked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
