#!/usr/bin/env python3
"""tests/walk/saved_pages.py GAIRX TMPDIR - reports saved from a CMS under
its server's names are read by their bytes, and other files are not.

Copies reports of tests/corpus/rendered under the names a download gives
them: an HTML page as art_2931_1.shtml and as index (no extension), a PDF
as download.jsp, a .docx as getfile, a text report in GB18030 as content_5 (no extension);
beside them meta.json and notes (no extension), which name 政府信息公开
but are not reports, and a .jsp page that is plain HTML.  Checks that
files.csv lists the six reports with the right kind and status ok, lists
neither non-report, and that each renamed report gives the same cells as
its original.
Prints PASS/FAIL lines and "N passed, N failed"; exit 1 when any failed.
"""
import csv, glob, os, shutil, subprocess, sys

gairx, tmp = os.path.abspath(sys.argv[1]), sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rendered = os.path.join(root, "tests/corpus/rendered")
passed = failed = 0


def check(cond, msg):
    global passed, failed
    if cond:
        passed += 1
        print(f"PASS: saved pages: {msg}")
    else:
        failed += 1
        print(f"FAIL: saved pages: {msg}")


def first(pattern):
    return sorted(glob.glob(os.path.join(rendered, "*", pattern)))[0]


def cells(folder, name):
    """table,row,col -> (value, state) of one file of a facts.csv."""
    out = {}
    with open(os.path.join(folder, "facts.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["file"] == name:
                out[(r["table"], r["row"], r["col"])] = (r["value"], r["state"])
    return out


def main():
    src = os.path.join(tmp, "in")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(src)
    html, pdf, txt = first("*.html"), first("*.pdf"), first("*.txt")
    docx = first("*.docx")
    renamed = {"art_2931_1.shtml": (html, "html"), "index": (html, "html"),
               "page.jsp": (html, "html"), "download.jsp": (pdf, "pdf"),
               "getfile": (docx, "docx"),
               "content_5": (None, "txt")}
    for name, (orig, _) in renamed.items():
        if orig:
            shutil.copy(orig, os.path.join(src, name))
    with open(txt, encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(src, "content_5"), "wb") as f:
        f.write(text.encode("gb18030"))
    with open(os.path.join(src, "meta.json"), "w", encoding="utf-8") as f:
        f.write('{"title": "2023年政府信息公开工作年度报告"}\n')
    with open(os.path.join(src, "notes"), "w", encoding="utf-8") as f:
        f.write("to do: ask the office for the 2019 reports\n")

    out = os.path.join(tmp, "out")
    run = subprocess.run([gairx, "-q", src, "--csv", out],
                         stderr=subprocess.PIPE, text=True)
    check(run.returncode == 0, f"exit {run.returncode} {run.stderr[:200]!r}")
    with open(os.path.join(out, "files.csv"), encoding="utf-8") as f:
        files = {r["file"]: r for r in csv.DictReader(f)}
    check(sorted(files) == sorted(renamed),
          f"files.csv lists the six reports only: {sorted(files)}")
    for name, (_, kind) in renamed.items():
        r = files.get(name, {})
        check(r.get("kind") == kind and r.get("status") == "ok",
              f"{name}: kind {r.get('kind')} (want {kind}), "
              f"status {r.get('status')}")

    ref = os.path.join(tmp, "ref")
    subprocess.run([gairx, "-q", html, pdf, txt, docx, "--csv", ref],
                   stderr=subprocess.DEVNULL, check=True)
    for name, (orig, _) in renamed.items():
        want = cells(ref, os.path.basename(orig or txt))
        got = cells(out, name)
        check(want and got == want,
              f"{name}: {len(got)} cells, the same as its original's "
              f"{len(want)}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
