"""Score units against a scheme, vectorised in Polars, with every criterion explained.

>>> from jiazhou.schemes import load_scheme, score
>>> result = score(panel, load_scheme("hnte-2016"), year=2025)   # doctest: +SKIP
>>> result.summary                # one row per unit: status, total interval, class, rank
>>> result.details()              # long table: unit × criterion
>>> result.explain("91511100MA62XXXX0X")

The per-unit columns come from :mod:`jiazhou.schemes.sqlgen` (each expression compiled with
``polars.sql_expr``); population-relative items and the quota classes and ranks are computed within cohorts by
:mod:`jiazhou.schemes.cohorts`, which calls :mod:`jiazhou.index.normalise`, the one
implementation of those methods.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from jiazhou.fields import field_map
from jiazhou.schemes import cohorts
from jiazhou.schemes.model import Gate, Item, Scheme, SchemeError, read_scheme
from jiazhou.schemes.panel import (
    INCIDENT_FLAG_COLUMNS,
    INCIDENT_WINDOWS,
    KEY,
    at_application,
    prepare_units,
    with_optional_columns,
)
from jiazhou.schemes.sqlgen import CRITERION_STATES, UNIT_STATES, input_columns, plan

LIBRARY = Path(__file__).parent / "library"
CriterionStatus = pl.Enum(CRITERION_STATES)
UnitStatus = pl.Enum(UNIT_STATES)
CARRIED = ("name", "region_code", "in_zone", "synthetic")
SUMMARY = (
    "status",
    "total",
    "total_min",
    "total_max",
    "class",
    "rank",
    "n_unmet",
    "n_unknown",
    "n_review",
    "gap_score",
    "route_met",
)
# Per unit: the application date judged on, whether it is the scheme's default, and whether the
# scheme was in force on it (shown next to every result, issue 12 items 7-8).
APPLICATION = ("as_of", "application_date_assumed", "in_force")


_WHERE_FROM = {
    w: f"{w}（需要 major_incident 年度列或带日期的事件表 / needs the major_incident column or "
    "dated incidents）"
    for w in INCIDENT_WINDOWS
}


class MissingColumnsError(SchemeError):
    """Input data lacks columns that schemes read; ``missing`` maps column → scheme codes."""

    def __init__(self, missing: Mapping[str, list[str]]) -> None:
        self.missing = dict(missing)
        lines = "; ".join(
            f"{_column_zh(c)} ({', '.join(codes)})" for c, codes in sorted(self.missing.items())
        )
        super().__init__(f"输入数据缺少列 / input data lacks columns: {lines}")


def _column_zh(column: str) -> str:
    """``conversions_y1`` → 「科技成果转化数（当年）」conversions_y1 (Y-1)."""
    if column in _WHERE_FROM:
        return _WHERE_FROM[column]
    base, _, lag = column.rpartition("_y")
    spec = field_map().get(base) if lag.isdigit() else field_map().get(column)
    if spec is None:
        return column
    year = f" (Y-{lag})" if lag.isdigit() and lag != "0" else " (Y)" if lag == "0" else ""
    return f"「{spec.name_zh}」{column}{year}"


# --- the library ---------------------------------------------------------------------------------


@cache
def _library_scheme(path: str) -> Scheme:
    return read_scheme(path)


def load_scheme(
    code_or_path: str | Path, params: Mapping[str, float | str] | None = None
) -> Scheme:
    """A scheme by library code (``"hnte-2016"``) or by file path; ``params`` override thresholds."""
    p = Path(code_or_path)
    if not p.suffix:
        p = LIBRARY / f"{code_or_path}.toml"
        if not p.exists():
            known = ", ".join(s.code for s in list_schemes())
            raise SchemeError(f"未知方案 / unknown scheme {code_or_path!r}; known: {known}")
    if params:
        return read_scheme(p, params)
    return _library_scheme(str(p))


def list_schemes(on: dt.date | None = None) -> list[Scheme]:
    """Every scheme in the library (only those in force on ``on`` when given), by code."""
    schemes = [_library_scheme(str(p)) for p in sorted(LIBRARY.glob("*.toml"))]
    return [s for s in schemes if on is None or s.in_force(on)]


# --- scoring -------------------------------------------------------------------------------------


def data_hash(df: pl.DataFrame) -> str:
    """SHA-256 of the input's schema and row hashes (stable for a Polars version)."""
    h = hashlib.sha256(repr(list(df.schema.items())).encode())
    if df.height:
        h.update(df.hash_rows(seed=0).to_numpy().tobytes())
    return h.hexdigest()


