"""Correction requests, document uploads (content checks) and the firm's accounts."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from jiazhou_web.core.access import can
from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.actions import set_annual_figures
from jiazhou_web.enterprises.models import EnterpriseFigure
from jiazhou_web.workspace import actions, uploads
from jiazhou_web.workspace.choices import CorrectionState
from jiazhou_web.workspace.models import FirmDocument

pytestmark = pytest.mark.django_db


def last_year() -> int:
    return timezone.localdate().year - 1


@pytest.fixture
def taxed(firm: Any) -> Any:
    """营业收入 500万元 held from 税务 for last year."""
    return set_annual_figures(
        firm,
        last_year(),
        {"operating_revenue": Decimal(5_000_000)},
        source="tax",
        as_of=dt.date(last_year() + 1, 3, 31),
        actor=None,
    )


# -- corrections ----------------------------------------------------------------------------


def test_a_correction_of_a_taxed_value_accepted_by_the_county(
    firm: Any, firm_user: Any, county_officer: Any, taxed: Any
) -> None:
    request = actions.request_correction(
        firm,
        fiscal_year=last_year(),
        field="operating_revenue",
        proposed=Decimal(5_200_000),
        reason="含其他业务收入",
        actor=firm_user,
    )
    assert (request.held_value, request.held_source) == ("5000000", "tax")
    with pytest.raises(ValidationError, match="已有待裁定的更正申请"):
        actions.request_correction(
            firm,
            fiscal_year=last_year(),
            field="operating_revenue",
            proposed=Decimal(1),
            reason="再次",
            actor=firm_user,
        )
    with pytest.raises(ValidationError, match="请填写裁定意见"):
        actions.decide_correction(request, accept=True, note="", actor=county_officer)
    actions.decide_correction(request, accept=True, note="核对纳税申报表无误", actor=county_officer)
    figure = EnterpriseFigure.objects.get(enterprise=firm, field="operating_revenue")
    assert (figure.value, figure.source) == (Decimal(5_200_000), "declaration")
    request.refresh_from_db()
    assert request.state == CorrectionState.ACCEPTED
    assert AuditLog.objects.filter(event_type="workspace.correction_decided").count() == 1


def test_a_rejected_correction_keeps_the_held_value(
    firm: Any, firm_user: Any, county_officer: Any, taxed: Any
) -> None:
    request = actions.request_correction(
        firm,
        fiscal_year=last_year(),
        field="operating_revenue",
        proposed=Decimal(9_000_000),
        reason="估算",
        actor=firm_user,
    )
    actions.decide_correction(request, accept=False, note="无依据", actor=county_officer)
    figure = EnterpriseFigure.objects.get(enterprise=firm, field="operating_revenue")
    assert (figure.value, figure.source) == (Decimal(5_000_000), "tax")
    with pytest.raises(ValidationError, match="当前状态为「不予更正」"):
        actions.decide_correction(request, accept=True, note="改判", actor=county_officer)


def test_corrections_only_of_values_held_from_another_source(
    firm: Any, firm_user: Any, county_officer: Any
) -> None:
    with pytest.raises(ValidationError, match="平台未持有本企业"):
        actions.request_correction(
            firm,
            fiscal_year=last_year(),
            field="operating_revenue",
            proposed=Decimal(1),
            reason="x",
            actor=firm_user,
        )
    set_annual_figures(
        firm,
        last_year(),
        {"employees_total": 40},
        source="declaration",
        as_of=timezone.localdate(),
        actor=None,
    )
    with pytest.raises(ValidationError, match="是本企业申报的数据，请通过新的年报申报修改"):
        actions.request_correction(
            firm,
            fiscal_year=last_year(),
            field="employees_total",
            proposed=41,
            reason="x",
            actor=firm_user,
        )


def test_the_correction_page_checks_the_value_like_the_form(
    firm: Any, firm_user: Any, taxed: Any
) -> None:
    client = Client()
    client.force_login(firm_user)
    url = f"/workspace/corrections/new/?year={last_year()}&field=operating_revenue"
    page = client.get(url)
    assert "500.00万元" in page.content.decode() and "税务" in page.content.decode()
    bad = client.post(
        "/workspace/corrections/new/",
        {
            "year": last_year(),
            "field": "operating_revenue",
            "proposed_value": "很多",
            "reason": "x",
        },
    )
    assert bad.status_code == 200
    assert "「营业收入」：应为数字，「很多」无法识别" in bad.content.decode()
    good = client.post(
        "/workspace/corrections/new/",
        {"year": last_year(), "field": "operating_revenue", "proposed_value": "520", "reason": "x"},
    )
    assert good.status_code == 303
    assert firm.correction_requests.get().proposed_value == "5200000"  # 520 万元
    assert client.get("/workspace/corrections/new/?year=abc&field=x").status_code == 404


# -- uploads --------------------------------------------------------------------------------


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def ooxml(main: str, extra: dict[str, bytes] | None = None, types: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", f"<Types>{types}</Types>")
        package.writestr(main, "<x/>")
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("执照.pdf", b"%PDF-1.7\n...", uploads.PDF),
        ("scan.PNG", b"\x89PNG\r\n\x1a\n....", uploads.PNG),
        ("scan.jpeg", b"\xff\xd8\xff\xe0....", uploads.JPEG),
        ("报告.docx", ooxml("word/document.xml"), uploads.DOCX),
        ("报表.xlsx", ooxml("xl/workbook.xml"), uploads.XLSX),
    ],
)
def test_accepted_kinds_by_content(name: str, content: bytes, kind: str) -> None:
    assert uploads.check(upload(name, content)).content_type == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00", "Windows 可执行文件"),
        ("run.pdf", b"\x7fELF\x02", "Linux 可执行文件"),
        ("a.pdf", b"#!/bin/sh\nrm -rf /", "脚本文件"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "旧版 Word、Excel 文件"),
        ("m.xlsx", ooxml("xl/workbook.xml", {"xl/vbaProject.bin": b"vba"}), "含有宏"),
        ("m.docx", ooxml("word/document.xml", types="macroEnabled.main+xml"), "含有宏"),
        ("fake.pdf", b"\x89PNG\r\n\x1a\n....", "扩展名「.pdf」与内容（.png）不符"),
        ("note.txt", b"hello", "内容不是允许的类型"),
        ("zip.docx", b"PK\x03\x04broken", "内容不是允许的类型"),
        ("empty.pdf", b"", "是空文件"),
    ],
)
def test_refused_uploads_say_why(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        uploads.check(upload(name, content))
    assert message in str(caught.value) and f"文件「{name}」" in str(caught.value)


@override_settings(WORKSPACE_UPLOAD_MAX_BYTES=10)
def test_the_size_limit_is_a_boundary() -> None:
    assert uploads.check(upload("a.pdf", b"%PDF-12345")).size == 10  # exactly the limit
    with pytest.raises(ValidationError, match="超过上限 10 字节"):
        uploads.check(upload("a.pdf", b"%PDF-123456"))


@override_settings(JIAZHOU_VIRUS_SCANNER="jiazhou_web.core.virus_scan.eicar_only")
def test_the_virus_scan_hook_refuses_eicar_with_an_audit_row(
    firm: Any, firm_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from jiazhou_web.core.virus_scan import EICAR

    with pytest.raises(ValidationError, match="未通过病毒扫描（发现：Eicar-Test-Signature）"):
        actions.upload_document(
            firm,
            kind="other",
            title="审计报告",
            upload=upload("a.pdf", b"%PDF-1.4\n" + EICAR),
            actor=firm_user,
        )
    assert not FirmDocument.objects.exists()
    refused = AuditLog.objects.get(event_type="uploads.scan_refused")
    assert refused.after["文件"] == "a.pdf" and refused.after["病毒"] == "Eicar-Test-Signature"
    with django_capture_on_commit_callbacks(execute=True):
        clean = actions.upload_document(
            firm,
            kind="other",
            title="审计报告",
            upload=upload("b.pdf", b"%PDF-1.4 clean"),
            actor=firm_user,
        )
    assert clean.pk and AuditLog.objects.filter(event_type="uploads.scan_refused").count() == 1


def test_a_refused_upload_leaves_nothing(
    firm: Any, firm_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with pytest.raises(ValidationError):
        actions.upload_document(
            firm, kind="other", title="x", upload=upload("x.pdf", b"MZ"), actor=firm_user
        )
    assert not FirmDocument.objects.exists()
    assert not AuditLog.objects.filter(event_type="workspace.document_uploaded").exists()


def test_documents_are_served_only_within_scope(
    firm: Any,
    firm_user: Any,
    zone_user: Any,
    county_officer: Any,
    zone_officer: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        document = actions.upload_document(
            firm,
            kind="licence",
            title="营业执照",
            upload=upload("执照.pdf", b"%PDF-1.4 licence"),
            actor=firm_user,
        )
    url = f"/workspace/documents/{document.pk}/"
    for user, status in (
        (firm_user, 200),
        (county_officer, 200),
        (zone_user, 404),
        (zone_officer, 404),
    ):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content) == b"%PDF-1.4 licence"  # type: ignore[attr-defined]
            assert "attachment" in response["Content-Disposition"]
    with pytest.raises(PermissionDenied):
        actions.upload_document(
            firm, kind="other", title="x", upload=upload("x.pdf", b"%PDF"), actor=zone_user
        )


# -- accounts -------------------------------------------------------------------------------


def test_only_the_firm_admin_invites_and_the_colleague_reaches_only_the_firm(
    firm: Any, firm_user: Any, zone_firm: Any
) -> None:
    with pytest.raises(PermissionDenied):
        actions.invite_colleague(
            firm, username="c1", display_name="同事", password="Colleague-2026!", actor=firm_user
        )
    actions.appoint_admin(firm, firm_user, actor=None)
    member = actions.invite_colleague(
        firm, username="c1", display_name="同事", password="Colleague-2026!", actor=firm_user
    )
    assert member.invited_by == firm_user and not member.is_admin
    event = AuditLog.objects.get(event_type="workspace.colleague_invited")
    assert event.after == {"user": "同事"} and event.target == member
    client = Client()
    assert client.login(username="c1", password="Colleague-2026!")
    assert client.get("/workspace/").status_code == 200
    assert client.get(f"/workspace/?firm={zone_firm.pk}").status_code == 404
    assert client.get(f"/enterprises/{zone_firm.pk}/").status_code == 404
    assert not can(member.user, "workspace.accounts", firm)  # invited, not an admin
    with pytest.raises(ValidationError, match="登录名「C1」已被使用"):
        actions.invite_colleague(
            firm, username="C1", display_name="又一个", password="Colleague-2026!", actor=firm_user
        )


def test_removing_a_colleague_ends_their_access(firm: Any, firm_admin: Any) -> None:
    member = actions.invite_colleague(
        firm, username="c2", display_name="同事", password="Colleague-2026!", actor=firm_admin
    )
    with pytest.raises(ValidationError, match="不能移除自己的账号"):
        actions.remove_colleague(firm, firm_admin, actor=firm_admin)
    actions.remove_colleague(firm, member.user, actor=firm_admin)
    client = Client()
    client.force_login(member.user)
    assert client.get("/workspace/").status_code == 403
    with pytest.raises(ValidationError, match="不是本企业的在用账号"):
        actions.remove_colleague(firm, member.user, actor=firm_admin)
    assert AuditLog.objects.filter(event_type="workspace.colleague_removed").count() == 1


def test_the_accounts_page_refuses_a_non_admin_post(firm: Any, firm_user: Any) -> None:
    client = Client()
    client.force_login(firm_user)
    page = client.get("/workspace/accounts/")
    assert page.status_code == 200 and "只有本企业的账号管理员" in page.content.decode()
    response = client.post(
        "/workspace/accounts/",
        {"username": "c3", "display_name": "x", "password": "Colleague-2026!"},
    )
    assert response.status_code == 403


def test_the_first_admin_is_appointed_by_command(firm: Any, firm_user: Any, outsider: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("appoint_firm_admin", "firm_user", stdout=out)
    assert "企业账号管理员" in out.getvalue()
    assert can(firm_user, "workspace.accounts", firm)
    with pytest.raises(CommandError, match="已是企业账号管理员"):
        call_command("appoint_firm_admin", "firm_user")
    with pytest.raises(CommandError, match="关联 0 家企业"):
        call_command("appoint_firm_admin", "outsider")
    with pytest.raises(CommandError, match="不存在"):
        call_command("appoint_firm_admin", "nobody")
