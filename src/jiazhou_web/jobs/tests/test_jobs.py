"""Background jobs (issue 21, docs/adr/0021-background-jobs.md): lifecycle, exactly-once state
changes, failure and retry messages, who sees and downloads what, the export job writing the
same file as the synchronous export, idempotent schedules, and a status page whose query count
does not grow with the number of jobs."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from jiazhou_web.core.models import AuditLog
from jiazhou_web.jobs import actions, queue
from jiazhou_web.jobs.choices import JobEvent, JobKind, JobStatus
from jiazhou_web.jobs.models import Job

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def client_for(user: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def events(job: Job) -> list[str]:
    rows = AuditLog.objects.for_object(job).filter(event_type__startswith="jobs.")
    return list(rows.order_by("id").values_list("event_type", flat=True))


def test_a_job_goes_queued_running_done_with_one_audit_row_per_change(zone_officer: Any) -> None:
    job = actions.submit(JobKind.EXPORT, "导出「企业档案」", actor=zone_officer)
    assert (job.status, job.progress, job.started_by) == (JobStatus.QUEUED, 0, zone_officer)
    assert actions.start(job.pk)
    actions.set_progress(job.pk, 42, "已写入 42 行")
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.RUNNING, 42, 1)
    assert actions.finish(job.pk, message="完成", result_path="jobs/x.xlsx", result_name="x.xlsx")
    job.refresh_from_db()
    assert (job.status, job.progress, job.get_status_display()) == ("done", 100, "已完成")
    assert job.finished_at is not None and job.has_file
    assert events(job) == [JobEvent.QUEUED, JobEvent.STARTED, JobEvent.DONE]
    actions.set_progress(job.pk, 10)  # too late: a finished job keeps its 100 %
    job.refresh_from_db()
    assert job.progress == 100


def test_every_status_has_a_chinese_label() -> None:
    """Chinese by default; the labels are English msgids since issue 14's English switch."""
    assert {value: str(label) for value, label in JobStatus.choices} == {
        "queued": "排队中",
        "running": "运行中",
        "done": "已完成",
        "failed": "失败",
    }


def test_state_changes_happen_exactly_once(zone_officer: Any) -> None:
    job = actions.submit(JobKind.EXPORT, "导出", actor=zone_officer)
    assert actions.start(job.pk) is True
    assert actions.start(job.pk) is False  # a second delivery of the same task does nothing
    assert actions.finish(job.pk) is True
    assert actions.finish(job.pk) is False
    assert actions.fail(job.pk, "迟到的失败") is False  # a done job is not failed afterwards
    assert actions.start(job.pk) is False
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 1)
    assert events(job) == [JobEvent.QUEUED, JobEvent.STARTED, JobEvent.DONE]


def test_a_job_stuck_running_past_the_timeout_may_be_started_again(
    zone_officer: Any, settings: Any
) -> None:
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "timeout": 60}
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False) as clock:
        job = actions.submit(JobKind.EXPORT, "导出", actor=zone_officer)
        assert actions.start(job.pk)
        clock.shift(dt.timedelta(seconds=30))
        assert not actions.start(job.pk)  # still within its timeout: the worker is alive
        clock.shift(dt.timedelta(seconds=60))
        assert actions.start(job.pk)  # its worker was killed: the redelivered task takes over
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 2)


def test_a_failure_says_it_will_be_retried_and_the_retry_finishes_the_job(
    zone_officer: Any, settings: Any
) -> None:
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False, "max_attempts": 2}
    job = actions.submit(JobKind.EXPORT, "导出", actor=zone_officer)
    calls: list[int] = []

    def flaky(j: Job, progress: queue.Progress) -> queue.Outcome:
        calls.append(j.pk)
        if len(calls) == 1:
            raise ConnectionError("database went away")
        progress(50, "")
        return queue.Outcome(message="完成 / done")

    with pytest.raises(ConnectionError):  # not acknowledged: the queue delivers it again
        queue.run(job.pk, flaky)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("运行出错（第 1 次）：ConnectionError / failed on attempt 1")
    assert "系统将自动重试 / it will be retried automatically" in job.message
    queue.run(job.pk, flaky)  # the redelivered task
    job.refresh_from_db()
    assert (job.status, job.attempts, job.message) == (JobStatus.DONE, 2, "完成 / done")
    assert events(job) == [
        JobEvent.QUEUED,
        JobEvent.STARTED,
        JobEvent.FAILED,
        JobEvent.STARTED,
        JobEvent.DONE,
    ]


