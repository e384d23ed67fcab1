#!/usr/bin/python3
"""check_findings.py MANIFEST FINDINGS_CSV - every break planted across
reports (manifest.tsv: file, rule, kind, cell) is in findings.csv with its
rule, kind and marked cell; and nothing else is raised where the reports
agree: no finding of a cross-report or text rule, and no 差错 or 提示 at
all, that the manifest does not list.  Exit 0 when both hold."""
import csv
import sys

CROSS = {"apps-carry-prev", "art20-stock-prev", "duplicate", "conflict",
         "text-vs-table"}


def main():
    with open(sys.argv[1], encoding="utf-8") as fp:
        want = {tuple(r[k] for k in ("file", "rule", "kind", "cell"))
                for r in csv.DictReader(fp, delimiter="\t")}
    got = set()
    with open(sys.argv[2], encoding="utf-8") as fp:
        for r in csv.DictReader(fp):
            if r["rule"] not in CROSS and r["kind"] not in ("差错", "提示"):
                continue
            cell = f"{r['table']}.{r['row']}.{r['col']}" if r["table"] \
                else "-"
            got.add((r["file"], r["rule"], r["kind"], cell))
    bad = 0
    for m in sorted(want - got):
        print("missed: " + " ".join(m))
        bad += 1
    for m in sorted(got - want):
        print("raised where the reports agree: " + " ".join(m))
        bad += 1
    if bad:
        print(f"multiyear findings: {bad} problems")
        return 1
    print(f"{len(want)} planted breaks found, nothing else raised")
    return 0


if __name__ == "__main__":
    sys.exit(main())
