"""The Chinese user guide (``docs/user-guide/``) served under 帮助, one page per chapter.

Chapters are Markdown files in the repository, rendered with the ``markdown`` package
(docs/adr/0014); the screenshots beside them (``images/``) are taken by the browser tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.conf import settings

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "user-guide"
IMAGE_NAME = re.compile(r"^[a-z0-9-]+\.png$")
CHAPTER_NAME = re.compile(r"^[0-9]{2}-[a-z-]+$")


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    html: str


def chapter_slugs() -> list[str]:
    return sorted(p.stem for p in GUIDE_DIR.glob("*.md") if CHAPTER_NAME.match(p.stem))


def _links_to_pages(html: str) -> str:
    """Links between chapters (``02-zone-officer.md``) and images point at the help URLs."""
    html = re.sub(r'href="([0-9]{2}-[a-z-]+)\.md"', r'href="../\1/"', html)
    return re.sub(r'src="images/([a-z0-9-]+\.png)"', r'src="../images/\1"', html)


def chapter(slug: str) -> Chapter | None:
    """One chapter (``README`` is the contents page); ``None`` for an unknown name."""
    if slug != "README" and slug not in chapter_slugs():
        return None
    text = (GUIDE_DIR / f"{slug}.md").read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), slug)
    html = markdown.markdown(text, extensions=["tables"], output_format="html")
    return Chapter(slug, title, _links_to_pages(html))


def image_path(name: str) -> Path | None:
    if not IMAGE_NAME.match(name):
        return None
    path = GUIDE_DIR / "images" / name
    return path if path.is_file() else None
