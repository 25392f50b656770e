"""Chain map pages: the chains, one chain's diagram (ECharts, data through ``json_script``)
and its 「N图N清单」, a segment with its lists and gap actions, the 招商 lists. Reading a chain
takes a fixed number of queries whatever the number of segments and attachments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jiazhou.chains import STALE_AFTER_DAYS, load_chains
from jiazhou_web.chains import actions
from jiazhou_web.chains.choices import (
    AttachmentKind,
    AttachmentState,
    PlatformLevel,
    SegmentStatusChoice,
    Stage,
)
from jiazhou_web.chains.facts import SegmentView, chain_view
from jiazhou_web.chains.imports import ProspectImporter
from jiazhou_web.chains.models import Attachment, Chain, Prospect, RecruitList, Segment
from jiazhou_web.chains.visibility import visible_firm_ids
from jiazhou_web.chains.wording import rule_label
from jiazhou_web.core.access import can
from jiazhou_web.core.spreadsheets import Sheet, write_workbook, xlsx_response
from jiazhou_web.core.templatetags.zh import date_zh, wan
from jiazhou_web.core.views import ImportView

STATUS_COLOURS = {"missing": "#d9534f", "thin": "#f0ad4e", "weak_tech": "#5bc0de", "ok": "#5cb85c"}
STATUS_LABELS = dict(SegmentStatusChoice.choices)
# 「N图N清单」: the lists of a chain (key → attachment kinds; the titles are ``LIST_TITLES``)
LISTS: dict[str, tuple[str, ...]] = {
    "firms": (AttachmentKind.ENTERPRISE,),
    "projects": (AttachmentKind.PROJECT,),
    "recruit": (),
    "tech": (
        AttachmentKind.PLATFORM,
        AttachmentKind.ACHIEVEMENT,
        AttachmentKind.NEED,
        AttachmentKind.CONTRACT,
    ),
    "talent": (AttachmentKind.TALENT,),
    "issues": (AttachmentKind.TICKET,),
}
#: the lists' titles, on the pages and in the exports (issue 14)
LIST_TITLES = {
    "firms": _("Enterprise list"),
    "projects": _("Project list"),
    "recruit": _("Recruitment list"),
    "tech": _("Technology tackling list"),
    "talent": _("Talent list"),
    "issues": _("Issue list"),
}
#: the lists' column headers, on the pages and in the exports (issue 14)
HEADERS = {
    "环节": _("Segment"),
    "排名": pgettext_lazy("chains", "Rank"),
    "企业": pgettext_lazy("chain attachment", "Enterprise"),
    "行业代码": _("Industry code"),
    "营业收入（万元）": _("Operating revenue (10k yuan)"),
    "营业收入": _("Operating revenue"),
    "营收增速（%）": _("Revenue growth (%)"),
    "有效专利": pgettext_lazy("chains column", "Valid patents"),
    "距离（公里）": _("Distance (km)"),
    "得分": pgettext_lazy("chains", "Score"),
    "入选依据": _("Grounds for selection"),
    "类别": pgettext_lazy("chains", "Kind"),
    "名称": _("Name"),
    "阶段/级别": _("Stage / level"),
    "来源": _("Source"),
    "核实日期": _("Verified on"),
    "距今（天）": _("Days since"),
}


def _on_page(header: list[str]) -> list[str]:
    return [str(HEADERS.get(h, h)) for h in header]


def _view_required(request: HttpRequest) -> None:
    if not can(request.user, "chains.view"):
        raise PermissionDenied("无权查看产业链图谱 / not permitted: chains.view")


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _chain(code: str) -> Chain:
    return get_object_or_404(Chain, code=code)


def _cut_to_scope(views: list[SegmentView], user: Any) -> None:
    """Enterprise rows outside the user's scope are counted but not named."""
    visible = visible_firm_ids(user)
    for v in views:
        v.attachments = [
            a for a in v.attachments if not a.enterprise_id or a.enterprise_id in visible
        ]
        v.proposals = [a for a in v.proposals if a.enterprise_id in visible]
        v.hidden_firms = sum(1 for a, _ in v.firms if a.enterprise_id not in visible)  # type: ignore[attr-defined]
        v.firms = [(a, r) for a, r in v.firms if a.enterprise_id in visible]


def index(request: HttpRequest) -> HttpResponse:
    _view_required(request)
    today = timezone.localdate()
    chains = list(Chain.objects.prefetch_related("segments"))
    rows = []
    for chain in chains:
        views = chain_view(chain, today=today)
        counts = {k: sum(1 for v in views if v.result.status == k) for k in STATUS_LABELS}
        rows.append({"chain": chain, "counts": counts, "n": len(views)})
    loaded = {c.code for c in chains}
    files = [c for c in load_chains() if c.code not in loaded or _newer(c, chains)]
    return render(
        request,
        "chains/index.html",
        {
            "title": gettext("Chain maps"),
            "rows": rows,
            "files": files,
            "status_labels": STATUS_LABELS,
            "may_manage": can(request.user, "chains.manage"),
            "n_prospects": Prospect.objects.count(),
        },
    )


