"""Evaluation pages: who sees what, constant query counts, lists and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from jiazhou_web.evaluations import actions
from jiazhou_web.evaluations.models import EvaluationRun
from jiazhou_web.jobs.models import Job

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def in_publicity(zone_officer: Any) -> EvaluationRun:
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    actions.approve_run(run, actor=zone_officer)
    return actions.start_publicity(run, 5, actor=zone_officer)


def test_the_new_run_form_reports_missing_data_before_the_run(
    ten_firms: list[Any], mu_firm: Callable[..., Any], zone_officer: Any
) -> None:
    from jiazhou_web.enterprises.models import EnterpriseFigure

    gap = mu_firm(100, name="缺能耗数据企业有限公司")
    EnterpriseFigure.objects.filter(enterprise=gap, field="energy_tce").delete()
    html = (
        client_for(zone_officer)
        .get(
            "/evaluations/runs/new/",
            {
                "scheme": "mu-sichuan-2022",
                "eval_year": "2025",
                "cohort": "zone:LS-HTZ",
                "check": "1",
            },
        )
        .content.decode()
    )
    assert "数据完整性（2024年度，11 家企业）" in html
    row = html.split("综合能耗</td>")[1].split("</tr>")[0]
    assert '<td class="num">1</td>' in row and "缺能耗数据企业有限公司" in row


def test_officer_pages_and_local_configuration_marker(
    ten_firms: list[Any], zone_officer: Any
) -> None:
    client = client_for(zone_officer)
    response = client.post(
        "/evaluations/runs/create/",
        {"scheme": "mu-sichuan-2022", "eval_year": "2025", "cohort": "zone:LS-HTZ"},
    )
    run = EvaluationRun.objects.get()
    job = Job.objects.get()  # the run is a background job: its progress page, then the run
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == "done" and job.result_url == f"/evaluations/runs/{run.pk}/"
    assert f'href="/evaluations/runs/{run.pk}/"' in client.get(f"/jobs/{job.pk}/").content.decode()
    html = client.get(f"/evaluations/runs/{run.pk}/").content.decode()
    assert "草稿" in html and "本地配置（[U] 未核实）" in html
    assert "年度综合评价（积分制·亩均）" in client.get("/evaluations/runs/").content.decode()
    best = run.results.order_by("rank")[0]
    card = client.get(f"/evaluations/results/{best.pk}/")
    text = card.content.decode()
    assert card.status_code == 200 and "120.00" in text and "本地配置" in text


def test_drafts_are_internal_and_firms_see_only_their_own_card(
    ten_firms: list[Any], zone_officer: Any, enterprise_user: Any, county_officer: Any
) -> None:
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    firm = client_for(enterprise_user)
    own = run.results.get(enterprise=ten_firms[7])
    other = run.results.get(enterprise=ten_firms[0])
    assert firm.get(f"/evaluations/runs/{run.pk}/").status_code == 404  # draft
    assert firm.get(f"/evaluations/results/{own.pk}/").status_code == 404
    actions.approve_run(run, actor=zone_officer)
    actions.start_publicity(run, 5, actor=zone_officer)
    assert firm.get(f"/evaluations/results/{own.pk}/").status_code == 200
    assert firm.get(f"/evaluations/results/{other.pk}/").status_code == 404
    page = firm.get(f"/evaluations/runs/{run.pk}/").content.decode()
    assert ten_firms[7].name in page and ten_firms[0].name not in page
    assert firm.get(f"/evaluations/runs/{run.pk}/class/C/").status_code == 403  # internal list
    assert firm.get(f"/evaluations/runs/{run.pk}/policy/").status_code == 403
    assert firm.post(f"/evaluations/runs/{run.pk}/publish/").status_code == 403
    assert client_for(county_officer).get(f"/evaluations/runs/{run.pk}/").status_code == 404


def test_an_objection_from_the_score_card(
    ten_firms: list[Any], zone_officer: Any, enterprise_user: Any
) -> None:
    run = in_publicity(zone_officer)
    own = run.results.get(enterprise=ten_firms[7])
    firm = client_for(enterprise_user)
    assert "提出异议" in firm.get(f"/evaluations/results/{own.pk}/").content.decode()
    response = firm.post(
        f"/evaluations/results/{own.pk}/objection/",
        {
            "reason": "排名有误",
            "evidence": "",
            "field": "",
            "fiscal_year": "",
            "corrected_value": "",
        },
    )
    assert response.status_code == 302
    objection = run.objections.get()
    response = client_for(zone_officer).post(
        f"/evaluations/objections/{objection.pk}/decide/", {"upheld": "0", "decision": "数据无误"}
    )
    objection.refresh_from_db()
    assert response.status_code == 302 and objection.state == "rejected"


def test_class_lists_policy_lists_and_exports(ten_firms: list[Any], zone_officer: Any) -> None:
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    client = client_for(zone_officer)
    html = client.get(f"/evaluations/runs/{run.pk}/class/A/").content.decode()
    assert ten_firms[0].name in html and ten_firms[2].name not in html
    export = client.get(f"/evaluations/runs/{run.pk}/class/C/?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd")
    policy = client.get(f"/evaluations/runs/{run.pk}/policy/").content.decode()
    power = policy.split("国网乐山供电公司（")[1].split("</table>")[0]
    assert "每千瓦时加价 0.05 元" in power and ten_firms[9].name in power  # a C firm
    assert ten_firms[3].name not in power  # B: no measure for the power company
    sheet = client.get(
        f"/evaluations/runs/{run.pk}/policy/", {"department": "国网乐山供电公司", "export": "xlsx"}
    )
    assert sheet.status_code == 200


@pytest.mark.parametrize("path", ["/evaluations/runs/", "/evaluations/runs/{run}/"])
def test_list_pages_have_constant_query_counts(
    path: str,
    mu_firm: Callable[..., Any],
    zone_officer: Any,
    django_assert_max_num_queries: Any,
) -> None:
    counts = []
    for n in (3, 12):
        for v in range(n):
            mu_firm(100 + 10 * v)
        run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
        client = client_for(zone_officer)
        client.get(path.format(run=run.pk))  # warm the session and caches
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path.format(run=run.pk)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(20):
        client.get(path.format(run=run.pk))


def test_scoring_runs_do_not_offer_the_evaluations(city_admin: Any) -> None:
    html = client_for(city_admin).get("/scoring/runs/new/").content.decode()
    assert "hnte-2016" in html and "mu-sichuan-2022" not in html


def test_publicity_end_shows_as_a_chinese_date(ten_firms: list[Any], zone_officer: Any) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=SH), tick=False):
        run = in_publicity(zone_officer)
        html = client_for(zone_officer).get(f"/evaluations/runs/{run.pk}/").content.decode()
    assert "2026年12月4日 至 2026年12月10日（5 个工作日）" in html


def test_what_if_weights_list_the_firms_that_move_class(
    ten_firms: list[Any], zone_officer: Any
) -> None:
    """Weight 0 on 亩均营业收入 (the only indicator that differs): every firm scores 80 and ties;
    with ties going down past A and B, all ten fall to C — every firm but the three C firms moves."""
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    client = client_for(zone_officer)
    html = client.get(f"/evaluations/runs/{run.pk}/what-if/", {"run": "1", "M1": "0"}).content
    text = html.decode()
    assert "变化的企业（10 家）" in text  # 7 change class, the 3 C firms change rank
    assert "A → C" in text and "B → C" in text
    bad = client.get(f"/evaluations/runs/{run.pk}/what-if/", {"run": "1", "M1": "x"}).content
    assert "应为数字" in bad.decode()
    assert run.results.filter(grade="A").count() == 2  # nothing stored


def test_evaluation_pages_read_as_chinese(
    ten_firms: list[Any], zone_officer: Any, enterprise_user: Any
) -> None:
    """The zh-hans page scanner (core.page_text) finds nothing on the evaluation pages."""
    from jiazhou_web.core.page_text import findings

    run = in_publicity(zone_officer)
    ip = actions.create_run(
        "innovation-points-2024-leshan", 2025, "zone", "LS-HTZ", actor=zone_officer
    )
    own = run.results.get(enterprise=ten_firms[7])
    actions.file_objection(
        run,
        ten_firms[7],
        reason="用地有误",
        field="land_own_mu",
        fiscal_year=2024,
        corrected_value=Decimal("0.5"),
        actor=enterprise_user,
    )
    officer = client_for(zone_officer)
    pages = [
        "/evaluations/runs/",
        f"/evaluations/runs/{run.pk}/",
        f"/evaluations/runs/{ip.pk}/",
        f"/evaluations/results/{own.pk}/",
        f"/evaluations/results/{ip.results.order_by('id')[0].pk}/",
        f"/evaluations/runs/{run.pk}/class/A/",
        f"/evaluations/runs/{run.pk}/policy/",
        f"/evaluations/runs/{run.pk}/what-if/?run=1&M1=10",
        "/evaluations/runs/new/?scheme=mu-sichuan-2022&eval_year=2025&cohort=zone%3ALS-HTZ",
    ]
    for url in pages:
        response = officer.get(url)
        assert response.status_code == 200, url
        found = [f for f in findings(response.content.decode()) if f.text != "zone_officer"]
        assert found == [], url  # (the test persona's user name is in the top bar)


def test_the_app_strings_go_through_gettext_with_a_chinese_catalogue() -> None:
    """English msgids, Chinese from evaluations/locale/zh_Hans (the default language)."""
    from django.utils import translation

    from jiazhou_web.evaluations.choices import ObjectionState, RunState

    with translation.override("zh-hans"):
        assert str(RunState.PUBLICITY.label) == "公示中"
        assert str(ObjectionState.UPHELD.label) == "异议成立（已复核重算）"
    with translation.override("en"):
        assert str(RunState.PUBLICITY.label) == "In publicity"
