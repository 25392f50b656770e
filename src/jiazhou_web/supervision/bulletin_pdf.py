"""The 通报 as PDF (GB/T 9704-like layout, embedded CJK font, from ``core.official_documents``)."""

from __future__ import annotations

from jiazhou_web.core.official_documents import OfficialDocument


def render_pdf(content: OfficialDocument) -> bytes:
    return content.to_pdf()