def _newer(spec: Any, chains: list[Chain]) -> bool:
    chain = next((c for c in chains if c.code == spec.code), None)
    return chain is not None and chain.data_version != spec.version


def _search_url(words: list[str]) -> str:
    query = " ".join(words[:3])
    for name in ("market:achievements", "market:index", "search"):
        try:
            return f"{reverse(name)}?{urlencode({'q': query})}"
        except NoReverseMatch:
            continue
    return ""


def _chart(chain: Chain, views: list[SegmentView]) -> dict[str, Any]:
    """An ECharts graph: top-level segments in one row, upstream → downstream; sub-segments
    below their parent (dashed). Each node carries its page's URL (clicked in chain-map.js)."""
    nodes: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    top = [v for v in views if v.segment.parent_id is None]
    place: dict[int, tuple[int, int]] = {}
    for n, v in enumerate(top):
        place[v.segment.pk] = (n * 200, 0)
    below: dict[int, int] = {}
    for v in views:
        parent = v.segment.parent_id
        if parent is not None:
            below[parent] = below.get(parent, 0) + 1
            x, _ = place.get(parent, (0, 0))
            place[v.segment.pk] = (x, 120 * below[parent])
    for v in views:
        s = v.segment
        status = str(v.result.status)
        x, y = place[s.pk]
        nodes.append(
            {
                "name": s.name,
                "id": s.code,
                "x": x,
                "y": y,
                "symbolSize": [130, 52],
                "symbol": "roundRect",
                "itemStyle": {"color": STATUS_COLOURS[status]},
                "label": {
                    "show": True,
                    "formatter": f"{s.name}\n{s.get_position_display()} · {STATUS_LABELS[status]}",
                },
                "url": s.get_absolute_url(),
                "tooltip": {
                    "formatter": gettext("%(name)s: %(status)s (%(rule)s)")
                    % {
                        "name": s.name,
                        "status": STATUS_LABELS[status],
                        "rule": rule_label(v.result.rule),
                    }
                },
            }
        )
    for a, b in zip(top, top[1:], strict=False):
        links.append({"source": a.segment.code, "target": b.segment.code})
    by_id = {v.segment.pk: v.segment.code for v in views}
    for v in views:
        if v.segment.parent_id:
            links.append(
                {
                    "source": by_id[v.segment.parent_id],
                    "target": v.segment.code,
                    "lineStyle": {"type": "dashed"},
                }
            )
    return {
        "tooltip": {},
        "series": [
            {
                "type": "graph",
                "layout": "none",
                "roam": False,
                "edgeSymbol": ["none", "arrow"],
                "edgeSymbolSize": 10,
                "label": {"color": "#fff", "fontSize": 13, "lineHeight": 18},
                "lineStyle": {"width": 2, "color": "#6c757d"},
                "data": nodes,
                "links": links,
            }
        ],
    }


def detail(request: HttpRequest, code: str) -> HttpResponse:
    _view_required(request)
    chain = _chain(code)
    views = chain_view(chain, today=timezone.localdate())
    _cut_to_scope(views, request.user)
    return render(
        request,
        "chains/detail.html",
        {
            "title": chain.name,
            "chain": chain,
            "views": views,
            "chart": _chart(chain, views),
            "list_titles": LIST_TITLES,
            "colours": STATUS_COLOURS,
            "status_labels": STATUS_LABELS,
            "stale_days": STALE_AFTER_DAYS,
            "may_manage": can(request.user, "chains.manage"),
        },
    )


def segment(request: HttpRequest, code: str, segment_code: str) -> HttpResponse:
    _view_required(request)
    chain = _chain(code)
    views = chain_view(chain, today=timezone.localdate())
    _cut_to_scope(views, request.user)
    view = next((v for v in views if v.segment.code == segment_code), None)
    if view is None:
        raise Http404("环节不存在 / segment not found")
    gap = view.result.status in actions.GAP_STATUSES
    seg = view.segment
    today = timezone.localdate()
    for a in view.attachments:
        a.age_days = (today - a.verified_at).days if a.verified_at else None  # type: ignore[attr-defined]
    return render(
        request,
        "chains/segment.html",
        {
            "title": f"{chain.name} · {seg.name}",
            "chain": chain,
            "v": view,
            "gap": gap,
            "status_label": STATUS_LABELS[str(view.result.status)],
            "colour": STATUS_COLOURS[str(view.result.status)],
            "search_url": _search_url([*seg.product_keywords, *seg.tech_keywords]),
            "recruit_lists": list(seg.recruit_lists.all()[:5]),
            "need_drafts": list(seg.need_drafts.all()[:5]),
            "kinds": [k for k in AttachmentKind.choices if k[0] != AttachmentKind.ENTERPRISE],
            "stages": Stage.choices,
            "levels": PlatformLevel.choices,
            "today": timezone.localdate(),
            "stale_days": STALE_AFTER_DAYS,
            "may_manage": can(request.user, "chains.manage"),
        },
    )


