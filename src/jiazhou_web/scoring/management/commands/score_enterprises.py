"""Score enterprises against library schemes and store the runs (cron: idempotent on unchanged
data — the same scheme version, year and input hash reuse the stored run)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jiazhou.schemes import SchemeError, load_scheme
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.regions.models import Region
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.programmes import schemes_for


class Command(BaseCommand):
    help = "Score enterprises with the scoring engine (企业资格评分) and store the results."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scheme",
            action="append",
            default=[],
            help="scheme code, repeatable (default: every programme's scheme in force)",
        )
        parser.add_argument("--year", type=int, help="evaluation year (default: this year)")
        parser.add_argument("--region", help="only firms of this region or zone code (and below)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year
        try:
            schemes = [load_scheme(c) for c in options["scheme"]] or list(
                schemes_for(year).values()
            )
        except SchemeError as exc:
            raise CommandError(str(exc)) from exc
        firms = Enterprise.objects.all()
        label = "全市 / city-wide"
        if options["region"]:
            codes = Region.objects.subtree_codes(options["region"])
            firms = firms.filter(region__code__in=codes) | firms.filter(zone__code__in=codes)
            label = options["region"]
        outcomes = score_enterprises(firms, schemes, year, actor=None, scope_label=label)
        for o in outcomes:
            state = "stored 已保存" if o.created else "unchanged, reused 数据未变，沿用"
            self.stdout.write(
                f"{o.run.scheme_code} v{o.run.scheme_version} {year}: {o.run.unit_count} firms, "
                f"{o.run.pass_count} pass, hash {o.run.data_hash[:12]} — {state}"
            )
