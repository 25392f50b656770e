"""One English msgid, one Chinese (issue 14). Django merges the apps' catalogues and the app
listed first in INSTALLED_APPS wins, so an English msgid that two apps translate differently
shows the first app's Chinese on the other's pages (supervision's 「已批准」 reads 「已审核」).
A word that means different things gets a context (``pgettext``, ``{% translate … context %}``).

``KNOWN`` lists the clashes found when this test was written, to be given contexts one by one; a
new clash fails, and so does a listed one that is gone (take it off the list)."""

from __future__ import annotations

import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KNOWN = frozenset(
    {
        "Approve",
        "Approved",
        "Attainment",
        "Basis",
        "Enterprise figures in this demo are generated, not real.",
        "Enterprise record",
        "Enterprises",
        "History",
        "List",
        "Near-eligible enterprises",
        "Near-eligible lists",
        "Pool members",
        "Programme",
        "Progress",
        "Publicity ends",
        "Rank",
        "Recompute",
        "Region",
        "Rejected",
        "Scoring runs",
        "Service provider",
        "System",
        "Unit scoreboard",
        "Valid until",
        "Value",
        "assigned at",
        "code",
        "done",
        "enterprises",
        "expired",
        "input data hash",
        "issued on",
        "overlays districts",
        "programme",
        "reason",
        "region",
        "regions",
        "status",
        "synthetic (demo) record",
        "title",
        "user",
        "valid from",
        "valid to",
        "value",
        "year",
    }
)


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
    assert not clashes - KNOWN, sorted(clashes - KNOWN)
    assert not KNOWN - clashes, f"no longer clashing, take off KNOWN: {sorted(KNOWN - clashes)}"