class InputDigest:
    """The hash of a run's input, computed when first asked for (then the frame is released).

    Selecting the read columns shares memory with the input, so holding it costs nothing.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self._frame: pl.DataFrame | None = frame
        self._value: str | None = None

    @property
    def value(self) -> str:
        if self._value is None:
            assert self._frame is not None
            self._value, self._frame = data_hash(self._frame), None
        return self._value


def _enum(column: str, states: tuple[str, ...], dtype: pl.Enum) -> pl.Expr:
    """Integer state codes (see :mod:`jiazhou.schemes.sqlgen`) as an ``Enum`` column."""
    return pl.col(column).replace_strict(list(range(len(states))), list(states), return_dtype=dtype)


# Whole-column evaluation with expression-level parallelism: on these wide, elementwise plans it
# uses less CPU and far fewer page faults than the streaming engine, and gives one chunk per
# column. Common-subexpression elimination costs more than it saves here.
_OPTIMIZATIONS = pl.QueryOptFlags(comm_subexpr_elim=False)


def _column(name: str, expr: str) -> pl.Expr:
    """One planned column; statuses become ``UInt8`` codes at once (1 byte a unit, not 4)."""
    compiled = pl.sql_expr(expr)
    return (compiled.cast(pl.UInt8) if name.endswith("__status") else compiled).alias(name)


def _in_force(scheme: Scheme) -> pl.Expr:
    on = pl.col("as_of")
    ok = on >= scheme.effective_from
    if scheme.effective_to is not None:
        ok = ok & (on <= scheme.effective_to)
    return ok.alias("in_force")


def _run(units: pl.DataFrame, scheme: Scheme) -> pl.DataFrame:
    p = plan(scheme, set(units.columns))
    scheme_fields = {f.name for f in scheme.fields}
    lf = units.lazy()
    for stage in p.pre:
        lf = lf.with_columns(_column(name, expr) for name, expr in stage)
    if p.population:  # population-relative items need the whole column: materialise here
        frame = lf.collect(engine="in-memory", optimizations=_OPTIMIZATIONS)
        codes = cohorts.cohort_codes(frame)
        frame = cohorts.population_points(frame, p.population, codes)
        lf = frame.lazy()
    for stage in p.post:
        lf = lf.with_columns(_column(name, expr) for name, expr in stage)
    keep = [c for c in (*KEY, *CARRIED) if c in units.columns and c not in scheme_fields]
    derived = [f.name for f in scheme.fields]
    crit = [c for c in lf.collect_schema().names() if "__" in c]
    statuses = [c for c in crit if c.endswith("__status")]
    frame = (
        lf.select(
            *keep,
            *derived,
            *crit,
            "total_min",
            "total_max",
            "n_unmet",
            "n_unknown",
            "n_review",
            "gap_score",
            "route_met",
            "status",
            "as_of",
            "application_date_assumed",
            _in_force(scheme),
        )
        .with_columns(
            *(pl.col(c).cast(pl.UInt8) for c in statuses),  # population items' statuses
            _enum("status", UNIT_STATES, UnitStatus),
            pl.when(pl.col("total_min") == pl.col("total_max"))
            .then(pl.col("total_min"))
            .alias("total"),
        )
        .collect(engine="in-memory", optimizations=_OPTIMIZATIONS)
    )
    return cohorts.classes_and_ranks(scheme, frame)


def _units_for(
    df: pl.DataFrame,
    schemes: Sequence[Scheme],
    year: int | None,
    identity: pl.DataFrame | None,
    events: pl.DataFrame | None = None,
) -> list[pl.DataFrame]:
    """Each scheme's units, as of its application date (see :func:`panel.at_application`)."""
    needed = set().union(*(input_columns(s) for s in schemes))
    if needed & set(INCIDENT_WINDOWS):
        # the windows read the yearly flags: without events, and with them for the firms the
        # events table does not list (panel.at_application)
        needed |= set(INCIDENT_FLAG_COLUMNS)
    if "fiscal_year" in df.columns:
        units = prepare_units(df, year, identity, columns=needed)
    else:
        units = (
            df
            if year is None or "eval_year" not in df.columns
            else df.filter(pl.col("eval_year") == year)
        )
    units = with_optional_columns(units, needed)
    out = [at_application(units, s.application_day, events) for s in schemes]
    missing: dict[str, list[str]] = {}
    for s, u in zip(schemes, out, strict=True):
        for c in sorted(input_columns(s) - set(u.columns)):
            missing.setdefault(c, []).append(s.code)
    if missing:
        raise MissingColumnsError(missing)
    return out


