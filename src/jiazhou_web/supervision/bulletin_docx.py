"""The 通报 as a Word file (GB/T 9704-like layout from ``core.official_documents``)."""

from __future__ import annotations

from jiazhou_web.core.official_documents import OfficialDocument


def render_docx(content: OfficialDocument) -> bytes:
    return content.to_docx()
