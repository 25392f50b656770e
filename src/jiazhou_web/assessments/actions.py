"""Every write of the assessments: one transaction, one audit row; state changes are
conditional updates (``audit.transition``) so each happens exactly once.

County round: the city opens a round for a year (every classed region gets a report whose
values are read from approved monitoring observations) → each county (the zone) submits its
self-report with evidence per item → the city approves or returns each → with every report
approved, the city scores the round and starts 公示 (N working days) → after 公示, publishes.
Before 公示 the city may adopt other class weights (after a what-if on the page).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.assessments import load_county_scheme, load_zone_scheme, score_counties
from jiazhou.assessments.county import CountyScheme
from jiazhou_web.assessments.choices import AssessmentEvent, ReportState, RoundState
from jiazhou_web.assessments.models import (
    AssessmentRound,
    CountyReport,
    ZoneBenchmark,
    ZoneManualScore,
)
from jiazhou_web.assessments.permissions import may_expert, may_report, may_run
from jiazhou_web.assessments.readings import county_values
from jiazhou_web.core import audit
from jiazhou_web.regions.models import Region
from jiazhou_web.supervision.working_calendar import current_calendar

MAX_PUBLICITY_DAYS = 30
MAX_WEIGHT = Decimal(100)


def _fail(zh: str, en: str) -> ValidationError:
    return ValidationError(f"{zh} / {en}")


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(f"无权{what} / not permitted")


def scheme_of(round_: AssessmentRound) -> CountyScheme:
    """The round's scheme with the weights it adopted."""
    scheme = load_county_scheme()
    for class_code, weights in round_.weights.items():
        scheme = scheme.with_weights(class_code, {k: Decimal(v) for k, v in weights.items()})
    return scheme


@transaction.atomic
def open_round(year: int, *, actor: Any) -> AssessmentRound:
    _require(may_run(actor), "发起考核")
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise _fail(f"考核年度须在 2000–{this_year} 之间", f"year must be 2000–{this_year}")
    scheme = load_county_scheme()
    round_ = audit.create_unique(
        AssessmentRound,
        f"{year}年度考核已发起 / the {year} round exists",
        scheme_code=scheme.code,
        scheme_version=scheme.version,
        year=year,
        weights={c.code: {k: str(v) for k, v in c.weights.items()} for c in scheme.classes},
        created_by=audit.acting_user(actor),
    )
    codes = [r for c in scheme.classes for r in c.regions]
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    monitoring = [i.monitoring for i in scheme.indicators]
    found = county_values([r.pk for r in regions.values()], monitoring, year)
    reports = []
    for klass in scheme.classes:
        for code in klass.regions:
            region = regions.get(code)
            if region is None:
                continue
            got = found.get(region.pk, {})
            values, sources = {}, {}
            for ind in scheme.indicators:
                hit = got.get(ind.monitoring)
                values[ind.code] = str(hit[0]) if hit else None
                sources[ind.code] = hit[1] if hit else "无已审核的监测数据"
            reports.append(
                CountyReport(
                    round=round_,
                    region=region,
                    class_code=klass.code,
                    class_name=klass.name,
                    values=values,
                    sources=sources,
                )
            )
    CountyReport.objects.bulk_create(reports)
    audit.record(
        AssessmentEvent.ROUND_OPENED,
        actor=actor,
        target=round_,
        after={
            "year": year,
            "scheme_code": scheme.code,
            "scheme_version": scheme.version,
            "count": len(reports),
        },
    )
    return round_


def _locked(round_: AssessmentRound, expected: str) -> AssessmentRound:
    locked: AssessmentRound = AssessmentRound.objects.select_for_update().get(pk=round_.pk)
    if locked.state != expected:
        raise _fail(
            f"考核当前为「{locked.get_state_display()}」，不能执行此操作",
            f"the round is {locked.state}, not {expected}",
        )
    return locked


def parse_weights(raw: dict[str, str], scheme: CountyScheme) -> dict[str, Decimal]:
    """Weights of one class from a form: every indicator, 0–100 each, summing to 100."""
    out: dict[str, Decimal] = {}
    for ind in scheme.indicators:
        text = (raw.get(ind.code) or "").strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise _fail(
                f"「{ind.name}」的权重不是数值", f"weight of {ind.code} is not a number"
            ) from None
        if not value.is_finite() or not 0 <= value <= MAX_WEIGHT:
            raise _fail(f"「{ind.name}」的权重须在 0–100 之间", f"weight of {ind.code}: 0–100")
        out[ind.code] = value
    total = sum(out.values(), Decimal(0))
    if total != 100:
        raise _fail(f"权重合计须为 100（现为 {total}）", f"weights must add up to 100, not {total}")
    return out


