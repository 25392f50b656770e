"""Storage fails or a worker dies: an unwritable upload folder and a full disk give a Chinese
message with nothing stored; a rolled-back action leaves no file; a worker killed between the
file write and the commit leaves no row and only a pending file, which ``orphan_files`` lists
(dry run by default) and removes; a worker killed after the commit has its file moved in."""

from __future__ import annotations

import datetime as dt
import io
import os
import resource
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from tests.faults.conftest import ON_POSTGRES, files_under

from jiazhou_web.core import stored_files
from jiazhou_web.core.models import AuditLog
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.models import ProgressReport
from jiazhou_web.supervision.tests.conftest import at

NOW = at("2026-12-04", 10)


def pdf(size: int = 2_000, name: str = "进展.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * size, content_type="application/pdf")


def post_report(client: Client, item: Any, upload: SimpleUploadedFile) -> Any:
    return client.post(
        reverse("supervision:item_step", args=[item.pk, "report"]),
        {"percent_done": 30, "text": "中试完成", "attachment": upload},
    )


def unchanged(item: Any, reports: int, audits: int) -> None:
    item.refresh_from_db()
    assert (item.stage, item.percent_done) == ("signed", 0)
    assert ProgressReport.objects.count() == reports and AuditLog.objects.count() == audits


@pytest.fixture
def full_media(media: Path) -> Iterator[Path]:
    """A full disk: MEDIA_ROOT on a 64 KiB tmpfs (ENOSPC); where mounting is not allowed
    (not root), a 64 KiB file-size limit on this process (EFBIG) stands in for it."""
    mounted = (
        os.geteuid() == 0
        and shutil.which("mount") is not None
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(media)],
            check=False,
            capture_output=True,
        ).returncode
        == 0
    )
    if mounted:
        try:
            yield media
        finally:
            subprocess.run(["umount", str(media)], check=False)
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    try:
        yield media
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


@pytest.mark.django_db
def test_unwritable_upload_folder_gives_a_message_and_stores_nothing(
    make_item: Any, dept_officer: Any, unwritable_media: Path
) -> None:
    item = make_item("signed")
    client = Client(raise_request_exception=False)
    client.force_login(dept_officer)
    reports, audits = ProgressReport.objects.count(), AuditLog.objects.count()
    response = post_report(client, item, pdf())
    html = response.content.decode()
    assert response.status_code == 503, html[:300]
    assert "文件存储不可写" in html and "本次操作未保存任何数据" in html
    assert "联系系统管理员" in html and response.headers["X-Request-ID"] in html
    unchanged(item, reports, audits)
    assert files_under(unwritable_media) == []


@pytest.mark.django_db
def test_full_disk_gives_a_message_and_leaves_no_partial_file(
    make_item: Any, dept_officer: Any, full_media: Path
) -> None:
    item = make_item("signed")
    client = Client(raise_request_exception=False)
    client.force_login(dept_officer)
    reports, audits = ProgressReport.objects.count(), AuditLog.objects.count()
    response = post_report(client, item, pdf(size=200_000))
    html = response.content.decode()
    assert response.status_code == 507, html[:300]
    assert "文件存储空间已满" in html and "本次操作未保存任何数据" in html
    unchanged(item, reports, audits)
    assert files_under(full_media) == []


