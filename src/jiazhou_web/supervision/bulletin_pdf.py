"""The 通报 as PDF (reportlab), same layout as the Word file (GB/T 9704-2012-like).

仿宋 is not installed on the servers, so the PDF uses a serif CJK face instead: Noto Serif CJK
would be preferred, but its .ttc has PostScript (CFF) outlines that reportlab cannot embed, so
the PDF falls back to Adobe's standard CID font STSong-Light (宋体; not embedded — every PDF
reader ships or substitutes it; poppler renders it with Noto Serif CJK).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jiazhou_web.supervision.bulletin_content import BulletinContent

NOTO_SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
NOTO_SERIF_SC_INDEX = 2


def cjk_font() -> str:
    """Register and name the CJK font (Noto Serif CJK SC if embeddable, else STSong-Light)."""
    if "JiazhouSerif" in pdfmetrics.getRegisteredFontNames():
        return "JiazhouSerif"
    try:
        pdfmetrics.registerFont(
            TTFont("JiazhouSerif", NOTO_SERIF, subfontIndex=NOTO_SERIF_SC_INDEX)
        )
        return "JiazhouSerif"
    except (TTFError, OSError):
        if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"


def _styles(font: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body", fontName=font, fontSize=16, leading=28, firstLineIndent=32, wordWrap="CJK"
    )
    return {
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0),
        "heading": ParagraphStyle("heading", parent=body, keepWithNext=1),
        "mast": ParagraphStyle(
            "mast",
            parent=body,
            fontSize=34,
            leading=50,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#C00000"),
            firstLineIndent=0,
        ),
        "number": ParagraphStyle("number", parent=body, alignment=TA_CENTER, firstLineIndent=0),
        "title": ParagraphStyle(
            "title", parent=body, fontSize=22, leading=36, alignment=TA_CENTER, firstLineIndent=0
        ),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, firstLineIndent=0),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=11, leading=15),
    }


def _table(
    header: list[str], rows: list[list[str]], style: ParagraphStyle, widths: list[float]
) -> Table:
    data = [[Paragraph(c, style) for c in r] for r in [header, *rows]]
    table = Table(data, colWidths=widths, repeatRows=1)
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


def render_pdf(content: BulletinContent) -> bytes:
    font = cjk_font()
    s = _styles(font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        title=content.title,
        author=content.issuer,
    )
    width = A4[0] - 54 * mm
    story: list[Any] = [
        Paragraph(f"{content.issuer}文件", s["mast"]),
        Spacer(1, 8 * mm),
        Paragraph(content.number, s["number"]),
        HRFlowable(
            width="100%", thickness=1.5, color=colors.HexColor("#C00000"), spaceBefore=2 * mm
        ),
        Spacer(1, 10 * mm),
        Paragraph(content.title, s["title"]),
        Spacer(1, 6 * mm),
        Paragraph(content.addressee, s["plain"]),
        Paragraph("一、总体进展", s["heading"]),
        *[Paragraph(text, s["body"]) for text in content.summary],
        Paragraph("二、超期事项", s["heading"]),
    ]
    if content.overdue_rows:
        story.append(
            _table(
                content.headers["overdue"],
                content.overdue_rows,
                s["cell"],
                [0.3 * width, 0.58 * width, 0.12 * width],
            )
        )
    else:
        story.append(Paragraph("无。", s["body"]))
    story += [
        Paragraph("三、责任单位排名", s["heading"]),
        _table(
            content.headers["ranking"],
            content.ranking_rows,
            s["cell"],
            [w * width for w in (0.08, 0.36, 0.12, 0.16, 0.1, 0.18)],
        ),
        Spacer(1, 8 * mm),
    ]
    if content.synthetic_note:
        story.append(Paragraph(content.synthetic_note, s["body"]))
    story += [
        Spacer(1, 8 * mm),
        Paragraph(content.issuer, s["right"]),
        Paragraph(content.date_text, s["right"]),
    ]
    doc.build(story)
    return buffer.getvalue()
