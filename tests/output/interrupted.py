#!/usr/bin/env python3
"""tests/output/interrupted.py GAIRX TMPDIR - a failed write leaves the
previous workbook as it was.

  disk-full  gairx under `ulimit -f` (a file size limit: every write past
             it fails as on a full disk) exits 3, names the workbook on
             stderr, and the old workbook is byte for byte the same, with
             no temporary file left beside it;
  sigterm    SIGTERM sent while the temporary workbook exists (the
             workbook of a few thousand generated reports takes a second
             or more to write): exit 3, the old workbook the same, no
             temporary file left;
  sigint     the same with SIGINT;
  sigterm-csv  SIGTERM while --csv writes facts.csv: exit 3, last run's
             four CSV files the same, no temporary file left;
  sigterm-csv-later  SIGTERM once facts.csv is done and files.csv is
             being written: the four files all from one run, never this
             run's facts.csv beside last run's files.csv.
Prints PASS/FAIL lines and "N passed, N failed"; exit 1 when any failed.
"""
import hashlib, os, resource, shutil, signal, subprocess, sys, time

gairx, tmp = os.path.abspath(sys.argv[1]), sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
passed = failed = 0


def ok(msg):
    global passed
    passed += 1
    print(f"PASS: output {msg}")


def fail(msg):
    global failed
    failed += 1
    print(f"FAIL: output {msg}")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def leftovers(folder):
    return [n for n in os.listdir(folder) if ".tmp" in n]


def old_workbook(out):
    """A good workbook from the seeds, as last month's run left it."""
    subprocess.run([gairx, "-q", os.path.join(root, "tests/corpus/seeds"),
                    "-o", out], check=True, stderr=subprocess.DEVNULL)
    return digest(out)


def fresh(name):
    folder = os.path.join(tmp, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def disk_full(big):
    folder = fresh("full")
    out = os.path.join(folder, "out.xlsx")
    before = old_workbook(out)
    limit = 16 * 1024   # bytes: the workbook of `big` is far larger

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    p = subprocess.run([gairx, "-q", big, "-o", out], preexec_fn=small_files,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    said = [l for l in p.stderr.splitlines() if out in l]
    if (p.returncode == 3 and digest(out) == before
            and not leftovers(folder) and said):
        ok(f"disk-full: exit 3, old workbook intact ({said[0]})")
    else:
        fail(f"disk-full: exit {p.returncode}, intact "
             f"{digest(out) == before}, left {leftovers(folder)}, "
             f"stderr {p.stderr.strip()[:300]!r}")


def signal_when(cmd, folder, prefix, sig):
    """Runs cmd and sends sig once a temporary file whose name starts with
    prefix is in folder.  Returns the process (ended), whether the signal
    was sent before it ended, and its stderr."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    sent = False
    while p.poll() is None:
        if any(n.startswith(prefix) for n in leftovers(folder)):
            p.send_signal(sig)
            sent = True
            break
        time.sleep(0.0005)
    return p, sent, p.communicate()[1]


def interrupted(name, sig, big):
    folder = fresh(name)
    out = os.path.join(folder, "out.xlsx")
    before = old_workbook(out)
    p, sent, err = signal_when([gairx, "-q", big, "-o", out], folder, "",
                               sig)
    if not sent:
        fail(f"{name}: gairx ended (exit {p.returncode}) before the "
             "temporary workbook was seen")
    elif (p.returncode == 3 and digest(out) == before
          and not leftovers(folder)):
        ok(f"{name}: exit 3, old workbook intact, no temporary file left")
    else:
        fail(f"{name}: exit {p.returncode}, intact {digest(out) == before}, "
             f"left {leftovers(folder)}, stderr {err.strip()[:300]!r}")


CSV_FILES = ("facts.csv", "files.csv", "findings.csv", "reports.csv")


def csv_digests(out):
    return {n: digest(os.path.join(out, n)) for n in CSV_FILES}


def interrupted_csv(big, name, stage):
    """SIGTERM once the temporary file of `stage` (a CSV file name) is
    seen: exit 3, no temporary file left, and the four files all
    from the same run: last run's, or (when the signal came after the
    last rename) this run's, never a mix."""
    folder = fresh(name)
    out = os.path.join(folder, "out")
    subprocess.run([gairx, "-q", os.path.join(root, "tests/corpus/seeds"),
                    "--csv", out], check=True, stderr=subprocess.DEVNULL)
    before = csv_digests(out)
    p, sent, err = signal_when([gairx, "-q", big, "--csv", out], out,
                               "." + stage, signal.SIGTERM)
    after = csv_digests(out)
    kept = [n for n in CSV_FILES if after[n] == before[n]]
    whole = len(kept) in (0, len(CSV_FILES))
    if not sent:
        fail(f"{name}: gairx ended (exit {p.returncode}) before "
             f"a temporary {stage} file was seen")
    elif p.returncode == 3 and whole and not leftovers(out):
        ok(f"{name}: exit 3, the four CSV files all of one run "
           f"({'last' if kept else 'this'} run's), no temporary file left")
    else:
        fail(f"{name}: exit {p.returncode}, last run's files kept: {kept}, "
             f"left {leftovers(out)}, stderr {err.strip()[:300]!r}")


def main():
    big = os.path.join(tmp, "corpus")
    if not os.path.isdir(big):
        subprocess.run([os.path.join(root, "scripts/gen-corpus"), "3000", big,
                        "--seed", "7", "--formats", "txt", "--no-gold"],
                       check=True, stdout=subprocess.DEVNULL)
    disk_full(big)
    interrupted("sigterm", signal.SIGTERM, big)
    interrupted("sigint", signal.SIGINT, big)
    interrupted_csv(big, "sigterm-csv", "facts.csv")
    interrupted_csv(big, "sigterm-csv-later", "files.csv")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
