"""登记证明 (registration certificate) as PDF: reportlab with the embedded CJK font the official
documents use (core.official_documents.pdf_font)."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jiazhou import humanize
from jiazhou_web.core.official_documents import pdf_font
from jiazhou_web.market.choices import CONTRACT_TYPES_ZH
from jiazhou_web.market.models import TechContract


def _wan(value: Decimal) -> str:
    return f"{humanize.number(value, 2)}万元"


def certificate_pdf(contract: TechContract) -> bytes:
    font = pdf_font()
    title = ParagraphStyle("t", fontName=font, fontSize=22, leading=32, alignment=1)
    sub = ParagraphStyle("s", fontName=font, fontSize=12, leading=18, alignment=1)
    cell = ParagraphStyle("c", fontName=font, fontSize=11, leading=16)
    body = ParagraphStyle("b", fontName=font, fontSize=11, leading=18)
    assert contract.registered_on is not None
    rows = [
        ("登记编号", contract.registration_no),
        ("合同名称", contract.title),
        # an official document reads Chinese whatever language the requester chose
        ("合同类型", CONTRACT_TYPES_ZH.get(contract.contract_type, contract.contract_type)),
        ("技术领域", contract.get_field_display()),
        ("卖方（登记方）", f"{contract.seller.name}（{contract.seller.uscc}）"),
        ("买方", contract.buyer_name),
        ("中介方", str(contract.broker) if contract.broker else "无"),
        ("技术合同成交额", _wan(contract.total_amount)),
        ("技术交易额", _wan(contract.tech_amount)),
        ("其中扣除非技术性费用", _wan(contract.non_technical)),
        ("签订日期", humanize.date_zh(contract.signed_on)),
        ("登记日期", humanize.date_zh(contract.registered_on)),
        ("登记机构", contract.registry.name),
    ]
    table = Table(
        [[Paragraph(k, cell), Paragraph(str(v), cell)] for k, v in rows],
        colWidths=[45 * mm, 115 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=30 * mm,
        bottomMargin=25 * mm,
        title=f"技术合同登记证明 {contract.registration_no}",
    )
    doc.build(
        [
            Paragraph("技术合同认定登记证明", title),
            Paragraph(f"编号：{contract.registration_no}", sub),
            Spacer(1, 8 * mm),
            table,
            Spacer(1, 8 * mm),
            Paragraph(
                "经审查，上述合同符合技术合同认定条件，予以登记。技术交易额为合同成交额扣除"
                "非技术性费用后的金额（技术载体费用不予扣除）。本证明可用于申请享受相关税收优惠。",
                body,
            ),
            Spacer(1, 12 * mm),
            Paragraph(f"{contract.registry.name}（登记专用）", body),
            Paragraph(humanize.date_zh(contract.registered_on), body),
        ]
    )
    return buffer.getvalue()
