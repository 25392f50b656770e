"""公文: one official document laid out after GB/T 9704-2012 (党政机关公文格式), as Word and PDF.

The content model (:class:`OfficialDocument` holding :class:`Heading`, :class:`Text` and
:class:`Table` blocks) is plain text; ``to_docx`` (python-docx) and ``to_pdf`` (reportlab) lay
it out the same way, simplified from the standard:

- A4, 版心 margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (§5.2.1);
- 版头: red 发文机关标志 (红头) in 方正小标宋简体, shrunk to fit one line; 文号 centred; red
  separator line under it (§7.2);
- 标题 2号 (22 pt) 方正小标宋简体, centred; 主送机关 flush left (§7.3.1-7.3.2);
- 正文 3号 (16 pt) 仿宋_GB2312, two-character first-line indent, fixed 28 pt line pitch; level-1
  headings in 黑体, level-2 in 楷体_GB2312 (§7.3.3);
- 落款 for a document without a seal: the organ 右空二字, the 成文日期 in Arabic numerals on the
  next line starting two characters right of the organ's first character (§7.3.5.2);
- optional 版记 (抄送, 印发机关 and 印发日期) between rules (§7.4);
- 页码 "— 1 —" in 4号 (14 pt) under the 版心 (§7.5).

Fonts. The Word file names the government fonts (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体);
Word substitutes on machines without them. The PDF must carry its glyphs, and the servers have no
仿宋: Noto CJK cannot be embedded (its .ttc holds CFF outlines, which reportlab's TTFont refuses),
so the PDF embeds a subset of AR PL UMing CN (Debian package fonts-arphic-uming, TrueType, a 明体
i.e. 宋体 face) for every level. If that file is missing the PDF falls back to reportlab's Adobe-GB1
CID font STSong-Light (not embedded; readers substitute their own 宋体) and a warning is logged.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

logger = logging.getLogger(__name__)

PDF_FONT_FILE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
PDF_FONT_INDEX = 0  # AR PL UMing CN (1: HK, 2: TW, 3: TW MBE)
PDF_FONT = "ARPLUMingCN"
PDF_FALLBACK_FONT = "STSong-Light"

BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
MASTHEAD_PT = 36  # 小初, the largest 发文机关标志 size in common use
TABLE_PT = 12  # 小四
FOOTER_PT = 14  # 4号: 页码 and 版记
LINE_PT = 28  # fixed line pitch of the body

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_PT: float = (PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM) * mm
PAGE_NUMBER_MM = BOTTOM_MM - 7 - 5  # 页码 baseline: 7 mm under the 版心, one 4号 line high

RED_HEX = "C00000"


@dataclass(frozen=True)
class Heading:
    """一级标题 (一、, 黑体) or 二级标题 ((一), 楷体); the numbering is part of ``text``."""

    text: str
    level: Literal[1, 2] = 1


@dataclass(frozen=True)
class Text:
    """One body paragraph (正文), indented two characters."""

    text: str


@dataclass(frozen=True)
class Table:
    """A ruled table; ``widths`` are fractions of the 版心 width (equal columns when omitted)."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float] | None = None

    def __post_init__(self) -> None:
        columns = len(self.header)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != columns:
                raise ValueError(
                    f"表格第{number}行有{len(row)}列，表头有{columns}列 / "
                    f"table row {number} has {len(row)} cells, the header has {columns}"
                )
        if self.widths is not None and len(self.widths) != columns:
            raise ValueError(
                f"列宽有{len(self.widths)}项，表头有{columns}列 / "
                f"{len(self.widths)} column widths for {columns} columns"
            )


Block = Heading | Text | Table


