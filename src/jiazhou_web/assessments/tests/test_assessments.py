"""County assessment and the 高新区 self-assessment through actions and pages.

Hand-computed round (default scheme, data/county-leshan-2026.toml): only 市中区 (城市主城区) and
五通桥区 (重点开发区县) have 全社会研发投入强度 values 2.2 and 1.8 → mean 2.0.
* 市中区: 2.2 = 110% → 10 + 2 × 0.5 = 11 → weight 20 → 22.00; 高企增量 15 vs class target 12
  → 10 × 15/12 = 12.5 (cap 14) → weight 20 → 25.00; total 47.00, rank 1.
* 五通桥区: 1.8 = 90% → 10 − 2 × 0.5 = 9 → weight 18 → 16.20; total 16.20, rank 2.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from jiazhou_web.assessments import actions
from jiazhou_web.assessments.choices import AssessmentEvent, ReportState, RoundState
from jiazhou_web.assessments.models import CountyReport
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
#: The day the cycle runs (a Friday: 5 working days of 公示 end on Thursday 12-10).
FRIDAY = dt.datetime(2026, 12, 4, 10, tzinfo=SH)


def client_for(user: Any) -> Client:
    c = Client()
    c.login(username=user.username, password=DEMO_PASSWORD)
    return c


@pytest.fixture
def round_2025(approved_values: Any, city_admin: Any) -> Any:
    approved_values("511102", "2025", {"rd_intensity": "2.2", "hitech_enterprises_increment": "15"})
    approved_values("511112", "2025", {"rd_intensity": "1.8"})
    approved_values("511111", "2025", {"rd_intensity": "9.9"}, approve=False)  # a draft: ignored
    return actions.open_round(2025, actor=city_admin)


def report(round_: Any, region: str) -> CountyReport:
    found: CountyReport = CountyReport.objects.select_related("round", "region").get(
        round=round_, region__code=region
    )
    return found


def everyone_submits_and_is_approved(round_: Any, city_admin: Any) -> None:
    from jiazhou_web.accounts import actions as accounts

    for r in CountyReport.objects.filter(round=round_).select_related("round", "region"):
        officer = accounts.create_user(username=f"o{r.region.code}", password=DEMO_PASSWORD,
                                       display_name=r.region.name, actor=None)  # fmt: skip
        role = "zone_officer" if r.region.code == "LS-HTZ" else "county_officer"
        accounts.assign_role(officer, role, actor=None, target=r.region)
        actions.submit_report(r, dict.fromkeys(r.values, "暂无统计"), actor=officer)
        actions.review_report(r, approve=True, comment="", actor=city_admin)


def test_values_come_from_approved_observations_only(round_2025: Any) -> None:
    assert CountyReport.objects.filter(round=round_2025).count() == 12  # 11 counties + 高新区
    shizhong = report(round_2025, "511102")
    assert shizhong.values["rd_intensity"] == "2.2000"
    assert shizhong.class_name == "城市主城区"
    assert report(round_2025, "511111").values["rd_intensity"] is None  # draft batch not read
    assert report(round_2025, "LS-HTZ").class_name == "高新区（功能区）"


@time_machine.travel(FRIDAY, tick=False)  # the 公示 dates below count from it
def test_full_cycle_self_report_review_publicity_publish(
    round_2025: Any, city_admin: Any, county_officer: Any, other_county_officer: Any
) -> None:
    wtq = report(round_2025, "511112")
    with pytest.raises(PermissionDenied):  # 市中区 may not report for 五通桥区
        actions.submit_report(wtq, {}, actor=other_county_officer)
    with pytest.raises(ValidationError, match="请填写佐证说明"):
        actions.submit_report(wtq, {}, actor=county_officer)
    with pytest.raises(ValidationError, match="尚未审核通过"):
        actions.start_publicity(round_2025, 5, actor=city_admin)
    actions.submit_report(wtq, dict.fromkeys(wtq.values, "统计局尚未发布"), actor=county_officer)
    with pytest.raises(ValidationError, match="退回须填写审核意见"):
        actions.review_report(wtq, approve=False, comment="", actor=city_admin)
    actions.review_report(wtq, approve=False, comment="请补充高企认定名单", actor=city_admin)
    assert report(round_2025, "511112").state == ReportState.RETURNED
    CountyReport.objects.filter(pk=wtq.pk).delete()  # the rest of the cycle with 11 units
    everyone_submits_and_is_approved(round_2025, city_admin)
    actions.start_publicity(round_2025, 5, actor=city_admin)
    round_2025.refresh_from_db()
    # 公示 from Friday 2026-12-04 for 5 working days → Thursday 2026-12-10
    assert (round_2025.publicity_start, round_2025.publicity_end) == (
        dt.date(2026, 12, 4),
        dt.date(2026, 12, 10),
    )
    shizhong = report(round_2025, "511102")
    # without 五通桥区 the mean is 市中区's own 2.2 → base 10 → 20 + 25 = 45.00
    assert (shizhong.total, shizhong.rank, shizhong.class_rank) == (Decimal("45.00"), 1, 1)
    with pytest.raises(ValidationError, match="公示期至 2026年12月10日"):
        actions.publish_round(round_2025, actor=city_admin)
    with time_machine.travel(dt.datetime(2026, 12, 11, 9, tzinfo=SH)):
        actions.publish_round(round_2025, actor=city_admin)
    round_2025.refresh_from_db()
    assert round_2025.state == RoundState.PUBLISHED
    assert AuditLog.objects.filter(event_type=AssessmentEvent.ROUND_PUBLISHED).count() == 1


def test_hand_computed_scores_of_the_default_scheme(round_2025: Any, city_admin: Any) -> None:
    everyone_submits_and_is_approved(round_2025, city_admin)
    actions.start_publicity(round_2025, 5, actor=city_admin)
    shizhong, wtq = report(round_2025, "511102"), report(round_2025, "511112")
    items = {i["code"]: i for i in shizhong.items}
    assert (items["rd_intensity"]["sub_score"], items["rd_intensity"]["points"]) == (
        "11.00",
        "22.00",
    )
    assert items["hitech_enterprises_increment"]["points"] == "25.00"
    assert (shizhong.total, shizhong.rank) == (Decimal("47.00"), 1)
    assert (wtq.total, wtq.rank) == (Decimal("16.20"), 2)
    assert report(round_2025, "511113").rank == 3  # every unit without data ties at 0


def test_what_if_and_adopted_weights(round_2025: Any, city_admin: Any) -> None:
    client = client_for(city_admin)
    url = f"/assessments/rounds/{round_2025.pk}/what-if/?class=urban_core&try=1"
    trial = "&rd_intensity=40&industrial_rd_intensity=10&hitech_enterprises_increment=20" \
            "&hv_invention_patents_per_10k=10&tech_contract_turnover=10&tech_smes=10"  # fmt: skip
    body = client.get(url + trial).content.decode()
    assert "69.00" in body  # 40 × 11/10 + 20 × 12.5/10 = 44 + 25
    bad = client.get(url + trial.replace("tech_smes=10", "tech_smes=20")).content.decode()
    assert "权重合计须为 100（现为 110）" in bad
    with pytest.raises(ValidationError, match="须在 0–100 之间"):
        actions.adopt_weights(round_2025, "urban_core", {"rd_intensity": "-5"}, actor=city_admin)
    weights = dict(x.split("=") for x in trial.strip("&").split("&"))
    actions.adopt_weights(round_2025, "urban_core", weights, actor=city_admin)
    everyone_submits_and_is_approved(round_2025, city_admin)
    actions.start_publicity(round_2025, 5, actor=city_admin)
    assert report(round_2025, "511102").total == Decimal("69.00")
    assert AuditLog.objects.filter(event_type=AssessmentEvent.WEIGHTS_ADOPTED).count() == 1


@time_machine.travel(FRIDAY, tick=False)  # the 公示 dates below count from it
def test_year_on_year_comparison(approved_values: Any, city_admin: Any) -> None:
    approved_values("511102", "2024", {"rd_intensity": "2.0"})
    approved_values("511112", "2024", {"rd_intensity": "2.0"})
    old = actions.open_round(2024, actor=city_admin)
    everyone_submits_and_is_approved(old, city_admin)
    actions.start_publicity(old, 1, actor=city_admin)  # 公示 on Friday 2026-12-04 only
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=SH)):
        actions.publish_round(old, actor=city_admin)
        approved_values(
            "511102", "2025", {"rd_intensity": "2.2", "hitech_enterprises_increment": "15"}
        )
        approved_values("511112", "2025", {"rd_intensity": "1.8"})
        new = actions.open_round(2025, actor=city_admin)
        for r in CountyReport.objects.filter(round=new).select_related("round", "region"):
            actions.submit_report(r, dict.fromkeys(r.values, "暂无统计"),
                                  actor=type(city_admin).objects.get(username=f"o{r.region.code}"))  # fmt: skip
            actions.review_report(r, approve=True, comment="", actor=city_admin)
        actions.start_publicity(new, 5, actor=city_admin)
    body = client_for(city_admin).get(f"/assessments/rounds/{new.pk}/").content.decode()
    # 2024: both at the mean → 市中区 20 × 10/10 = 20.00; 2025: 47.00 → +27.00
    assert "+27.00" in body and "2024年度" in body


def test_county_sees_only_its_report_before_publication(
    round_2025: Any, county_officer: Any, other_county_officer: Any
) -> None:
    client = client_for(county_officer)
    body = client.get(f"/assessments/rounds/{round_2025.pk}/").content.decode()
    assert "五通桥区" in body and "市中区" not in body
    other = report(round_2025, "511102")
    assert client.get(f"/assessments/reports/{other.pk}/").status_code == 404
    assert client.post(f"/assessments/reports/{other.pk}/submit/").status_code == 404


def test_zone_self_assessment_reads_observations_benchmarks_and_shows_levers(
    approved_values: Any, city_admin: Any, regions: Any
) -> None:
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.supervision import actions as supervision
    from jiazhou_web.supervision.choices import ListKind

    approved_values("LS-HTZ", "2025", {"gazelle_enterprises": "10"})
    actions.set_benchmark("5.5", "10", "2024", "火炬统计年鉴（示例）", actor=city_admin)
    actions.set_benchmark("1.2", "5", "2024", "火炬统计年鉴（示例）", actor=city_admin)
    with pytest.raises(ValidationError, match="须大于 0"):
        actions.set_benchmark("1.2", "0", "2024", "年鉴", actor=city_admin)
    with pytest.raises(ValidationError, match="0–1"):
        actions.set_manual_score("m1", "1.5", "好", actor=city_admin)
    actions.set_manual_score("m1", "0.8", "孵化载体活跃", actor=city_admin)
    department = accounts.create_department(code="kjj", name="乐山市科学技术局", kind="city_bureau",
                                            region=regions["511100"], actor=None)  # fmt: skip
    task_list = supervision.create_list(code="l1", title="四个一批", kind=ListKind.KEY_PROJECTS,
                                        year=2026, actor=city_admin)  # fmt: skip
    supervision.create_item(task_list, code="T9", title="瞪羚企业培育行动", lead_unit=department,
                            start_date=dt.date(2026, 3, 2), deadline=dt.date(2026, 12, 31),
                            indicator_codes=["gazelle_enterprises"], milestones=(), actor=city_admin)  # fmt: skip
    body = client_for(city_admin).get("/assessments/zone/").content.decode()
    # 5.5: at the national average → 0.5 of 30 × 1/8 = 1.875 → total 1.88
    assert 'data-testid="zone-total">1.88<' in body
    assert "估算" in body and "瞪羚企业培育行动" in body
    levers = body.split('data-testid="levers"')[1].split("</table>")[0]
    # +10% of the average: 5.5 → 3.75 × 0.05 = 0.19; 1.2 (no data yet) → 2.67 × 0.05 = 0.13
    assert levers.index("5.5 新晋瞪羚企业数") < levers.index("1.2 从业人员")


@pytest.mark.parametrize(
    "path", ["", "rounds/{pk}/", "rounds/{pk}/what-if/?class=ecological", "zone/"]
)
def test_pages_run_a_constant_number_of_queries(
    path: str, round_2025: Any, city_admin: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(city_admin)
    url = "/assessments/" + path.format(pk=round_2025.pk)
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_todos_name_the_report_to_submit_and_the_reports_to_review(
    round_2025: Any, city_admin: Any, county_officer: Any
) -> None:
    from jiazhou_web.assessments.todos import todos

    [mine] = todos(county_officer)
    assert mine.label == "提交县区科技创新考核自评"
    assert mine.url == report(round_2025, "511112").get_absolute_url()
    assert todos(city_admin) == []
    wtq = report(round_2025, "511112")
    actions.submit_report(wtq, dict.fromkeys(wtq.values, "暂无"), actor=county_officer)
    assert todos(county_officer) == []
    [review] = todos(city_admin)
    assert (review.label, review.count) == ("审核县区考核自评", 1)


def test_evidence_upload_checks_type_and_state_and_is_scoped(
    round_2025: Any, county_officer: Any, other_county_officer: Any, city_admin: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    wtq = report(round_2025, "511112")
    with pytest.raises(ValidationError, match="类型不允许"):
        actions.upload_evidence(
            wtq, "rd_intensity", SimpleUploadedFile("a.exe", b"MZ"), actor=county_officer
        )
    with pytest.raises(PermissionDenied):
        actions.upload_evidence(
            wtq, "rd_intensity", SimpleUploadedFile("a.pdf", b"%PDF"), actor=other_county_officer
        )
    with django_capture_on_commit_callbacks(execute=True):
        evidence = actions.upload_evidence(
            wtq,
            "rd_intensity",
            SimpleUploadedFile("研发说明.pdf", b"%PDF-1.4"),
            actor=county_officer,
        )
    assert client_for(county_officer).get(evidence.get_absolute_url()).status_code == 200
    assert client_for(other_county_officer).get(evidence.get_absolute_url()).status_code == 404
    page = client_for(city_admin).get(wtq.get_absolute_url()).content.decode()
    assert "研发说明.pdf" in page
    actions.submit_report(wtq, dict.fromkeys(wtq.values, "见附件"), actor=county_officer)
    with pytest.raises(ValidationError, match="不能再上传"):
        actions.upload_evidence(
            wtq, "rd_intensity", SimpleUploadedFile("b.pdf", b"%PDF"), actor=county_officer
        )


def test_a_report_reviewed_twice_at_once_is_reviewed_once(
    round_2025: Any, city_admin: Any, county_officer: Any
) -> None:
    from jiazhou_web.core.audit import StaleStateError

    wtq = report(round_2025, "511112")
    actions.submit_report(wtq, dict.fromkeys(wtq.values, "暂无"), actor=county_officer)
    a, b = report(round_2025, "511112"), report(round_2025, "511112")
    actions.review_report(a, approve=True, comment="", actor=city_admin)
    with pytest.raises(StaleStateError, match="当前状态：市级审核通过"):
        actions.review_report(b, approve=False, comment="退回", actor=city_admin)
    assert AuditLog.objects.filter(event_type=AssessmentEvent.REPORT_REVIEWED).count() == 1
