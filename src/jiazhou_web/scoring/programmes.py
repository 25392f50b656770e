"""Which library schemes decide which programme (培育库), and which version applies in a year."""

from __future__ import annotations

import datetime as dt

from jiazhou.schemes import Scheme, SchemeError, list_schemes, load_scheme
from jiazhou_web.enterprises.choices import Programme

# Programme → code prefix of its schemes in ``jiazhou/schemes/library`` (one file per version).
SCHEME_PREFIX: dict[str, str] = {
    Programme.HNTE: "hnte",
    Programme.TECH_SME: "tech-sme",
    Programme.INNOVATIVE_SME: "innovative-sme",
    Programme.SRDI_SME: "srdi-sme",
    Programme.LITTLE_GIANT: "little-giant",
    Programme.GAZELLE: "gazelle",
    Programme.UNICORN: "unicorn",
}

# Cultivation ladder of the pool dashboard's funnel: 科小 → 高企 → 瞪羚/专精特新 → 小巨人.
FUNNEL: tuple[tuple[str, ...], ...] = (
    (Programme.TECH_SME,),
    (Programme.HNTE,),
    (Programme.GAZELLE, Programme.SRDI_SME),
    (Programme.LITTLE_GIANT,),
)


def programme_of(scheme_code: str) -> str:
    """The programme a scheme code belongs to (longest matching prefix)."""
    best = ""
    found = ""
    for programme, prefix in SCHEME_PREFIX.items():
        if scheme_code.startswith(prefix) and len(prefix) > len(best):
            best, found = prefix, programme
    if not found:
        raise ValueError(
            f"方案 {scheme_code} 不属于任何培育库 / scheme {scheme_code} has no programme"
        )
    return found


def application_date(eval_year: int) -> dt.date:
    """The date an application of ``eval_year`` is judged on (mid-year, as the panel's as_of)."""
    return dt.date(eval_year, 6, 30)


def schemes_for(eval_year: int, programmes: list[str] | None = None) -> dict[str, Scheme]:
    """Programme → the scheme in force for applications of ``eval_year`` (latest version)."""
    on = application_date(eval_year)
    chosen: dict[str, Scheme] = {}
    for scheme in list_schemes():
        try:
            programme = programme_of(scheme.code)
        except ValueError:
            continue
        if programmes is not None and programme not in programmes:
            continue
        if not scheme.in_force(on):
            continue
        current = chosen.get(programme)
        if current is None or scheme.effective_from > current.effective_from:
            chosen[programme] = scheme
    return chosen


def validity_notes(scheme_code: str, eval_year: int) -> tuple[str, str]:
    """``(warning, application)`` for a run: a warning when the scheme was not in force on the
    application date, and the application date used (the scheme's usual filing day)."""
    try:
        scheme = load_scheme(scheme_code)
    except SchemeError:
        return "", ""
    month, day = scheme.application_day
    on = dt.date(eval_year, month, day)
    application = f"{on.year}年{on.month}月{on.day}日（方案常规申报日，数据未提供申请日期时采用）"
    if scheme.in_force(on):
        return "", application
    warning = (
        f"{scheme.title_zh}（{scheme.document}）的有效期为{scheme.validity_zh()}，"
        f"{eval_year}年度申请日期（{on.year}年{on.month}月{on.day}日）不在有效期内，结果仅供参考"
    )
    return warning, application
