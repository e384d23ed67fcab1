#!/usr/bin/env python3
"""tests/output/streamed_lines.py GAIRX TMPDIR - what became of each file
is said while the batch runs, not after it.

A folder holds a.txt (a report), b.txt (not a report) and z.pdf; the
pdftotext on PATH is a stand-in that waits until this test has seen the
lines of a.txt (-v) and b.txt (its problem) before it runs the real one.
gairx -v -j 2 must print both lines while z.pdf is still being read,
then z.pdf's line, in walk order, and exit 1 (b.txt was not a report).
Were the lines printed at the end, the stand-in would wait out its 20 s
(gairx's --pdf-timeout is set above that) and the test fail.  Prints PASS/FAIL lines; exit 1 when any failed.
"""
import os, shutil, subprocess, sys, time

gairx, tmp = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
WAIT = 20


def main():
    real = shutil.which("pdftotext")
    if not real:
        print("SKIP: streamed lines: no pdftotext")
        return 0
    shutil.rmtree(tmp, ignore_errors=True)
    inp, bindir, go = f"{tmp}/in", f"{tmp}/bin", f"{tmp}/go"
    os.makedirs(inp)
    os.makedirs(bindir)
    shutil.copy(f"{root}/tests/corpus/seeds/000_13358109381c9ef7.txt",
                f"{inp}/a.txt")
    shutil.copy(f"{root}/tests/hostile/text-empty.txt", f"{inp}/b.txt")
    shutil.copy(f"{root}/tests/corpus/real-pdf/hzq2023_working.pdf",
                f"{inp}/z.pdf")
    with open(f"{bindir}/pdftotext", "w") as f:
        f.write(f"""#!/bin/sh
n=0
while [ ! -e '{go}' ] && [ $n -lt {WAIT * 20} ]; do sleep 0.05; n=$((n+1)); done
exec '{real}' "$@"
""")
    os.chmod(f"{bindir}/pdftotext", 0o755)
    env = dict(os.environ, PATH=f"{bindir}:{os.environ.get('PATH', '')}")
    p = subprocess.Popen([gairx, "-v", "-j", "2", "--pdf-timeout", "120", inp,
                          "--csv", f"{tmp}/out"],
                         stderr=subprocess.PIPE, text=True, env=env)
    lines, early, csv_then = [], None, None
    for line in p.stderr:
        lines.append(line.rstrip("\n"))
        said = [l for l in lines if "/a.txt:" in l or "/b.txt:" in l]
        if early is None and len(said) == 2:
            early = list(lines)     # seen while z.pdf waits
            csv_then = os.path.exists(f"{tmp}/out/facts.csv")
            open(go, "w").close()
    code = p.wait()
    failed = 0
    order = [l.split(": ")[1].rsplit("/", 1)[-1] for l in lines
             if l.startswith(f"gairx: {inp}/")]
    checks = [
        ("lines of a.txt and b.txt while z.pdf is read",
         early is not None and not csv_then and
         not any("/z.pdf:" in l for l in early)),
        ("a.txt read (-v line), b.txt not a report",
         any("/a.txt: " in l and " cells, " in l for l in lines) and
         any("/b.txt: none of the tables" in l for l in lines)),
        (f"lines in walk order: {order}", order == ["a.txt", "b.txt", "z.pdf"]),
        (f"exit 1 (b.txt not read), got {code}", code == 1),
    ]
    for name, good in checks:
        print(f"{'PASS' if good else 'FAIL'}: streamed lines: {name}")
        failed += not good
    if failed:
        print("\n".join(lines))
    return 1 if failed else 0


sys.exit(main())