def chain_list(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """One of the 「N清单」 (企业, 项目, 招商, 技术攻关, 人才, 问题); ``?export`` → Excel."""
    _view_required(request)
    chain = _chain(code)
    if key not in LISTS:
        raise Http404("清单不存在 / list not found")
    kinds = LISTS[key]
    title = str(LIST_TITLES[key])
    today = timezone.localdate()
    if key == "recruit":
        header = [
            "环节",
            "排名",
            "企业",
            "行业代码",
            "营业收入（万元）",
            "营收增速（%）",
            "有效专利",
            "距离（公里）",
            "得分",
            "入选依据",
        ]
        body = [
            [r.segment.name, row["rank"], row["name"], row["industry_code"], row["revenue_wan"],
             row["growth_pct"], row["patents"], row["distance_km"], row["score"], row["reason"]]
            for r in _latest_recruit_lists(chain)
            for row in r.rows
        ]  # fmt: skip
    else:
        visible = visible_firm_ids(request.user)
        rows = (
            Attachment.objects.filter(
                segment__chain=chain, kind__in=kinds, state=AttachmentState.CONFIRMED
            )
            .select_related("segment", "enterprise")
            .order_by("segment__order", "label")
        )
        header = ["环节", "类别", "名称", "阶段/级别", "来源", "核实日期", "距今（天）"]
        unverified = gettext("Not verified")
        body = [
            [a.segment.name, a.get_kind_display(), a.label,
             a.get_stage_display() or a.get_level_display() or "—", a.source,
             date_zh(a.verified_at), (today - a.verified_at).days if a.verified_at else unverified]
            for a in rows
            if not a.enterprise_id or a.enterprise_id in visible
        ]  # fmt: skip
    if "export" in request.GET:
        note = gettext("%(chain)s (data version %(version)s)") % {
            "chain": chain.name,
            "version": chain.data_version,
        }
        sheet = Sheet(title, _on_page(header), body, notes=[note])
        return xlsx_response(write_workbook([sheet]), f"{chain.name}-{title}.xlsx")
    return render(
        request,
        "chains/list.html",
        {"title": f"{chain.name} · {title}", "chain": chain, "header": _on_page(header),
         "body": body, "list_titles": LIST_TITLES, "key": key},
    )  # fmt: skip


def _latest_recruit_lists(chain: Chain) -> list[RecruitList]:
    latest: dict[int, RecruitList] = {}
    for r in RecruitList.objects.filter(segment__chain=chain).select_related("segment"):
        if r.segment_id not in latest:  # ordered newest first
            latest[r.segment_id] = r
    return sorted(latest.values(), key=lambda r: r.segment.order)


def recruit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _view_required(request)
    recruit = get_object_or_404(RecruitList.objects.select_related("segment__chain"), pk=pk)
    header = [
        "排名",
        "企业",
        "行业代码",
        "营业收入",
        "营收增速（%）",
        "有效专利",
        "距离（公里）",
        "得分",
        "入选依据",
    ]
    body = [
        [r["rank"], r["name"], r["industry_code"],
         wan(float(r["revenue_wan"]) * 10000) if r["revenue_wan"] else "—",
         r["growth_pct"] or "—", r["patents"], r["distance_km"] or "—", r["score"], r["reason"]]
        for r in recruit.rows
    ]  # fmt: skip
    if "export" in request.GET:
        title = gettext("Recruitment target list")
        sheet = Sheet(title, _on_page(header), body, notes=[str(recruit.segment)])
        return xlsx_response(write_workbook([sheet]), f"{title}-{recruit.segment.name}.xlsx")
    return render(
        request,
        "chains/recruit.html",
        {
            "title": gettext("Recruitment target list · %(segment)s")
            % {"segment": recruit.segment},
            "recruit": recruit,
            "header": _on_page(header),
            "body": body,
        },
    )


class ProspectImportView(ImportView):
    importer_class = ProspectImporter
    title = _("Import the recruitment target firm list")
    template_filename = "招商目标企业名录模板.xlsx"

    def may_import(self, user: Any) -> bool:
        return can(user, "chains.manage")


# --- writes -------------------------------------------------------------------------------


def _post(request: HttpRequest, run: Callable[[], Any], done: str, back: str) -> HttpResponse:
    if not can(request.user, "chains.manage"):
        raise PermissionDenied("无权维护产业链图谱 / not permitted: chains.manage")
    try:
        run()
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, done)
    return redirect(back)