def chinese_date(day: dt.date) -> str:
    """成文日期 in Arabic numerals (GB/T 9704-2012 §7.3.5.3): 2026年11月22日."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class OfficialDocument:
    """One 公文: 版头 (masthead, number), 主体 (title .. date) and optional 版记."""

    masthead: str  # 发文机关标志, e.g. 乐山市科学技术局文件
    number: str  # 发文字号, e.g. 乐科督通〔2026〕1号
    title: str
    signature: str  # 发文机关署名 (落款)
    signed_on: dt.date  # 成文日期
    body: Sequence[Block] = ()
    addressee: str = ""  # 主送机关, e.g. 各责任单位：
    copied_to: str = ""  # 抄送机关 (版记)
    printed_by: str = ""  # 印发机关 (版记)
    printed_on: dt.date | None = None  # 印发日期 (版记)
    english: bool = False  # written on the English switch: dates as 2026-11-22

    def date_text(self, day: dt.date) -> str:
        """成文日期 as 2026年11月22日 (2026-11-22 in an English document)."""
        return day.isoformat() if self.english else chinese_date(day)

    def to_docx(self) -> bytes:
        """The document as a Word (.docx) file."""
        return _WordWriter(self).write()

    def to_pdf(self) -> bytes:
        """The document as PDF with the CJK font embedded (see the module docstring)."""
        return _pdf(self)

    @property
    def has_imprint(self) -> bool:
        return bool(self.copied_to or self.printed_by or self.printed_on)

    def imprint_line(self) -> tuple[str, str]:
        """版记's last line: 印发机关 (left) and ``2026年11月22日印发`` (right)."""
        printed = f"{chinese_date(self.printed_on)}印发" if self.printed_on else ""
        return self.printed_by, printed


def masthead_size(text: str) -> float:
    """The 发文机关标志's point size: 小初, or smaller so the line fits the 版心 width."""
    return min(float(MASTHEAD_PT), TEXT_WIDTH_PT / max(_ems(text), 1.0) * 0.95)


def signature_indents(organ: str, date_text: str) -> tuple[float, float]:
    """Right indents, in characters, of the organ and the date (§7.3.5.2, no seal).

    The organ stands 右空二字; the date starts two characters right of the organ's first
    character. A date longer than that allows stands 右空二字 and pushes the organ left.
    """
    organ_em, date_em = _ems(organ), _ems(date_text)
    if organ_em - date_em >= 0:
        return 2.0, organ_em - date_em
    return 4.0 + date_em - organ_em, 2.0


def _ems(text: str) -> float:
    """Width in character cells: CJK full width, ASCII half width."""
    return sum(0.5 if ord(char) < 128 else 1.0 for char in text)


# -- Word -------------------------------------------------------------------------------------


