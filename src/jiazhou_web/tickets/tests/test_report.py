"""月度诉求分析报告: the Word and PDF downloads carry the numbers the 三率 and 红黑榜 pages show,
cut to the reader's scope."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from docx import Document

from jiazhou_web.tickets import actions, overdue
from jiazhou_web.tickets.tests.conftest import at

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _ticket(w: dict[str, Any], i: int, unit: Any, *, late: bool, outcome: str, level: int) -> Any:
    t = actions.raise_ticket(
        w["firm"],
        title=f"用电增容第{i}件",
        text=f"园区用电增容申请未批复，第{i}次反映",
        actor=w["firm_user"],
        at=at(6, 3, 9, i),
    )
    actions.dispatch(t, unit=unit, actor=w["city"], at=at(6, 3, 10, i))
    actions.sign(t, actor=w["county" if unit == w["county_unit"] else "dept"], at=at(6, 3, 11, i))
    # urgent tier: first contact due 2 working hours after dispatch (12:00 + lunch → 13:30+)
    contact_at = at(6, 4, 15, i) if late else at(6, 3, 11, 30 + i)
    handler = w["county"] if unit == w["county_unit"] else w["dept"]
    actions.contact(t, actor=handler, at=contact_at)
    actions.reply(t, text="已协调供电公司办理完毕。", actor=handler, at=at(6, 4, 16, i))
    actions.callback(
        t, outcome=outcome, satisfaction=level, actor=w["firm_user"], at=at(6, 5, 10, i)
    )
    return t


@pytest.fixture
def month(world: dict[str, Any]) -> dict[str, Any]:
    w = world
    _ticket(w, 1, w["unit"], late=False, outcome="resolved", level=5)
    _ticket(w, 2, w["unit"], late=False, outcome="resolved", level=4)
    _ticket(w, 3, w["county_unit"], late=True, outcome="resolved", level=4)
    _ticket(w, 4, w["county_unit"], late=False, outcome="unresolved", level=2)
    return w


def _docx_text(content: bytes) -> tuple[str, list[list[str]]]:
    doc = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    return text, rows


def test_report_numbers_are_the_pages_numbers(month: dict[str, Any]) -> None:
    w = month
    client = _client(w["city"])
    rates = client.get("/tickets/rates/?month=2025-06").content.decode()
    ranking = client.get("/tickets/boards/?month=2025-06").content.decode()
    assert 'data-testid="report-docx"' in rates and 'data-testid="report-pdf"' in ranking
    r = client.get("/tickets/report/?month=2025-06&format=docx")
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="tickets-report-2025-06.docx"'
    text, rows = _docx_text(r.content)
    assert "关于2025年6月企业诉求办理情况的分析报告" in text
    assert "乐科诉析〔2025〕6号" in text
    # 一、总体情况: the analysis card's counts
    assert "受理 <strong>4</strong> 件，办结 <strong>4</strong> 件" in rates
    assert "共受理企业诉求4件，办结4件" in text
    # 二、top categories: the card's list
    assert "要素保障 › 水电气：4 件" in rates
    assert ["1", "要素保障／水电气", "4"] in rows  # › is not in the 公文 fonts
    # 三、三率 by peer group: every unit's row carries exactly the page's figures
    unit_rows = [row for row in rows if row[1] in {w["unit"].name, w["county_unit"].name}]
    assert len(unit_rows) == 2
    for _rank, name, response, resolution, satisfaction, score, _board in unit_rows:
        assert (
            f'<td>{name}</td><td class="num">{response}</td><td class="num">{resolution}</td>'
            f'<td class="num">{satisfaction}</td><td class="num"><strong>{score}</strong></td>'
        ) in rates
        assert f"<td>{name}</td><td>{score}</td>" in ranking
    county = next(row for row in unit_rows if row[1] == w["county_unit"].name)
    # by hand: 响应 1/2 = 50%, 解决 1/2 = 50%, 满意 1/2 = 50% → 50.0
    assert county[2:6] == ["50.0%", "50.0%", "50.0%", "50.0"]
    city = next(row for row in unit_rows if row[1] == w["unit"].name)
    assert city[2:6] == ["100.0%", "100.0%", "100.0%", "100.0"]
    assert "区县：红榜" in text and "市级部门：红榜" in text


def test_report_is_cut_to_the_readers_scope_and_refuses_bad_input(month: dict[str, Any]) -> None:
    w = month
    # the 市经信局 officer sees only its own unit's tickets: the county's row is not in its report
    r = _client(w["dept"]).get("/tickets/report/?month=2025-06&format=docx")
    _text, rows = _docx_text(r.content)
    names = {row[1] for row in rows if len(row) == 7}
    assert w["unit"].name in names and w["county_unit"].name not in names
    assert _client(w["city"]).get("/tickets/report/?month=2025-06&format=xls").status_code == 404
    bare = _client(w["city"]).get("/tickets/report/?month=2025-06")
    assert bare.status_code == 302 and bare["Location"] == "/tickets/rates/?month=2025-06"
    assert _client(w["city"]).get("/tickets/report/?month=2099-01&format=pdf").status_code == 404
    assert _client(w["firm_user"]).get("/tickets/report/?format=pdf").status_code == 403


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_carries_the_same_figures(month: dict[str, Any], tmp_path: Path) -> None:
    w = month
    overdue.run(at(6, 5, 12))  # nothing overdue: every ticket was answered in time
    r = _client(w["city"]).get("/tickets/report/?month=2025-06&format=pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(r.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "企业诉求分析月报" in text and "乐科诉析〔2025〕6号" in text
    assert "50.0%" in text and "100.0%" in text and "要素保障／水电气" in text
    assert "本月超期督办涉及诉求0件" in text.replace(" ", "").replace("\n", "")
