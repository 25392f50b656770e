"""Importing a COINr workbook: the Excel file COINr's ``export_to_excel(coin)`` writes.

``export_to_excel`` puts every data frame of the coin on its own sheet, named by its place in
the coin with dots: ``Meta.Ind`` (the indicator metadata, COINr's iMeta with the same column
names), ``Meta.Unit`` (unit codes, names, groups, denominators), ``Data.Raw`` (``uCode`` and
the raw indicator columns), ``Meta.Weights.<name>`` (weight sets: ``iCode``, ``Level``,
``Weight``) and the later data sets and analysis tables. This module rebuilds the two input
tables (iMeta, iData) and the named weight sets, so the coin can be rebuilt here.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework

__all__ = ["import_coinr_workbook"]

META_SHEET = "Meta.Ind"
UNIT_SHEET = "Meta.Unit"
DATA_SHEET = "Data.Raw"
WEIGHTS_PREFIX = "Meta.Weights."


def import_coinr_workbook(path: Path | str) -> tuple[Framework, pl.DataFrame, pl.DataFrame]:
    """``(framework, iData, iMeta)`` from a COINr ``export_to_excel`` workbook; the
    framework carries every weight set of the workbook except ``Original`` (the metadata's)."""
    path = Path(path)
    if not path.exists():
        raise IndexInputError(f"文件不存在：{path}", f"file not found: {path}")
    sheets = pl.read_excel(path, sheet_id=0)
    missing = [s for s in (META_SHEET, DATA_SHEET) if s not in sheets]
    if missing:
        raise IndexInputError(
            f"{path.name} 不是 COINr 导出的工作簿：缺少工作表 {missing}",
            f"{path.name} is not a COINr export_to_excel workbook: missing sheets {missing}",
        )
    meta = sheets[META_SHEET]
    data = sheets[DATA_SHEET]
    if "uCode" not in data.columns:
        raise IndexInputError(f"{DATA_SHEET} 缺少 uCode 列", f"{DATA_SHEET} lacks uCode")
    if UNIT_SHEET in sheets:
        units = sheets[UNIT_SHEET]
        extra = [c for c in units.columns if c not in data.columns or c == "uCode"]
        data = (
            units.select(extra)
            .join(data, on="uCode", how="right")
            .select(
                *[c for c in extra if c != "uCode"],
                "uCode",
                *[c for c in data.columns if c != "uCode"],
            )
        )
    framework = Framework.from_meta(meta)
    for name, frame in sheets.items():
        if not name.startswith(WEIGHTS_PREFIX) or name == WEIGHTS_PREFIX + "Original":
            continue
        if not {"iCode", "Weight"} <= set(frame.columns):
            raise IndexInputError(
                f"工作表 {name} 缺少 iCode/Weight 列", f"sheet {name} lacks iCode/Weight"
            )
        weights = dict(
            zip(frame["iCode"].cast(pl.String), frame["Weight"].cast(pl.Float64), strict=True)
        )
        framework = framework.with_weight_set(name.removeprefix(WEIGHTS_PREFIX), weights)
    return framework, data, meta
