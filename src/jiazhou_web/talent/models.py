"""人才: programmes (高新英才, 嘉州英才), the people selected, the 嘉州英才卡 and its services.

Personal data is minimised: the ID number is kept for the card (identity at service points)
and shown masked everywhere; only the programme officer may see it in full, each time audited.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou.identity import mask
from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.talent.choices import CardClass, CardState, Category, Degree, Service


class Programme(TimeStampedModel):
    code = models.CharField(_("Programme code"), max_length=30, unique=True)
    name = models.CharField(_("Talent programme"), max_length=100)
    issuer = models.CharField(_("Competent department"), max_length=100)
    basis = models.CharField(pgettext_lazy("talent", "Basis"), max_length=200, blank=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("Talent programme")

    def __str__(self) -> str:
        return self.name


class Talent(ScopedModel, TimeStampedModel):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="talents",
        verbose_name=_("Talent programme"),
    )
    year = models.PositiveSmallIntegerField(_("Year selected"))
    name = models.CharField(pgettext_lazy("person", "Name"), max_length=40)
    id_number = models.CharField(_("ID number"), max_length=18)
    category = models.CharField(
        pgettext_lazy("talent", "Category"), max_length=12, choices=Category.choices
    )
    degree = models.CharField(
        _("Education and degree"), max_length=10, choices=Degree.choices, default="other"
    )
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Employer (enterprise)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talents",
    )
    employer_name = models.CharField(_("Employer"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=pgettext_lazy("talent region", "County"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    field = models.CharField(pgettext_lazy("talent", "Field"), max_length=60, blank=True)
    synthetic = models.BooleanField(_("Synthetic data"), default=False)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "region": ("region__code",),
        "enterprise": ("employer_id",),
    }

    class Meta:
        ordering = ("programme", "-year", "name")
        verbose_name = pgettext_lazy("talent", "Talent")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "id_number"], name="one_selection_per_person_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.masked_id}）"

    @property
    def masked_id(self) -> str:
        return mask(self.id_number)


class Card(TimeStampedModel):
    """嘉州英才卡: one valid card per person at a time."""

    talent = models.ForeignKey(
        Talent,
        on_delete=models.PROTECT,
        related_name="cards",
        verbose_name=pgettext_lazy("talent", "Talent"),
    )
    number = models.CharField(_("Card number"), max_length=30, unique=True)
    card_class = models.CharField(_("Card class"), max_length=2, choices=CardClass.choices)
    issued_on = models.DateField(pgettext_lazy("talent card", "Issued on"))
    valid_until = models.DateField(pgettext_lazy("talent", "Valid until"))
    state = models.CharField(_("Status"), max_length=10, choices=CardState.choices, default="valid")

    class Meta:
        verbose_name = _("Talent card")
        verbose_name_plural = _("Talent cards")
        ordering = ("-issued_on", "number")
        constraints = [
            models.UniqueConstraint(
                fields=["talent"],
                condition=models.Q(state="valid"),
                name="one_valid_card_per_talent",
            )
        ]

    def __str__(self) -> str:
        return self.number


class ServiceUse(TimeStampedModel):
    card = models.ForeignKey(
        Card, on_delete=models.PROTECT, related_name="services", verbose_name=_("Talent card")
    )
    used_on = models.DateField(_("Service date"))
    service = models.CharField(
        pgettext_lazy("talent", "Service"), max_length=20, choices=Service.choices
    )
    provider = models.CharField(pgettext_lazy("talent", "Service provider"), max_length=100)
    amount_yuan = models.DecimalField(
        _("Amount (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("service use")
        verbose_name_plural = _("service uses")
        ordering = ("-used_on", "pk")

    def __str__(self) -> str:
        return f"{self.card} {self.get_service_display()}"
