"""Backups: the database and the uploaded files in one ``.tar.gz`` archive, and the way back.

* SQLite: the online backup API (``sqlite3.Connection.backup``) — a consistent copy while the
  site runs, never a raw file copy of a database being written;
* PostgreSQL: ``pg_dump --format=custom`` (consistent snapshot), restored with ``pg_restore
  --clean --if-exists --no-owner --single-transaction`` (all or nothing);
* ``MEDIA_ROOT`` (uploads: attachments, bulletins, import error files) as ``media/``;
* ``manifest.json``: when, which database engine, the latest migration of each app, row counts.

A restore goes into an **empty** database of the same engine (``--force`` replaces a non-empty
one); it refuses an archive of the other engine and a manifest whose migrations this code does
not know (restore with the code version that wrote it, then migrate).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
COUNTED = (
    "accounts_user",
    "enterprises_enterprise",
    "enterprises_enterprisefigure",
    "core_auditlog",
)


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (Chinese / English)."""


@dataclass(frozen=True)
class Manifest:
    created: str
    vendor: str
    migrations: dict[str, str]
    counts: dict[str, int]
    media_files: int
    format: int = FORMAT


def backup_dir() -> Path:
    return Path(os.environ.get("JIAZHOU_BACKUP_DIR") or Path(settings.VAR_DIR) / "backups")


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def _counts() -> dict[str, int]:
    tables = set(connection.introspection.table_names())
    out = {}
    with connection.cursor() as cursor:
        for table in COUNTED:
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                out[table] = int(cursor.fetchone()[0])
    return out


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{cmd[0]} 失败 / failed: {result.stderr.strip()[:2000]}")


def _dump_database(into: Path) -> Path:
    if connection.vendor == "sqlite":
        target = into / SQLITE_FILE
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
        return target
    if connection.vendor == "postgresql":
        target = into / PG_FILE
        args, env = _pg_args()
        name = str(connection.settings_dict["NAME"])
        _run(["pg_dump", "--format=custom", "--no-owner", *args, "--file", str(target), name], env)
        return target
    raise BackupError(f"不支持的数据库 / unsupported database: {connection.vendor}")


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def create_backup(directory: Path | None = None, *, keep: int | None = None) -> Path:
    """Write ``jiazhou-<vendor>-<YYYYmmdd-HHMMSS>.tar.gz`` into ``directory``; returns its path.
    ``keep``: afterwards delete all but the newest ``keep`` archives there."""
    out_dir = directory or backup_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = out_dir / f"jiazhou-{connection.vendor}-{stamp}.tar.gz"
    media = _media_files()
    with tempfile.TemporaryDirectory() as tmp:
        dump = _dump_database(Path(tmp))
        manifest = Manifest(
            created=timezone.now().isoformat(),
            vendor=connection.vendor,
            migrations=_latest_migrations(),
            counts=_counts(),
            media_files=len(media),
        )
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest.__dict__, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=dump.name)
            root = Path(settings.MEDIA_ROOT)
            for path in media:
                tar.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")
        partial.replace(archive)  # an interrupted backup never looks complete
    if keep is not None:
        prune(out_dir, keep)
    return archive


def prune(directory: Path, keep: int) -> list[Path]:
    archives = sorted(directory.glob("jiazhou-*.tar.gz"), key=lambda p: p.name, reverse=True)
    removed = archives[max(keep, 1) :]
    for path in removed:
        path.unlink()
    return removed


def read_manifest(archive: Path) -> Manifest:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            data = json.loads(member.read())
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"不是有效的备份文件 / not a backup archive: {archive} ({exc})") from exc
    if data.get("format") != FORMAT:
        raise BackupError(f"备份格式 {data.get('format')} 不受支持 / unsupported backup format")
    return Manifest(**data)


def is_empty() -> bool:
    """No users and no enterprises (a database just migrated, or never migrated)."""
    return not any(_counts().get(t, 0) for t in ("accounts_user", "enterprises_enterprise"))


def _check_migrations(manifest: Manifest) -> None:
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{a}.{n}" for a, n in manifest.migrations.items() if (a, n) not in known]
    if unknown:
        raise BackupError(
            "备份来自更新的版本，本版本不认识这些迁移："
            + "、".join(unknown[:5])
            + " / the archive was written by a newer version"
        )


def restore_backup(archive: Path, *, force: bool = False) -> Manifest:
    """Restore ``archive`` into the configured database and ``MEDIA_ROOT``."""
    manifest = read_manifest(archive)
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"备份来自 {manifest.vendor}，当前数据库为 {connection.vendor} / "
            "the archive is of another database engine"
        )
    _check_migrations(manifest)
    if not force and not is_empty():
        raise BackupError(
            "目标数据库不为空（已有用户或企业），如确需覆盖请加 --force / "
            "the database is not empty: use --force to replace it"
        )
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        dump_name = SQLITE_FILE if manifest.vendor == "sqlite" else PG_FILE
        if dump_name not in names:
            raise BackupError(f"备份中缺少 {dump_name} / the archive lacks {dump_name}")
        media = [m for m in tar.getmembers() if m.name.startswith("media/") and m.isfile()]
        dump = tar.getmember(dump_name)
        # every entry checked (and placed) before anything is written
        placed = [(m, _target(m, Path(tmp))) for m in (dump, *media)]
        _extract_file(tar, *placed[0])
        _load_database(placed[0][1])
        _restore_media(tar, placed[1:], Path(tmp))
    return manifest


def _load_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    args, env = _pg_args()
    name = str(connection.settings_dict["NAME"])
    connection.close()  # pg_restore --clean drops tables this connection may hold locks on
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            "--dbname",
            name,
            str(dump),
        ],
        env,
    )


def _target(member: tarfile.TarInfo, root: Path) -> Path:
    """Where a regular file of the archive goes under ``root``; a link, a device, an absolute
    path or one climbing out with ``..`` is refused. (What tarfile's ``filter="data"`` checks,
    by hand: the filter is missing from Python 3.11 before 3.11.4, e.g. Debian 12's 3.11.2.)"""
    name = PurePosixPath(member.name)
    target = (root / name).resolve()
    if (
        not member.isfile()
        or name.is_absolute()
        or ".." in name.parts
        or not target.is_relative_to(root.resolve())
    ):
        raise BackupError(
            f"备份中有不安全的条目：{member.name} / unsafe entry in the archive: {member.name}"
        )
    return target


def _extract_file(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    """Write one regular file of the archive to ``target`` (its place from ``_target``)."""
    source = tar.extractfile(member)
    if source is None:  # not reached: a regular file always has its data
        raise BackupError(f"备份中缺少 {member.name} / the archive lacks {member.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with source, target.open("wb") as out:
        shutil.copyfileobj(source, out)


def _restore_media(
    tar: tarfile.TarFile, placed: list[tuple[tarfile.TarInfo, Path]], tmp: Path
) -> None:
    """Extract ``media/`` (each entry a regular file placed inside it by ``_target``)."""
    if not placed:
        return
    for member, target in placed:
        _extract_file(tar, member, target)
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(tmp / "media", root, dirs_exist_ok=True)


def describe(manifest: Manifest) -> str:
    counts = "，".join(f"{k} {v}" for k, v in manifest.counts.items())
    return f"{manifest.created} · {manifest.vendor} · {counts} · 文件 {manifest.media_files} 个"


__all__ = [
    "BackupError",
    "Manifest",
    "create_backup",
    "describe",
    "prune",
    "read_manifest",
    "restore_backup",
]