class _WordWriter:
    def __init__(self, document: OfficialDocument) -> None:
        self.content = document
        self.doc: Any = Document()

    def write(self) -> bytes:
        content = self.content
        self._page()
        masthead_pt = masthead_size(content.masthead)
        masthead = self._para(
            content.masthead,
            font=TITLE_FONT,
            size=masthead_pt,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            color=RED_HEX,
        )
        masthead.paragraph_format.line_spacing = Pt(masthead_pt * 1.5)
        self._para()
        self._red_rule(self._para(content.number, align=WD_ALIGN_PARAGRAPH.CENTER))
        self._para()
        title = self._para(
            content.title, font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.6)
        self._para()
        if content.addressee:
            self._para(content.addressee)
        for block in content.body:
            if isinstance(block, Heading):
                self._para(block.text, font=HEADING_FONTS[block.level], indent=True)
            elif isinstance(block, Text):
                self._para(block.text, indent=True)
            else:
                self._table(block)
        self._para()
        date_text = content.date_text(content.signed_on)
        organ_indent, date_indent = signature_indents(content.signature, date_text)
        for text, indent in ((content.signature, organ_indent), (date_text, date_indent)):
            paragraph = self._para(text, align=WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = Pt(indent * BODY_PT)
        if content.has_imprint:
            self._imprint()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
        section.footer_distance = Mm(PAGE_NUMBER_MM)
        normal = self.doc.styles["Normal"]
        normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_PT)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(footer, "— ", PAGE_NUMBER_FONT, FOOTER_PT)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        placeholder, number = OxmlElement("w:r"), OxmlElement("w:t")
        number.text = "1"
        placeholder.append(number)
        field.append(placeholder)
        footer._p.append(field)
        self._run(footer, " —", PAGE_NUMBER_FONT, FOOTER_PT)

    @staticmethod
    def _run(
        paragraph: Any, text: str, font: str, size: float, *, color: str | None = None
    ) -> None:
        run = paragraph.add_run(text)
        run.font.name, run.font.size = font, Pt(size)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if color is not None:
            run.font.color.rgb = RGBColor.from_string(color)

    def _para(
        self,
        text: str = "",
        *,
        font: str = BODY_FONT,
        size: float = BODY_PT,
        align: WD_ALIGN_PARAGRAPH | None = None,
        indent: bool = False,
        color: str | None = None,
    ) -> Any:
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(size * 2)
        if align is not None:
            paragraph.alignment = align
        if text:
            self._run(paragraph, text, font, size, color=color)
        return paragraph

    @staticmethod
    def _border(paragraph: Any, edge: str, size_eighths: int, color: str) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        borders = ppr.find(qn("w:pBdr"))
        if borders is None:
            borders = OxmlElement("w:pBdr")
            ppr.append(borders)
        line = OxmlElement(f"w:{edge}")
        for key, value in {
            "w:val": "single",
            "w:sz": str(size_eighths),
            "w:space": "4",
            "w:color": color,
        }.items():
            line.set(qn(key), value)
        borders.append(line)

    def _red_rule(self, paragraph: Any) -> None:
        """版头中的分隔线: a red rule under the 文号 line."""
        self._border(paragraph, "bottom", 12, RED_HEX)

    def _table(self, block: Table) -> None:
        table = self.doc.add_table(rows=1, cols=len(block.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = block.widths or [1 / len(block.header)] * len(block.header)
        for row_cells, texts, font in [
            (table.rows[0].cells, block.header, HEADING_FONTS[1]),
            *((table.add_row().cells, row, BODY_FONT) for row in block.rows),
        ]:
            for cell, text, width in zip(row_cells, texts, widths, strict=True):
                cell.width = Pt(TEXT_WIDTH_PT * width)
                self._run(cell.paragraphs[0], text, font, TABLE_PT)

    def _imprint(self) -> None:
        """版记: 抄送 and 印发 lines between black rules (§7.4), in 4号 仿宋."""
        content = self.content
        self._para()
        lines: list[Any] = []
        if content.copied_to:
            copied = self._para(f"抄送：{content.copied_to}", size=FOOTER_PT)
            copied.paragraph_format.left_indent = Pt(FOOTER_PT)
            lines.append(copied)
        printed_by, printed = content.imprint_line()
        if printed_by or printed:
            row = self._para(size=FOOTER_PT)
            fmt = row.paragraph_format
            fmt.left_indent = fmt.right_indent = Pt(FOOTER_PT)
            fmt.tab_stops.add_tab_stop(Pt(TEXT_WIDTH_PT - 2 * FOOTER_PT), WD_TAB_ALIGNMENT.RIGHT)
            self._run(row, f"{printed_by}\t{printed}", BODY_FONT, FOOTER_PT)
            lines.append(row)
        self._border(lines[0], "top", 8, "000000")
        self._border(lines[-1], "bottom", 8, "000000")
        if len(lines) > 1:
            self._border(lines[0], "bottom", 4, "000000")


# -- PDF --------------------------------------------------------------------------------------


@functools.cache
def pdf_font() -> str:
    """Register the PDF's CJK font once and return its name (UMing, else STSong-Light)."""
    try:
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(PDF_FONT_FILE), subfontIndex=PDF_FONT_INDEX))
    except (TTFError, OSError) as error:
        logger.warning(
            "PDF 字体 %s 不可用，改用不嵌入的 %s（请安装 fonts-arphic-uming）/ "
            "PDF font %s unavailable (%s), falling back to the non-embedded CID font %s",
            PDF_FONT_FILE,
            PDF_FALLBACK_FONT,
            PDF_FONT_FILE,
            error,
            PDF_FALLBACK_FONT,
        )
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FALLBACK_FONT))
        return PDF_FALLBACK_FONT
    return PDF_FONT


def _pdf_styles(font: str, masthead_pt: float, english: bool = False) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=BODY_PT,
        leading=LINE_PT,
        firstLineIndent=2 * BODY_PT,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    flush = {"firstLineIndent": 0}
    styles = {
        "body": body,
        "heading": ParagraphStyle("heading", parent=body, keepWithNext=1),
        "plain": ParagraphStyle("plain", parent=body, alignment=TA_LEFT, **flush),
        "masthead": ParagraphStyle(
            "masthead",
            parent=body,
            fontSize=masthead_pt,
            leading=masthead_pt * 1.4,
            alignment=TA_CENTER,
            textColor=colors.HexColor(f"#{RED_HEX}"),
            **flush,
        ),
        "number": ParagraphStyle("number", parent=body, alignment=TA_CENTER, **flush),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontSize=TITLE_PT,
            leading=TITLE_PT * 1.6,
            alignment=TA_CENTER,
            **flush,
        ),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, **flush),
        # an English cell breaks between words (「20 firms」 → 20 / firms, never 「20 fir / ms」)
        "cell": ParagraphStyle(
            "cell",
            fontName=font,
            fontSize=TABLE_PT,
            leading=TABLE_PT * 1.4,
            wordWrap=None if english else "CJK",
        ),
        "imprint": ParagraphStyle(
            "imprint",
            parent=body,
            fontSize=FOOTER_PT,
            leading=FOOTER_PT * 1.8,
            leftIndent=FOOTER_PT,
            rightIndent=FOOTER_PT,
            alignment=TA_LEFT,
            **flush,
        ),
    }
    styles["imprint_right"] = ParagraphStyle(
        "imprint_right", parent=styles["imprint"], alignment=TA_RIGHT, leftIndent=0
    )
    return styles


