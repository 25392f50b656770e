"""Every write of the chain maps: one transaction, one audit row.

* :func:`load_chain_data` — create a chain from its repository file (``jiazhou/chains/data``),
  or add the segments a newer file version brings; web edits are never overwritten.
* :func:`edit_chain`, :func:`edit_segment` — 链长/牵头部门/承载地/链主, codes and keywords.
* :func:`propose_enterprises` — industry code + keyword match over the firms in the officer's
  scope → ``proposed`` attachments; :func:`decide_attachment` confirms or rejects one.
* :func:`attach` — a platform, project, 成果, 需求, contract, ticket or talent, with source and
  verified date; :func:`verify_attachment` re-verifies.
* :func:`add_prospects`, :func:`create_recruit_list`, :func:`create_need_draft` — the gap outputs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.chains import ChainSpec, SegmentStatus, load_chains, propose_segments, rank_prospects
from jiazhou.chains import Prospect as ProspectSpec
from jiazhou_web.chains.choices import (
    AttachmentKind,
    AttachmentState,
    ChainEvent,
    PlatformLevel,
    Stage,
)
from jiazhou_web.chains.facts import chain_view, spec_of
from jiazhou_web.chains.models import Attachment, Chain, NeedDraft, Prospect, RecruitList, Segment
from jiazhou_web.chains.permissions import may_manage
from jiazhou_web.core import audit
from jiazhou_web.core.access import for_user
from jiazhou_web.enterprises.models import Enterprise

MAX_KEYWORDS = 30
GAP_STATUSES = (SegmentStatus.MISSING, SegmentStatus.THIN)


def _fail(zh: str, en: str) -> ValidationError:
    return ValidationError(f"{zh} / {en}")


def _require(actor: Any) -> None:
    if not may_manage(actor):
        raise PermissionDenied("无权维护产业链图谱 / not permitted: chains.manage")


def _words(text: str, field: str) -> list[str]:
    words = [w.strip() for w in text.replace("，", ",").replace("、", ",").split(",") if w.strip()]
    if len(words) > MAX_KEYWORDS:
        raise _fail(
            f"「{field}」最多 {MAX_KEYWORDS} 项", f"{field}: at most {MAX_KEYWORDS} entries"
        )
    if any(len(w) > 40 for w in words):
        raise _fail(f"「{field}」每项不超过 40 字", f"{field}: each entry at most 40 characters")
    return words


def _codes(text: str) -> list[str]:
    codes = _words(text, "行业代码")
    bad = [c for c in codes if not (c.isdigit() and len(c) == 4)]
    if bad:
        raise _fail(
            f"行业代码「{'、'.join(bad)}」须为 GB/T 4754 四位小类（如 3825）",
            "industry codes must be 4-digit GB/T 4754 classes",
        )
    return codes


@transaction.atomic
def load_chain_data(code: str, *, actor: Any) -> Chain:
    _require(actor)
    spec = next((c for c in load_chains() if c.code == code), None)
    if spec is None:
        raise _fail(f"仓库中没有编码为「{code}」的产业链数据", f"no chain file for {code}")
    chain = Chain.objects.select_for_update().filter(code=code).first()
    created = chain is None
    if chain is None:
        chain = audit.create_unique(
            Chain,
            "该产业链刚刚已被他人载入 / someone else loaded this chain first",
            code=spec.code,
            name=spec.name,
            data_version=spec.version,
            chain_leader=spec.chain_leader,
            lead_department=spec.lead_department,
            host_areas=list(spec.host_areas),
            chain_masters=list(spec.chain_masters),
            source=spec.source,
        )
    existing = {s.code: s for s in chain.segments.all()}
    added = []
    for order, s in enumerate(spec.segments):
        if s.code in existing:
            continue
        existing[s.code] = Segment.objects.create(
            chain=chain,
            code=s.code,
            name=s.name,
            parent=existing.get(s.parent) if s.parent else None,
            position=s.position,
            order=order,
            industry_codes=list(s.industry_codes),
            product_keywords=list(s.product_keywords),
            tech_keywords=list(s.tech_keywords),
            note=s.note,
        )
        added.append(s.code)
    if not created and not added and chain.data_version == spec.version:
        raise _fail("已是仓库中的最新版本，无需载入", "already at the repository version")
    before = {"data_version": chain.data_version}
    chain.data_version = spec.version
    chain.save(update_fields=["data_version", "updated"])
    audit.record(
        ChainEvent.CHAIN_LOADED,
        actor=audit.acting_user(actor),
        target=chain,
        before=None if created else before,
        after={"data_version": spec.version, "count": len(added)},
    )
    return chain


@transaction.atomic
def edit_chain(
    chain: Chain,
    *,
    chain_leader: str,
    lead_department: str,
    host_areas: str,
    chain_masters: str,
    actor: Any,
) -> Chain:
    _require(actor)
    fields = ["chain_leader", "lead_department", "host_areas", "chain_masters"]
    chain = Chain.objects.select_for_update().get(pk=chain.pk)
    before = audit.snapshot(chain, fields)
    if len(chain_leader) > 100 or len(lead_department) > 100:
        raise _fail(
            "链长、牵头部门各不超过 100 字", "leader and department: at most 100 characters"
        )
    chain.chain_leader = chain_leader.strip()
    chain.lead_department = lead_department.strip()
    chain.host_areas = _words(host_areas, "承载地")
    chain.chain_masters = _words(chain_masters, "链主企业")
    after = audit.snapshot(chain, fields)
    if after == before:
        raise _fail("没有修改任何内容", "nothing changed")
    chain.save(update_fields=[*fields, "updated"])
    audit.record(ChainEvent.CHAIN_EDITED, actor=actor, target=chain, before=before, after=after)
    return chain


@transaction.atomic
def edit_segment(
    segment: Segment,
    *,
    industry_codes: str,
    product_keywords: str,
    tech_keywords: str,
    actor: Any,
) -> Segment:
    _require(actor)
    fields = ["industry_codes", "product_keywords", "tech_keywords"]
    segment = Segment.objects.select_for_update().get(pk=segment.pk)
    before = audit.snapshot(segment, fields)
    segment.industry_codes = _codes(industry_codes)
    segment.product_keywords = _words(product_keywords, "产品关键词")
    segment.tech_keywords = _words(tech_keywords, "技术关键词")
    after = audit.snapshot(segment, fields)
    if after == before:
        raise _fail("没有修改任何内容", "nothing changed")
    segment.save(update_fields=fields)
    audit.record(ChainEvent.SEGMENT_EDITED, actor=actor, target=segment, before=before, after=after)
    return segment


def firm_text(firm: Enterprise) -> str:
    """What the keyword match reads: the firm's name, technical field and chain role."""
    return " ".join(filter(None, [firm.name, firm.tech_field, firm.key_chain_role]))