def _weights_text(scheme: CountyScheme, class_code: str, weights: dict[str, str]) -> str:
    """「城市主城区：全社会研发投入强度 20、…」 for the audit log."""
    klass = next(c for c in scheme.classes if c.code == class_code)
    names = {i.code: i.name for i in scheme.indicators}
    return f"{klass.name}：" + "、".join(f"{names.get(k, k)} {v}" for k, v in weights.items())


@transaction.atomic
def adopt_weights(
    round_: AssessmentRound, class_code: str, raw: dict[str, str], *, actor: Any
) -> AssessmentRound:
    _require(may_run(actor), "调整权重")
    round_ = _locked(round_, RoundState.COLLECTING)
    scheme = scheme_of(round_)
    if class_code not in {c.code for c in scheme.classes}:
        raise _fail("类别不存在", "unknown class")
    weights = parse_weights(raw, scheme)
    before = dict(round_.weights.get(class_code, {}))
    after = {k: str(v) for k, v in weights.items()}
    if {k: Decimal(v) for k, v in before.items()} == weights:
        raise _fail("权重没有变化", "the weights did not change")
    new = {**round_.weights, class_code: after}
    audit.claim(round_, {"weights": new}, unchanged=["state"])
    audit.record(
        AssessmentEvent.WEIGHTS_ADOPTED,
        actor=actor,
        target=round_,
        before={"weights": _weights_text(scheme, class_code, before)},
        after={"weights": _weights_text(scheme, class_code, after)},
    )
    return round_


def _evidence_text(evidence: dict[str, str]) -> str:
    names = {i.code: i.name for i in load_county_scheme().indicators}
    return "；".join(f"{names.get(k, k)}：{v}" for k, v in evidence.items())


@transaction.atomic
def submit_report(report: CountyReport, evidence: dict[str, str], *, actor: Any) -> CountyReport:
    _require(may_report(actor, report), "提交本县区自评")
    if report.round.state != RoundState.COLLECTING:
        raise _fail("考核已进入公示或已发布，不能再提交自评", "the round no longer takes reports")
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        raise _fail(
            f"自评当前为「{report.get_state_display()}」，不能重复提交", "already submitted"
        )
    cleaned = {}
    for code, text in evidence.items():
        if code not in report.values:
            continue
        text = text.strip()
        if len(text) > 500:
            raise _fail(
                f"指标「{code}」的佐证说明不超过 500 字", f"evidence of {code}: ≤ 500 chars"
            )
        if text:
            cleaned[code] = text
    missing = [c for c, v in report.values.items() if v is None and c not in cleaned]
    if missing:
        names = {i.code: i.name for i in load_county_scheme().indicators}
        raise _fail(
            "以下指标无已审核的监测数据，请填写佐证说明（如数据报送情况）："
            + "、".join(names.get(c, c) for c in missing),
            f"explain the indicators without approved data: {', '.join(missing)}",
        )
    audit.transition(
        report,
        AssessmentEvent.REPORT_SUBMITTED,
        actor=actor,
        field="state",
        to=ReportState.SUBMITTED,
        changes={"evidence": cleaned, "submitted_at": timezone.now()},
        after={"evidence": _evidence_text(cleaned)},
    )
    return report


@transaction.atomic
def review_report(report: CountyReport, *, approve: bool, comment: str, actor: Any) -> CountyReport:
    _require(may_run(actor), "审核考核自评")
    if report.state != ReportState.SUBMITTED:
        raise _fail(f"自评当前为「{report.get_state_display()}」，不在待审核状态", "not submitted")
    comment = comment.strip()
    if not approve and not comment:
        raise _fail("退回须填写审核意见", "a return needs a comment")
    if len(comment) > 500:
        raise _fail("审核意见不超过 500 字", "comment at most 500 characters")
    audit.transition(
        report,
        AssessmentEvent.REPORT_REVIEWED,
        actor=actor,
        field="state",
        to=ReportState.APPROVED if approve else ReportState.RETURNED,
        changes={"review_comment": comment, "reviewed_at": timezone.now()},
        after={"comment": comment},
    )
    return report


def score_round(round_: AssessmentRound, reports: list[CountyReport]) -> dict[int, Any]:
    scheme = scheme_of(round_)
    values = {
        r.region.code: {k: Decimal(v) if v is not None else None for k, v in r.values.items()}
        for r in reports
    }
    results = {res.region: res for res in score_counties(scheme, values)}
    return {r.pk: results.get(r.region.code) for r in reports}


