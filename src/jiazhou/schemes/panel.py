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
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from jiazhou.fields import annual_codes

LAGS = (0, 1, 2, 3, 4)
KEY = ("uscc", "eval_year")


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
    exprs: list[pl.Expr] = []
    if "as_of" not in units.columns:
        exprs.append(pl.date(y, 6, 30).alias("as_of"))
    units = units.with_columns(exprs) if exprs else units
    out = []
    if "registration_date" in units.columns:
        reg = pl.col("registration_date").cast(pl.Date)
        out += [
            (pl.col("as_of") - reg).dt.total_days().alias("age_days"),
            (y - 1 - reg.dt.year() + 1).clip(lower_bound=0).alias("fiscal_years_operated"),
            (y - 1 - reg.dt.year()).alias("firm_age_years"),
        ]
    if "segment_start_date" in units.columns:
        seg = pl.col("segment_start_date").cast(pl.Date)
        out.append((y - 1 - seg.dt.year()).alias("segment_years"))
    return units.with_columns(out) if out else units