@transaction.atomic
def propose_enterprises(chain: Chain, *, actor: Any) -> int:
    """Propose every firm in the actor's scope whose code and keywords match a segment (never
    a firm already attached or rejected there). One audit row with the count."""
    _require(actor)
    segments = {s.code: s for s in chain.segments.all()}
    spec = ChainSpec(
        chain.code,
        chain.name,
        chain.data_version,
        segments=tuple(spec_of(s) for s in segments.values()),
    )
    taken = set(
        Attachment.objects.filter(segment__chain=chain, enterprise__isnull=False).values_list(
            "segment_id", "enterprise_id"
        )
    )
    firms = for_user(Enterprise.objects.all(), actor).select_related("industry")
    new = []
    for firm in firms:
        for p in propose_segments(spec, firm.industry.code, firm_text(firm)):
            seg = segments[p.segment_code]
            if (seg.pk, firm.pk) in taken:
                continue
            new.append(
                Attachment(
                    segment=seg,
                    kind=AttachmentKind.ENTERPRISE,
                    state=AttachmentState.PROPOSED,
                    enterprise=firm,
                    label=firm.name,
                    source="系统按行业代码和关键词推荐",
                    reason=p.reason[:300],
                    created_by=audit.acting_user(actor),
                )
            )
    Attachment.objects.bulk_create(new)
    audit.record(ChainEvent.PROPOSED, actor=actor, target=chain, after={"count": len(new)})
    return len(new)


