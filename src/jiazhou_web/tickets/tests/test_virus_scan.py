"""The virus-scan hook on 企业诉求 attachments (``core.virus_scan``): the EICAR test file through
the built-in test scanner, the ClamAV client wrapper against a stand-in ``clamdscan`` (exit codes
and messages the real client may give; the real daemon is in test_clamav_daemon.py), failing
closed when the scanner cannot answer."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from jiazhou_web.core import virus_scan
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.virus_scan import EICAR
from jiazhou_web.tickets import actions
from jiazhou_web.tickets.models import Ticket

pytestmark = pytest.mark.django_db

EICAR_PDF = b"%PDF-1.4\n" + EICAR + b"\n%%EOF"
TEXT = "园区用电增容申请提交两个月仍未批复，请协调"


def _raise(w: dict[str, Any], content: bytes, name: str = "批复申请.pdf") -> Ticket:
    return actions.raise_ticket(
        w["firm"],
        title="用电增容迟迟未批复",
        text=TEXT,
        attachment=SimpleUploadedFile(name, content),
        actor=w["firm_user"],
    )


def test_eicar_is_found_by_the_test_scanner() -> None:
    assert virus_scan.eicar_only(EICAR) == "Eicar-Test-Signature"
    assert virus_scan.eicar_only(EICAR_PDF) == "Eicar-Test-Signature"
    assert virus_scan.eicar_only(b"%PDF-1.4 clean") is None


@override_settings(JIAZHOU_VIRUS_SCANNER="jiazhou_web.core.virus_scan.eicar_only")
def test_an_infected_attachment_refuses_the_ticket_with_an_audit_row(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    w = world
    with pytest.raises(ValidationError) as caught:
        _raise(w, EICAR_PDF)
    message = str(caught.value)
    assert message.index("未通过病毒扫描") < message.index("failed the virus scan")
    assert not Ticket.objects.exists()
    row = AuditLog.objects.get(event_type="uploads.scan_refused")
    assert row.after == {
        "文件": "批复申请.pdf",
        "用途": "企业诉求附件",
        "病毒": "Eicar-Test-Signature",
    }
    # through the page: the message is shown, nothing is stored, no 500
    client = Client()
    client.force_login(w["firm_user"])
    r = client.post(
        "/tickets/mine/new/",
        {
            "enterprise": w["firm"].pk,
            "title": "用电增容迟迟未批复",
            "text": TEXT,
            "attachment": SimpleUploadedFile("a.pdf", EICAR_PDF),
        },
        follow=True,
    )
    assert r.status_code == 200 and "未通过病毒扫描" in r.content.decode()
    assert not Ticket.objects.exists()
    # a clean file passes the same hook
    with django_capture_on_commit_callbacks(execute=True):
        t = _raise(w, b"%PDF-1.4 clean")
    assert t.attachments.count() == 1


def _stand_in(tmp_path: Path, body: str) -> list[str]:
    """A stand-in for the ClamAV client: a script answering as ``clamdscan`` does."""
    script = tmp_path / "clamdscan"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return [str(script), "--fdpass", "--no-summary", "--stdout"]


EICAR_CLIENT = (
    # like clamdscan: exit 1 and "<file>: <signature> FOUND" when the file holds EICAR
    'for f; do :; done\nif grep -q "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" "$f"; then\n'
    '  echo "$f: Win.Test.EICAR_HDB-1 FOUND"; exit 1\nfi\necho "$f: OK"; exit 0\n'
)


def test_clamdscan_wrapper_reads_the_clients_verdicts(tmp_path: Path) -> None:
    with override_settings(JIAZHOU_CLAMDSCAN_COMMAND=_stand_in(tmp_path, EICAR_CLIENT)):
        assert virus_scan.clamdscan(EICAR_PDF) == "Win.Test.EICAR_HDB-1"
        assert virus_scan.clamdscan(b"%PDF-1.4 clean") is None
    down = _stand_in(tmp_path, 'echo "ERROR: Could not connect to clamd" >&2; exit 2\n')
    with (
        override_settings(JIAZHOU_CLAMDSCAN_COMMAND=down),
        pytest.raises(virus_scan.ScannerUnavailable, match="Could not connect"),
    ):
        virus_scan.clamdscan(b"x")
    with (
        override_settings(JIAZHOU_CLAMDSCAN_COMMAND=[str(tmp_path / "missing")]),
        pytest.raises(virus_scan.ScannerUnavailable),
    ):
        virus_scan.clamdscan(b"x")


def test_an_unavailable_scanner_fails_closed_unless_configured_open(
    world: dict[str, Any], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    w = world
    down = _stand_in(tmp_path, 'echo "ERROR: Could not connect to clamd" >&2; exit 2\n')
    with override_settings(
        JIAZHOU_VIRUS_SCANNER="jiazhou_web.core.virus_scan.clamdscan",
        JIAZHOU_CLAMDSCAN_COMMAND=down,
    ):
        with pytest.raises(ValidationError, match="病毒扫描服务暂不可用"):
            _raise(w, b"%PDF-1.4 clean")
        assert not Ticket.objects.exists()
        row = AuditLog.objects.get(event_type="uploads.scan_refused")
        assert "Could not connect" in row.after["扫描不可用"]
        with (
            override_settings(JIAZHOU_VIRUS_SCAN_FAIL_CLOSED=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            t = _raise(w, b"%PDF-1.4 clean")  # accepted unscanned, with a warning logged
        assert t.attachments.count() == 1


@override_settings(JIAZHOU_VIRUS_SCANNER=None)
def test_no_scanner_configured_means_no_scan(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        t = _raise(world, EICAR_PDF)
    assert t.attachments.count() == 1
    assert not AuditLog.objects.filter(event_type="uploads.scan_refused").exists()
