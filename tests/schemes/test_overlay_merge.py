"""Overlay files (``schemes.overlay``): a local configuration on a national core scheme.

criteria.md §5.1: localities add indicators and adjust weights on the national 创新积分制 core;
the overlay file states only what changes. The rules pinned here are the module's documented
ones: identity keys and outcome/evaluation keys of the overlay win, ``params`` merge, arrays
merge by ``id`` (``name`` for fields and stages), a base's ``effective_to`` is not inherited,
a base chain is at most four files deep and a cycle is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jiazhou.schemes.overlay import merge, resolve


def test_arrays_merge_by_id_and_by_name() -> None:
    base = {
        "items": [{"id": "T01", "max": 10}, {"id": "T02", "max": 10}],
        "fields": [{"name": "rd", "expr": "a"}],
        "stages": [{"name": "seed", "max_age": 3}],
    }
    over = {
        "items": [{"id": "T02", "max": 5}, {"id": "L01", "max": 5}],
        "fields": [{"name": "rd", "expr": "b"}, {"name": "x", "expr": "c"}],
        "stages": [{"name": "seed", "max_age": 5}],
    }
    out = merge(base, over)
    assert out["items"] == [
        {"id": "T01", "max": 10},
        {"id": "T02", "max": 5},
        {"id": "L01", "max": 5},
    ]
    assert out["fields"] == [{"name": "rd", "expr": "b"}, {"name": "x", "expr": "c"}]
    assert out["stages"] == [{"name": "seed", "max_age": 5}]
    assert base["items"][1] == {"id": "T02", "max": 10}  # the base document is not changed


def test_an_entry_without_its_key_is_appended_never_matched() -> None:
    # a field is matched by name: an entry with an "id" only (or no key) replaces nothing
    base = {"fields": [{"expr": "a"}, {"name": "rd", "expr": "r"}], "gates": [{"id": "G1"}]}
    over = {"fields": [{"expr": "b"}, {"id": "rd", "expr": "z"}], "gates": ["raw"]}
    out = merge(base, over)
    assert out["fields"] == [
        {"expr": "a"},
        {"name": "rd", "expr": "r"},
        {"expr": "b"},
        {"id": "rd", "expr": "z"},
    ]
    assert out["gates"] == [{"id": "G1"}, "raw"]


def test_an_array_new_to_the_base_is_taken_whole() -> None:
    assert merge({}, {"routes": [{"id": "R1"}]}) == {"routes": [{"id": "R1"}]}


def test_tables_merge_key_by_key_and_other_keys_are_replaced() -> None:
    base = {
        "code": "core",
        "params": {"a": 1, "b": 2},
        "outcome": {"pass_mark": 60, "rank": True},
        "evaluation": {"cohort": "x"},
        "notes": "n",
    }
    over = {"code": "local", "params": {"b": 3, "c": 4}, "outcome": {"pass_mark": 70}}
    out = merge(base, over)
    assert out == {
        "code": "local",
        "params": {"a": 1, "b": 3, "c": 4},
        "outcome": {"pass_mark": 70, "rank": True},
        "evaluation": {"cohort": "x"},
        "notes": "n",
    }
    # a table key given as something else than a table, or an array key given as a table,
    # replaces the base's value as any other key does
    assert merge(base, {"params": "none"})["params"] == "none"
    assert merge({"items": [{"id": "A"}]}, {"items": {"id": "B"}})["items"] == {"id": "B"}


def test_effective_to_and_base_are_not_inherited() -> None:
    base = {"code": "core", "effective_from": "2024-01-01", "effective_to": "2025-12-31"}
    out = merge(base, {"base": "core", "code": "local"})
    assert out == {"code": "local", "effective_from": "2024-01-01"}
    assert "base" not in out
    # the overlay may set its own end date
    assert merge(base, {"effective_to": "2026-12-31"})["effective_to"] == "2026-12-31"


def _write(tmp_path: Path, code: str, text: str) -> Path:
    path = tmp_path / f"{code}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_chain_of_four_bases_resolves_and_a_fifth_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "b4", 'code = "b4"\nnotes = "root"\n')
    for k in (3, 2, 1):
        _write(tmp_path, f"b{k}", f'base = "b{k + 1}"\ncode = "b{k}"\n')
    doc = {"base": "b1", "code": "top"}
    out = resolve(doc, str(tmp_path / "top.toml"))
    assert out == {"code": "top", "notes": "root"}
    _write(tmp_path, "b4", 'base = "b5"\ncode = "b4"\n')
    _write(tmp_path, "b5", 'code = "b5"\n')
    with pytest.raises(ValueError, match="not a cycle"):
        resolve(doc, str(tmp_path / "top.toml"))


def test_a_cycle_and_a_bad_base_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a", 'base = "a"\ncode = "a"\n')
    with pytest.raises(ValueError, match="not a cycle"):
        resolve({"base": "a"}, str(tmp_path / "x.toml"))
    with pytest.raises(ValueError, match="base must be a scheme code"):
        resolve({"base": 3}, str(tmp_path / "x.toml"))
    with pytest.raises(ValueError, match="base scheme not found: nope.toml"):
        resolve({"base": "nope"}, str(tmp_path / "x.toml"))
    assert resolve({"code": "plain"}, str(tmp_path / "x.toml")) == {"code": "plain"}
