"""Panel → units: one row per enterprise and evaluation year with lagged fiscal-year columns.

The input *panel* has one row per enterprise (``uscc``) and fiscal year (``fiscal_year``) with
the annual fields of ``jiazhou/fields.toml``; identity fields may sit on the panel rows (they are
taken from the latest row) or come as a separate frame keyed by ``uscc``.

A *unit* is an enterprise evaluated in year ``Y`` (``eval_year``; the application year of
criteria.md §0.3). For every annual field ``f`` it carries ``f_y1`` (fiscal year Y-1, 上年度),
``f_y2``, ``f_y3`` and ``f_y4`` (Y-2 .. Y-4) and ``f_y0`` (the application year itself, when the
panel has it). Missing years stay null, which the schemes report as ``unknown``.

Derived unit columns every scheme may read:

- ``as_of``: the assessment date, ``Y-06-30`` unless the panel gives ``as_of`` (a local choice;
  HNTE applications are filed mid-year);
- ``age_days``: ``as_of − registration_date`` in days (HNTE H1, 195号: 365 calendar days);
- ``fiscal_years_operated``: fiscal years from the founding year through Y-1, the founding year
  counting as one (32号 "实际经营期不满三年的按实际经营时间计算");
- ``firm_age_years``: ``Y-1 − founding year`` (completed years at the end of Y-1);
- ``segment_years``: ``Y-1 − year(segment_start_date)``, the anniversaries of entering the
  market segment reached by 31 December Y-1 (梯度培育 "截至上年末").

:func:`at_application` then fixes each scheme's application date (``application_date`` from the
data, else the scheme's usual filing day) and computes what depends on it: ``as_of``,
``application_date_assumed``, ``age_days`` and the incident windows ``incidents_365d`` (HNTE,
32号 第十一条(八)), ``incidents_y1_y0`` (科技型中小企业, 115号 第六条(四)) and ``incidents_3y``
(梯度培育), from dated events (:data:`INCIDENT_KINDS`) or, without them, from the yearly flags.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from jiazhou.fields import annual_codes, field_map, optional_codes

LAGS = (0, 1, 2, 3, 4)
KEY = ("uscc", "eval_year")
DEFAULT_APPLICATION_DAY = (6, 30)

# Dated compliance events (criteria.md §8.7): kind code → Chinese name.
INCIDENT_KINDS: dict[str, str] = {
    "major_safety": "重大安全事故",
    "major_quality": "重大质量事故",
    "serious_environmental": "严重环境违法行为",
    "research_misconduct": "科研严重失信行为",
    "network_data_security": "重大网络安全和数据安全事件",
    "tax_evasion": "偷税漏税",
    "data_falsification": "数据造假",
}
_ACCIDENTS = ("major_safety", "major_quality", "serious_environmental")
# Window column → (kinds it counts, how far back it looks from the application date).
INCIDENT_WINDOWS: dict[str, tuple[tuple[str, ...], str]] = {
    # 32号 第十一条(八), 195号: the 365 calendar days before the application.
    "incidents_365d": (_ACCIDENTS, "365d"),
    # 115号 第六条(四): 上一年及当年内 — from 1 January of Y-1 to the application date.
    "incidents_y1_y0": ((*_ACCIDENTS, "research_misconduct"), "y1"),
    # 63号 / 2号 基本条件: 近三年 — from 1 January of Y-3 to the application date.
    "incidents_3y": (
        (*_ACCIDENTS, "network_data_security", "tax_evasion", "data_falsification"),
        "y3",
    ),
}
# The yearly flags the windows fall back on when no dated events are given.
INCIDENT_FLAG_COLUMNS = (
    "major_incident_y0",
    "major_incident_y1",
    "major_incident_y2",
    "major_incident_y3",
    "research_misconduct_y0",
    "research_misconduct_y1",
)
EVENT_SCHEMA = {"uscc": pl.String, "date": pl.Date, "kind": pl.String}


def _numeric(df: pl.DataFrame) -> pl.DataFrame:
    """Integers and decimals as Float64, so SQL division never truncates."""
    return df.with_columns(
        pl.col(c).cast(pl.Float64)
        for c, t in df.schema.items()
        if t.is_numeric() and c not in ("fiscal_year", "eval_year")
    )


def prepare_units(
    panel: pl.DataFrame,
    year: int | None = None,
    identity: pl.DataFrame | None = None,
    columns: Iterable[str] | None = None,
) -> pl.DataFrame:
    """Units for evaluation year ``year`` (or for every year after a panel year if ``None``).

    ``columns``: the unit columns the schemes read (``f_yk`` names); only the annual fields and
    lags they need are built, which keeps a million-row panel small. ``None`` builds all.
    """
    if "uscc" not in panel.columns or "fiscal_year" not in panel.columns:
        raise ValueError(
            "面板数据须有 uscc 与 fiscal_year 两列 / the panel needs uscc and fiscal_year columns"
        )
    annual = [c for c in panel.columns if c in set(annual_codes())]
    wanted: dict[int, list[str]] = {k: list(annual) for k in LAGS}
    if columns is not None:
        cols = set(columns)
        wanted = {k: [c for c in annual if f"{c}_y{k}" in cols] for k in LAGS}
    ident_cols = [c for c in panel.columns if c not in annual and c != "fiscal_year"]
    if year is None:
        units = _all_years(panel, ident_cols, wanted)
        if identity is not None:
            extra = [c for c in identity.columns if c == "uscc" or c not in units.columns]
            units = units.join(
                identity.unique("uscc", keep="last").select(extra),
                on="uscc",
                how="left",
                maintain_order="left",
            )
        return _numeric(_with_dates(units))  # already in (uscc, eval_year) order
    fy = pl.col("fiscal_year")
    if identity is not None:
        base = identity.lazy().unique("uscc", keep="last").sort("uscc")
    else:  # identity from each firm's latest row before Y (any row if the panel has none)
        rows = panel.select("uscc", "fiscal_year").with_row_index("_row")
        known = rows.filter(fy < year)
        latest = (known if known.height else rows).sort("fiscal_year", maintain_order=True)
        picked = latest.unique("uscc", keep="last").sort("uscc")["_row"]
        base = panel.select(ident_cols)[picked].lazy()
    lagged = base.with_columns(pl.lit(year, pl.Int32).alias("eval_year"))
    for k in LAGS:
        if not wanted[k]:
            continue
        lag = (
            panel.lazy()
            .filter(fy == year - k)
            .select("uscc", *(pl.col(c).alias(f"{c}_y{k}") for c in wanted[k]))
        )
        lagged = lagged.join(lag, on="uscc", how="left", maintain_order="left")
    return _numeric(_with_dates(lagged.collect()))  # in (uscc, eval_year) order already


def with_optional_columns(units: pl.DataFrame, needed: Iterable[str]) -> pl.DataFrame:
    """Null columns for the optional catalogue fields (``f`` or ``f_yk``) that ``units`` lacks."""
    specs = field_map()
    optional = optional_codes()
    dtypes = {"date": pl.Date, "code": pl.String, "text": pl.String, "bool": pl.Boolean}
    add = []
    for col in sorted(set(needed) - set(units.columns)):
        base = col.rsplit("_y", 1)[0] if col not in optional else col
        if base in optional:
            add.append(pl.lit(None, dtypes.get(specs[base].unit, pl.Float64)).alias(col))
    return units.with_columns(add) if add else units


def at_application(
    units: pl.DataFrame,
    day: tuple[int, int] = DEFAULT_APPLICATION_DAY,
    events: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Units as of their application date; ``day`` is the scheme's usual (month, day).

    ``as_of`` = ``application_date`` when the data give one (a legacy ``as_of`` column counts
    too), else ``day`` of the evaluation year; ``application_date_assumed`` says which.
    ``events`` (``uscc``, ``date``, ``kind`` of :data:`INCIDENT_KINDS`) give the incident
    windows; a firm without events falls back on its yearly flags, and without those had none.
    Without ``events`` the windows come from the yearly flags ``major_incident``/``research_misconduct``/``tax_or_data_violation``: a flag on Y-1
    leaves the 365-day window unknown (the date decides), a missing application-year row counts
    as no event.
    """
    y = pl.col("eval_year")
    default = pl.date(y, day[0], day[1])
    # ``as_of`` is the application date only when the caller gave it (not a previous default).
    names = ["application_date"]
    if "application_date_assumed" not in units.columns:
        names.append("as_of")
    given = [pl.col(c).cast(pl.Date) for c in names if c in units.columns]
    as_of = pl.coalesce(*given, default) if given else default
    out = units.with_columns(
        as_of.alias("as_of"),
        (pl.coalesce(*given).is_null() if given else pl.lit(True)).alias(
            "application_date_assumed"
        ),
    )
    if "registration_date" in out.columns:
        reg = pl.col("registration_date").cast(pl.Date)
        out = out.with_columns(
            (pl.col("as_of") - reg).dt.total_days().cast(pl.Float64).alias("age_days")
        )
    flagged = _windows_from_flags(out.drop(*INCIDENT_WINDOWS, strict=False))
    if events is None:
        return flagged if set(INCIDENT_WINDOWS) & set(flagged.columns) else out
    dated = _windows_from_events(out, events)
    # A firm with dated events is judged on them; one without falls back on its yearly flags
    # when it has any, else it had no incident.
    has = pl.col("_has_events")
    combined = [
        pl.when(has)
        .then(pl.col(n))
        .when(pl.col(f"_flag_{n}").is_not_null())
        .then(pl.col(f"_flag_{n}"))
        .otherwise(pl.col(n))
        .alias(n)
        for n in INCIDENT_WINDOWS
    ]
    flags = [
        (
            flagged[n] if n in flagged.columns else pl.Series(n, [None] * out.height, pl.Boolean)
        ).alias(f"_flag_{n}")
        for n in INCIDENT_WINDOWS
    ]
    return (
        dated.with_columns(flags)
        .with_columns(combined)
        .drop("_has_events", *(f"_flag_{n}" for n in INCIDENT_WINDOWS))
    )


