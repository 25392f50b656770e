"""Demo enterprises: the synthetic population (模拟数据) and the real firms the seeds name.

The synthetic firms come from ``jiazhou.synthetic.generate_population`` and are stored through
``actions.import_enterprises`` (source ``synthetic``); their 高企/科小 flags become synthetic
certificates. Real firms (``data/real_enterprises.csv``) carry only what the seeds state — name,
district or zone, the sector the text gives — with the quote and seed file, and no figures.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

import polars as pl
from django.utils import timezone

from jiazhou.fields import annual_codes
from jiazhou.synthetic import generate_population, split_identity
from jiazhou_web.accounts import actions as account_actions
from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.seeding import DemoContext, demo_password_hash
from jiazhou_web.enterprises import actions
from jiazhou_web.enterprises.choices import FigureSource, Programme, TechField
from jiazhou_web.enterprises.figures import FigureValue, annual_field_map
from jiazhou_web.enterprises.models import Enterprise, Industry
from jiazhou_web.enterprises.reference import DATA_DIR
from jiazhou_web.regions.models import Region

YEARS = (2021, 2022, 2023, 2024, 2025)
AS_OF = dt.date(2026, 6, 30)  # the demo's figures are "as reported" by mid-2026
ZONE_CODE = "LS-HTZ"
HNTE_ISSUER = "四川省科学技术厅、四川省财政厅、国家税务总局四川省税务局（模拟）"
TECH_SME_ISSUER = "四川省科学技术厅（模拟）"
TECH_FIELD_BY_NUMBER = {str(i): v for i, v in enumerate(TechField.values, start=1)}
BASIS_ZH = {
    "stated": "原文明确",
    "inferred_from_name": "据企业名称推断",
    "inferred_from_context": "据上下文推断",
}


def load(ctx: DemoContext) -> None:
    years = [y for y in YEARS if y < timezone.localdate().year] or list(YEARS)
    panel = generate_population(n_firms=ctx.size, years=years, seed=ctx.seed)
    firms = store_population(panel)
    ctx.say(f"  {len(firms)} 家模拟企业 / synthetic enterprises, {panel.height} enterprise-years")
    count = certify_population(panel, firms)
    ctx.say(f"  {count} 张模拟证书 / synthetic certificates")
    real = load_real_enterprises()
    ctx.say(f"  {real} 家种子文本所列真实企业（仅公开信息）/ real enterprises named in the seeds")
    ctx.personas[Role.ENTERPRISE_USER] = enterprise_persona(firms)


def _industry_resolver() -> dict[str, Industry]:
    """GB/T 4754 codes by their digits (``3825`` → C3825), for the generator's bare codes."""
    by_digits: dict[str, Industry] = {}
    for industry in Industry.objects.all():
        by_digits[industry.code] = industry
        by_digits.setdefault(industry.code[1:], industry)
    return by_digits


def _industry(code: str, known: dict[str, Industry]) -> Industry:
    """The class itself, or its nearest ancestor on file (中类/大类) if the 小类 is not."""
    for end in range(len(code), 1, -1):
        if code[:end] in known:
            return known[code[:end]]
    raise ValueError(f"未知行业代码 / unknown industry code {code!r}")


def _number(value: Any) -> FigureValue:
    if value is None or isinstance(value, bool | str):
        return value
    return Decimal(repr(float(value))).normalize()


def store_population(panel: pl.DataFrame) -> dict[str, Enterprise]:
    """Identity and every annual figure of the synthetic panel, through the bulk action."""
    identity, annual = split_identity(panel)
    regions = {r.code: r for r in Region.objects.all()}
    zone = regions[ZONE_CODE]
    industries = _industry_resolver()
    specs = annual_field_map()
    codes = [c for c in annual_codes() if c in annual.columns]
    figures: dict[str, dict[int, dict[str, FigureValue]]] = defaultdict(dict)
    for row in annual.iter_rows(named=True):
        figures[row["uscc"]][row["fiscal_year"]] = {
            c: (str(int(row[c])) if specs[c].unit == "code" else _number(row[c]))
            for c in codes
            if row[c] is not None
        }
    records = [
        actions.EnterpriseRecord(
            {
                "uscc": r["uscc"],
                "name": r["name"],
                "registration_date": r["registration_date"],
                "region": regions[r["region_code"]],
                "zone": zone if r["in_zone"] else None,
                "industry": _industry(r["industry_code"], industries),
                "tech_field": TECH_FIELD_BY_NUMBER.get(r["tech_field"] or "", ""),
                "size_class": r["sme_size_class"],
                "lifecycle_stage": r["lifecycle_stage"],
                "strategic_emerging": r["strategic_emerging"],
                "key_chain_role": str(r["key_chain_role"]),
                "resident_enterprise_cn": r["resident_enterprise_cn"],
                "tax_collection_method": r["tax_collection_method"],
                "listed_status": r["listed_status"],
                "above_scale_industrial": r["above_scale_industrial"],
                "segment_start_date": r["segment_start_date"],
                "synthetic": True,
            },
            figures[r["uscc"]],
        )
        for r in identity.iter_rows(named=True)
    ]
    outcome = actions.import_enterprises(
        records, source=FigureSource.SYNTHETIC, as_of=AS_OF, actor=None, note="模拟数据 demo"
    )
    return outcome.enterprises


