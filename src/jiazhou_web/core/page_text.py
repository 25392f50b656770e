"""What a person reads on a page, and what in it is not written for a person.

``visible_text`` takes the text of a rendered HTML page as a reader sees it (no scripts, styles or
hidden inputs; ``title``/``placeholder``/``aria-label`` attributes count, they are read too).
``findings`` returns the pieces a Chinese-first page must not show: snake_case identifiers,
numbers in ``e+`` notation and English words outside a small allow-list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "code", "pre"}
_READ_ATTRS = ("title", "placeholder", "aria-label", "alt")

SNAKE_CASE = re.compile(r"(?<![\w./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-])")
E_NOTATION = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][+-]?\d+(?!\w)")
# The English twin of a bilingual message ("文件格式不对 / wrong file format"): the project writes
# error and help texts Chinese first, English second; the twin is not an untranslated word.
ENGLISH_TWIN = re.compile(r"\s/\s[A-Za-z][\x20-\x7e]*")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _without_english_twins(piece: str) -> str:
    """Drop the `` / English`` parts that follow Chinese text in the same piece."""
    kept: list[str] = []
    rest = piece
    while m := ENGLISH_TWIN.search(rest):
        kept.append(rest[: m.start()])
        if CJK.search("".join(kept)) is None:
            kept.append(m.group())
        rest = rest[m.end() :]
    return "".join(kept) + rest


ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9@._/-])[A-Za-z]{3,}(?![A-Za-z0-9@_/-])")

# English a Chinese page may carry: abbreviations officials use, file formats, units, the language
# switch and proper names of standards. Lower case; compared case-insensitively.
ALLOWED_ENGLISH = frozenset(
    {
        "english",  # the language switch offers English by its own name
        "excel",
        "xlsx",
        "csv",
        "pdf",
        "png",
        "svg",
        "uscc",
        "gdp",
        "r&d",
        "gbt",
        "asem",
        "coinr",
        "oecd",
        "jrc",
        "sobol",
        "pca",
        "sti",
        "htz",
        "hnte",
        "sme",
        "srdi",
        "api",
        "ipo",  # 首次公开募股, as in the indicator 乐山市商业银行IPO上市
        "url",
        "cny",
        "kpi",
        "cagr",  # 复合增长（CAGR）: the method name officials use
        "word",  # 下载 Word: the file format
        "trl",  # 技术成熟度（TRL）: the scale's own name
        "ofd",  # OFD 版式文档: the national e-document format, by its name
        "jpeg",
    }
)


@dataclass(frozen=True)
class Finding:
    kind: str  # "snake_case" | "e-notation" | "english"
    text: str
    context: str


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if tag == "input" and values.get("type") == "hidden":
            return
        if "hidden" in values or values.get("aria-hidden") == "true":
            pass  # still read: collapsed groups are opened by the reader
        for name in _READ_ATTRS:
            if values.get(name):
                self.parts.append(str(values[name]))
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(str(values["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    """The text pieces of a page a person reads, in document order."""
    collector = _TextCollector()
    collector.feed(html)
    return collector.parts


def findings(html: str, allowed: frozenset[str] = ALLOWED_ENGLISH) -> list[Finding]:
    """Every snake_case identifier, ``e+`` number and non-allowed English word of a page."""
    found: list[Finding] = []
    for piece in visible_text(html):
        for match in SNAKE_CASE.finditer(piece):
            found.append(Finding("snake_case", match.group(), piece[:120]))
        for match in E_NOTATION.finditer(piece):
            found.append(Finding("e-notation", match.group(), piece[:120]))
        for match in ENGLISH_WORD.finditer(_without_english_twins(piece)):
            word = match.group()
            if word.lower() not in allowed:
                found.append(Finding("english", word, piece[:120]))
    return found