@require_POST
def load(request: HttpRequest, code: str) -> HttpResponse:
    return _post(
        request,
        lambda: actions.load_chain_data(code, actor=request.user),
        gettext("Chain loaded from the repository data"),
        reverse("chains:index"),
    )


@require_POST
def chain_edit(request: HttpRequest, code: str) -> HttpResponse:
    chain = _chain(code)
    p = request.POST
    return _post(
        request,
        lambda: actions.edit_chain(
            chain,
            chain_leader=p.get("chain_leader", ""),
            lead_department=p.get("lead_department", ""),
            host_areas=p.get("host_areas", ""),
            chain_masters=p.get("chain_masters", ""),
            actor=request.user,
        ),
        gettext("Chain information saved"),
        chain.get_absolute_url(),
    )


@require_POST
def propose(request: HttpRequest, code: str) -> HttpResponse:
    chain = _chain(code)
    if not can(request.user, "chains.manage"):
        raise PermissionDenied
    n = actions.propose_enterprises(chain, actor=request.user)
    messages.success(
        request,
        gettext("%(n)s firms proposed for the chain by industry code and keyword, to confirm")
        % {"n": n},
    )
    return redirect(chain.get_absolute_url())


def _segment(code: str, segment_code: str) -> Segment:
    return get_object_or_404(
        Segment.objects.select_related("chain"), chain__code=code, code=segment_code
    )


@require_POST
def segment_edit(request: HttpRequest, code: str, segment_code: str) -> HttpResponse:
    seg = _segment(code, segment_code)
    p = request.POST
    return _post(
        request,
        lambda: actions.edit_segment(
            seg,
            industry_codes=p.get("industry_codes", ""),
            product_keywords=p.get("product_keywords", ""),
            tech_keywords=p.get("tech_keywords", ""),
            actor=request.user,
        ),
        gettext("Segment industry codes and keywords saved"),
        seg.get_absolute_url(),
    )


@require_POST
def attach(request: HttpRequest, code: str, segment_code: str) -> HttpResponse:
    seg = _segment(code, segment_code)
    p = request.POST
    return _post(
        request,
        lambda: actions.attach(
            seg,
            kind=p.get("kind", ""),
            label=p.get("label", ""),
            source=p.get("source", ""),
            verified_at=p.get("verified_at", ""),
            ref_app=p.get("ref_app", ""),
            ref_id=p.get("ref_id", ""),
            stage=p.get("stage", ""),
            level=p.get("level", ""),
            occurred_on=p.get("occurred_on", ""),
            is_open=bool(p.get("is_open")),
            item_code=p.get("item_code", ""),
            actor=request.user,
        ),
        gettext("Attached"),
        seg.get_absolute_url(),
    )


def _attachment(request: HttpRequest, pk: int) -> Attachment:
    obj = get_object_or_404(Attachment.objects.select_related("segment__chain"), pk=pk)
    if obj.enterprise_id and obj.enterprise_id not in visible_firm_ids(request.user):
        raise Http404("挂链记录不存在 / not found")
    return obj


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "chains.manage"):
        raise PermissionDenied
    obj = _attachment(request, pk)
    confirm = request.POST.get("decision") == "confirm"
    return _post(
        request,
        lambda: actions.decide_attachment(
            obj,
            confirm=confirm,
            stage=request.POST.get("stage") or Stage.OPERATING,
            actor=request.user,
        ),
        gettext("Attachment confirmed") if confirm else gettext("Proposal rejected"),
        obj.segment.get_absolute_url(),
    )


@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "chains.manage"):
        raise PermissionDenied
    obj = _attachment(request, pk)
    return _post(
        request,
        lambda: actions.verify_attachment(
            obj, source=request.POST.get("source", ""), actor=request.user
        ),
        gettext("Re-verified"),
        obj.segment.get_absolute_url(),
    )


@require_POST
def recruit_create(request: HttpRequest, code: str, segment_code: str) -> HttpResponse:
    seg = _segment(code, segment_code)
    if not can(request.user, "chains.manage"):
        raise PermissionDenied
    try:
        recruit = actions.create_recruit_list(seg, actor=request.user)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect(seg.get_absolute_url())
    messages.success(
        request,
        gettext("Recruitment target list generated (%(n)s firms)") % {"n": len(recruit.rows)},
    )
    return redirect(recruit.get_absolute_url())


@require_POST
def need_create(request: HttpRequest, code: str, segment_code: str) -> HttpResponse:
    seg = _segment(code, segment_code)
    return _post(
        request,
        lambda: actions.create_need_draft(seg, actor=request.user),
        gettext(
            "Open-call need draft generated (to be published once the lead department has reviewed it)"
        ),
        seg.get_absolute_url(),
    )
