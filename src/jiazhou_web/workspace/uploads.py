"""Content checks of the firm's uploads: type by content (magic bytes), size, no macros.

The extension is not trusted: a file is accepted only when its first bytes say it is one of
:data:`ALLOWED` and its extension agrees. Office files are ZIP packages (OOXML); one holding a
VBA project or declaring a macro-enabled content type is refused, as are legacy OLE files
(.doc/.xls, which may carry macros) and executables. The virus scan comes after these checks
(:mod:`jiazhou_web.core.virus_scan`, called by the upload action so that a refusal is audited).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

#: [S] 10 MB per file: scanned certificates and audit reports fit; settable per deployment.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: content type → extensions it may carry
ALLOWED: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
}
_OOXML_MAIN = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
_REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "Windows 可执行文件"),
    (b"\x7fELF", "Linux 可执行文件"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "旧版 Word、Excel 文件（可能含宏，请另存为新版格式或 PDF）",
    ),
    (b"#!", "脚本文件"),
)


@dataclass(frozen=True)
class Checked:
    name: str
    content_type: str
    size: int
    content: bytes


def max_bytes() -> int:
    return int(getattr(settings, "WORKSPACE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _refuse(name: str, zh: str, en: str) -> ValidationError:
    return ValidationError(f"文件「{name}」{zh} / file {name!r}: {en}")


def sniff(content: bytes) -> str | None:
    """The content type the bytes themselves declare (None: not an accepted kind)."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as package:
                names = set(package.namelist())
                types = package.read("[Content_Types].xml").decode("utf-8", "replace")
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
        if any(n.lower().endswith("vbaproject.bin") for n in names) or "macroEnabled" in types:
            return "macro"
        for kind, main in _OOXML_MAIN.items():
            if main in names:
                return kind
    return None


def check(upload: Any) -> Checked:
    """The upload's name, type, size and bytes; raises ``ValidationError`` (zh / en) when the
    file is empty, too large, of a type not accepted, or its extension lies about it."""
    name = PurePath(str(getattr(upload, "name", "") or "file")).name[:200]
    size = int(getattr(upload, "size", 0) or 0)
    limit = max_bytes()
    if size > limit:
        raise _refuse(
            name,
            f"大小 {size:,} 字节，超过上限 {limit:,} 字节（{limit // (1024 * 1024)} MB）",
            f"{size} bytes is over the {limit}-byte limit",
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    upload.seek(0)
    if not content:
        raise _refuse(name, "是空文件", "is empty")
    if len(content) > limit:
        raise _refuse(name, f"超过大小上限 {limit:,} 字节", f"is over the {limit}-byte limit")
    for signature, label in _REFUSED_SIGNATURES:
        if content.startswith(signature):
            raise _refuse(name, f"是{label}，不允许上传", "is an executable, script or legacy file")
    kind = sniff(content)
    if kind == "macro":
        raise _refuse(name, "含有宏（VBA），不允许上传", "contains macros")
    if kind is None:
        raise _refuse(
            name,
            "的内容不是允许的类型（允许：PDF、PNG、照片图片、Word 文档、Excel 表格）",
            "content is not PDF, PNG, JPEG, DOCX or XLSX",
        )
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED[kind]:
        raise _refuse(
            name,
            f"的扩展名「{suffix or '无'}」与内容（{ALLOWED[kind][0]}）不符",
            f"extension {suffix!r} does not match its content ({ALLOWED[kind][0]})",
        )
    return Checked(name=name, content_type=kind, size=len(content), content=content)
