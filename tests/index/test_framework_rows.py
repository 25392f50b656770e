"""``Framework.from_meta`` names the file row of a bad iMeta line (the header is row 1), and
the one top node, and what ``with_values`` refuses (issue 23, seventh mutation round).

The small iMeta of conftest: a (row 2), b (row 3), P (row 4), I (row 5), pop, grp.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework

Meta = Callable[..., pl.DataFrame]


def _refused(meta: pl.DataFrame) -> str:
    with pytest.raises(IndexInputError) as caught:
        Framework.from_meta(meta)
    return str(caught.value)


def test_a_bad_row_is_named_by_its_row_in_the_file(small_meta: Meta) -> None:
    said = _refused(small_meta(b__iCode="a"))
    assert "iMeta 第 3 行：iCode「a」重复" in said and "row 3: duplicate iCode 'a'" in said
    said = _refused(small_meta(b__Direction=2))
    assert "iMeta 第 3 行（b）：Direction 必须为 1 或 -1" in said
    assert "row 3 (b): Direction must be 1 or -1" in said
    said = _refused(small_meta(a__Weight=-1.0))
    assert "iMeta 第 2 行（a）：Weight 必须是非负数" in said
    assert "row 2 (a): Weight must be a non-negative number" in said


def test_a_bad_type_or_level_is_named_by_its_row(small_meta: Meta) -> None:
    said = _refused(small_meta(b__Type="Indikator"))
    assert "row 3 (b): Type 'Indikator' is not one of" in said
    said = _refused(small_meta(a__Level=2))
    assert "row 2 (a): an Indicator must be at Level 1, not 2" in said


def test_a_parent_one_level_too_high_is_named_with_the_level_it_needs(small_meta: Meta) -> None:
    said = _refused(small_meta(a__Parent="I"))
    assert "a：Parent「I」应在第 2 层" in said and "a: Parent 'I' must be at Level 2" in said


def test_an_aggregate_needs_no_direction(small_meta: Meta) -> None:
    """Direction is an indicator's (higher or lower is better); an aggregate's is left empty."""
    fw = Framework.from_meta(small_meta(P__Direction=None, I__Direction=None))
    assert fw.root == "I"
    assert fw.directions.tolist() == [1.0, -1.0]  # a, b


def test_an_index_has_one_top_node(small_meta: Meta) -> None:
    """b moved under a second top-level node J beside I: refused, naming both."""
    meta = small_meta(b__Parent="Q")
    extra = pl.DataFrame(
        [
            {"Level": 2, "iCode": "Q", "Parent": "J", "Direction": 1, "Weight": 1.0,
             "Type": "Aggregate", "Denominator": None, "Standard": None},
            {"Level": 3, "iCode": "J", "Parent": None, "Direction": 1, "Weight": 1.0,
             "Type": "Aggregate", "Denominator": None, "Standard": None},
        ]
    )  # fmt: skip
    said = _refused(pl.concat([meta, extra], how="diagonal_relaxed"))
    assert "the top level (3) must hold exactly one index node, found ['I', 'J']" in said


def test_with_values_refuses_an_unknown_code_a_missing_column_and_the_keys(
    small: Framework,
) -> None:
    with pytest.raises(IndexInputError, match=r"unknown codes \['zz'\]"):
        small.with_values("Weight", {"zz": 1.0})
    with pytest.raises(IndexInputError, match="cannot set NoSuchColumn"):
        small.with_values("NoSuchColumn", {"a": 1.0})
    for key in ("iCode", "Type"):
        with pytest.raises(IndexInputError, match=f"cannot set {key}"):
            small.with_values(key, {"a": 1.0})
    assert small.with_values("Weight", {"a": 2.0}).weights["a"] == 2.0


def test_each_level_has_a_lineage_column(small: Framework) -> None:
    """COINr's lineage table names a column per level, from the indicators up to the index."""
    assert small.level_names == {1: "Level_1", 2: "Level_2", 3: "Level_3"}
