"""The virus-scan hook of every upload (enterprise workspace documents, 企业诉求 attachments).

Called after the type and size checks and before anything is stored. Settings:

- ``JIAZHOU_VIRUS_SCANNER``: ``None`` (the default) — no scan; or a dotted path to a callable
  ``scan(content: bytes) -> str | None`` returning the finding (e.g. ``Eicar-Signature``) or
  None when clean, and raising :class:`ScannerUnavailable` (or ``OSError``) when it cannot
  scan. Two are built in:

  * :func:`clamdscan` — the ClamAV daemon through its client, ``clamdscan --fdpass
    --no-summary --stdout <file>`` (``--fdpass`` hands clamd the open file, so the daemon need
    not read our temporary directory); the command is ``JIAZHOU_CLAMDSCAN_COMMAND`` (a list,
    e.g. with ``--config-file=/etc/clamav/clamd.conf`` naming the socket), the time limit
    ``JIAZHOU_VIRUS_SCAN_TIMEOUT`` seconds (30). Exit 0 clean, 1 infected, anything else
    (daemon down, socket missing, time-out, client not installed) → unavailable.
  * :func:`eicar_only` — recognises **only** the EICAR anti-virus test file. It is a test and
    demonstration scanner (it exercises the hook, the refusal and the audit row end to end
    without a ClamAV installation), **not protection**: production sets :func:`clamdscan`.

- ``JIAZHOU_VIRUS_SCAN_FAIL_CLOSED`` (True): a scanner that is configured but unavailable
  refuses the upload; False accepts it unscanned with a warning in the log.

A refusal (infected, or unavailable while failing closed) is its own action: one audit row
(``uploads.scan_refused``) committed even though the upload is refused — the caller screens
before it opens the upload's own transaction — and a ``ValidationError`` with the message,
Chinese first then English.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core import audit

logger = logging.getLogger(__name__)

#: The EICAR anti-virus test file (eicar.org): 68 printable characters every scanner reports.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
DEFAULT_CLAMDSCAN = ("clamdscan", "--fdpass", "--no-summary", "--stdout")


@audit.register_events
class UploadEvent(models.TextChoices):
    SCAN_REFUSED = "uploads.scan_refused", _("Upload refused by the virus scan")


class ScannerUnavailable(RuntimeError):
    """The scanner could not give a verdict (not installed, daemon down, time-out)."""


@dataclass(frozen=True)
class Verdict:
    finding: str = ""  # what was found ('' when clean)
    unavailable: str = ""  # why no verdict could be had ('' when scanned)

    @property
    def clean(self) -> bool:
        return not self.finding and not self.unavailable


def eicar_only(content: bytes) -> str | None:
    """The EICAR test file, and nothing else (a test scanner — see the module docstring). The
    standard allows the 68 characters at the start of the file followed only by whitespace; we
    report the string anywhere in the first 4 KiB, as ClamAV does for its test signature."""
    return "Eicar-Test-Signature" if EICAR in content[:4096] else None


def clamdscan(content: bytes) -> str | None:
    """Scan with the ClamAV daemon through ``clamdscan --fdpass`` (see the module docstring)."""
    command = list(getattr(settings, "JIAZHOU_CLAMDSCAN_COMMAND", DEFAULT_CLAMDSCAN))
    timeout = float(getattr(settings, "JIAZHOU_VIRUS_SCAN_TIMEOUT", 30))
    with tempfile.NamedTemporaryFile(prefix="jiazhou-scan-") as handle:
        handle.write(content)
        handle.flush()
        try:
            done = subprocess.run(  # noqa: S603 — the command comes from settings, not users
                [*command, handle.name],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ScannerUnavailable(f"{command[0]}: {exc}") from exc
    if done.returncode == 0:
        return None
    if done.returncode == 1:
        for line in done.stdout.splitlines():
            if line.rstrip().endswith(" FOUND"):
                return line.rsplit(":", 1)[-1].removesuffix(" FOUND").strip() or "FOUND"
        return "FOUND"
    detail = (done.stderr or done.stdout).strip().splitlines()
    raise ScannerUnavailable(
        f"{command[0]} exit {done.returncode}: {detail[-1] if detail else 'no output'}"
    )


def configured() -> Callable[[bytes], str | None] | None:
    path = getattr(settings, "JIAZHOU_VIRUS_SCANNER", None)
    return import_string(path) if path else None


def scan(content: bytes) -> Verdict:
    """The configured scanner's verdict on ``content`` (clean when none is configured)."""
    scanner = configured()
    if scanner is None:
        return Verdict()
    try:
        finding = scanner(content)
    except (ScannerUnavailable, OSError) as exc:
        return Verdict(unavailable=str(exc) or type(exc).__name__)
    return Verdict(finding=str(finding)) if finding else Verdict()


def fail_closed() -> bool:
    return bool(getattr(settings, "JIAZHOU_VIRUS_SCAN_FAIL_CLOSED", True))


@transaction.atomic
def _record_refusal(verdict: Verdict, *, name: str, where: str, actor: Any, target: Any) -> None:
    audit.record(
        UploadEvent.SCAN_REFUSED,
        actor=actor,
        target=target,
        after={
            "文件": name,
            "用途": where,
            **({"病毒": verdict.finding} if verdict.finding else {}),
            **({"扫描不可用": verdict.unavailable} if verdict.unavailable else {}),
        },
    )


def screen(content: bytes, *, name: str, where: str, actor: Any, target: Any = None) -> None:
    """Scan an upload about to be stored; refuse it (one audit row, then ``ValidationError``)
    when infected, or when the scanner is unavailable and the hook fails closed.

    Call it *before* the upload's own ``transaction.atomic`` block, so the audit row of a
    refusal is committed although the upload is not."""
    verdict = scan(content)
    if verdict.clean:
        return
    if verdict.unavailable and not fail_closed():
        logger.warning(
            "病毒扫描不可用，文件未经扫描即接收 / unscanned upload %s: %s", name, verdict
        )
        return
    _record_refusal(verdict, name=name, where=where, actor=actor, target=target)
    if verdict.finding:
        raise ValidationError(
            f"文件「{name}」未通过病毒扫描（发现：{verdict.finding}），已拒绝上传 / "
            f"file {name!r} failed the virus scan ({verdict.finding}) and was refused"
        )
    raise ValidationError(
        f"病毒扫描服务暂不可用，文件「{name}」未能上传，请稍后再试 / the virus scanner is "
        f"unavailable, so {name!r} was not accepted; please try again later"
    )
