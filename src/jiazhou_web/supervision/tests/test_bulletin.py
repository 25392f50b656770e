"""The monthly 通报 opens as Word (python-docx) and as a PDF with the drafted content."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from jiazhou_web.core.models import AuditLog
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import SupervisionEvent
from jiazhou_web.supervision.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_bulletin_docx_and_pdf_carry_the_numbers(
    make_item: Any,
    task_list: Any,
    city_admin: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    make_item("in_progress", start="2025-03-03", deadline="2025-03-14")  # red by 03-31
    make_item("in_progress", start="2025-03-03", deadline="2025-12-31")
    with django_capture_on_commit_callbacks(execute=True):  # the files land on commit
        bulletin = actions.draft_bulletin(
            task_list, year=2025, month=3, actor=city_admin, at=at("2025-04-02")
        )
    assert bulletin.number == "乐科督通〔2025〕1号"
    doc = Document(io.BytesIO(bulletin.docx.read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于“四个一批”科技项目推进清单2025年3月推进情况的通报" in text
    assert "共列入事项2项" in text and "红灯（超期）1项" in text
    assert doc.tables[0].rows[1].cells[0].text == "乐山市经济和信息化局"  # overdue by unit
    assert bulletin.pdf.read().startswith(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True):
        again = actions.draft_bulletin(task_list, year=2025, month=3, actor=city_admin)
    assert again.pk == bulletin.pk and again.number == bulletin.number
    assert AuditLog.objects.filter(event_type=SupervisionEvent.BULLETIN_DRAFTED).count() == 2