def test_the_last_attempt_and_bad_input_are_not_retried(zone_officer: Any, settings: Any) -> None:
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False, "max_attempts": 1}

    def broken(j: Job, progress: queue.Progress) -> queue.Outcome:
        raise RuntimeError("boom")

    job = actions.submit(JobKind.EXPORT, "导出", actor=zone_officer)
    queue.run(job.pk, broken)  # returns: acknowledged, not delivered again
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "不再自动重试" in job.message

    def bad_input(j: Job, progress: queue.Progress) -> queue.Outcome:
        raise ValidationError("该范围内没有可评价的企业 / no enterprises in this cohort")

    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "max_attempts": 5}
    job = actions.submit(JobKind.EVALUATION_RUN, "评价", actor=zone_officer)
    queue.run(job.pk, bad_input)
    job.refresh_from_db()
    assert job.message.startswith("该范围内没有可评价的企业 / no enterprises in this cohort。")
    assert "不再自动重试" in job.message


def _done_export(user: Any, media: Path) -> Job:
    job = actions.submit(JobKind.EXPORT, "导出「企业档案」", actor=user)
    actions.start(job.pk)
    (media / "jobs").mkdir(exist_ok=True)
    (media / "jobs" / f"{job.pk}.xlsx").write_bytes(b"PK-test")
    actions.finish(job.pk, result_path=f"jobs/{job.pk}.xlsx", result_name="enterprises.xlsx")
    return job


def test_another_user_can_neither_see_nor_download_a_job(
    zone_officer: Any, county_officer: Any, city_admin: Any, media: Path
) -> None:
    job = _done_export(zone_officer, media)
    own = client_for(zone_officer)
    assert own.get(f"/jobs/{job.pk}/").status_code == 200
    download = own.get(f"/jobs/{job.pk}/download/")
    body = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert download.status_code == 200 and body == b"PK-test"
    assert events(job)[-1] == JobEvent.DOWNLOADED
    other = client_for(county_officer)
    assert other.get(f"/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/jobs/{job.pk}/download/").status_code == 404
    assert job.label not in other.get("/jobs/").content.decode()
    admin = client_for(city_admin)  # sees every job, downloads only their own
    assert job.label in admin.get("/jobs/").content.decode()
    assert admin.get(f"/jobs/{job.pk}/").status_code == 200
    assert admin.get(f"/jobs/{job.pk}/download/").status_code == 404
    # a result path pointing outside MEDIA_ROOT/jobs is never served
    Job.objects.filter(pk=job.pk).update(result_path="../../etc/passwd")
    assert own.get(f"/jobs/{job.pk}/download/").status_code == 404


@pytest.mark.parametrize("path", ["/jobs/abc/", "/jobs/99999999/", "/jobs/99999999/download/"])
def test_bad_job_ids_are_a_404_never_a_500(zone_officer: Any, path: str) -> None:
    response = client_for(zone_officer).get(path)
    assert response.status_code == 404


def test_bad_list_parameters_are_ignored(zone_officer: Any) -> None:
    client = client_for(zone_officer)
    for query in ("?status=bogus", "?page=abc", "?page=-1", "?status=done&page=99"):
        assert client.get("/jobs/" + query).status_code == 200


def test_the_progress_fragment_polls_while_running_and_stops_when_done(zone_officer: Any) -> None:
    client = client_for(zone_officer)
    job = actions.submit(JobKind.EXPORT, "导出", actor=zone_officer)
    actions.start(job.pk)
    actions.set_progress(job.pk, 30)
    html = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in html and "30%" in html and "运行中" in html
    assert "<html" not in html
    actions.finish(job.pk)
    html = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in html and "已完成" in html and "100%" in html


