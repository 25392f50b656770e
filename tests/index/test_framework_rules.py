"""The iMeta rules of ``index.framework`` (COINr's ``check_iMeta`` / ``new_coin``), each on the
small framework of conftest (``a`` +, ``b`` − under ``P`` under ``I``; ``pop`` a denominator).

- a weight of 0 is a weight (the indicator counts for nothing), a negative one is refused;
- an Aggregate sits at level 2 or above, the single top node has no parent, every other node's
  parent is one level up;
- logical cells read ``TRUE``/``FALSE`` as 1/0 (COINr writes ``goalpost_trunc2posts`` so);
- ``exclude`` turns indicators into ``Other`` and drops the aggregates left without children;
- effective weights: normalised within each parent, multiplied down; a parent whose children all
  weigh 0 passes nothing on.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework

Meta = Callable[..., pl.DataFrame]


def test_a_weight_of_zero_is_accepted(small_meta: Meta) -> None:
    fw = Framework.from_meta(small_meta(a__Weight=0.0))
    assert fw.weights["a"] == 0.0
    assert fw.effective_weights() == pytest.approx({"I": 1.0, "P": 1.0, "a": 0.0, "b": 1.0})


def test_children_all_weighing_zero_pass_nothing_on(small_meta: Meta) -> None:
    fw = Framework.from_meta(small_meta(a__Weight=0.0, b__Weight=0.0))
    assert fw.effective_weights() == {"I": 1.0, "P": 1.0, "a": 0.0, "b": 0.0}


def test_effective_weights_use_the_weights_given(small: Framework) -> None:
    """a 1, b 3 under P: 1/4 and 3/4 (the metadata's equal weights are replaced)."""
    eff = small.effective_weights({"b": 3.0})
    assert eff == pytest.approx({"I": 1.0, "P": 1.0, "a": 0.25, "b": 0.75})


def test_an_aggregate_below_level_two_is_refused(small_meta: Meta) -> None:
    # P is the third row of the table, row 4 of the file (the header is row 1)
    with pytest.raises(IndexInputError, match=r"row 4 \(P\): an Aggregate must have Level >= 2"):
        Framework.from_meta(small_meta(P__Level=1))


def test_the_top_node_is_single_and_has_no_parent(small_meta: Meta) -> None:
    with pytest.raises(
        IndexInputError, match=r"must hold exactly one index node, found \['P', 'I'\]"
    ):
        Framework.from_meta(small_meta(P__Level=3, P__Parent=None))
    with pytest.raises(IndexInputError, match="I: the top level has no Parent"):
        Framework.from_meta(small_meta(I__Parent="P"))


def test_a_parent_is_one_level_up(small_meta: Meta) -> None:
    """b's parent I is at level 3, two levels above an indicator."""
    with pytest.raises(IndexInputError, match="b: Parent 'I' must be at Level 2"):
        Framework.from_meta(small_meta(b__Parent="I"))
    # nor at the child's own level or below: b under the indicator a
    with pytest.raises(IndexInputError, match="b: Parent 'a' must be at Level 2"):
        Framework.from_meta(small_meta(b__Parent="a"))


def test_logical_cells_read_as_one_and_zero(small_meta: Meta) -> None:
    meta = small_meta().with_columns(
        pl.Series("goalpost_trunc2posts", ["TRUE", "false", None, None, None, None])
    )
    fw = Framework.from_meta(meta)
    assert fw.column("goalpost_trunc2posts").tolist() == [1.0, 0.0]


def test_a_non_numeric_weight_names_the_row(small_meta: Meta) -> None:
    meta = small_meta().with_columns(pl.col("Weight").cast(pl.String))
    meta = meta.with_columns(
        pl.when(pl.col("iCode") == "b").then(pl.lit("heavy")).otherwise(pl.col("Weight"))
        .alias("Weight")
    )  # fmt: skip
    with pytest.raises(
        IndexInputError, match=r"row 3 \(b\): Level/Weight/Direction is not numeric"
    ):
        Framework.from_meta(meta)


def test_exclude_drops_an_aggregate_left_without_children(small_meta: Meta) -> None:
    """Excluding both indicators of P leaves P empty: it goes too, and then I has no child, so
    the framework has no indicator left."""
    fw = Framework.from_meta(small_meta(), exclude=["b"])
    assert fw.indicators == ("a",)
    assert fw.meta.filter(pl.col("iCode") == "b")["Type"].to_list() == ["Other"]
    with pytest.raises(IndexInputError, match="iMeta has no indicators"):
        Framework.from_meta(small_meta(), exclude=["a", "b"])
    with pytest.raises(IndexInputError, match=r"unknown codes \['zz'\]"):
        Framework.from_meta(small_meta(), exclude=["zz"])


def test_ancestor_at_each_level(small: Framework) -> None:
    assert [small.ancestor("a", lev) for lev in (1, 2, 3)] == ["a", "P", "I"]
    with pytest.raises(IndexInputError, match="'P' has no ancestor at level 1"):
        small.ancestor("P", 1)


def test_data_checks_name_the_empty_row_and_the_text_column(
    small: Framework, small_data: pl.DataFrame
) -> None:
    # the third unit is row 4 of the file: the header is row 1
    with pytest.raises(IndexInputError, match="iData row 4: empty uCode"):
        small.check_data(small_data.with_columns(pl.Series("uCode", ["u1", "u2", None, "u4"])))
    with pytest.raises(IndexInputError, match="iData column 'a' is not numeric"):
        small.check_data(small_data.with_columns(pl.col("a").cast(pl.String)))
    # an all-empty column is no text: it passes (COINr reads it as NA)
    small.check_data(small_data.with_columns(pl.lit(None, dtype=pl.String).alias("a")))
    with pytest.raises(IndexInputError, match="iData lacks the uCode column"):
        small.check_data(small_data.drop("uCode"))


def test_an_empty_code_names_its_row(small_meta: Meta) -> None:
    """b is the second row of the table, row 3 of the file."""
    with pytest.raises(IndexInputError, match="row 3: iCode is empty"):
        Framework.from_meta(small_meta(b__iCode=" "))


def test_an_empty_parent_cell_is_no_parent(small_meta: Meta) -> None:
    """A spreadsheet writes the index's missing parent as an empty text: the index still has
    none."""
    fw = Framework.from_meta(small_meta(I__Parent="", pop__Parent=" "))
    assert fw.parent["I"] is None and fw.root == "I"


def test_names_default_to_the_code(small_meta: Meta) -> None:
    """iName is optional (COINr fills it with the code)."""
    assert Framework.from_meta(small_meta()).names["a"] == "a"
    named = small_meta().with_columns(pl.Series("iName", ["甲", None, "支柱", "指数", None, None]))
    assert Framework.from_meta(named).names == {
        "a": "甲",
        "b": "b",
        "P": "支柱",
        "I": "指数",
        "pop": "pop",
        "grp": "grp",
    }


def test_the_index_row_may_come_first(small_meta: Meta) -> None:
    """Row order does not matter: with the index listed first, the rows after it are still
    checked (b's parent two levels up is refused)."""
    meta = small_meta(b__Parent="I")
    first = pl.concat([meta.filter(pl.col("iCode") == "I"), meta.filter(pl.col("iCode") != "I")])
    with pytest.raises(IndexInputError, match="b: Parent 'I' must be at Level 2"):
        Framework.from_meta(first)
    ok = small_meta()
    fw = Framework.from_meta(
        pl.concat([ok.filter(pl.col("iCode") == "I"), ok.filter(pl.col("iCode") != "I")])
    )
    assert fw.root == "I" and fw.indicators == ("a", "b")


def test_a_framework_is_its_own_identity(small_meta: Meta) -> None:
    """Two frameworks built from the same table are two objects (their tables are not compared:
    a frame has no truth value), and a framework can key a cache."""
    one, two = Framework.from_meta(small_meta()), Framework.from_meta(small_meta())
    assert one != two and one == one  # noqa: PLR0124 (identity is the point)
    assert {one: 1, two: 2}[one] == 1