def scheme_units(
    df: pl.DataFrame,
    scheme: Scheme,
    year: int | None = None,
    identity: pl.DataFrame | None = None,
    events: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The units ``scheme`` is scored on: prepared, optional columns added, as of application."""
    return _units_for(df, [scheme], year, identity, events)[0]


def score(
    df: pl.DataFrame,
    scheme: Scheme | str,
    year: int | None = None,
    identity: pl.DataFrame | None = None,
    events: pl.DataFrame | None = None,
) -> ScoreResult:
    """Score ``df`` against ``scheme``.

    ``df`` is a panel (``uscc`` + ``fiscal_year`` rows, see :mod:`jiazhou.schemes.panel`) — then
    ``year`` is the evaluation year — or already-prepared units (``*_y1`` columns). ``events``:
    dated incidents (``uscc``, ``date``, ``kind``), see :func:`panel.at_application`.
    """
    return score_many(df, [scheme], year, identity, events)[0]


def score_many(
    df: pl.DataFrame,
    schemes: Iterable[Scheme | str],
    year: int | None = None,
    identity: pl.DataFrame | None = None,
    events: pl.DataFrame | None = None,
) -> list[ScoreResult]:
    """Score one input against several schemes, preparing the units once."""
    loaded = [load_scheme(s) if isinstance(s, str) else s for s in schemes]
    per_scheme = _units_for(df, loaded, year, identity, events)
    units = per_scheme[0] if per_scheme else df
    read = sorted(set().union(*(input_columns(s) for s in loaded)) & set(units.columns))
    digest = InputDigest(units.select(*(c for c in KEY if c in units.columns), *read))
    return [
        ScoreResult(s, _run(u, s), digest, year) for s, u in zip(loaded, per_scheme, strict=True)
    ]


# --- results -------------------------------------------------------------------------------------


def _criteria(scheme: Scheme) -> list[tuple[str, Gate | Item]]:
    return (
        [("gate", g) for g in scheme.gates]
        + [("route", r) for r in scheme.routes]
        + [("item", i) for i in scheme.items]
    )


_DETAIL_COLUMNS = {
    "value": pl.Float64,
    "requirement": pl.Float64,
    "gap": pl.Float64,
    "rel_gap": pl.Float64,
    "points_min": pl.Float64,
    "points_max": pl.Float64,
    "boundary": pl.Boolean,
}


@dataclass
class ScoreResult:
    """The outcome of one scheme on one set of units.

    ``wide`` holds one row per unit and, for every criterion ``X``, the columns ``X__status``
    (a ``UInt8`` code: the position in :data:`CRITERION_STATES`; :meth:`details` and
    :meth:`explain` give names), ``X__value``, ``X__points_min`` ... (see
    :mod:`jiazhou.schemes.sqlgen`), plus the totals and the unit ``status`` (an ``Enum``).
    ``data_hash`` is the SHA-256 of the unit keys and every input column the scheme reads.
    """

    scheme: Scheme
    wide: pl.DataFrame
    digest: InputDigest
    year: int | None = None
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def data_hash(self) -> str:
        """SHA-256 of the unit keys and every input column the scheme reads."""
        return self.digest.value

    @property
    def scheme_code(self) -> str:
        return self.scheme.code

    @property
    def scheme_version(self) -> str:
        return self.scheme.version

    @property
    def keys(self) -> list[str]:
        return [c for c in (*KEY, *CARRIED) if c in self.wide.columns]

    @property
    def summary(self) -> pl.DataFrame:
        """One row per unit: status, total (exact) or interval, class, rank and counts."""
        return self.wide.select(*self.keys, *SUMMARY)

    @property
    def application(self) -> pl.DataFrame:
        """One row per unit: the application date used, whether assumed, scheme in force."""
        return self.wide.select(*self.keys, *APPLICATION)

    def warnings(self) -> list[str]:
        """Warnings to show with the results (Chinese first): units scored outside the scheme's
        validity dates, and application dates assumed from the scheme's usual filing day."""
        out = []
        wide = self.wide
        s = self.scheme
        outside = wide.filter(~pl.col("in_force"))
        if outside.height:
            days = sorted({str(d) for d in outside["as_of"].unique().to_list()})
            out.append(
                f"方案 {s.code}（{s.document}）有效期为{s.validity_zh()}，"
                f"{outside.height} 个评价单位的申请日期（{'、'.join(days[:5])}）不在有效期内，"
                f"结果仅供参考 / scheme {s.code} is in force {s.effective_from} – "
                f"{s.effective_to or '…'}; {outside.height} unit(s) have an application date "
                "outside it: results are for reference only"
            )
        assumed = wide.filter(pl.col("application_date_assumed"))
        if assumed.height:
            m, d = s.application_day
            out.append(
                f"{assumed.height} 个评价单位未填申请日期，按 {s.code} 的常规申报日（评价年度 {m}月{d}日）"
                f"计算 / {assumed.height} unit(s) have no application_date: the scheme's usual "
                f"filing day ({m:02d}-{d:02d} of the evaluation year) was used"
            )
        return out

    def criteria(self) -> pl.DataFrame:
        """The scheme's criteria: id, kind, labels, citation, confidence tag, messages."""
        rows = [
            {
                "criterion": c.id,
                "kind": kind,
                "label_zh": c.label_zh,
                "label_en": c.label_en,
                "cite": c.cite,
                "tag": c.tag,
                "max_points": c.max if isinstance(c, Item) else None,
                "message_zh": c.message_zh if isinstance(c, Gate) else "",
                "message_en": c.message_en if isinstance(c, Gate) else "",
            }
            for kind, c in _criteria(self.scheme)
        ]
        return pl.DataFrame(rows, schema_overrides={"max_points": pl.Float64})

    def details(self, units: pl.Expr | None = None) -> pl.DataFrame:
        """The long explanation table: one row per unit × criterion (optionally filtered)."""
        wide = self.wide if units is None else self.wide.filter(units)
        keys = [c for c in KEY if c in wide.columns]
        parts = []
        for kind, c in _criteria(self.scheme):
            cols = [pl.col(k) for k in keys] + [
                pl.lit(c.id).alias("criterion"),
                pl.lit(kind).alias("kind"),
                pl.col(f"{c.id}__status").alias("status"),
            ]
            for name, dtype in _DETAIL_COLUMNS.items():
                src = f"{c.id}__{name}"
                cols.append(
                    (pl.col(src) if src in wide.columns else pl.lit(None)).cast(dtype).alias(name)
                )
            parts.append(wide.lazy().select(cols))
        if not parts:
            return pl.DataFrame()
        return (
            pl.concat(parts)
            .with_columns(_enum("status", CRITERION_STATES, CriterionStatus))
            .collect()
        )

    def explain(self, uscc: str, eval_year: int | None = None) -> dict[str, Any]:
        """Everything about one unit as a plain dict (for a detail page or a JSON API)."""
        row = self.wide.filter(pl.col("uscc") == uscc)
        if eval_year is not None and "eval_year" in row.columns:
            row = row.filter(pl.col("eval_year") == eval_year)
        if row.height == 0:
            raise KeyError(f"无此单位 / no such unit: {uscc} {eval_year or ''}".strip())
        if row.height > 1 and "eval_year" in row.columns:
            years = "、".join(str(y) for y in sorted(row["eval_year"].unique()))
            raise KeyError(
                f"单位 {uscc} 有 {years} 多个评价年度的结果，请指定年度 / unit {uscc} has results "
                f"for several evaluation years ({years}): give eval_year"
            )
        r = row.row(0, named=True)
        crit = []
        for kind, c in _criteria(self.scheme):
            entry: dict[str, Any] = {
                "id": c.id,
                "kind": kind,
                "label_zh": c.label_zh,
                "label_en": c.label_en,
                "cite": c.cite,
                "tag": c.tag,
                "status": CRITERION_STATES[r[f"{c.id}__status"]],
            }
            for name in _DETAIL_COLUMNS:
                entry[name] = r.get(f"{c.id}__{name}")
            if isinstance(c, Item):
                entry["max_points"] = c.max
            elif entry["status"] == "unmet":
                entry["message_zh"], entry["message_en"] = c.message_zh, c.message_en
            crit.append(entry)
        return {
            "scheme": self.scheme.code,
            "scheme_version": self.scheme.version,
            "document": self.scheme.document,
            "data_hash": self.data_hash,
            "unit": {k: r[k] for k in self.keys},
            **{k: r[k] for k in SUMMARY},
            "fields": {f.name: r[f.name] for f in self.scheme.fields},
            "criteria": crit,
        }

    def near_eligible(self, limit: int | None = None) -> pl.DataFrame:
        """Units not passing yet, best candidates first (criteria.md §8.8 ordering):
        fewer hard criteria unmet, fewer unknowns, smaller relative gap, higher lower-bound score.

        A unit that fails with every hard criterion met fails on its score (best case below the
        pass mark) or has no route left: that counts as one unmet criterion, so it does not
        rank above units that can still pass.
        """
        score_only = (pl.col("status") == "fail") & (pl.col("n_unmet") == 0)
        blocking = (pl.col("n_unmet").cast(pl.Int64) + score_only.cast(pl.Int64)).alias("_block")
        out = (
            self.summary.filter(pl.col("status") != "pass")
            .with_columns(blocking)
            .sort(
                ["_block", "n_unmet", "n_unknown", "gap_score", "total_min"],
                descending=[False, False, False, False, True],
            )
            .drop("_block")
        )
        return out if limit is None else out.head(limit)
