#!/usr/bin/python3
"""check_split.py WHOLE.xlsx SPLIT_DIR - the workbooks --split-by wrote
into SPLIT_DIR (one NAME.xlsx per division) against the workbook of the
whole batch: each holds (check_workbook.py's checks of shape, formulas,
links and coverage), lists only the reports of its division (NAME in
their region; 未识别地区: a region naming no other workbook), and the
union of their 汇总 rows and of their 文件清单 rows is the whole
workbook's, each row in one workbook only.  Exit 0 when all hold."""
import os
import sys

sys.dont_write_bytecode = True      # no __pycache__ in the tree
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "workbook"))
import check_workbook as cw  # noqa: E402
import openpyxl  # noqa: E402

NO_REGION = "未识别地区"


def rows_of(path, sheet, first_row):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return [tuple(c.value for c in row)
            for row in ws.iter_rows(min_row=first_row)]


def summary_rows(path):
    return rows_of(path, "汇总", cw.SUMMARY_KEY_ROW + 2)


def files_rows(path):
    return rows_of(path, "文件清单", 3)


class Args:
    expect_csv = expect_findings = expect_files = expect_reports = None
    no_siblings = True


def main():
    whole, folder = sys.argv[1], sys.argv[2]
    names = sorted(f[:-len(".xlsx")] for f in os.listdir(folder)
                   if f.endswith(".xlsx"))
    if len(names) < 2:
        print(f"check_split: {len(names)} workbooks in {folder}")
        return 1
    union, files = [], []
    for name in names:
        path = os.path.join(folder, name + ".xlsx")
        try:
            cw.check(path, Args())
        except cw.Fail as e:
            print(f"check_split: {path}: {e}")
            return 1
        for row in summary_rows(path):
            region = row[0] or ""
            mine = name in region if name != NO_REGION else \
                not any(n in region for n in names if n != NO_REGION)
            if not mine:
                print(f"check_split: {path}: lists {row[4]} of {region!r}")
                return 1
            union.append(row)
        files += files_rows(path)
    for what, got, want in (("汇总", union, summary_rows(whole)),
                            ("文件清单", files, files_rows(whole))):
        if sorted(got, key=repr) != sorted(want, key=repr):
            print(f"check_split: the {what} rows of the {len(names)} "
                  f"workbooks ({len(got)}) are not the whole batch's "
                  f"({len(want)})")
            return 1
    print(f"{len(names)} workbooks ({', '.join(names)}), {len(union)} "
          "reports, their union the whole batch's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
