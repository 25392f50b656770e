"""Chain maps through the actions and pages: spec docs/specs/next-capabilities.md §5.5 cases on
database rows, the gap outputs, audit rows, scope and bad input, constant query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from jiazhou_web.chains import actions
from jiazhou_web.chains.choices import AttachmentState, ChainEvent
from jiazhou_web.chains.facts import chain_view
from jiazhou_web.chains.models import Attachment, Segment
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.enterprises.actions import set_annual_figures

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 4)


def seg(chain: Any, code: str) -> Segment:
    return Segment.objects.get(chain=chain, code=code)


def status_of(chain: Any, code: str) -> Any:
    return next(v for v in chain_view(chain, today=TODAY) if v.segment.code == code).result


def client_for(user: Any) -> Client:
    c = Client()
    c.login(username=user.username, password=DEMO_PASSWORD)
    return c


def test_loading_is_audited_once_and_a_second_load_is_refused(chains: Any, city_admin: Any) -> None:
    assert AuditLog.objects.filter(event_type=ChainEvent.CHAIN_LOADED).count() == 2
    assert [s.name for s in chains["vanadium-battery"].segments.filter(parent=None)] == [
        "钒资源开发", "关键材料", "电堆制造", "系统集成", "终端应用",
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="最新版本"):
        actions.load_chain_data("vanadium-battery", actor=city_admin)


def test_case1_cell_segment_missing_and_a_project_under_construction_sets_pipeline(
    chains: Any, city_admin: Any
) -> None:
    pv = chains["crystalline-pv"]
    assert status_of(pv, "pv-cell").status == "missing"
    actions.attach(
        seg(pv, "pv-cell"),
        kind="project",
        label="福建钜能 10GW 异质结电池片项目",
        source="高新区项目清单",
        verified_at="2026-11-30",
        stage="under_construction",
        actor=city_admin,
    )
    result = status_of(pv, "pv-cell")
    assert result.status == "missing" and result.pipeline


def test_case2_3825_and_slicing_is_proposed_for_wafer_and_needs_confirmation(
    chains: Any, city_admin: Any, make_firm: Any
) -> None:
    pv = chains["crystalline-pv"]
    firm = make_firm("C3825", role="光伏硅片切片")
    make_firm("C263", role="切片农药")  # keyword without a chain code: not proposed
    assert actions.propose_enterprises(pv, actor=city_admin) == 1
    proposal = Attachment.objects.get(enterprise=firm)
    assert (proposal.segment.code, proposal.state) == ("pv-wafer", AttachmentState.PROPOSED)
    assert "切片" in proposal.reason
    assert status_of(pv, "pv-wafer").status == "missing"  # a proposal is not an attachment
    actions.decide_attachment(proposal, confirm=True, actor=city_admin)
    assert status_of(pv, "pv-wafer").status == "thin"  # one firm
    assert actions.propose_enterprises(pv, actor=city_admin) == 0  # never proposed twice
    with pytest.raises(ValidationError, match="已确认"):
        actions.decide_attachment(proposal, confirm=False, actor=city_admin)


def test_case3_one_firm_with_all_revenue_is_thin_and_revenue_share_shown(
    chains: Any, city_admin: Any, make_firm: Any
) -> None:
    v = chains["vanadium-battery"]
    a, b = make_firm("C3849", role="全钒液流电堆"), make_firm("C3849", role="钒电池电堆")
    for firm, revenue in ((a, 900), (b, 100)):
        set_annual_figures(
            firm, 2025, {"operating_revenue": Decimal(revenue) * 10_000},
            source="self", as_of=dt.date(2026, 3, 1), actor=city_admin,
        )  # fmt: skip
    actions.propose_enterprises(v, actor=city_admin)
    for p in Attachment.objects.filter(segment__code="v-stack"):
        actions.decide_attachment(p, confirm=True, actor=city_admin)
    result = status_of(v, "v-stack")
    assert result.status == "thin" and "90.0%" in result.rule  # 900 / 1000 > 80%


def test_gap_outputs_for_a_missing_segment_and_refused_for_a_weak_tech_one(
    chains: Any, city_admin: Any, make_firm: Any
) -> None:
    pv = chains["crystalline-pv"]
    actions.add_prospects(
        [
            {"name": "某光伏电池有限公司", "industry_code": "C3825", "revenue_wan": "500000",
             "growth_pct": "30", "patents": 120, "distance_km": "1800", "location": "江苏"},
            {"name": "某食品公司", "industry_code": "C1431", "revenue_wan": "900000"},
        ],
        source="招商局 2026 名录",
        actor=city_admin,
    )  # fmt: skip
    recruit = actions.create_recruit_list(seg(pv, "pv-cell"), actor=city_admin)
    assert [r["name"] for r in recruit.rows] == ["某光伏电池有限公司"]
    need = actions.create_need_draft(seg(pv, "pv-cell"), actor=city_admin)
    assert need.state == "need_draft" and "电池片" in need.title
    assert "本地在产企业 0 家" in need.problem
    assert AuditLog.objects.filter(event_type=ChainEvent.RECRUIT_LIST).count() == 1
    assert AuditLog.objects.filter(event_type=ChainEvent.NEED_DRAFT).count() == 1
    # two firms, no platform, no contract → weak_tech: no 招商 list, no need draft
    polysilicon = seg(pv, "pv-polysilicon")
    make_firm("C3985", role="高纯晶硅"), make_firm("C3985", role="多晶硅")
    actions.propose_enterprises(pv, actor=city_admin)
    for p in Attachment.objects.filter(segment=polysilicon):
        actions.decide_attachment(p, confirm=True, actor=city_admin)
    assert status_of(pv, "pv-polysilicon").status == "weak_tech"
    with pytest.raises(ValidationError, match="只有缺失或薄弱环节"):
        actions.create_need_draft(polysilicon, actor=city_admin)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "enterprise"}, "请选择挂链类别"),
        ({"label": ""}, "「名称」必填"),
        ({"source": ""}, "「来源」必填"),
        ({"verified_at": "2026-13-01"}, "核实日期」不是有效日期"),
        ({"verified_at": "2099-01-01"}, "不能晚于今天"),
        ({"kind": "platform", "level": ""}, "须填写级别"),
    ],
)
def test_attach_refuses_bad_input_with_a_chinese_message_and_writes_nothing(
    chains: Any, city_admin: Any, fields: dict[str, str], message: str
) -> None:
    base: dict[str, Any] = {
        "kind": "contract",
        "label": "技术合同",
        "source": "登记号 1",
        "verified_at": "2026-12-01",
    }
    before = AuditLog.objects.count()
    with pytest.raises(ValidationError, match=message):
        actions.attach(
            seg(chains["crystalline-pv"], "pv-cell"), actor=city_admin, **{**base, **fields}
        )
    assert AuditLog.objects.count() == before and not Attachment.objects.exists()


def test_segment_edit_validates_codes_and_is_audited(chains: Any, city_admin: Any) -> None:
    s = seg(chains["crystalline-pv"], "pv-cell")
    with pytest.raises(ValidationError, match="四位小类"):
        actions.edit_segment(
            s, industry_codes="38", product_keywords="", tech_keywords="", actor=city_admin
        )
    actions.edit_segment(s, industry_codes="3825、3824", product_keywords="电池片、TOPCon",
                         tech_keywords="异质结", actor=city_admin)  # fmt: skip
    s.refresh_from_db()
    assert s.industry_codes == ["3825", "3824"]
    assert AuditLog.objects.filter(event_type=ChainEvent.SEGMENT_EDITED).count() == 1


def test_only_city_and_zone_manage(chains: Any, county_officer: Any, dept_officer: Any) -> None:
    for user in (county_officer, dept_officer):
        with pytest.raises(PermissionDenied):
            actions.propose_enterprises(chains["crystalline-pv"], actor=user)


def test_proposals_cover_only_firms_in_the_officers_scope(
    chains: Any, zone_officer: Any, make_firm: Any
) -> None:
    make_firm("C3849", role="电堆", region="511102", zone=True)
    make_firm("C3849", role="电堆", region="511112")  # outside the zone
    assert actions.propose_enterprises(chains["vanadium-battery"], actor=zone_officer) == 1


def test_age_of_attachments_shown_and_verification_refreshes_it(
    chains: Any, city_admin: Any
) -> None:
    s = seg(chains["vanadium-battery"], "v-system")
    a = actions.attach(s, kind="contract", label="电源管理技术合同", source="登记号 51110020250001",
                       verified_at="2025-10-01", occurred_on="2025-09-01", actor=city_admin)  # fmt: skip
    view = next(v for v in chain_view(s.chain, today=TODAY) if v.segment.pk == s.pk)
    assert view.oldest_days == 429 and view.stale == 1  # 2025-10-01 → 2026-12-04, > 365 days
    actions.verify_attachment(a, source="2026 年复核", actor=city_admin)
    a.refresh_from_db()
    assert a.verified_at == timezone.localdate()  # verified on the day it is done


def test_pages_status_and_firm_names_cut_to_scope(
    chains: Any, city_admin: Any, county_officer: Any, make_firm: Any
) -> None:
    zone_firm = make_firm(
        "C3849", role="电堆", region="511102", zone=True, name="高新区电堆有限公司"
    )
    actions.propose_enterprises(chains["vanadium-battery"], actor=city_admin)
    actions.decide_attachment(
        Attachment.objects.get(enterprise=zone_firm), confirm=True, actor=city_admin
    )
    city = client_for(city_admin).get("/chains/vanadium-battery/v-stack/")
    assert "高新区电堆有限公司" in city.content.decode()
    county = client_for(county_officer).get("/chains/vanadium-battery/v-stack/")
    body = county.content.decode()
    assert county.status_code == 200 and "高新区电堆有限公司" not in body
    assert "另有 1 家企业不在您的数据范围内" in body


def test_chain_page_passes_the_map_through_json_script_without_inline_script(
    chains: Any, city_admin: Any
) -> None:
    body = client_for(city_admin).get("/chains/crystalline-pv/").content.decode()
    assert 'id="chain-map-option" type="application/json"' in body
    assert "chains/chain-map.js" in body
    assert "<script>" not in body


def test_list_export_goes_through_the_one_writer(chains: Any, city_admin: Any) -> None:
    actions.attach(seg(chains["crystalline-pv"], "pv-cell"), kind="talent", label="=HYPERLINK(1)",
                   source="人才办", verified_at="2026-12-01", actor=city_admin)  # fmt: skip
    response = client_for(city_admin).get("/chains/crystalline-pv/lists/talent/?export=1")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a formula


@pytest.mark.parametrize(
    "url",
    [
        "/chains/",
        "/chains/vanadium-battery/",
        "/chains/vanadium-battery/v-stack/",
        "/chains/vanadium-battery/lists/firms/",
        "/chains/vanadium-battery/lists/recruit/",
    ],
)
def test_pages_run_a_constant_number_of_queries(
    url: str, chains: Any, city_admin: Any, make_firm: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(city_admin)
    client.get(url)  # warm caches (roles, menu)
    for _ in range(12):
        make_firm("C3849", role="电堆")
    actions.propose_enterprises(chains["vanadium-battery"], actor=city_admin)
    for p in Attachment.objects.filter(state=AttachmentState.PROPOSED):
        actions.decide_attachment(p, confirm=True, actor=city_admin)
    for s in Segment.objects.all():
        actions.attach(s, kind="contract", label=f"合同{s.pk}", source="登记", verified_at="2026-12-01",
                       occurred_on="2026-01-01", actor=city_admin)  # fmt: skip
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_todo_counts_proposals_in_the_officers_scope(
    chains: Any, city_admin: Any, zone_officer: Any, make_firm: Any
) -> None:
    from jiazhou_web.chains.todos import todos

    make_firm("C3849", role="电堆", region="511112")
    actions.propose_enterprises(chains["vanadium-battery"], actor=city_admin)
    [todo] = todos(city_admin)
    assert (todo.label, todo.count) == ("确认产业链挂链推荐企业", 1)
    # the link opens the segment the firm was proposed for
    [proposal] = Attachment.objects.filter(state=AttachmentState.PROPOSED)
    assert todo.url == proposal.segment.get_absolute_url()
    assert todos(zone_officer) == []  # the firm is outside the zone


def test_prospect_import_all_rows_or_none_with_row_errors(city_admin: Any, chains: Any) -> None:
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jiazhou_web.chains.imports import ProspectImporter
    from jiazhou_web.chains.models import Prospect

    def upload(rows: list[list[Any]]) -> Any:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([c.header for c in ProspectImporter.columns])
        for r in rows:
            ws.append(r)
        buf = io.BytesIO()
        wb.save(buf)
        return SimpleUploadedFile("名录.xlsx", buf.getvalue())

    good = ["示例电池公司", "江苏", "C3825", "电池片", 50000, 12, 30, 1800, "投促局名录"]
    bad = ["示例组件公司", "浙江", "3825X", "组件", -5, 0, 0, 0, "投促局名录"]
    outcome = ProspectImporter().run(upload([good, bad]), actor=city_admin)
    assert not outcome.ok and not Prospect.objects.exists()
    messages = " ".join(m for ms in outcome.errors.values() for m in ms)
    assert "第3行" in messages and "行业代码" in messages
    outcome = ProspectImporter().run(upload([good]), actor=city_admin)
    assert outcome.ok and outcome.stored == 1
    assert Prospect.objects.get().source == "投促局名录"


def test_a_project_names_its_supervision_item(chains: Any, city_admin: Any, regions: Any) -> None:
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.supervision import actions as supervision
    from jiazhou_web.supervision.choices import ListKind

    unit = accounts.create_department(code="kjj", name="乐山市科学技术局", kind="city_bureau",
                                      region=regions["511100"], actor=None)  # fmt: skip
    task_list = supervision.create_list(code="l1", title="四个一批", kind=ListKind.KEY_PROJECTS,
                                        year=2026, actor=city_admin)  # fmt: skip
    supervision.create_item(task_list, code="T7", title="异质结电池片中试线", lead_unit=unit,
                            start_date=dt.date(2026, 3, 2), deadline=dt.date(2026, 12, 31),
                            indicator_codes=[], milestones=(), actor=city_admin)  # fmt: skip
    cell = seg(chains["crystalline-pv"], "pv-cell")
    a = actions.attach(cell, kind="platform", label="", source="三张清单", verified_at="2026-12-01",
                       item_code="T7", stage="under_construction", actor=city_admin)  # fmt: skip
    assert (a.kind, a.label, a.supervision_item.code) == ("project", "异质结电池片中试线", "T7")  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="督办事项「T8」不存在"):
        actions.attach(cell, kind="project", label="", source="x", verified_at="2026-12-01",
                       item_code="T8", actor=city_admin)  # fmt: skip
    page = client_for(city_admin).get(cell.get_absolute_url()).content.decode()
    assert "异质结电池片中试线" in page


def test_two_officers_deciding_the_same_proposal_one_loses_with_a_message(
    chains: Any, city_admin: Any, zone_officer: Any, make_firm: Any
) -> None:
    from jiazhou_web.core.audit import StaleStateError

    make_firm("C3849", role="电堆", region="511102", zone=True)
    actions.propose_enterprises(chains["vanadium-battery"], actor=city_admin)
    first = Attachment.objects.get(state=AttachmentState.PROPOSED)
    second = Attachment.objects.get(pk=first.pk)  # read before the first decision
    actions.decide_attachment(first, confirm=True, actor=city_admin)
    with pytest.raises(StaleStateError, match="已被他人处理（当前状态：已确认）"):
        actions.decide_attachment(second, confirm=False, actor=zone_officer)
    assert AuditLog.objects.filter(event_type=ChainEvent.DECIDED).count() == 1
