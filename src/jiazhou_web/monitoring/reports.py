"""月度进展报告: the monthly progress report in a GB/T 9704-like layout (Word and PDF).

Layout after GB/T 9704-2012 (党政机关公文格式), simplified: a red 发文机关标志 (红头), the 文号
line and a red rule, a 2号 title, body in 3号 (16 pt) 仿宋 with 28 pt line spacing, 黑体 level-1
headings, the issuing unit and the date in Chinese numerals-free form (2026年11月30日) at the end.

Fonts: the Word file names 仿宋 / 黑体 / 方正小标宋简体, which government PCs have. The server
has no 仿宋; reportlab cannot embed the installed Noto Serif CJK (its .ttc holds PostScript/CFF
outlines, which reportlab's TTFont refuses), so the PDF uses reportlab's Adobe-GB1 CID font
STSong-Light (宋体); PDF readers draw it with their own 宋体 or, on Linux, Noto Serif CJK.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from jiazhou_web.core.scopes import user_scope
from jiazhou_web.monitoring.progress import LIGHT_LABELS, TargetStatus, light_counts

RED = (0xC0, 0x00, 0x00)
PDF_FONT = "STSong-Light"  # stands in for 仿宋 (see the module docstring)
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
MASTHEAD_PT = 30


@dataclass(frozen=True)
class LaggingItem:
    heading: str
    lines: list[str]


@dataclass
class ReportData:
    issuer: str
    masthead: str
    number: str
    title: str
    month: str
    signed_on: dt.date
    intro: list[str]
    red: list[LaggingItem] = field(default_factory=list)
    yellow: list[LaggingItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def lagging(self) -> list[LaggingItem]:
        return self.red + self.yellow


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _item(status: TargetStatus) -> LaggingItem:
    target, ev = status.target, status.evaluation
    indicator = target.indicator
    department = indicator.responsible_department
    unit = target.unit or indicator.unit
    lines = [
        f"目标：{target.comparator_text or target.comparator} "
        f"{_num(ev.threshold, unit) if ev.threshold is not None else ''}"
        f"（{target.target_year}年，{target.source_quote or target.notes or '见目标库'}）",
        f"现状：{_num(ev.current_value, unit)}"
        + (f"（{ev.current_period}）" if ev.current_period else "")
        + f"；完成率 {_num(ev.attainment_pct, '%')}；序时进度 {_num(ev.schedule_pct, '%')}"
        + f"；差距 {_num(ev.gap, unit)}",
        f"研判：{ev.explanation_zh}",
        f"责任单位：{department or '未指定'}"
        + ("（演示配置）" if department and indicator.department_is_demo else ""),
    ]
    if status.synthetic:
        lines.append("注：本项含模拟数据，仅供演示。")
    heading = f"{indicator.name}（{target.region}，{target.code}）"
    return LaggingItem(heading, lines)


def report_context(
    statuses: list[TargetStatus], *, at: dt.date, as_of: dt.date | None, user: Any
) -> ReportData:
    """The report's content for the targets in ``user``'s scope, evaluated on ``at``."""
    counts = light_counts(statuses)
    scope = user_scope(user)
    department = getattr(user, "department", None)
    issuer = "乐山市科学技术局" if scope.city or department is None else str(department)
    total = len(statuses)
    intro = [
        f"根据目标库和已审核填报数据，现将截至{_cn_date(at)}科技创新目标完成情况报告如下。",
        f"纳入监测目标 {total} 项，其中"
        + "，".join(f"{LIGHT_LABELS[light]} {counts[light]} 项" for light in counts)
        + "。红灯为已逾期未完成或按趋势预计无法完成，黄灯为落后于序时进度。",
        f"数据截至：{_cn_date(as_of) if as_of else '暂无数据'}。"
        "公开报道中的数值按原文载入，并注明观测期依据（载明、推断、不确定）及“余”等限定。",
    ]
    notes = [
        "状态灯、完成率、序时进度、差距与趋势预测均由嘉州平台目标引擎（jiazhou.targets）计算。",
    ]
    if any(s.synthetic for s in statuses):
        notes.append("本报告含模拟数据（区县年度数据等演示用生成值），不得作为统计数据使用。")
    return ReportData(
        issuer=issuer,
        masthead="科技创新目标监测月报",
        number=f"嘉州监测〔{at.year}〕{at.month}号",
        title=f"关于{at.year}年{at.month}月科技创新目标完成情况的报告",
        month=at.strftime("%Y-%m"),
        signed_on=at,
        intro=intro,
        red=[_item(s) for s in statuses if s.light == "red"],
        yellow=[_item(s) for s in statuses if s.light == "yellow"],
        notes=notes,
    )


def _sections(data: ReportData) -> list[tuple[str, list[LaggingItem]]]:
    return [
        ("一、红灯目标（需重点督办）", data.red),
        ("二、黄灯目标（落后于序时进度）", data.yellow),
    ]


# -- Word ---------------------------------------------------------------------------------------


def _run_font(run: Any, name: str, size: float, *, bold: bool = False, red: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if red:
        run.font.color.rgb = RGBColor(*RED)


def _para(document: Any, text: str, font: str = "仿宋", size: float = BODY_PT, **kw: Any) -> Any:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(28)
    paragraph.paragraph_format.space_after = Pt(0)
    align = kw.pop("align", None)
    if align is not None:
        paragraph.alignment = align
    if kw.pop("indent", True) and align is None:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _run_font(paragraph.add_run(text), font, size, **kw)
    return paragraph


def progress_docx(data: ReportData) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _para(
        document,
        data.masthead,
        "方正小标宋简体",
        MASTHEAD_PT,
        bold=True,
        red=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _para(document, data.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    rule = _para(document, "", align=WD_ALIGN_PARAGRAPH.CENTER)
    border = rule._p.get_or_add_pPr()
    borders = border.makeelement(qn("w:pBdr"), {})
    bottom = borders.makeelement(
        qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "18", qn("w:color"): "C00000"}
    )
    borders.append(bottom)
    border.append(borders)
    _para(document, data.title, "方正小标宋简体", TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, "")
    for line in data.intro:
        _para(document, line)
    for heading, items in _sections(data):
        _para(document, heading, "黑体")
        if not items:
            _para(document, "无。")
        for n, item in enumerate(items, start=1):
            _para(document, f"（{n}）{item.heading}", "楷体")
            for line in item.lines:
                _para(document, line)
    _para(document, "三、说明", "黑体")
    for line in data.notes:
        _para(document, line)
    _para(document, "")
    _para(document, data.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, _cn_date(data.signed_on), align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- PDF ----------------------------------------------------------------------------------------


class _RedRule(Flowable):
    """The red separator line under the 文号 (GB/T 9704 版头中的分隔线)."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 4 * mm

    def draw(self) -> None:
        self.canv.setStrokeColor(Color(*(c / 255 for c in RED)))
        self.canv.setLineWidth(1.5)
        self.canv.line(0, self.height / 2, self.width, self.height / 2)