def _cells(content: bytes) -> list[list[list[Any]]]:
    book = load_workbook(io.BytesIO(content))
    return [[list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets]


def test_a_big_export_runs_as_a_job_and_gives_the_same_file_as_the_sync_export(
    make_enterprise: Any, county_officer: Any, settings: Any
) -> None:
    for _ in range(7):
        make_enterprise(region="511112")
    client = client_for(county_officer)
    url = "/enterprises/?export=xlsx"
    # the clock stands still (the role assignment is from today): the two files are then
    # written at the same moment, so even the workbook's creation time is the same
    with time_machine.travel(dt.datetime.now(tz=SHANGHAI), tick=False):
        settings.EXPORT_JOB_MIN_ROWS = 100  # below the threshold: written in the request
        sync = client.get(url)
        assert sync.status_code == 200 and not Job.objects.exists()
        settings.EXPORT_JOB_MIN_ROWS = 5  # at or above it: a job, then its progress page
        queued = client.get(url)
        job = Job.objects.get()
        assert queued.status_code == 302 and queued["Location"] == f"/jobs/{job.pk}/"
        assert (job.status, job.kind, job.progress) == (JobStatus.DONE, JobKind.EXPORT, 100)
        assert job.message == "已导出 7 行 / 7 rows exported" and job.params["rows"] == 7
        page = client.get(f"/jobs/{job.pk}/").content.decode()
        assert f'href="/jobs/{job.pk}/download/"' in page
        download = client.get(f"/jobs/{job.pk}/download/")
        content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert download["Content-Disposition"].endswith('filename="enterprises.xlsx"')
    assert _cells(content) == _cells(sync.content)
    assert len(_cells(content)[0]) > 7  # header and the seven firms (and the synthetic note)
    assert content == sync.content  # the same writer, byte for byte at the same moment


def test_the_export_job_keeps_the_starters_scope(
    make_enterprise: Any, county_officer: Any, settings: Any
) -> None:
    make_enterprise(region="511112")
    make_enterprise(region="511102")  # another county: not in the officer's scope
    settings.EXPORT_JOB_MIN_ROWS = 1
    client_for(county_officer).get("/enterprises/?export=xlsx")
    job = Job.objects.get()
    assert job.message == "已导出 1 行 / 1 rows exported"


def test_the_status_page_runs_the_same_queries_for_2_or_30_jobs(
    city_admin: Any, zone_officer: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(city_admin)
    for user in (city_admin, zone_officer):
        actions.submit(JobKind.EXPORT, "导出", actor=user)
    client.get("/jobs/")  # warm the per-process caches (menu, names)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/jobs/").status_code == 200
    for n in range(28):
        actions.submit(JobKind.EXPORT, f"导出 {n}", actor=zone_officer if n % 2 else city_admin)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get("/jobs/").content.decode()
    assert html.count('data-testid="job-status"') == 30


def test_schedule_jobs_is_idempotent_and_uses_shanghai_time() -> None:
    from django_q.models import Schedule

    moment = dt.datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)  # after 08:00, before 01:00
    with time_machine.travel(moment, tick=False):
        first, second = io.StringIO(), io.StringIO()
        call_command("schedule_jobs", stdout=first)
        rows = {s.name: (s.func, s.schedule_type, s.next_run) for s in Schedule.objects.all()}
        call_command("schedule_jobs", stdout=second)
    assert "新建 created 6" in first.getvalue()
    assert "新建 created 0, 更新 updated 0, 未变 unchanged 6" in second.getvalue()
    assert rows == {s.name: (s.func, s.schedule_type, s.next_run) for s in Schedule.objects.all()}
    local = {name: r[2].astimezone(SHANGHAI) for name, r in rows.items()}
    assert local["jiazhou:supervision"] == dt.datetime(2026, 3, 3, 8, 0, tzinfo=SHANGHAI)
    assert local["jiazhou:scoring"] == dt.datetime(2026, 3, 3, 1, 0, tzinfo=SHANGHAI)
    assert rows["jiazhou:supervision"][0] == "jiazhou_web.supervision.tasks.daily_supervision"
    # 诉求超期督办 hourly at :20 — the next one after 09:30 is 10:20
    assert local["jiazhou:tickets"] == dt.datetime(2026, 3, 2, 10, 20, tzinfo=SHANGHAI)
    assert rows["jiazhou:tickets"][1] == Schedule.HOURLY
    assert local["jiazhou:job-files"] == dt.datetime(2026, 3, 3, 4, 0, tzinfo=SHANGHAI)
    assert {r[1] for n, r in rows.items() if n != "jiazhou:tickets"} == {Schedule.DAILY}
    assert "每小时 :20 诉求超期督办（每小时）" in first.getvalue()
    # an edited row is put back, a schedule of ours no longer planned is removed
    Schedule.objects.filter(name="jiazhou:pools").update(func="x.y")
    Schedule.objects.create(name="jiazhou:old", func="x.z", schedule_type=Schedule.DAILY)
    Schedule.objects.create(name="admin-made", func="x.w", schedule_type=Schedule.DAILY)
    with time_machine.travel(moment, tick=False):
        third = io.StringIO()
        call_command("schedule_jobs", stdout=third)
    assert "更新 updated 1" in third.getvalue() and "删除 removed 1" in third.getvalue()
    assert set(Schedule.objects.values_list("name", flat=True)) == {*rows, "admin-made"}


def test_scheduled_tasks_are_recorded_as_jobs_of_no_one(regions: Any) -> None:
    from jiazhou_web.indices.tasks import compute_index
    from jiazhou_web.supervision.tasks import daily_supervision

    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=SHANGHAI), tick=False):
        done = Job.objects.get(pk=daily_supervision())
    assert (done.kind, done.status, done.started_by) == (JobKind.SUPERVISION, JobStatus.DONE, None)
    assert "督办单" in done.message
    failed = Job.objects.get(pk=compute_index())  # no index definition in this database
    assert failed.status == JobStatus.FAILED and "CommandError" in failed.message


