"""What an uploaded attachment is, judged by its content (not its name).

Allowed: PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) and OFD (版式文件). Refused: executables
and scripts, legacy OLE Office files (.doc/.xls, which may carry macros), OOXML files with a
macro project (vbaProject.bin), and anything else. Messages are Chinese first, then English.
"""

from __future__ import annotations

from collections.abc import Sequence

KIND_ZH = {
    "pdf": "PDF 文件",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "docx": "Word 文档",
    "xlsx": "Excel 表格",
    "ofd": "OFD 版式文件",
}
_REFUSED = (
    (b"MZ", "可执行程序 / an executable"),
    (b"\x7fELF", "可执行程序 / an executable"),
    (b"\xcf\xfa\xed\xfe", "可执行程序 / an executable"),
    (b"#!", "脚本 / a script"),
    (
        b"\xd0\xcf\x11\xe0",
        "旧版 Office 文件（可能含宏，请另存为 .docx/.xlsx/PDF） / a legacy Office file",
    ),
)


def classify(head: bytes, zip_names: Sequence[str] | None = None) -> str:
    """The kind of a file from its first bytes (and, for a ZIP container, its member names).

    Raises ``ValueError`` for a refused or unknown type.
    """
    for magic, what in _REFUSED:
        if head.startswith(magic):
            raise ValueError(f"附件不允许上传{what}")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        names = set(zip_names or ())
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ValueError("附件含宏，不允许上传 / files with macros are not allowed")
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "OFD.xml" in names:
            return "ofd"
        raise ValueError("附件不允许上传压缩包 / archives are not allowed")
    raise ValueError(
        "附件类型无法识别，仅支持 PDF、图片（PNG/JPEG）、Word、Excel、OFD / "
        "unknown file type: PDF, PNG, JPEG, DOCX, XLSX or OFD only"
    )
