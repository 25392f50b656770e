"""Templates write their words through the catalogues (issue 14): Chinese typed straight into
the HTML stays Chinese on the English switch. Every word a template writes is an English msgid
inside ``{% translate %}`` / ``{% blocktranslate %}`` with its Chinese in the app's catalogue.

Left out on purpose: the error pages (403/404/500 and ``errors/``), which are bilingual on one
page because they must be read before anything else works (「没有权限 / Access denied」), the
language switch's own 「中文」, and CSS font names (仿宋, 黑体)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
# what may hold Chinese: translate tags, comments, font names
REMOVED = (
    re.compile(r"\{%\s*blocktranslate\b.*?\{%\s*endblocktranslate\s*%\}", re.S),
    re.compile(r"\{%\s*translate\s+\"[^\"]*\"[^%]*%\}"),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"font-family:[^;\"]*"),
)
BILINGUAL = {"core/templates/403.html", "core/templates/404.html", "core/templates/500.html"}
LANGUAGE_SWITCH = {"core/templates/base.html", "accounts/templates/accounts/login.html"}


def _chinese_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    for pattern in REMOVED:
        text = pattern.sub("", text)
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


def test_no_template_types_chinese_outside_the_catalogues() -> None:
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        name = path.relative_to(ROOT).as_posix()
        if name in BILINGUAL or "/templates/errors/" in name:
            continue
        lines = _chinese_lines(path)
        if name in LANGUAGE_SWITCH:
            lines = [line for line in lines if CJK.findall(line) != list("中文")]
        found += [f"{name}: {line[:120]}" for line in lines]
    assert not found, "\n".join(found)


def test_the_scan_finds_typed_chinese(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '{% translate "Save" %}<td>模拟数据</td>{# 注释 #}<p style="font-family:\'黑体\'">x</p>',
        encoding="utf-8",
    )
    assert _chinese_lines(page) == ['<td>模拟数据</td><p style="">x</p>']
