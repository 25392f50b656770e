"""The framework-file format of ``index.framework_file`` (its module docstring is the spec).

- ``[[node]]`` rows: ``type`` defaults to Indicator at level 1 and Aggregate above, ``direction``
  and ``weight`` to 1 (also when a row leaves them out while another gives them);
- ``[[pipeline.step]]``: ``step`` names the class, the other keys are its parameters; a
  per-level ``method`` or ``min_share`` table has level numbers as keys; no step table → the
  default pipeline, as for a bare iMeta CSV (Denominate → Treat → min–max → arithmetic mean);
- ``[[sensitivity.factor]]``: ``type = "choice"`` (the default) with ``step`` + ``param`` +
  ``values`` or ``options``, labelled by ``label``, else the parameter, else the step;
  ``"weights"`` with ``noise`` (0.25 by default) and optional ``levels``; ``"continuous"`` with
  ``step``, ``param``, ``low``, ``high`` (``integer`` false by default); anything else refused.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from jiazhou.index import Aggregate, Denominate, Normalise, Treat
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework_file import load_framework_file, read_table
from jiazhou.index.sensitivity import Choice, Continuous, WeightNoise

NODES = """
[[node]]
code = "I"
level = 2
[[node]]
code = "x"
level = 1
parent = "I"
weight = 3
[[node]]
code = "y"
level = 1
parent = "I"
direction = -1
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_node_defaults_fill_the_rows_that_leave_them_out(tmp_path: Path) -> None:
    spec = load_framework_file(_write(tmp_path, NODES))
    meta = {r["iCode"]: r for r in spec.framework.meta.to_dicts()}
    assert {c: meta[c]["Type"] for c in ("I", "x", "y")} == {
        "I": "Aggregate",
        "x": "Indicator",
        "y": "Indicator",
    }
    assert (meta["x"]["Direction"], meta["y"]["Direction"]) == (1.0, -1.0)
    assert (meta["x"]["Weight"], meta["y"]["Weight"], meta["I"]["Weight"]) == (3.0, 1.0, 1.0)
    assert spec.nodes is not None and spec.nodes.height == 3


def test_no_step_table_gives_the_default_pipeline(tmp_path: Path) -> None:
    spec = load_framework_file(_write(tmp_path, NODES))
    steps = spec.pipeline.steps
    assert [type(s) for s in steps] == [Denominate, Treat, Normalise, Aggregate]
    assert steps[2].get_params()["method"] == "minmax"
    assert steps[3].get_params()["method"] == "arithmetic"
    csv = tmp_path / "iMeta.csv"
    spec.framework.meta.select("iCode", "Level", "Parent", "Direction", "Weight", "Type").write_csv(
        csv
    )
    bare = load_framework_file(csv)
    assert [type(s) for s in bare.pipeline.steps] == [Denominate, Treat, Normalise, Aggregate]
    assert bare.framework.indicators == ("x", "y")


def test_per_level_tables_have_level_numbers(tmp_path: Path) -> None:
    text = NODES + (
        '[[pipeline.step]]\nstep = "Normalise"\n'
        '[[pipeline.step]]\nstep = "Aggregate"\nmethod = {2 = "geometric"}\n'
        "min_share = {2 = 0.5}\n"
    )
    agg = load_framework_file(_write(tmp_path, text)).pipeline.steps[-1].get_params()
    assert agg["method"] == {2: "geometric"}
    assert agg["min_share"] == {2: 0.5}


def test_bad_step_parameters_are_named(tmp_path: Path) -> None:
    text = NODES + '[[pipeline.step]]\nstep = "Normalise"\nflavour = 1\n'
    with pytest.raises(IndexInputError, match=r"\[\[pipeline.step\]\] #1: bad parameters"):
        load_framework_file(_write(tmp_path, text))


def test_factor_kinds_and_their_defaults(tmp_path: Path) -> None:
    text = NODES + (
        '[[pipeline.step]]\nstep = "Normalise"\n[[pipeline.step]]\nstep = "Aggregate"\n'
        '[[sensitivity.factor]]\nstep = "Normalise"\nparam = "method"\n'
        'values = ["minmax", "rank"]\n'
        '[[sensitivity.factor]]\ntype = "weights"\n'
        '[[sensitivity.factor]]\ntype = "weights"\nlabel = "W1"\nnoise = 0.1\nlevels = [1]\n'
        '[[sensitivity.factor]]\ntype = "continuous"\nstep = "Aggregate"\nparam = "p"\n'
        "low = 1\nhigh = 3\ninteger = true\n"
        '[[sensitivity.factor]]\nstep = "Aggregate"\n'
        'options = [{method = "arithmetic"}, {method = "geometric"}]\n'
    )
    factors = load_framework_file(_write(tmp_path, text)).factors
    assert factors == [
        Choice("method", "Normalise", ({"method": "minmax"}, {"method": "rank"})),
        WeightNoise("Weights", 0.25, None),
        WeightNoise("W1", 0.1, (1,)),
        Continuous("p", "Aggregate", "p", 1.0, 3.0, True),
        Choice("Aggregate", "Aggregate", ({"method": "arithmetic"}, {"method": "geometric"})),
    ]


@pytest.mark.parametrize(
    "factor",
    [
        'type = "continuous"\nstep = "Aggregate"\nparam = "p"\nlow = 1\n',  # no high
        'type = "choice"\nparam = "method"\nvalues = ["minmax"]\n',  # no step
        'type = "sobol"\nstep = "Aggregate"\n',
        # a distribution other than the uniform one, even with the keys of a continuous factor
        'type = "beta"\nstep = "Aggregate"\nparam = "p"\nlow = 1\nhigh = 3\n',
    ],
)
def test_an_incomplete_factor_is_refused(tmp_path: Path, factor: str) -> None:
    text = NODES + "[[sensitivity.factor]]\n" + factor
    with pytest.raises(IndexInputError, match=r"\[\[sensitivity.factor\]\] #1: a factor needs"):
        load_framework_file(_write(tmp_path, text))


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(IndexInputError, match="bad TOML"):
        load_framework_file(_write(tmp_path, "[[node]\n"))
    with pytest.raises(IndexInputError, match="no \\[\\[node\\]\\] and no meta"):
        load_framework_file(_write(tmp_path, '[framework]\ncode = "x"\n'))
    with pytest.raises(IndexInputError, match="file not found"):
        read_table(tmp_path / "none.csv")
    (tmp_path / "t.txt").write_text("a", encoding="utf-8")
    with pytest.raises(IndexInputError, match="unsupported file type"):
        read_table(tmp_path / "t.txt")
    frame = pl.DataFrame({"uCode": ["a"], "x": [1.0]})
    frame.write_parquet(tmp_path / "t.parquet")
    assert read_table(tmp_path / "t.parquet").equals(frame)
