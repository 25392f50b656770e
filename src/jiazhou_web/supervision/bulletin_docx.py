"""The 通报 as a Word file laid out after GB/T 9704-2012 (党政机关公文格式).

A4, margins 37/35/28/26 mm; red 发文机关标志 and separator line; 文号 centred; title in
2号 (22 pt) 小标宋; body in 3号 (16 pt) 仿宋_GB2312 at a fixed 28 pt line pitch with a two-character
first-line indent. The font names are written into the file; Word substitutes when a reader
lacks 仿宋_GB2312 / 方正小标宋简体.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from jiazhou_web.supervision.bulletin_content import BulletinContent

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
RED = RGBColor(0xC0, 0x00, 0x00)


def _run(
    paragraph: Paragraph,
    text: str,
    font: str,
    size: float,
    *,
    bold: bool = False,
    color: RGBColor | None = None,
) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color


def _para(
    doc: object,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size: float = 16,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    bold: bool = False,
    color: RGBColor | None = None,
) -> Paragraph:
    paragraph: Paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    if text:
        _run(paragraph, text, font, size, bold=bold, color=color)
    return paragraph


def _red_rule(paragraph: Paragraph) -> None:
    """The red separator line (版头中的分隔线) as a bottom border."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {
        "w:val": "single",
        "w:sz": "12",
        "w:space": "4",
        "w:color": "C00000",
    }.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _table(doc: object, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].text = ""
        _run(cell.paragraphs[0], text, HEADING_FONT, 12)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            _run(cell.paragraphs[0], text, BODY_FONT, 12)


def render_docx(content: BulletinContent) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _para(
        doc,
        f"{content.issuer}文件",
        font=TITLE_FONT,
        size=36,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        color=RED,
    ).paragraph_format.line_spacing = Pt(54)
    _para(doc)
    rule = _para(doc, content.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(rule)
    _para(doc)
    title = _para(doc, content.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.line_spacing = Pt(36)
    _para(doc)
    _para(doc, content.addressee)
    _para(doc, "一、总体进展", font=HEADING_FONT, indent=True)
    for text in content.summary:
        _para(doc, text, indent=True)
    _para(doc, "二、超期事项", font=HEADING_FONT, indent=True)
    if content.overdue_rows:
        _table(doc, content.headers["overdue"], content.overdue_rows)
    else:
        _para(doc, "无。", indent=True)
    _para(doc, "三、责任单位排名", font=HEADING_FONT, indent=True)
    _table(doc, content.headers["ranking"], content.ranking_rows)
    _para(doc)
    if content.synthetic_note:
        _para(doc, content.synthetic_note, indent=True)
    _para(doc)
    _para(doc, content.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, content.date_text, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
