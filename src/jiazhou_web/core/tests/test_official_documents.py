"""公文 builder: GB/T 9704-2012-like Word and PDF from one content model (no database)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from jiazhou_web.core import official_documents
from jiazhou_web.core.official_documents import (
    Heading,
    OfficialDocument,
    Table,
    Text,
    chinese_date,
    masthead_size,
    signature_indents,
)

BULLETIN = OfficialDocument(
    masthead="乐山市科学技术局文件",
    number="乐科督通〔2026〕1号",
    title="关于“四个一批”科技项目推进清单2026年10月推进情况的通报",
    addressee="各责任单位：",
    body=[
        Heading("一、总体进展"),
        Text("截至2026年10月31日，共列入事项31项，已销号3项 & 待核查<2>项。"),
        Heading("（一）超期事项", level=2),
        Table(["牵头单位", "数量"], [["乐山市经济和信息化局", "2"]], widths=[0.7, 0.3]),
    ],
    signature="乐山市科学技术局",
    signed_on=dt.date(2026, 11, 22),
    copied_to="市委办公室，市政府办公室。",
    printed_by="乐山市科学技术局办公室",
    printed_on=dt.date(2026, 11, 23),
)


@pytest.fixture
def fresh_font() -> Iterator[None]:
    """Forget the registered PDF font before and after (``pdf_font`` is cached)."""
    official_documents.pdf_font.cache_clear()
    yield
    official_documents.pdf_font.cache_clear()


def test_docx_carries_masthead_number_title_addressee_date_and_the_table() -> None:
    doc = Document(io.BytesIO(BULLETIN.to_docx()))
    texts = [p.text for p in doc.paragraphs]
    for expected in (
        "乐山市科学技术局文件",
        "乐科督通〔2026〕1号",
        "关于“四个一批”科技项目推进清单2026年10月推进情况的通报",
        "各责任单位：",
        "一、总体进展",
        "乐山市科学技术局",
        "2026年11月22日",
        "抄送：市委办公室，市政府办公室。",
        "乐山市科学技术局办公室\t2026年11月23日印发",
    ):
        assert expected in texts
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["牵头单位", "数量"]
    assert [c.text for c in table.rows[1].cells] == ["乐山市经济和信息化局", "2"]


def test_docx_page_follows_gbt_9704_margins_fonts_and_page_number() -> None:
    doc = Document(io.BytesIO(BULLETIN.to_docx()))
    section = doc.sections[0]
    # §5.2.1: A4, 天头 37 mm, 订口 28 mm; bottom 35 mm and right 26 mm follow from the 版心.
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(length.mm, 1) if length else None for length in sizes] == [
        210,
        297,
        37,
        35,
        28,
        26,
    ]
    masthead, title = doc.paragraphs[0], doc.paragraphs[4]
    assert str(masthead.runs[0].font.color.rgb) == "C00000"
    assert title.runs[0].font.size == Pt(22)  # 2号
    heading = next(p for p in doc.paragraphs if p.text == "（一）超期事项")
    fonts = heading.runs[0]._element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts is not None and fonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    footer = section.footer.paragraphs[0]._p
    assert footer.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"


@pytest.mark.skipif(
    not official_documents.PDF_FONT_FILE.exists(), reason="fonts-arphic-uming not installed"
)
def test_pdf_embeds_the_uming_font(fresh_font: None) -> None:
    pdf = BULLETIN.to_pdf()
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"UMingCN" in pdf


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_reads_back_including_markup_characters(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(BULLETIN.to_pdf())
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "乐科督通〔2026〕1号" in text
    assert "待核查<2>项" in text and " &\n" in text  # escaped, not read as markup
    assert "2026年11月23日印发" in text


def test_pdf_falls_back_to_stsong_and_warns_without_the_font_file(
    fresh_font: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(official_documents, "PDF_FONT_FILE", Path("/nonexistent/uming.ttc"))
    with caplog.at_level(logging.WARNING, logger=official_documents.__name__):
        pdf = BULLETIN.to_pdf()
    assert b"STSong-Light" in pdf and b"/FontFile2" not in pdf
    assert "fonts-arphic-uming" in caplog.text


def test_a_table_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="表格第2行有1列，表头有2列"):
        Table(["单位", "数量"], [["甲", "1"], ["乙"]])


def test_signature_without_seal_puts_the_date_two_characters_right_of_the_organ() -> None:
    # §7.3.5.2: organ 右空二字; date starts two characters right of the organ's first one.
    # 乐山市科学技术局 is 8 characters; 2026年11月22日 is 7 (digits are half width).
    assert signature_indents("乐山市科学技术局", "2026年11月22日") == (2.0, 1.0)
    # A date longer than the organ stands 右空二字 and the organ moves left: 4 + 7 - 3 = 8.
    assert signature_indents("科技局", "2026年11月22日") == (8.0, 2.0)


def test_masthead_shrinks_only_when_it_would_not_fit_one_line() -> None:
    assert masthead_size("乐山市科学技术局文件") == 36
    # 版心 156 mm = 442.2 pt; 20 characters at 95 % fill: 442.2 / 20 * 0.95 = 21.0 pt.
    assert masthead_size("乐" * 20) == pytest.approx(21.0, abs=0.05)


def test_chinese_date_uses_arabic_numerals_without_leading_zeros() -> None:
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"
