"""``manage.py compute_index --year 2025`` (cron): recompute the index; unchanged inputs are a no-op."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jiazhou.index.presets import load_preset
from jiazhou_web.indices import actions
from jiazhou_web.indices.models import IndexDefinition
from jiazhou_web.indices.sources import years_with_data


class Command(BaseCommand):
    help = "Compute the composite innovation index for a year (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, action="append", help="year (repeatable)")
        parser.add_argument("--all-years", action="store_true", help="every year with data")
        parser.add_argument("--index", default="", help="definition code (default: all)")
        parser.add_argument(
            "--no-uncertainty", action="store_true", help="skip the uncertainty analysis"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        definitions = IndexDefinition.objects.all()
        if options["index"]:
            definitions = definitions.filter(code=options["index"])
        if not definitions.exists():
            raise CommandError("没有指数定义（先运行 seed_demo） / no index definition")
        if not options["year"] and not options["all_years"]:
            raise CommandError("请给出 --year 或 --all-years / give --year or --all-years")
        for definition in definitions:
            framework = load_preset(definition.preset).framework
            years = options["year"] or years_with_data(framework)
            for year in years:
                try:
                    outcome, analysis = actions.recompute(
                        definition, year, actor=None, uncertainty=not options["no_uncertainty"]
                    )
                except ValidationError as exc:
                    self.stderr.write(f"{definition.code} {year}: {'；'.join(exc.messages)}")
                    continue
                state = "computed" if outcome.created else "unchanged"
                extra = (
                    f", uncertainty {'computed' if analysis.created else 'unchanged'}"
                    if analysis
                    else ""
                )
                self.stdout.write(f"{definition.code} {year}: {state}{extra}")
