#!/usr/bin/env python3
"""Writes the small PDF fixtures of tests/unit/test_pdf_layout.c.

    python3 tests/data/pdf/make-fixtures.py   (from the repository root)

text-table.pdf   two pages of Courier text: a running header, a table that
                 goes on over the page break, "- N -" page numbers, and one
                 row with a blank cell.
no-text.pdf      one page that only draws an image: what a scan looks like.
not-a-pdf.pdf    bytes of a gzip stream under a .pdf name.

It also writes the PDF files of tests/hostile/, each of which must end
with its own status without stopping the batch: random bytes, an empty
file, a PDF cut off in the middle, and a scan without a text layer.
The PDFs are written by hand (no library) so that they stay tiny and the
same on every machine.
"""
import gzip
import os
import random
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE = os.path.join(HERE, "..", "..", "hostile")


def pdf(objects):
    """Serialises objects (bytes, numbered from 1; 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_page(lines):
    """A content stream printing (column, row, text) in 10 pt Courier:
    6 pt per column, 14 pt per row, from the top left."""
    ops = [b"BT /F1 10 Tf"]
    for col, row, text in lines:
        x, y = 56 + 6 * col, 800 - 14 * row
        ops.append(b"1 0 0 1 %d %d Tm (%s) Tj" % (x, y, text.encode("ascii")))
    ops.append(b"ET")
    return stream(b"\n".join(ops))


def row(label, *values, row_no):
    """A table row: the label at column 0, values right-aligned at 30, 38, 46."""
    cells = [(0, row_no, label)]
    for i, v in enumerate(values):
        if v is not None:
            cells.append((30 + 8 * i + 3 - len(v), row_no, v))
    return cells


def text_table():
    page1 = [(20, 1, "ACME ANNUAL REPORT")]
    page1 += [(0, 3, "Table 3  applications"), (30, 5, "A"), (38, 5, "B"),
              (46, 5, "C")]
    page1 += row("Row one", "1", "2", "3", row_no=6)
    page1 += row("Row two", "4", None, "6", row_no=7)
    page1 += row("Row three", "7", "8", "9", row_no=8)
    page1 += [(30, 55, "- 1 -")]
    page2 = [(20, 1, "ACME ANNUAL REPORT")]
    page2 += row("Row four", "10", "11", "12", row_no=3)
    page2 += row("Total", "22", "21", "30", row_no=4)
    page2 += [(30, 55, "- 2 -")]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"
    res = b"/Resources << /Font << /F1 5 0 R >> >>"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + res +
        b" /Contents 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + res +
        b" /Contents 7 0 R >>",
        font,
        text_page(page1),
        text_page(page2),
    ])


def no_text():
    pixels = zlib.compress(bytes((x * 16 + y) & 0xFF for y in range(16)
                                 for x in range(16)))
    image = stream(pixels, b" /Type /XObject /Subtype /Image /Width 16"
                   b" /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8"
                   b" /Filter /FlateDecode")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"q 400 0 0 600 97 120 cm /Im1 Do Q"),
        image,
    ])


def main():
    files = {
        "text-table.pdf": text_table(),
        "no-text.pdf": no_text(),
        "not-a-pdf.pdf": gzip.compress(b"not a pdf\n" * 64, mtime=0),
    }
    table = text_table()
    hostile = {
        "pdf-random-bytes.pdf": random.Random(7).randbytes(4096),
        "pdf-empty.pdf": b"",
        "pdf-truncated.pdf": table[: len(table) // 2],
        "pdf-no-text-layer.pdf": no_text(),
    }
    for folder, group in ((HERE, files), (HOSTILE, hostile)):
        for name, data in group.items():
            with open(os.path.join(folder, name), "wb") as fh:
                fh.write(data)


if __name__ == "__main__":
    main()