def _styles() -> dict[str, ParagraphStyle]:
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    red = Color(*(c / 255 for c in RED))
    base = ParagraphStyle(
        "body",
        fontName=PDF_FONT,
        fontSize=BODY_PT,
        leading=28,
        firstLineIndent=2 * BODY_PT,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    return {
        "masthead": ParagraphStyle(
            "masthead",
            parent=base,
            fontSize=MASTHEAD_PT,
            leading=44,
            textColor=red,
            alignment=TA_CENTER,
            firstLineIndent=0,
        ),
        "number": ParagraphStyle("number", parent=base, alignment=TA_CENTER, firstLineIndent=0),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontSize=TITLE_PT,
            leading=36,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceBefore=12,
            spaceAfter=12,
        ),
        "heading": ParagraphStyle("heading", parent=base),
        "body": base,
        "right": ParagraphStyle(
            "right", parent=base, alignment=TA_RIGHT, firstLineIndent=0, rightIndent=2 * BODY_PT
        ),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _footer(canvas: Any, document: Any) -> None:
    canvas.setFont(PDF_FONT, 14)
    canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {document.page} —")


def progress_pdf(data: ReportData) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        title=data.title,
        author=data.issuer,
    )
    story: list[Flowable] = [
        Paragraph(f"<b>{_escape(data.masthead)}</b>", styles["masthead"]),
        Spacer(1, 6 * mm),
        Paragraph(_escape(data.number), styles["number"]),
        _RedRule(document.width),
        Paragraph(_escape(data.title), styles["title"]),
    ]
    story += [Paragraph(_escape(line), styles["body"]) for line in data.intro]
    for heading, items in _sections(data):
        story.append(Paragraph(f"<b>{_escape(heading)}</b>", styles["heading"]))
        if not items:
            story.append(Paragraph("无。", styles["body"]))
        for n, item in enumerate(items, start=1):
            story.append(Paragraph(f"<b>（{n}）{_escape(item.heading)}</b>", styles["body"]))
            story += [Paragraph(_escape(line), styles["body"]) for line in item.lines]
    story.append(Paragraph("<b>三、说明</b>", styles["heading"]))
    story += [Paragraph(_escape(line), styles["body"]) for line in data.notes]
    story += [
        Spacer(1, 14 * mm),
        Paragraph(_escape(data.issuer), styles["right"]),
        Paragraph(_cn_date(data.signed_on), styles["right"]),
    ]
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
