"""Every kind of index chart draws (``index.chart_render``): a PNG of the asked size through
matplotlib and a self-contained HTML page whose option is the one built, a ``</script>`` in a
name included. The rendering is checked here by drawing, not by mutation testing."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline, chart_render, plots
from jiazhou.index.errors import IndexInputError
from jiazhou.index.sensitivity import Choice, UncertaintyAnalysis


def _options(small: Framework, small_data: pl.DataFrame) -> dict[str, dict[str, Any]]:
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    fitted = pipe.fit(small_data, small)
    factors = [Choice.of("Norm", "Normalise", "method", ["minmax", "rank"])]
    mc = UncertaintyAnalysis(pipe, factors, design="monte_carlo", n=8, seed=1)
    sa = UncertaintyAnalysis(pipe, factors, design="saltelli", n=8, seed=1)
    mc.fit(small_data, small)
    sa.fit(small_data, small)
    options = {
        kind: plots.pipeline_chart(kind, fitted, code="P" if kind == "stacked" else None,
                                   group="grp", analysis=sa if kind == "sensitivity" else mc)
        for kind in plots.KINDS
    }  # fmt: skip
    options["pie"] = plots.sensitivity(["w", "n"], [0.5, None], [0.7, None], kind="pie")
    options["box"] = plots.sensitivity(["w"], [0.5], [0.7], kind="box", bands=[(0.4, 0.6)])
    options["dot-marked"] = plots.dot(["u1", "u2"], [1.0, 2.0], "a", highlight="u2")
    return options


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_kind_draws_to_png(
    small: Framework, small_data: pl.DataFrame, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    for name, option in _options(small, small_data).items():
        out = tmp_path / f"{name}.png"
        chart_render.render_png(option, out, width=5.0, height=4.0)
        assert _png_size(out) == (600, 480), name  # inches × 120 dpi


def test_a_chart_without_a_drawable_series_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    option = {"title": {"text": "x"}, "series": [{"type": "radar", "data": []}]}
    with pytest.raises(IndexInputError, match=r"cannot draw series \['radar'\]"):
        chart_render.render_png(option, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_every_kind_draws_to_a_page_carrying_its_option(
    small: Framework, small_data: pl.DataFrame, tmp_path: Path
) -> None:
    if not chart_render.ECHARTS.exists():
        pytest.skip("the vendored ECharts file comes from `make assets`")
    for name, option in _options(small, small_data).items():
        option["title"]["text"] = f"{name} </script><b>"
        out = tmp_path / f"{name}.html"
        chart_render.render_html(option, out, title=f"{name} <i>")
        page = out.read_text(encoding="utf-8")
        assert f"<title>{name} &lt;i&gt;</title>" in page
        assert page.count("</script>") == 2  # ECharts' and the chart's, none from the name
        start = page.rindex(".setOption(") + len(".setOption(")
        assert json.loads(page[start : page.rindex(");</script>")]) == option
