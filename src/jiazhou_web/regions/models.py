"""Regions: the city, its districts and counties (GB/T 2260), and functional zones (高新区).

A functional zone has no GB/T 2260 code: it overlays districts. Enterprises record both their
district and, where it applies, the zone they belong to.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.regions.choices import RegionKind


class RegionQuerySet(models.QuerySet["Region"]):
    def subtree_codes(self, code: str) -> set[str]:
        """``code`` and the codes of every region below it."""
        parents = dict(self.values_list("code", "parent__code"))
        found = {code}
        changed = True
        while changed:
            changed = False
            for child, parent in parents.items():
                if parent in found and child not in found:
                    found.add(child)
                    changed = True
        return found

    def counties(self) -> RegionQuerySet:
        """The county-level units (区县) below the city, in code order."""
        return self.exclude(kind__in=[RegionKind.PROVINCE, RegionKind.CITY, RegionKind.ZONE])

    def zones(self) -> RegionQuerySet:
        return self.filter(kind=RegionKind.ZONE)


class Region(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    gb2260_code = models.CharField(_("GB/T 2260 code"), max_length=6, blank=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    overlays = models.ManyToManyField(
        "self",
        verbose_name=_("overlays districts"),
        blank=True,
        symmetrical=False,
        related_name="zones_overlaying",
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_zone(self) -> bool:
        return self.kind == RegionKind.ZONE
