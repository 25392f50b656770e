"""One English msgid, one Chinese (issue 14). Django merges the apps' catalogues and the app
listed first in INSTALLED_APPS wins, so an English msgid that two apps translate differently
shows the first app's Chinese on the other's pages (supervision's 「已批准」 reads 「已审核」).
A word that means different things gets a context (``pgettext``, ``{% translate … context %}``).

The 45 clashes this test found when it was written were given the losing app's name as context
(the Chinese each app's catalogue meant is what its pages show now)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _clashes() -> set[str]:
    """The msgids (without a context) translated differently in the compiled catalogues (make
    compiles them before the tests)."""
    translations: dict[str, set[str]] = {}
    for mo in sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.mo")):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for msgid, msgstr in catalog.items():
            if isinstance(msgid, str) and msgid and "\x04" not in msgid:  # \x04: a context
                translations.setdefault(msgid, set()).add(msgstr)
    return {msgid for msgid, texts in translations.items() if len(texts) > 1}


def test_no_english_msgid_has_two_chinese_translations() -> None:
    clashes = _clashes()
    assert not clashes, sorted(clashes)


def test_no_msgid_holds_chinese() -> None:
    """An English msgid with Chinese inside (「Synthetic data (模拟数据)」) shows that Chinese on the
    English switch; the Chinese belongs in the translation."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    found = set()
    for mo in sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.mo")):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        found |= {
            f"{mo.parts[-5]}: {msgid}"
            for msgid in catalog
            if isinstance(msgid, str) and cjk.search(msgid.split("\x04")[-1])
        }
    assert not found, sorted(found)
