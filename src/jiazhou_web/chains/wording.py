"""The segment rule of ``jiazhou.chains.status`` in the reader's language (issue 14).

The engine writes the rule that decided a segment's status in Chinese, with its numbers; the
pages read the numbers back and say the same sentence through the catalogue (English msgids,
the engine's Chinese in the zh_Hans catalogue), so the Chinese pages read as the engine wrote."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext

_PIPELINE = re.compile(r"；在建项目 (?P<n>\d+) 个（不计入产出）$")
_RULES: tuple[tuple[re.Pattern[str], Callable[[], str]], ...] = (
    (re.compile(r"本地在产企业 0 家$"), lambda: gettext("No local operating firm")),
    (re.compile(r"本地在产企业仅 1 家$"), lambda: gettext("Only one local operating firm")),
    (
        re.compile(r"首位企业营收占环节 (?P<pct>[\d.]+)%（> 80%）$"),
        lambda: gettext("The leading firm has %(pct)s%% of the segment's revenue (> 80%%)"),
    ),
    (
        re.compile(
            r"无省级以上平台，且近 (?P<years>\d+) 年（(?P<since>[\d-]+) 起）无技术合同/成果$"
        ),
        lambda: gettext(
            "No platform at provincial level or above, and no technology contract or "
            "achievement in the last %(years)s years (since %(since)s)"
        ),
    ),
    (
        re.compile(
            r"本地在产企业 (?P<firms>\d+) 家，平台 (?P<platforms>\d+) 个，"
            r"近三年技术来源 (?P<sources>\d+) 项$"
        ),
        lambda: gettext(
            "%(firms)s local operating firms, %(platforms)s platforms, %(sources)s technology "
            "sources in the last three years"
        ),
    ),
)


def rule_label(rule: str) -> str:
    """The engine's rule sentence through the catalogue; an unknown sentence as written."""
    text, extra = rule, ""
    pipeline = _PIPELINE.search(rule)
    if pipeline:
        text = rule[: pipeline.start()]
        extra = gettext("; %(n)s projects under construction (not counted as output)") % {
            "n": pipeline["n"]
        }
    for pattern, message in _RULES:
        match = pattern.match(text)
        if match:
            return message() % match.groupdict() + extra
    return rule