def _pdf_table(block: Table, style: ParagraphStyle) -> PdfTable:
    widths = block.widths or [1 / len(block.header)] * len(block.header)
    rows = [block.header, *block.rows]
    table = PdfTable(
        [[Paragraph(escape(cell), style) for cell in row] for row in rows],
        colWidths=[TEXT_WIDTH_PT * w for w in widths],
        repeatRows=1,
    )
    table.spaceBefore = table.spaceAfter = LINE_PT / 4
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _rule(thickness: float, color: str = "000000", before: float = 0) -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=thickness, color=colors.HexColor(f"#{color}"), spaceBefore=before
    )


class _AtPageFoot(Flowable):
    """Flowables drawn at the foot of the page (版记 sits at the bottom of the last page)."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.heights = [part.wrap(avail_width, avail_height)[1] for part in self.parts]
        needed = sum(self.heights)
        # All the room that is left, so it lands at the bottom; more than that moves it on.
        self.height = needed if needed > avail_height else max(avail_height - 0.01, needed)
        return self.width, self.height

    def draw(self) -> None:
        y = 0.0
        for part, height in zip(reversed(self.parts), reversed(self.heights), strict=True):
            part.drawOn(self.canv, 0, y)
            y += height


def _pdf_imprint(content: OfficialDocument, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """版记: 抄送 and 印发 lines between rules (§7.4)."""
    parts: list[Flowable] = [_rule(1)]
    if content.copied_to:
        copied = Paragraph(escape(f"抄送：{content.copied_to}"), styles["imprint"])
        parts += [copied, _rule(0.5)]
    printed_by, printed = content.imprint_line()
    if printed_by or printed:
        parts.append(
            PdfTable(
                [
                    [
                        Paragraph(escape(printed_by), styles["imprint"]),
                        Paragraph(escape(printed), styles["imprint_right"]),
                    ]
                ],
                colWidths=[TEXT_WIDTH_PT / 2] * 2,
                style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]),
            )
        )
    parts.append(_rule(1))
    return parts


def _pdf(content: OfficialDocument) -> bytes:
    font = pdf_font()
    styles = _pdf_styles(font, masthead_size(content.masthead), content.english)

    def text(value: str, style: str) -> Paragraph:
        return Paragraph(escape(value), styles[style])

    story: list[Flowable] = [
        text(content.masthead, "masthead"),
        Spacer(1, 8 * mm),
        text(content.number, "number"),
        _rule(1.5, RED_HEX, before=1 * mm),
        Spacer(1, 8 * mm),
        text(content.title, "title"),
        Spacer(1, LINE_PT),
    ]
    if content.addressee:
        story.append(text(content.addressee, "plain"))
    for block in content.body:
        if isinstance(block, Heading):
            story.append(text(block.text, "heading"))
        elif isinstance(block, Text):
            story.append(text(block.text, "body"))
        else:
            story.append(_pdf_table(block, styles["cell"]))
    date_text = content.date_text(content.signed_on)
    organ_indent, date_indent = signature_indents(content.signature, date_text)
    story.append(Spacer(1, LINE_PT))
    for value, indent in ((content.signature, organ_indent), (date_text, date_indent)):
        style = ParagraphStyle("signature", parent=styles["right"], rightIndent=indent * BODY_PT)
        story.append(Paragraph(escape(value), style))
    if content.has_imprint:
        story.append(_AtPageFoot(_pdf_imprint(content, styles)))

    def page_number(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, FOOTER_PT)
        canvas.drawCentredString(A4[0] / 2, PAGE_NUMBER_MM * mm, f"— {document.page} —")
        canvas.restoreState()

    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=TOP_MM * mm,
        bottomMargin=BOTTOM_MM * mm,
        leftMargin=LEFT_MM * mm,
        rightMargin=RIGHT_MM * mm,
        title=content.title,
        author=content.signature,
        initialFontName=font,
    ).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()