@transaction.atomic
def decide_attachment(
    attachment: Attachment, *, confirm: bool, stage: str = Stage.OPERATING, actor: Any
) -> Attachment:
    _require(actor)
    if stage not in Stage.values:
        raise _fail(
            "阶段须为「在产/运行」或「在建」", "stage must be operating or under_construction"
        )
    if attachment.state != AttachmentState.PROPOSED:
        raise _fail(
            f"「{attachment.label}」已是「{attachment.get_state_display()}」，不能再确认或否决",
            "only a proposed attachment can be confirmed or rejected",
        )
    audit.transition(
        attachment,
        ChainEvent.DECIDED,
        actor=actor,
        field="state",
        to=AttachmentState.CONFIRMED if confirm else AttachmentState.REJECTED,
        changes={
            "decided_by": audit.acting_user(actor),
            "verified_at": timezone.localdate() if confirm else attachment.verified_at,
            "stage": stage if confirm else attachment.stage,
        },
        extra={"label": attachment.label},
    )
    return attachment


def _parse_date(value: str, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"「{field}」不是有效日期（如 2026-12-04）", f"{field}: not a date") from None
    if day > timezone.localdate():
        raise _fail(f"「{field}」不能晚于今天", f"{field}: cannot be in the future")
    return day


@transaction.atomic
def attach(
    segment: Segment,
    *,
    kind: str,
    label: str,
    source: str,
    verified_at: str,
    ref_app: str = "",
    ref_id: str = "",
    stage: str = "",
    level: str = "",
    occurred_on: str = "",
    is_open: bool = False,
    actor: Any,
) -> Attachment:
    """Attach anything but an enterprise (those come through proposals)."""
    _require(actor)
    if kind not in AttachmentKind.values or kind == AttachmentKind.ENTERPRISE:
        raise _fail("请选择挂链类别（平台、项目、成果、需求、合同、诉求、人才）", "choose a kind")
    label, source = label.strip(), source.strip()
    if not label or len(label) > 200:
        raise _fail("「名称」必填，不超过 200 字", "label is required (≤ 200 characters)")
    if not source or len(source) > 200:
        raise _fail(
            "「来源」必填（如 省科技厅名单、合同登记号），不超过 200 字", "source is required"
        )
    if stage and stage not in Stage.values:
        raise _fail("阶段无效", "invalid stage")
    if level and level not in PlatformLevel.values:
        raise _fail("平台级别无效", "invalid platform level")
    if kind == AttachmentKind.PLATFORM and not level:
        raise _fail("创新平台须填写级别", "a platform needs a level")
    if len(ref_app) > 40 or len(ref_id) > 40:
        raise _fail("关联记录类型/编号各不超过 40 字", "reference too long")
    verified = _parse_date(verified_at, "核实日期")
    if verified is None:
        raise _fail("「核实日期」必填", "verified date is required")
    obj = audit.create_unique(
        Attachment,
        "该记录已挂在本环节 / already attached to this segment",
        segment=segment,
        kind=kind,
        label=label,
        source=source,
        verified_at=verified,
        ref_app=ref_app.strip(),
        ref_id=ref_id.strip(),
        stage=stage,
        level=level,
        occurred_on=_parse_date(occurred_on, "发生日期"),
        is_open=is_open,
        created_by=audit.acting_user(actor),
        decided_by=audit.acting_user(actor),
    )
    audit.record(
        ChainEvent.ATTACHED,
        actor=actor,
        target=obj,
        after={"segment": segment.name, "kind": kind, "label": label, "source": source},
    )
    return obj


@transaction.atomic
def verify_attachment(attachment: Attachment, *, source: str, actor: Any) -> Attachment:
    _require(actor)
    source = source.strip()
    if not source or len(source) > 200:
        raise _fail(
            "请填写本次核实的来源（不超过 200 字）", "source of the verification is required"
        )
    today = timezone.localdate()
    before = {"verified_at": attachment.verified_at, "source": attachment.source}
    if attachment.state != AttachmentState.CONFIRMED:
        raise _fail("只有已确认的挂链记录可以复核", "only confirmed attachments are verified")
    audit.claim(
        attachment,
        {"verified_at": today, "source": source},
        unchanged=["state", "verified_at"],
    )
    audit.record(
        ChainEvent.VERIFIED,
        actor=actor,
        target=attachment,
        before=before,
        after={"verified_at": today, "source": source},
    )
    return attachment


