"""The indicator framework: COINr's two-table shape (unit data ``iData`` + metadata ``iMeta``).

Metadata columns follow COINr so its inputs load unchanged: ``Level``, ``iCode``, ``Parent``,
``Direction`` (±1), ``Weight``, ``Type`` (Indicator / Aggregate / Group / Denominator / Other), and
optionally ``iName``, ``Unit``, ``Target``, ``Denominator``, ``Standard`` (标准值, the Chinese
regional evaluation's reference value), ``goalpost_lower``, ``goalpost_upper``,
``goalpost_scale``, ``goalpost_trunc2posts``, and the other per-indicator normalisation
parameters COINr reads with ``f_n_para = "use_iMeta"`` (``minmax_lower``/``minmax_upper``,
``scaled_lower``/``scaled_upper``/``scale_factor``, ``zscore_mean``/``zscore_sd``,
``dist2targ_cap_max``), and ``Scale`` (a per-indicator factor applied by :class:`Denominate`).
Logical columns accept ``TRUE``/``FALSE``. Level 1 are indicators, the top level is the index.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.errors import IndexInputError

FloatArray = npt.NDArray[np.float64]

REQUIRED_META = ("Level", "iCode", "Parent", "Direction", "Weight", "Type")
TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
OPTIONAL_NUMERIC = (
    "Target",
    "Standard",
    "goalpost_lower",
    "goalpost_upper",
    "goalpost_scale",
    "goalpost_trunc2posts",
    "minmax_lower",
    "minmax_upper",
    "scaled_lower",
    "scaled_upper",
    "scale_factor",
    "zscore_mean",
    "zscore_sd",
    "dist2targ_cap_max",
    "Scale",
)
DATA_ID_COLUMNS = ("uCode", "uName", "Time")

__all__ = ["Framework", "IndexInputError"]


def _meta_row(i: int) -> str:
    return f"iMeta 第 {i + 2} 行"


def _as_float(value: object) -> float:
    if value is None:
        return float("nan")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if text.upper() in ("TRUE", "FALSE"):  # COINr's logical columns (e.g. goalpost_trunc2posts)
        return 1.0 if text.upper() == "TRUE" else 0.0
    return float(text) if text else float("nan")


def _excluded(meta: pl.DataFrame, exclude: Sequence[str]) -> pl.DataFrame:
    codes = [str(c) for c in meta["iCode"]]
    unknown = [c for c in exclude if c not in codes]
    if unknown:
        raise IndexInputError(f"要排除的指标 {unknown} 不在 iMeta 中", f"unknown codes {unknown}")
    out = meta.with_columns(
        pl.when(pl.col("iCode").is_in(list(exclude)))
        .then(pl.lit("Other"))
        .otherwise(pl.col("Type"))
        .alias("Type")
    )
    while True:  # drop aggregates that no longer have children, level by level
        live = out.filter(pl.col("Type").is_in(["Indicator", "Aggregate"]))
        parents = set(live["Parent"].drop_nulls().cast(pl.String))
        empty = live.filter(
            (pl.col("Type") == "Aggregate") & ~pl.col("iCode").cast(pl.String).is_in(parents)
        )["iCode"]
        if empty.is_empty():
            return out
        out = out.filter(~pl.col("iCode").is_in(empty.to_list()))


@dataclass(frozen=True, eq=False)
class Framework:
    """A validated indicator tree. Build it with :meth:`from_meta`."""

    meta: pl.DataFrame
    weight_sets: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @classmethod
    def from_meta(cls, meta: pl.DataFrame, exclude: Sequence[str] = ()) -> Framework:
        """Validate an iMeta table (COINr column names) and return the framework.

        ``exclude`` is COINr's ``new_coin(exclude = …)``: those indicators are left out (their
        rows become ``Type = Other`` so their iData columns are still accepted), and an
        aggregate left without children is dropped with them."""
        if exclude:
            meta = _excluded(meta, exclude)
        missing = [c for c in REQUIRED_META if c not in meta.columns]
        if missing:
            raise IndexInputError(
                f"iMeta 缺少必需列 {missing}", f"iMeta lacks required columns {missing}"
            )
        rows = meta.to_dicts()
        clean: list[dict[str, object]] = []
        seen: set[str] = set()
        for i, row in enumerate(rows):
            code = str(row["iCode"] or "").strip()
            where = _meta_row(i)
            if not code:
                raise IndexInputError(f"{where}：iCode 为空", f"row {i + 2}: iCode is empty")
            if code in seen:
                raise IndexInputError(
                    f"{where}：iCode「{code}」重复", f"row {i + 2}: duplicate iCode '{code}'"
                )
            seen.add(code)
            kind = str(row["Type"] or "").strip()
            if kind not in TYPES:
                raise IndexInputError(
                    f"{where}（{code}）：Type「{kind}」无效，应为 {TYPES} 之一",
                    f"row {i + 2} ({code}): Type '{kind}' is not one of {TYPES}",
                )
            entry: dict[str, object] = {"iCode": code, "Type": kind}
            entry["iName"] = str(row.get("iName") or code)
            parent = row["Parent"]
            entry["Parent"] = None if parent is None or str(parent).strip() == "" else str(parent)
            entry["Denominator"] = (
                None
                if row.get("Denominator") is None or str(row.get("Denominator")).strip() == ""
                else str(row["Denominator"]).strip()
            )
            entry["Unit"] = None if row.get("Unit") is None else str(row.get("Unit"))
            if kind in ("Indicator", "Aggregate"):
                try:
                    level = int(_as_float(row["Level"]))
                    weight = _as_float(row["Weight"])
                    direction = _as_float(row["Direction"]) if kind == "Indicator" else 1.0
                except (TypeError, ValueError) as exc:
                    raise IndexInputError(
                        f"{where}（{code}）：Level/Weight/Direction 不是数字",
                        f"row {i + 2} ({code}): Level/Weight/Direction is not numeric",
                    ) from exc
                if kind == "Indicator" and level != 1:
                    raise IndexInputError(
                        f"{where}（{code}）：指标必须在第 1 层，而不是第 {level} 层",
                        f"row {i + 2} ({code}): an Indicator must be at Level 1, not {level}",
                    )
                if kind == "Aggregate" and level < 2:
                    raise IndexInputError(
                        f"{where}（{code}）：聚合节点层级必须 ≥ 2",
                        f"row {i + 2} ({code}): an Aggregate must have Level >= 2",
                    )
                if direction not in (1.0, -1.0):
                    raise IndexInputError(
                        f"{where}（{code}）：Direction 必须为 1 或 -1",
                        f"row {i + 2} ({code}): Direction must be 1 or -1",
                    )
                if not np.isfinite(weight) or weight < 0:
                    raise IndexInputError(
                        f"{where}（{code}）：Weight 必须是非负数",
                        f"row {i + 2} ({code}): Weight must be a non-negative number",
                    )
                entry.update(Level=level, Weight=weight, Direction=direction)
            else:
                entry.update(Level=None, Weight=None, Direction=None)
            for col in OPTIONAL_NUMERIC:
                try:
                    entry[col] = _as_float(row.get(col))
                except ValueError as exc:
                    raise IndexInputError(
                        f"{where}（{code}）：{col} 不是数字",
                        f"row {i + 2} ({code}): {col} is not numeric",
                    ) from exc
            clean.append(entry)
        schema = {
            "iCode": pl.String,
            "iName": pl.String,
            "Type": pl.String,
            "Level": pl.Int64,
            "Parent": pl.String,
            "Weight": pl.Float64,
            "Direction": pl.Float64,
            "Denominator": pl.String,
            "Unit": pl.String,
            **dict.fromkeys(OPTIONAL_NUMERIC, pl.Float64),
        }
        framework = cls(pl.DataFrame(clean, schema=schema))
        framework._check_tree()
        return framework

    def _check_tree(self) -> None:
        nodes = self.meta.filter(pl.col("Type").is_in(["Indicator", "Aggregate"]))
        level = dict(zip(nodes["iCode"], nodes["Level"], strict=True))
        if not level:
            raise IndexInputError("iMeta 中没有指标", "iMeta has no indicators")
        top = max(level.values())
        roots = [c for c, lev in level.items() if lev == top]
        if len(roots) != 1:
            raise IndexInputError(
                f"顶层（第 {top} 层）应只有一个指数节点，实际为 {roots}",
                f"the top level ({top}) must hold exactly one index node, found {roots}",
            )
        for code, parent in zip(nodes["iCode"], nodes["Parent"], strict=True):
            if level[code] == top:
                if parent is not None:
                    raise IndexInputError(
                        f"{code}：顶层节点不应有 Parent", f"{code}: the top level has no Parent"
                    )
                continue
            if parent is None:
                raise IndexInputError(f"{code}：缺少 Parent", f"{code}: Parent is missing")
            if parent not in level:
                raise IndexInputError(
                    f"{code}：Parent「{parent}」不是 iMeta 中的聚合节点",
                    f"{code}: Parent '{parent}' is not an Aggregate in iMeta",
                )
            if level[parent] != level[code] + 1:
                raise IndexInputError(
                    f"{code}：Parent「{parent}」应在第 {level[code] + 1} 层",
                    f"{code}: Parent '{parent}' must be at Level {level[code] + 1}",
                )
        for code, lev in level.items():
            if lev > 1 and not self.children.get(code):
                raise IndexInputError(
                    f"聚合节点「{code}」没有子节点", f"Aggregate '{code}' has no children"
                )
        for code, denom in zip(self.meta["iCode"], self.meta["Denominator"], strict=True):
            if denom is not None and denom not in set(self.meta["iCode"]):
                raise IndexInputError(
                    f"{code}：分母「{denom}」未在 iMeta 中声明",
                    f"{code}: Denominator '{denom}' is not declared in iMeta",
                )

    # ---- tree accessors -------------------------------------------------------------------
    @cached_property
    def indicators(self) -> tuple[str, ...]:
        """Indicator codes in metadata order."""
        return tuple(self.meta.filter(pl.col("Type") == "Indicator")["iCode"])

    @cached_property
    def n_levels(self) -> int:
        """Number of levels, 1 (indicators) to the index."""
        return int(self.meta["Level"].max())  # type: ignore[arg-type]

    @cached_property
    def levels(self) -> dict[int, tuple[str, ...]]:
        """Codes per level (1 = indicators)."""
        nodes = self.meta.filter(pl.col("Type").is_in(["Indicator", "Aggregate"]))
        return {
            lev: tuple(nodes.filter(pl.col("Level") == lev)["iCode"])
            for lev in range(1, self.n_levels + 1)
        }

    @cached_property
    def parent(self) -> dict[str, str | None]:
        """Parent of each node."""
        nodes = self.meta.filter(pl.col("Type").is_in(["Indicator", "Aggregate"]))
        return dict(zip(nodes["iCode"], nodes["Parent"], strict=True))

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """Children of each aggregate, in metadata order."""
        out: dict[str, list[str]] = {}
        for code, parent in self.parent.items():
            if parent is not None:
                out.setdefault(parent, []).append(code)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def units(self) -> dict[str, str | None]:
        """Measurement unit per code (iMeta ``Unit``)."""
        return dict(zip(self.meta["iCode"], self.meta["Unit"], strict=True))

    @cached_property
    def level_names(self) -> dict[int, str]:
        """A column name per level, as COINr's lineage table (``Level_1`` …)."""
        return {lev: f"Level_{lev}" for lev in range(1, self.n_levels + 1)}

    def with_weight_set(self, name: str, weights: Mapping[str, float]) -> Framework:
        """A copy that also holds the named weight set ``name`` (COINr's ``coin$Meta$Weights``);
        codes not given keep their metadata weight. ``Aggregate(weights=name)`` uses it."""
        unknown = [c for c in weights if c not in self.weights]
        if unknown:
            raise IndexInputError(
                f"权重中有未知代码 {unknown}", f"unknown codes in weights: {unknown}"
            )
        sets = {**self.weight_sets, name: {**self.weights, **weights}}
        return replace(self, weight_sets=sets)

    def weight_set(self, name: str) -> dict[str, float]:
        """A named weight set; ``Original`` is the metadata weights."""
        if name == "Original":
            return dict(self.weights)
        if name not in self.weight_sets:
            raise IndexInputError(
                f"没有名为「{name}」的权重组（已有：Original, {', '.join(self.weight_sets)}）",
                f"no weight set named '{name}'",
            )
        return dict(self.weight_sets[name])

    def ancestor(self, code: str, level: int) -> str:
        """The node at ``level`` above ``code`` (``code`` itself at its own level)."""
        level_of = {c: lev for lev, cs in self.levels.items() for c in cs}
        node: str | None = code
        while node is not None and level_of[node] < level:
            node = self.parent[node]
        if node is None or level_of[node] != level:
            raise IndexInputError(
                f"「{code}」在第 {level} 层没有上级", f"'{code}' has no ancestor at level {level}"
            )
        return node

    @cached_property
    def root(self) -> str:
        """The index code (the single node at the top level, or the first of several)."""
        return self.levels[self.n_levels][0]

    @cached_property
    def weights(self) -> dict[str, float]:
        """Weights from metadata (COINr's weight set "Original")."""
        nodes = self.meta.filter(pl.col("Type").is_in(["Indicator", "Aggregate"]))
        return dict(zip(nodes["iCode"], nodes["Weight"], strict=True))

    @cached_property
    def _indicator_meta(self) -> pl.DataFrame:
        return self.meta.filter(pl.col("Type") == "Indicator")

    @cached_property
    def _columns(self) -> dict[str, FloatArray]:
        return {}

    def column(self, name: str) -> FloatArray:
        """A numeric metadata column over the indicators, in indicator order (a copy)."""
        if name not in self._columns:
            col = self._indicator_meta[name]
            self._columns[name] = (
                col.cast(pl.Float64).fill_null(float("nan")).to_numpy().astype(np.float64)
            )
        return self._columns[name].copy()

    @cached_property
    def directions(self) -> FloatArray:
        """Direction (±1) of each indicator."""
        return self.column("Direction")

    @cached_property
    def denominators(self) -> dict[str, str]:
        """Denominator column of each indicator that has one."""
        ind = self.meta.filter(pl.col("Type") == "Indicator")
        return {
            c: d for c, d in zip(ind["iCode"], ind["Denominator"], strict=True) if d is not None
        }

    @cached_property
    def group_columns(self) -> tuple[str, ...]:
        """Unit grouping columns (Type == Group)."""
        return tuple(self.meta.filter(pl.col("Type") == "Group")["iCode"])

    @cached_property
    def denominator_columns(self) -> tuple[str, ...]:
        """Denominator columns (Type == Denominator)."""
        return tuple(self.meta.filter(pl.col("Type") == "Denominator")["iCode"])

    @cached_property
    def names(self) -> dict[str, str]:
        """Display name per code."""
        return dict(zip(self.meta["iCode"], self.meta["iName"], strict=True))

    def with_values(self, column: str, values: Mapping[str, float]) -> Framework:
        """A validated copy with some metadata values replaced, e.g. ``Weight`` or the
        ``Standard`` (标准值) of a given edition."""
        unknown = [c for c in values if c not in set(self.meta["iCode"])]
        if unknown or column not in self.meta.columns or column in ("iCode", "Type"):
            raise IndexInputError(
                f"无法设置 {column}：未知代码 {unknown}",
                f"cannot set {column}: unknown codes {unknown} or column",
            )
        new = self.meta.with_columns(
            pl.col("iCode")
            .replace_strict(dict(values), default=None, return_dtype=self.meta[column].dtype)
            .fill_null(pl.col(column))
            .alias(column)
        )
        return Framework.from_meta(new)

    def check_data(self, data: pl.DataFrame) -> None:
        """Check an iData table against the metadata (COINr's ``check_iData`` rules)."""
        if "uCode" not in data.columns:
            raise IndexInputError("iData 缺少 uCode 列", "iData lacks the uCode column")
        codes = data["uCode"].cast(pl.String)
        if codes.null_count():
            row = int(codes.is_null().arg_true()[0]) + 2
            raise IndexInputError(f"iData 第 {row} 行 uCode 为空", f"iData row {row}: empty uCode")
        dup = codes.filter(codes.is_duplicated()).unique().to_list()
        if dup:
            raise IndexInputError(f"iData 中 uCode 重复：{dup}", f"duplicate uCode in iData: {dup}")
        declared = set(self.meta["iCode"])
        undeclared = [c for c in data.columns if c not in declared and c not in DATA_ID_COLUMNS]
        if undeclared:
            raise IndexInputError(
                f"iData 的列 {undeclared} 未在 iMeta 中描述",
                f"iData columns {undeclared} are not described in iMeta",
            )
        absent = [c for c in self.indicators if c not in data.columns]
        absent += [d for d in self.denominators.values() if d not in data.columns]
        if absent:
            raise IndexInputError(
                f"iData 缺少 iMeta 中的列 {absent}", f"iData lacks iMeta columns {absent}"
            )
        for code in self.indicators:
            if not data[code].dtype.is_numeric() and data[code].null_count() < data.height:
                raise IndexInputError(
                    f"iData 列「{code}」不是数值", f"iData column '{code}' is not numeric"
                )

    def effective_weights(self, weights: Mapping[str, float] | None = None) -> dict[str, float]:
        """Effective weight of every node in the index: product of normalised weights up the tree.

        COINr's ``get_eff_weights``: weights are made to sum to 1 within each group, then
        multiplied down from the index.
        """
        w = dict(self.weights) if weights is None else {**self.weights, **weights}
        out = {self.root: 1.0}
        for lev in range(self.n_levels, 1, -1):
            for node in self.levels[lev]:
                kids = self.children[node]
                total = sum(w[k] for k in kids)
                for k in kids:
                    out[k] = out.get(node, 0.0) * (w[k] / total if total > 0 else 0.0)
        return out
