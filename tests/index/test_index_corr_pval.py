"""``jiazhou index corr --pval``: correlations whose p-value is above the level are blanked
(COINr's ``plot_corr(pval = 0.05)`` shows them empty), the p-values themselves are all written;
``--pval 0`` blanks nothing. ASEM at level 2 (COINr's example data)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jiazhou.cli import main


def _corr(asem_dir: Path, tmp_path: Path, *extra: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    out = tmp_path / "corr.xlsx"
    args = [str(asem_dir / "input_iMeta.csv"), str(asem_dir / "input_iData.csv")]
    assert main(["index", "corr", *args, "--level", "2", *extra, "-o", str(out)]) == 0
    return pl.read_excel(out, sheet_name="Correlation"), pl.read_excel(out, sheet_name="PValue")


def test_correlations_above_the_p_level_are_blank(asem_dir: Path, tmp_path: Path) -> None:
    r, p = _corr(asem_dir, tmp_path, "--pval", "0.05")
    whole, _ = _corr(asem_dir, tmp_path, "--pval", "0")
    codes = [c for c in r.columns if c != "iCode"]
    blanked = kept = 0
    for c in codes:
        for value, full, pv in zip(r[c], whole[c], p[c], strict=True):
            if pv > 0.05:
                assert value is None
                blanked += 1
            else:
                assert value == full
                kept += 1
    assert blanked and kept  # both kinds occur at level 2
    assert all(whole[c].null_count() == 0 for c in codes)
