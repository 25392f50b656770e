"""Backup → restore round trip (issue 21): on the test database's engine (SQLite here, PostgreSQL
under DATABASE_URL), into an empty database, with the uploaded files; refusals are clear."""

from __future__ import annotations

import io
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.operations import backups


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    root = tmp_path / "media"
    (root / "supervision").mkdir(parents=True)
    (root / "supervision" / "进展.pdf").write_bytes(b"%PDF-1.4 test")
    settings.MEDIA_ROOT = root
    return root


def test_backup_then_restore_into_an_empty_database(
    transactional_db: Any, make_enterprise: Any, city_admin: Any, media: Path, tmp_path: Path
) -> None:
    firm = make_enterprise(region="511112", name="备份测试企业有限公司")
    audit_rows = AuditLog.objects.count()
    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "b"), stdout=out)
    archive = next((tmp_path / "b").glob("jiazhou-*.tar.gz"))
    manifest = backups.read_manifest(archive)
    assert manifest.vendor == connection.vendor and manifest.media_files == 1
    assert manifest.counts["enterprises_enterprise"] == 1
    assert manifest.migrations["evaluations"] >= "0002"

    # a non-empty database is not overwritten without --force
    with pytest.raises(CommandError, match="不为空"):
        call_command("restore", str(archive), stdout=io.StringIO())

    call_command("flush", "--no-input", verbosity=0)  # empty: no users, no enterprises
    (media / "supervision" / "进展.pdf").unlink()
    assert not Enterprise.objects.exists()
    call_command("restore", str(archive), stdout=out)
    connection.close()  # fresh connection onto the restored database
    restored = Enterprise.objects.get(uscc=firm.uscc)
    assert restored.name == "备份测试企业有限公司" and restored.region.code == "511112"
    assert AuditLog.objects.count() == audit_rows
    assert (media / "supervision" / "进展.pdf").read_bytes() == b"%PDF-1.4 test"
    assert "已恢复" in out.getvalue()


def test_bad_archives_are_refused_with_a_reason(transactional_db: Any, tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="不是有效的备份文件"):
        call_command("restore", str(junk), stdout=io.StringIO())
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), stdout=io.StringIO())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    forged = tmp_path / "forged.tar.gz"
    data = (
        b'{"created": "x", "vendor": "%s", "migrations": {}, "counts": {}, "media_files": 0, '
        b'"format": 1}' % other.encode()
    )
    with tarfile.open(forged, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="另|other database engine"):
        call_command("restore", str(forged), stdout=io.StringIO())


def test_keep_prunes_the_oldest_archives(tmp_path: Path) -> None:
    for stamp in ("20261201-020000", "20261202-020000", "20261203-020000"):
        (tmp_path / f"jiazhou-sqlite-{stamp}.tar.gz").write_bytes(b"x")
    removed = backups.prune(tmp_path, 2)
    assert [p.name for p in removed] == ["jiazhou-sqlite-20261201-020000.tar.gz"]
    assert len(list(tmp_path.glob("*.tar.gz"))) == 2


@pytest.mark.parametrize("hostile", ["climbs-out", "dump-is-a-link"])
def test_an_archive_with_an_unsafe_entry_restores_nothing(
    transactional_db: Any, make_enterprise: Any, media: Path, tmp_path: Path, hostile: str
) -> None:
    """A backup re-packed with one hostile entry — a media file whose path climbs out of the
    extraction directory, or the database dump replaced by a link to a file outside — is
    refused before anything is written: the empty database stays empty and no file appears
    outside. Checked by hand, not by tarfile's ``filter="data"`` (absent before Python 3.11.4,
    e.g. Debian 12's 3.11.2)."""
    make_enterprise(region="511112", name="备份测试企业有限公司")
    call_command("backup", "--output", str(tmp_path / "b"), stdout=io.StringIO())
    archive = next((tmp_path / "b").glob("jiazhou-*.tar.gz"))
    forged = tmp_path / "forged.tar.gz"
    dump = backups.SQLITE_FILE if connection.vendor == "sqlite" else backups.PG_FILE
    with tarfile.open(archive, "r:gz") as src, tarfile.open(forged, "w:gz") as out:
        for member in src.getmembers():
            if hostile == "dump-is-a-link" and member.name == dump:
                link = tarfile.TarInfo(dump)
                link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
                out.addfile(link)
            else:
                out.addfile(member, src.extractfile(member) if member.isfile() else None)
        if hostile == "climbs-out":
            evil = tarfile.TarInfo("media/../../escaped.txt")
            evil.size = 4
            out.addfile(evil, io.BytesIO(b"evil"))
    call_command("flush", "--no-input", verbosity=0)
    with pytest.raises(CommandError, match="不安全的条目.*unsafe entry"):
        call_command("restore", str(forged), stdout=io.StringIO())
    assert not Enterprise.objects.exists()
    # the extraction directory is a fresh one under the system's temporary directory
    assert not (Path(tempfile.gettempdir()) / "escaped.txt").exists()