def _decimal(value: Any, field: str, row: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise _fail(
            f"第 {row} 行「{field}」不是数值", f"row {row}: {field} is not a number"
        ) from None


@transaction.atomic
def add_prospects(rows: list[dict[str, Any]], *, source: str, actor: Any) -> int:
    """Add or update 招商 candidates (firms outside the city); all rows or none."""
    _require(actor)
    if not source.strip():
        raise _fail("请填写名录来源", "the list needs a source")
    for n, row in enumerate(rows, start=1):
        name = str(row.get("name", "")).strip()
        code = str(row.get("industry_code", "")).strip()
        if not name:
            raise _fail(f"第 {n} 行缺少「企业名称」", f"row {n}: name is required")
        if not code or len(code) > 5:
            raise _fail(f"第 {n} 行「行业代码」须为 GB/T 4754 代码", f"row {n}: industry code")
        values = {
            "location": str(row.get("location", ""))[:100],
            "industry_code": code,
            "business_text": str(row.get("business_text", "")),
            "revenue_wan": _decimal(row.get("revenue_wan"), "营业收入（万元）", n),
            "growth_pct": _decimal(row.get("growth_pct"), "营收增速（%）", n),
            "patents": int(row.get("patents") or 0),
            "distance_km": _decimal(row.get("distance_km"), "距离（公里）", n),
            "source": source.strip()[:200],
        }
        Prospect.objects.update_or_create(name=name, defaults=values)
    audit.record(ChainEvent.PROSPECTS_ADDED, actor=actor, after={"rows": len(rows), "note": source})
    return len(rows)


def _gap_view(segment: Segment) -> Any:
    views = chain_view(segment.chain, today=timezone.localdate())
    view = next(v for v in views if v.segment.pk == segment.pk)
    if view.result.status not in GAP_STATUSES:
        raise _fail(
            f"环节「{segment.name}」状态为「{view.result.status}」，只有缺失或薄弱环节生成招商清单和揭榜需求",
            "only missing or thin segments produce gap outputs",
        )
    return view


@transaction.atomic
def create_recruit_list(segment: Segment, *, actor: Any) -> RecruitList:
    _require(actor)
    view = _gap_view(segment)
    candidates = [
        ProspectSpec(
            str(p.pk), p.name, p.industry_code, p.business_text, p.revenue_wan, p.growth_pct,
            p.patents, p.distance_km,
        )
        for p in Prospect.objects.all()
    ]  # fmt: skip
    ranked = rank_prospects(spec_of(segment), candidates)
    rows = [
        {
            "rank": n,
            "name": r.prospect.name,
            "industry_code": r.prospect.industry_code,
            "revenue_wan": str(r.prospect.revenue_wan)
            if r.prospect.revenue_wan is not None
            else "",
            "growth_pct": str(r.prospect.growth_pct) if r.prospect.growth_pct is not None else "",
            "patents": r.prospect.patents,
            "distance_km": str(r.prospect.distance_km)
            if r.prospect.distance_km is not None
            else "",
            "score": str(r.score),
            "reason": r.reason,
        }
        for n, r in enumerate(ranked, start=1)
    ]
    recruit = RecruitList.objects.create(
        segment=segment,
        status_at_creation=view.result.status,
        rows=rows,
        created_by=audit.acting_user(actor),
    )
    audit.record(
        ChainEvent.RECRUIT_LIST,
        actor=actor,
        target=recruit,
        after={
            "segment": segment.name,
            "rows": len(rows),
            "status_at_creation": str(view.result.status),
        },
    )
    return recruit


@transaction.atomic
def create_need_draft(segment: Segment, *, actor: Any) -> NeedDraft:
    _require(actor)
    view = _gap_view(segment)
    keywords = [*segment.product_keywords, *segment.tech_keywords][:10]
    need = NeedDraft.objects.create(
        segment=segment,
        title=f"{segment.chain.name}·{segment.name}关键技术攻关需求（草稿）",
        problem=(
            f"环节判定：{view.result.rule}。征集能在本地实现「{'、'.join(keywords[:5])}」"
            "产业化的技术与团队；请牵头部门论证后发榜（行业共性技术攻关 / 企业出题 / 成果转化）。"
        ),
        keywords=keywords,
        created_by=audit.acting_user(actor),
    )
    audit.record(
        ChainEvent.NEED_DRAFT,
        actor=actor,
        target=need,
        after={"segment": segment.name, "title": need.title},
    )
    return need