def _window_start(kind: str) -> pl.Expr:
    if kind == "365d":
        return pl.col("as_of") - pl.duration(days=365)
    back = 1 if kind == "y1" else 3
    return pl.date(pl.col("eval_year") - back, 1, 1)


def _windows_from_events(units: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    ev = events.select(
        pl.col("uscc").cast(pl.String), pl.col("date").cast(pl.Date), pl.col("kind").cast(pl.String)
    )
    keys = units.select("uscc", "eval_year", "as_of").with_row_index("_unit")
    joined = keys.join(ev, on="uscc", how="inner")
    flags = []
    for name, (kinds, back) in INCIDENT_WINDOWS.items():
        hit = (
            pl.col("kind").is_in(kinds)
            & (pl.col("date") >= _window_start(back))
            & (pl.col("date") <= pl.col("as_of"))
        )
        flags.append(hit.any().alias(name))
    per_unit = joined.group_by("_unit").agg(flags) if joined.height else None
    out = keys.select("_unit")
    if per_unit is not None:
        out = out.join(per_unit, on="_unit", how="left", maintain_order="left")
    out = out.with_columns(
        pl.col(n).fill_null(False) if n in out.columns else pl.lit(False).alias(n)
        for n in INCIDENT_WINDOWS
    )
    known = set(ev["uscc"].to_list())
    return units.with_columns(
        *out.select(*INCIDENT_WINDOWS).get_columns(),
        pl.col("uscc").is_in(list(known)).alias("_has_events"),
    )


def _flag(units: pl.DataFrame, field: str, lag: int) -> pl.Expr:
    col = f"{field}_y{lag}"
    return pl.col(col).cast(pl.Boolean) if col in units.columns else pl.lit(None, pl.Boolean)


def _windows_from_flags(units: pl.DataFrame) -> pl.DataFrame:
    """The windows from the yearly yes/no flags (when the data have no dated events)."""
    exprs = []
    if "incidents_365d" not in units.columns and "major_incident_y1" in units.columns:
        y0, y1 = _flag(units, "major_incident", 0), _flag(units, "major_incident", 1)
        exprs.append(
            pl.when(y0.fill_null(False))
            .then(True)
            .when(y1)
            .then(pl.lit(None, pl.Boolean))  # which day in Y-1? unknown without a date
            .otherwise(y1)
            .alias("incidents_365d")
        )
    if "incidents_y1_y0" not in units.columns and "major_incident_y1" in units.columns:
        parts = [
            _flag(units, f, 0).fill_null(False) for f in ("major_incident", "research_misconduct")
        ]
        parts += [_flag(units, f, 1) for f in ("major_incident", "research_misconduct")]
        exprs.append(pl.any_horizontal(parts).alias("incidents_y1_y0"))
    if "incidents_3y" not in units.columns and "major_incident_y1" in units.columns:
        older = [_flag(units, "major_incident", k).fill_null(False) for k in (0, 2, 3)]
        exprs.append(
            pl.any_horizontal(_flag(units, "major_incident", 1), *older).alias("incidents_3y")
        )
    return units.with_columns(exprs) if exprs else units


def _all_years(
    panel: pl.DataFrame, ident_cols: list[str], wanted: dict[int, list[str]]
) -> pl.DataFrame:
    """One unit per panel row (evaluation year = fiscal year + 1), lags by shifting sorted rows.

    Identity columns come from the unit's own Y-1 row. A shifted value is kept only when it
    belongs to the same enterprise and exactly the expected fiscal year (gaps give null).
    """
    fy = pl.col("fiscal_year")
    firm = pl.col("_firm")
    steps = [k - 1 for k in LAGS if wanted[k]]  # lag 1 is the row itself; lag 0 the next row
    df = (
        panel.sort("uscc", "fiscal_year")
        .with_columns(pl.col("uscc").rank("dense").alias("_firm"))
        .with_columns(
            ((firm.shift(j) == firm) & (fy.shift(j) == fy - j)).alias(f"_same{j}") for j in steps
        )
    )
    exprs: list[pl.Expr] = [*(pl.col(c) for c in ident_cols), (fy + 1).alias("eval_year")]
    for k in LAGS:
        j = k - 1
        exprs += [
            pl.when(pl.col(f"_same{j}")).then(pl.col(c).shift(j)).alias(f"{c}_y{k}")
            for c in wanted[k]
        ]
    return df.select(exprs)


def _with_dates(units: pl.DataFrame) -> pl.DataFrame:
    y = pl.col("eval_year")
    if "as_of" in units.columns:  # the legacy name of the application date
        given = [c for c in ("application_date", "as_of") if c in units.columns]
        units = units.with_columns(
            pl.coalesce(*(pl.col(c).cast(pl.Date) for c in given)).alias("application_date")
        ).drop("as_of")
    units = at_application(units)
    out = []
    if "registration_date" in units.columns:
        reg = pl.col("registration_date").cast(pl.Date)
        out += [
            (y - 1 - reg.dt.year() + 1).clip(lower_bound=0).alias("fiscal_years_operated"),
            (y - 1 - reg.dt.year()).alias("firm_age_years"),
        ]
    if "segment_start_date" in units.columns:
        seg = pl.col("segment_start_date").cast(pl.Date)
        out.append((y - 1 - seg.dt.year()).alias("segment_years"))
    return units.with_columns(out) if out else units