@transaction.atomic
def start_publicity(round_: AssessmentRound, days: int, *, actor: Any) -> AssessmentRound:
    """Score every approved report and put the results on 公示 for ``days`` working days."""
    _require(may_run(actor), "公示考核结果")
    if not 1 <= days <= MAX_PUBLICITY_DAYS:
        raise _fail(f"公示期应为 1–{MAX_PUBLICITY_DAYS} 个工作日", "publicity: 1–30 working days")
    round_ = _locked(round_, RoundState.COLLECTING)
    reports = list(round_.reports.select_related("region"))
    pending = [r.region.name for r in reports if r.state != ReportState.APPROVED]
    if pending:
        raise _fail(
            f"以下县区的自评尚未审核通过：{'、'.join(pending)}",
            f"reports not approved yet: {len(pending)}",
        )
    scored = score_round(round_, reports)
    for report in reports:
        res = scored[report.pk]
        report.items = [
            {
                "code": i.code,
                "value": None if i.value is None else str(i.value),
                "reference": None
                if i.reference is None
                else str(i.reference.quantize(Decimal("0.0001"))),
                "sub_score": str(i.sub_score),
                "weight": str(i.weight),
                "points": str(i.points),
                "note": i.note,
            }
            for i in res.items
        ]
        report.total, report.rank, report.class_rank = res.total, res.rank, res.class_rank
    CountyReport.objects.bulk_update(reports, ["items", "total", "rank", "class_rank"])
    calendar = current_calendar()
    first = calendar.roll_forward(timezone.localdate())
    last = calendar.add_working_days(first, days - 1)
    audit.transition(
        round_,
        AssessmentEvent.PUBLICITY_STARTED,
        actor=actor,
        field="state",
        to=RoundState.PUBLICITY,
        changes={"publicity_start": first, "publicity_end": last},
        after={"publicity_start": first.isoformat(), "publicity_end": last.isoformat()},
    )
    return round_


@transaction.atomic
def publish_round(round_: AssessmentRound, *, actor: Any) -> AssessmentRound:
    _require(may_run(actor), "发布考核结果")
    round_ = _locked(round_, RoundState.PUBLICITY)
    assert round_.publicity_end is not None
    if timezone.localdate() <= round_.publicity_end:
        raise _fail(
            f"公示期至 {round_.publicity_end:%Y年%-m月%-d日} 结束后方可发布",
            "publish after the publicity period",
        )
    audit.transition(
        round_,
        AssessmentEvent.ROUND_PUBLISHED,
        actor=actor,
        field="state",
        to=RoundState.PUBLISHED,
        changes={"published_at": timezone.now()},
    )
    return round_


def _decimal(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise _fail(f"「{what}」不是数值", f"{what} is not a number") from None
    if not value.is_finite():
        raise _fail(f"「{what}」不是数值", f"{what} is not a number")
    return value


@transaction.atomic
def set_benchmark(
    sub_code: str, average: str, year: str, source: str, *, actor: Any, synthetic: bool = False
) -> ZoneBenchmark:
    _require(may_expert(actor), "录入全国平均值")
    scheme = load_zone_scheme()
    sub = next((s for _, s in scheme.subs() if s.code == sub_code), None)
    if sub is None:
        raise _fail("指标编号不存在", "unknown sub-indicator")
    value = _decimal(average, f"{sub.code} 全国平均值")
    if value <= 0:
        raise _fail(f"「{sub.name}」全国平均值须大于 0", "the average must be positive")
    y = int(_decimal(year, "数据年度"))
    if not 2000 <= y <= timezone.localdate().year:
        raise _fail("数据年度无效", "invalid year")
    if not source.strip() or len(source) > 200:
        raise _fail("请填写来源（如 火炬统计年鉴 2025）", "source is required")
    obj, created = ZoneBenchmark.objects.update_or_create(
        scheme_code=scheme.code,
        sub_code=sub.code,
        defaults={"average": value, "year": y, "source": source.strip(), "synthetic": synthetic},
    )
    audit.record(
        AssessmentEvent.BENCHMARK_SET,
        actor=actor,
        target=obj,
        after={"sub_code": sub.code, "average": str(value), "year": y, "source": source.strip()},
    )
    return obj


@transaction.atomic
def set_manual_score(item_code: str, score: str, note: str, *, actor: Any) -> ZoneManualScore:
    _require(may_expert(actor), "评定定性项")
    scheme = load_zone_scheme()
    item = next((m for m in scheme.manual if m.code == item_code), None)
    if item is None:
        raise _fail("定性项不存在", "unknown qualitative item")
    value = _decimal(score, f"{item.name} 评分")
    if not 0 <= value <= 1:
        raise _fail(f"「{item.name}」评分须在 0–1 之间", "the score must be within 0–1")
    if not note.strip() or len(note) > 300:
        raise _fail("请填写评定说明（不超过 300 字）", "a note is required")
    obj, _ = ZoneManualScore.objects.update_or_create(
        scheme_code=scheme.code,
        item_code=item.code,
        defaults={"score": value, "note": note.strip(), "scored_by": audit.acting_user(actor)},
    )
    audit.record(
        AssessmentEvent.MANUAL_SCORED,
        actor=actor,
        target=obj,
        after={"item_code": item.code, "score": str(value), "note": note.strip()},
    )
    return obj