def _runs(years: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs ``(first, last)`` of a sorted list of years."""
    runs: list[tuple[int, int]] = []
    for year in years:
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def certify_population(panel: pl.DataFrame, firms: dict[str, Enterprise]) -> int:
    """Synthetic certificates for the years the generator flags a firm as 高企 or 科小.

    高企证书: valid three years (criteria.md §1, 3 years from issue), issued 1 November of the
    cycle's first year so it holds on 31 December of each year it covers. 科小入库登记编号:
    valid for its calendar year (annual evaluation; the exact validity is not published).
    A status flagged in the latest fiscal year is carried to the current year (renewal),
    since the demo has no figures for it yet; a run of flags that stops earlier ends its
    certificate on 31 December of the run's last year (the firm no longer holds it).
    """
    this_year = timezone.localdate().year
    latest = int(panel["fiscal_year"].max())  # type: ignore[arg-type]
    specs: list[dict[str, Any]] = []
    sequence: dict[tuple[str, int], int] = defaultdict(int)
    for programme, flag in (
        (Programme.HNTE, "hnte_certified"),
        (Programme.TECH_SME, "tech_sme_registered"),
    ):
        flagged = (
            panel.filter(pl.col(flag))
            .group_by("uscc")
            .agg(pl.col("fiscal_year").sort())
            .sort("uscc")
        )
        for uscc, years in flagged.iter_rows():
            firm = firms[uscc]
            for first, last in _runs(list(years)):
                end = this_year if last == latest else last
                step = 3 if programme == Programme.HNTE else 1
                for year in range(first, end + 1, step):
                    sequence[(programme, year)] += 1
                    seq = sequence[(programme, year)]
                    if programme == Programme.HNTE:
                        specs.append(
                            {
                                "enterprise": firm,
                                "programme": programme,
                                "number": f"GR{year}51{seq:05d}",
                                "valid_from": dt.date(year, 11, 1),
                                "valid_to": min(dt.date(year + 3, 10, 31), dt.date(end, 12, 31))
                                if last != latest
                                else dt.date(year + 3, 10, 31),
                                "issuer": HNTE_ISSUER,
                            }
                        )
                    else:
                        specs.append(
                            {
                                "enterprise": firm,
                                "programme": programme,
                                "number": f"{year}{firm.region.code}{seq:05d}",
                                "valid_from": dt.date(year, 1, 1),
                                "valid_to": dt.date(year, 12, 31),
                                "issuer": TECH_SME_ISSUER,
                            }
                        )
    return actions.add_certificates(specs, actor=None, synthetic=True)


def load_real_enterprises() -> int:
    """The firms the seed texts name, with only the facts stated there (no figures)."""
    with (DATA_DIR / "real_enterprises.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_key: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_key[row["key"]].append(row)
    regions = {r.code: r for r in Region.objects.all()}
    industries = {i.code: i for i in Industry.objects.all()}
    for facts in by_key.values():
        first = facts[0]
        actions.create_enterprise(
            actor=None,
            uscc=None,
            name=first["name"],
            region=regions[first["region_code"]],
            zone=regions[ZONE_CODE] if first["in_zone"] else None,
            industry=industries[first["industry_code"]],
            synthetic=False,
            source_note=_source_note(facts),
        )
    return len(by_key)


def _source_note(facts: list[dict[str, str]]) -> str:
    first = facts[0]
    lines = [
        f"「{f['source_quote']}」（seeds/{f['source_file']}；原文名称：{f['name_in_source']}；"
        f"地点：{f['region_in_source'] or '未载明'}）— {f['fact']}"
        + (f" 注：{f['notes']}" if f["notes"] else "")
        for f in facts
    ]
    lines.append(
        f"行业：原文所述领域「{first['sector_stated']}」（{BASIS_ZH.get(first['industry_basis'], first['industry_basis'])}），"
        f"按 GB/T 4754-2017 归入 {first['industry_code']}，为本平台归类，非登记信息；"
        "统一社会信用代码、注册日期、规模及年度数据原文均未载明，故不填写。"
    )
    return "\n".join(lines)


def enterprise_persona(firms: dict[str, Enterprise]) -> Any:
    """``demo_enterprise``: the user of one synthetic zone firm with figures and a 高企 certificate."""
    zone_firms = sorted(
        (f for f in firms.values() if f.zone_id is not None), key=lambda f: f.uscc or ""
    )
    chosen = next(
        (
            f
            for f in zone_firms
            if f.certificates.valid_on().filter(programme=Programme.HNTE).exists()
        ),
        zone_firms[0],
    )
    user = account_actions.create_user(
        username="demo_enterprise",
        password_hash=demo_password_hash(),
        display_name=f"赵企（{chosen.name}）",
        actor=None,
    )
    account_actions.assign_role(user, Role.ENTERPRISE_USER, actor=None, target=chosen)
    return user
