"""Reading COINr's ``export_to_excel`` workbook, sheet by sheet (issue 23).

The rules (module docstring of ``coinr_workbook``): ``Meta.Ind`` is iMeta, ``Data.Raw`` holds
``uCode`` and the raw columns, ``Meta.Unit`` adds the unit columns Data.Raw does not have
(names, groups, denominators) before ``uCode``; every ``Meta.Weights.<name>`` sheet is a weight
set (``iCode``, ``Weight``) except ``Original``, which is the metadata's own; other sheets (later
data sets, analysis tables) are not read. Each refusal names what is missing.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from jiazhou.index.coinr_workbook import import_coinr_workbook
from jiazhou.index.errors import IndexInputError

META = pl.DataFrame(
    {"Level": [1, 1, 2, None, None, None], "iCode": ["a", "v", "I", "grp", "pop", "zone"],
     "Parent": ["I", "I", None, None, None, None], "Direction": [1, -1, 1, None, None, None],
     "Weight": [1.0, 1.0, 1.0, None, None, None],
     "Type": ["Indicator", "Indicator", "Aggregate", "Group", "Denominator", "Group"]}
)  # fmt: skip
# u3 has raw data but no Meta.Unit row; uName and Time are in both sheets (Data.Raw's are read)
UNITS = pl.DataFrame(
    {"uCode": ["u1", "u2"], "uName": ["One", "Two"], "Time": [2020, 2020], "grp": ["x", "y"],
     "pop": [10.0, 20.0], "zone": ["n", "s"]}
)  # fmt: skip
RAW = pl.DataFrame(
    {"uCode": ["u1", "u2", "u3"], "uName": ["Unit 1", "Unit 2", "Unit 3"],
     "Time": [2024, 2024, 2024], "a": [1.0, 2.0, 3.0], "v": [4.0, 5.0, 6.0]}
)  # fmt: skip


def _book(path: Path, sheets: dict[str, pl.DataFrame]) -> Path:
    with xlsxwriter.Workbook(path) as book:
        for name, frame in sheets.items():
            frame.write_excel(book, worksheet=name)
    return path


def test_unit_columns_come_first_and_data_raw_keeps_its_own(tmp_path: Path) -> None:
    path = _book(tmp_path / "coin.xlsx", {"Meta.Ind": META, "Meta.Unit": UNITS, "Data.Raw": RAW})
    _fw, data, meta = import_coinr_workbook(path)
    assert data.columns == ["grp", "pop", "zone", "uCode", "uName", "Time", "a", "v"]
    assert data["uCode"].to_list() == ["u1", "u2", "u3"]  # every unit of Data.Raw, in its order
    assert data["uName"].to_list() == ["Unit 1", "Unit 2", "Unit 3"]
    assert data["Time"].to_list() == [2024, 2024, 2024]
    assert data["grp"].to_list() == ["x", "y", None]
    assert data["pop"].to_list() == [10.0, 20.0, None]
    assert data["zone"].to_list() == ["n", "s", None]
    assert data["v"].to_list() == [4.0, 5.0, 6.0]
    assert meta["iCode"].to_list() == ["a", "v", "I", "grp", "pop", "zone"]


def test_without_a_unit_sheet_the_data_is_data_raw(tmp_path: Path) -> None:
    path = _book(tmp_path / "coin.xlsx", {"Meta.Ind": META, "Data.Raw": RAW})
    _fw, data, _meta = import_coinr_workbook(path)
    assert data.columns == RAW.columns
    assert data["a"].to_list() == [1.0, 2.0, 3.0]


def test_weight_sheets_are_weight_sets_except_original(tmp_path: Path) -> None:
    # Original (written first, with other numbers) is skipped, and so are the sheets that are not
    # weights; a set names only the codes it changes, the rest keep their metadata weight
    path = _book(
        tmp_path / "coin.xlsx",
        {
            "Meta.Ind": META,
            "Data.Raw": RAW,
            "Data.Normalised": RAW,
            "Meta.Weights.Original": pl.DataFrame({"iCode": ["a"], "Weight": [9.0]}),
            "Meta.Weights.Double": pl.DataFrame({"iCode": ["a"], "Level": [1], "Weight": [2.0]}),
            "Meta.Weights.Pca": pl.DataFrame({"iCode": ["a", "v"], "Weight": [0.25, 0.75]}),
        },
    )
    fw, _data, _meta = import_coinr_workbook(path)
    assert set(fw.weight_sets) == {"Double", "Pca"}
    assert fw.weight_set("Double") == {"a": 2.0, "v": 1.0, "I": 1.0}
    assert fw.weight_set("Pca") == {"a": 0.25, "v": 0.75, "I": 1.0}
    assert fw.weight_set("Original") == {"a": 1.0, "v": 1.0, "I": 1.0}


def test_each_missing_piece_is_named(tmp_path: Path) -> None:
    with pytest.raises(IndexInputError, match="文件不存在"):
        import_coinr_workbook(tmp_path / "none.xlsx")
    no_raw = _book(tmp_path / "no_raw.xlsx", {"Meta.Ind": META, "Meta.Unit": UNITS})
    with pytest.raises(IndexInputError, match=r"缺少工作表 \['Data.Raw'\]"):
        import_coinr_workbook(no_raw)
    no_ucode = _book(tmp_path / "no_ucode.xlsx", {"Meta.Ind": META, "Data.Raw": RAW.drop("uCode")})
    with pytest.raises(IndexInputError, match="Data.Raw 缺少 uCode 列"):
        import_coinr_workbook(no_ucode)
    no_weight = _book(
        tmp_path / "no_weight.xlsx",
        {"Meta.Ind": META, "Data.Raw": RAW, "Meta.Weights.Bad": pl.DataFrame({"iCode": ["a"]})},
    )
    with pytest.raises(IndexInputError, match="工作表 Meta.Weights.Bad 缺少 iCode/Weight 列"):
        import_coinr_workbook(no_weight)
