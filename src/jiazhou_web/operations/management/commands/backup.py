"""manage.py backup [--output DIR] [--keep N]: database + uploads into one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jiazhou_web.operations import backups


class Command(BaseCommand):
    help = "备份数据库（SQLite 在线备份 / pg_dump）和上传文件 / back up the database and uploads"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="目录 / directory (default JIAZHOU_BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="保留最新 N 份 / keep the newest N archives")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backups.create_backup(
                Path(options["output"]) if options["output"] else None, keep=options["keep"]
            )
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backups.read_manifest(path)
        self.stdout.write(f"已备份 / backed up: {path}\n  {backups.describe(manifest)}")
