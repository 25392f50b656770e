"""What the English-switch tests share (issue 14): the demo loaded, the Chinese data values to
take out of a page, the window a page draws, a client on either language, and the loop that
fetches a persona's pages and lists the Chinese left on them.

The demo is the shared one (``shared_demo`` in ``jiazhou_web/conftest.py``). The check: from the page title in the top bar to the end of the content, Chinese data values
taken out, no CJK character left. Data values are every Chinese text stored in the rows of the
``DATA_APPS``, the annual-figure catalogue's names, the schemes' titles and the policy clauses'
conditions and citations (see ``test_english_switch``)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any

from django.apps import apps
from django.db import models
from django.test import Client

from jiazhou_web.core.page_text import visible_text

CJK = re.compile(r"[\u4e00-\u9fff]")
SWITCH = "中文"  # the language switch offers Chinese by its own name
DATA_APPS = (
    "enterprises",
    "regions",
    "accounts",
    "workspace",
    "tickets",
    "subsidies",
    "market",
    "evaluations",
    "scoring",
    "pools",
    "projects",
    "platforms",
    "indices",
    "chains",
    "assessments",
    "talent",
)

#: (username, page URLs) — a URL may hold ``{name}`` fields filled per user
Pages = Sequence[tuple[str, Sequence[str]]]


def _texts(value: Any) -> Iterator[str]:
    """The Chinese strings in a stored value (JSON lists and objects walked through)."""
    if isinstance(value, str):
        if CJK.search(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _policy_texts() -> set[str]:
    """The conditions and citations of the policy clauses in the library files (policy texts)."""
    from django.core.exceptions import ValidationError

    from jiazhou_web.subsidies.actions import clause_rule
    from jiazhou_web.subsidies.models import ClauseVersion

    texts: set[str] = set()
    for cv in ClauseVersion.objects.select_related("policy"):
        try:
            gates = clause_rule(cv).scheme.gates
        except ValidationError:
            continue
        for gate in gates:
            texts.update(t for t in (gate.label_zh, gate.cite) if t and CJK.search(t))
    return texts


def data_pattern(
    platform_words: Collection[str] = (), more: Collection[str] = ()
) -> re.Pattern[str]:
    """One alternation of every Chinese data value (longest first, so names win over parts);
    a stored text that is one of ``platform_words`` (say the catalogues' Chinese) is not one,
    the texts of ``more`` are."""
    from jiazhou_web.enterprises.figures import annual_fields
    from jiazhou_web.monitoring.models import Indicator, SourceDocument, Target

    values: set[str] = {spec.name_zh for spec in annual_fields()}
    # the indicator catalogue and the seed documents' titles are reference data
    values.update(Indicator.objects.values_list("name", flat=True))
    values.update(SourceDocument.objects.values_list("title", flat=True))
    # a target's own words (「以上」, its quoted source and notes) as the target library holds them
    for row in Target.objects.values_list("comparator_text", "source_quote", "notes"):
        values.update(_texts(row))
    for app in DATA_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = [
                f.name
                for f in model._meta.get_fields()
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
                and not f.choices
            ]
            for row in model._default_manager.values_list(*fields):
                values.update(_texts(row))
    from jiazhou.schemes import list_schemes
    from jiazhou_web.pools.gaps import _SHORT_OF

    values.update(str(getattr(scheme, "title_zh", "")) for scheme in list_schemes())
    values.update(_policy_texts())
    # gap phrases name a condition by its message without the threshold (「科技人员占比不足10%」 →
    # 科技人员占比), as pools.gaps does
    values.update([_SHORT_OF.sub("", v).strip() for v in values])
    values = {v for v in values if v not in platform_words} | set(more)
    ordered = sorted((v for v in values if v.strip()), key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in ordered))


def market_words() -> set[str]:
    """The words matching finds in the demands' and achievements' texts (their shared keywords)."""
    from jiazhou.matching.tokenize import tokenize
    from jiazhou_web.market.models import Achievement, Demand

    texts = [f"{t} {p}" for t, p in Demand.objects.values_list("title", "problem")]
    texts += [f"{t} {a}" for t, a in Achievement.objects.values_list("title", "abstract")]
    return {word for text in texts for word in tokenize(text)}


def window(html: str) -> str:
    """What the page draws: from the page title in the top bar to the end of the content."""
    return html[html.index('<div class="jz-page-title">') : html.index("</main>")]


def chinese_left(
    html: str, data: re.Pattern[str], words: frozenset[str] = frozenset()
) -> list[str]:
    left = []
    for piece in visible_text(window(html)):
        if piece == SWITCH or piece in words:
            continue
        rest = data.sub("", piece)
        if CJK.search(rest):
            left.append(piece)
    return left


def switched_client(username: str, english: bool) -> Client:
    """A client signed in as ``username``, switched to English when ``english``."""
    from jiazhou_web.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    if english:
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        assert response.status_code == 302
    return client


def fetch_pages(
    pages: Pages, english: bool, fill: Callable[[str], Mapping[str, object]] = lambda _: {}
) -> dict[str, str]:
    """Each user's pages (``"username url"`` → HTML), every one answered 200; ``fill(username)``
    gives the values of the URL's ``{name}`` fields."""
    out: dict[str, str] = {}
    for username, urls in pages:
        client = switched_client(username, english)
        values = fill(username)
        for url in urls:
            response = client.get(url.format(**values))
            assert response.status_code == 200, (username, url)
            out[f"{username} {url}"] = response.content.decode()
    return out


def dump_chinese(pages: Mapping[str, str]) -> None:
    """Write the Chinese pages' visible text to ``$JZ_DUMP_ZH``, to compare before and after."""
    dump = os.environ.get("JZ_DUMP_ZH")
    if dump:
        with open(dump, "w", encoding="utf-8") as out:
            for key, html in sorted(pages.items()):
                out.write(f"== {key}\n" + "\n".join(visible_text(window(html))) + "\n")


def chinese_left_on(
    pages: Mapping[str, str], data: re.Pattern[str], words: frozenset[str] = frozenset()
) -> list[str]:
    """``"page: piece"`` for every piece of Chinese left on the English pages (``words``: whole
    pieces that are data too)."""
    return [
        f"{key}: {piece!r}"
        for key, html in pages.items()
        for piece in chinese_left(html, data, words)
    ]