@pytest.mark.django_db
def test_a_rolled_back_action_leaves_no_file(
    make_item: Any, dept_officer: Any, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = make_item("signed")

    def audit_fails(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the audit write failed after the file was written")

    monkeypatch.setattr("jiazhou_web.core.audit.record", audit_fails)
    with pytest.raises(RuntimeError):
        actions.report_progress(
            item, percent_done=30, text="x", attachment=pdf(), actor=dept_officer, at=NOW
        )
    assert files_under(media) == []
    assert ProgressReport.objects.count() == 0


@pytest.mark.django_db
def test_a_committed_attachment_lands_at_its_final_name_with_the_users_file_name(
    make_item: Any, dept_officer: Any, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    item = make_item("signed")
    with django_capture_on_commit_callbacks(execute=True):
        report = actions.report_progress(
            item, percent_done=30, text="x", attachment=pdf(), actor=dept_officer, at=NOW
        )
    assert files_under(media) == [report.attachment.name]
    assert Path(report.attachment.name).name == "进展.pdf"
    assert report.attachment.name.startswith("supervision/reports/")  # upload_to, then token


@pytest.mark.django_db(transaction=True)
def test_worker_killed_between_file_write_and_commit(
    make_item: Any, dept_officer: Any, media: Path
) -> None:
    """A forked worker stages the attachment, then is SIGKILLed before COMMIT: no row, no
    file under its final name; ``orphan_files`` lists the pending file without touching it,
    and removes it with ``--delete``."""
    item = make_item("signed")
    reports, audits = ProgressReport.objects.count(), AuditLog.objects.count()
    keep: list[Any] = []
    pid = os.fork()
    if pid == 0:  # the worker
        try:
            if ON_POSTGRES:  # its own connection; the parent's socket is left alone
                keep.append(connection.connection)
                connection.connection = None
            with transaction.atomic():
                actions.report_progress(
                    item, percent_done=30, text="x", attachment=pdf(), actor=dept_officer, at=NOW
                )
                os.kill(os.getpid(), signal.SIGKILL)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    unchanged(item, reports, audits)
    left = files_under(media)
    assert len(left) == 1 and left[0].startswith(".pending/") and left[0].endswith("进展.pdf")
    written = time.time()  # on the suite's pinned clock, which the command reads
    os.utime(media / left[0], (written, written))

    out = io.StringIO()
    call_command("orphan_files", "--min-age-minutes", "0", stdout=out)
    assert f"孤立文件 orphan: {left[0]}" in out.getvalue() and "dry run" in out.getvalue()
    assert files_under(media) == left  # a dry run removes nothing
    young = io.StringIO()
    call_command("orphan_files", "--delete", stdout=young)  # default: only files > 60 min old
    assert files_under(media) == left and "too recent" in young.getvalue()
    call_command("orphan_files", "--delete", "--min-age-minutes", "0", stdout=io.StringIO())
    assert files_under(media) == []


@pytest.mark.django_db(transaction=True)
def test_worker_killed_after_commit_before_the_move_gets_its_file_moved_in(
    make_item: Any, dept_officer: Any, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = make_item("signed")
    monkeypatch.setattr(stored_files, "publish", lambda storage, pending: None)  # dies here
    report = actions.report_progress(
        item, percent_done=30, text="x", attachment=pdf(), actor=dept_officer, at=NOW
    )
    monkeypatch.undo()
    final = report.attachment.name
    assert files_under(media) == [f".pending/{final.split('/')[-2]}/{final}"]
    out, err = io.StringIO(), io.StringIO()
    call_command("orphan_files", "--min-age-minutes", "0", stdout=out, stderr=err)
    assert "committed, not moved" in out.getvalue() and "missing" not in err.getvalue()
    call_command("orphan_files", "--delete", "--min-age-minutes", "0", stdout=io.StringIO())
    assert files_under(media) == [final]


@pytest.mark.django_db
def test_orphan_command_reports_rows_whose_file_is_missing_and_old_stray_files(
    make_item: Any, dept_officer: Any, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    item = make_item("signed")
    with django_capture_on_commit_callbacks(execute=True):
        report = actions.report_progress(
            item, percent_done=30, text="x", attachment=pdf(), actor=dept_officer, at=NOW
        )
    stray = media / "supervision" / "reports" / "2025" / "01" / "旧文件.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"old")
    old = (dt.datetime.now() - dt.timedelta(hours=3)).timestamp()  # noqa: DTZ005 - file time
    os.utime(stray, (old, old))
    (media / report.attachment.name).unlink()
    out, err = io.StringIO(), io.StringIO()
    call_command("orphan_files", stdout=out, stderr=err)
    assert "supervision/reports/2025/01/旧文件.pdf" in out.getvalue()
    assert f"文件缺失 missing file of a record: {report.attachment.name}" in err.getvalue()
    call_command("orphan_files", "--delete", stdout=io.StringIO())
    assert not stray.exists()


@pytest.mark.django_db
def test_a_record_whose_file_is_missing_downloads_as_a_404_page_not_a_500(
    make_item: Any, dept_officer: Any, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    item = make_item("signed")
    with django_capture_on_commit_callbacks(execute=True):
        report = actions.report_progress(
            item, percent_done=30, text="x", attachment=pdf(), actor=dept_officer, at=NOW
        )
    (media / report.attachment.name).unlink()
    client = Client(raise_request_exception=False)
    client.force_login(dept_officer)
    response = client.get(reverse("supervision:report_attachment", args=[report.pk]))
    assert response.status_code == 404
    assert "找不到该页面或记录" in response.content.decode()
