"""Page discovery for whole-site tests: start at the user's menu, follow every same-site link.

One URL per shape is opened (``/enterprises/17/`` and ``/enterprises/18/`` are the same page),
so a crawl over the demo stays small; query strings other than ``page=`` are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jiazhou_web.core.menu import menu_for

HREF = re.compile(r'href="(/[^"#]*)"')
# Not pages: sign-out, file downloads (exports, bulletins, reports, templates) and static files.
SKIP = (
    "logout",
    "export",
    "/admin/",
    "/i18n/",
    "/static/",
    "/media/",
    ".xlsx",
    ".docx",
    ".pdf",
    "/docx/",
    "/pdf/",
    "format=",
    "template",
    "download",
    "attachment",
)


def page_shape(url: str) -> str:
    path = url.split("?", 1)[0]
    return re.sub(r"/[0-9a-f-]*\d[0-9a-f-]*/", "/N/", path)


def crawl(client: Any, user: Any, limit: int = 400) -> Iterator[tuple[str, Any]]:
    """(url, response) of every distinct page reachable from ``user``'s menu (signed in)."""
    queue = [item.url for section in menu_for(user) for item in section.items if item.built]
    seen_urls: set[str] = set()
    seen_shapes: set[str] = set()
    while queue and len(seen_shapes) < limit:
        url = queue.pop(0)
        shape = page_shape(url)
        if url in seen_urls or shape in seen_shapes or any(s in url for s in SKIP):
            continue
        seen_urls.add(url)
        seen_shapes.add(shape)
        response = client.get(url)
        yield url, response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            if "?" in href and "page=" not in href:
                href = href.split("?", 1)[0]
            if href not in seen_urls:
                queue.append(href)
