#!/usr/bin/env python3
"""Writes the reader fixtures: tests/data/readers/*.docx and the hostile
html/docx inputs in tests/hostile/.  Run from the repository root:
    python3 tests/data/readers/make_fixtures.py
Output is byte-for-byte reproducible (fixed zip timestamps, seeded bytes)."""
import random
import zipfile

STAMP = (2024, 1, 1, 0, 0, 0)
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
NS = ('xmlns:w="%s" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"' % W)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')


def para(*runs):
    return '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>%s</w:p>' % ''.join(runs)


def run(text):
    return '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % text


def cell(text, pr=''):
    body = ''.join(para(run(t)) for t in text) if isinstance(text, list) \
        else para(run(text)) if text else '<w:p/>'
    return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (pr, body)


def row(*cells):
    return '<w:tr><w:trPr><w:trHeight w:val="300"/></w:trPr>%s</w:tr>' % ''.join(cells)


def table(*rows):
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            '<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
            '%s</w:tbl>' % ''.join(rows))


def document(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' % (NS, body))


def basic_body():
    span3 = '<w:gridSpan w:val="3"/>'
    textbox = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
               '<wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx></w:drawing>'
               '</mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>%s'
               '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
               % (para(run('框')), para(run('框'))))
    return ''.join([
        # The title split over three runs, as Word saves it.
        para(run('上高县人民政府'), run('2024'), run('年政府信息公开工作年度报告')),
        para(run('一、总体情况')),
        para(run('甲'), '<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>'),
        para(),
        para(run('全年收到申请１０件。')),
        # A field: the code (instrText) is not text, its result is.
        para('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run('7'),
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
             '<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>', textbox),
        table(
            row(cell('合并', span3 + '<w:vMerge w:val="restart"/>'), cell('B')),
            row(cell('', span3 + '<w:vMerge/>'), cell('')),
            row(cell('x'), cell('y'), cell('z'), cell('1')),
            row('<w:sdt><w:sdtPr/><w:sdtContent>%s</w:sdtContent></w:sdt>' % cell('s'),
                cell(['第一段', '第二段']),
                cell('旧', '<w:hMerge w:val="restart"/>'), cell('', '<w:hMerge/>'))),
        para(run('五、存在的主要问题')),
        # A layout table: a frame whose cell holds prose and a real table.
        table(row('<w:tc>%s%s<w:p/></w:tc>' % (
            para(run('框内段落')),
            table(row(cell('内'), cell('1')), row(cell('外'), cell('2')))))),
        para(run('完')),
    ])


def write_zip(path, parts, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = compress
            z.writestr(info, data)


def docx_parts(document_xml):
    return [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
            ('word/document.xml', document_xml)]


def main():
    basic = document(basic_body())
    write_zip('tests/data/readers/basic.docx', docx_parts(basic))

    cut = basic.index('<w:t xml:space="preserve">z</w:t>')
    write_zip('tests/hostile/docx-truncated-document.docx',
              docx_parts(basic[:cut + 10]))
    write_zip('tests/hostile/docx-no-body.docx',
              docx_parts(basic[:basic.index('<w:body>') + 3]))
    write_zip('tests/hostile/docx-no-document.docx',
              [('[Content_Types].xml', CONTENT_TYPES), ('xl/workbook.xml', '<workbook/>')])

    # 300 MB of '0' deflates to about 300 KB; the size is declared honestly.
    head = document('')[:-len('<w:sectPr/></w:body></w:document>')] + '<w:p><w:r><w:t>'
    with zipfile.ZipFile('tests/hostile/docx-zip-bomb.docx', 'w') as z:
        info = zipfile.ZipInfo('word/document.xml', STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, 'w') as f:
            f.write(head.encode())
            block = b'0' * (1 << 20)
            for _ in range(300):
                f.write(block)

    # Entities: a billion laughs, and an external file.  Neither may expand.
    laughs = ''.join('<!ENTITY l%d "%s">' % (i, ('&l%d;' % (i - 1)) * 10 if i else 'lol')
                     for i in range(10))
    write_zip('tests/hostile/docx-entity-expansion.docx', docx_parts(
        document(para(run('前&l9;后'))).replace(
            '<w:document', '<!DOCTYPE w:document [%s]><w:document' % laughs, 1)))
    write_zip('tests/hostile/docx-external-entity.docx', docx_parts(
        document(para(run('前&xxe;后'))).replace(
            '<w:document', '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM '
            '"file:///etc/passwd">]><w:document', 1)))

    rnd = random.Random(20240101)
    with open('tests/hostile/docx-random-bytes.docx', 'wb') as f:
        f.write(bytes(rnd.getrandbits(8) for _ in range(4096)))
    with open('tests/hostile/html-random-bytes.htm', 'wb') as f:
        f.write(bytes(rnd.getrandbits(8) for _ in range(4096)) + b'\0')

    with open('tests/hostile/html-bad-spans.html', 'w', encoding='utf-8') as f:
        f.write('<html><head><meta charset="utf-8"></head><body><p>坏的合并</p>'
                '<table>'
                '<tr><td rowspan="99999">甲</td><td colspan="2147483648">乙</td></tr>'
                '<tr><td colspan="-3">丙</td><td rowspan="0">丁</td><td>戊</td></tr>'
                '<tr><td colspan="abc" rowspan="">己</td></tr>'
                '<tr></tr>'
                '<tr><th colspan=3>庚</th><td rowspan=5 colspan=5></td></tr>'
                '</table><table><td>无行</td></table><p>完</p></body></html>')

    with open('tests/hostile/html-deep-nesting.html', 'w', encoding='utf-8') as f:
        f.write('<html><body>' + '<div>' * 1000 + '深' +
                '</div>' * 1000 + '<p>完</p></body></html>')


if __name__ == '__main__':
    main()