def test_hourly_next_run_at_the_minute_itself_is_the_next_hour() -> None:
    from jiazhou_web.jobs.schedules import next_run

    at = dt.time(0, 20)
    exactly = dt.datetime(2026, 12, 31, 23, 20, tzinfo=SHANGHAI)
    assert next_run(at, exactly, "H").astimezone(SHANGHAI) == dt.datetime(
        2027, 1, 1, 0, 20, tzinfo=SHANGHAI
    )
    before = dt.datetime(2026, 12, 31, 23, 19, 59, tzinfo=SHANGHAI)
    assert next_run(at, before, "H").astimezone(SHANGHAI) == exactly


def test_the_hourly_ticket_run_is_recorded_as_a_job(regions: Any) -> None:
    from jiazhou_web.tickets.tasks import supervise_tickets

    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 20, tzinfo=SHANGHAI), tick=False):
        done = Job.objects.get(pk=supervise_tickets())
    assert (done.kind, done.status, done.started_by) == (JobKind.TICKETS, JobStatus.DONE, None)
    assert "督办 issued 0" in done.message


def _finished_export(actor: Any, media: Path, finished: dt.datetime, name: str) -> Job:
    job = actions.submit(JobKind.EXPORT, f"导出 {name}", actor=actor)
    (media / "jobs").mkdir(exist_ok=True)
    (media / "jobs" / name).write_bytes(b"xlsx")
    with time_machine.travel(finished, tick=False):
        actions.start(job.pk)
        actions.finish(job.pk, message="已导出", result_path=f"jobs/{name}", result_name=name)
    job.refresh_from_db()
    return job


def test_files_past_the_retention_are_deleted_and_the_job_says_so(
    zone_officer: Any, media: Path, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.JOB_FILE_RETENTION_DAYS = 30
    now = dt.datetime(2026, 12, 6, 4, 0, tzinfo=SHANGHAI)
    old = _finished_export(zone_officer, media, now - dt.timedelta(days=30, seconds=1), "old.xlsx")
    edge = _finished_export(zone_officer, media, now - dt.timedelta(days=30), "edge.xlsx")
    with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("expire_job_files", stdout=out)
    assert "已清理 1 个文件（保留 30 天）" in out.getvalue()
    assert not (media / "jobs" / "old.xlsx").exists()  # 30 days and a second: gone
    assert (media / "jobs" / "edge.xlsx").exists()  # exactly 30 days: kept
    old.refresh_from_db()
    edge.refresh_from_db()
    assert (old.result_path, old.result_name, old.message) == ("", "old.xlsx", "已导出")
    assert not old.has_file and edge.has_file
    sweep = AuditLog.objects.filter(event_type=JobEvent.FILES_EXPIRED).get()
    assert sweep.extra["jobs"] == [old.pk]
    page = client_for(zone_officer).get(f"/jobs/{old.pk}/").content.decode()
    assert 'data-testid="job-file-expired"' in page and "保留期（30 天）" in page
    assert 'data-testid="job-download"' not in page
    assert client_for(zone_officer).get(f"/jobs/{old.pk}/download/").status_code == 404
    with time_machine.travel(now, tick=False):  # a second sweep finds nothing, audits nothing
        call_command("expire_job_files", stdout=io.StringIO())
    assert AuditLog.objects.filter(event_type=JobEvent.FILES_EXPIRED).count() == 1


def test_a_rolled_back_sweep_deletes_no_file(zone_officer: Any, media: Path) -> None:
    from django.db import transaction

    now = dt.datetime(2026, 12, 6, 4, 0, tzinfo=SHANGHAI)
    job = _finished_export(zone_officer, media, now - dt.timedelta(days=40), "kept.xlsx")
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.expire_files(now)
        raise RuntimeError
    job.refresh_from_db()
    assert job.has_file and (media / "jobs" / "kept.xlsx").exists()


def test_retention_days_must_be_positive() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="保留天数须至少为 1"):
        call_command("expire_job_files", "--days", "0")
