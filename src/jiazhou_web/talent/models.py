"""人才: programmes (高新英才, 嘉州英才), the people selected, the 嘉州英才卡 and its services.

Personal data is minimised: the ID number is kept for the card (identity at service points)
and shown masked everywhere; only the programme officer may see it in full, each time audited.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jiazhou.identity import mask
from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.talent.choices import CardClass, CardState, Category, Degree, Service


class Programme(TimeStampedModel):
    code = models.CharField("计划编号", max_length=30, unique=True)
    name = models.CharField("人才计划", max_length=100)
    issuer = models.CharField("主管部门", max_length=100)
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        ordering = ("code",)
        verbose_name = "人才计划"

    def __str__(self) -> str:
        return self.name


class Talent(ScopedModel, TimeStampedModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="talents")
    year = models.PositiveSmallIntegerField("入选年度")
    name = models.CharField("姓名", max_length=40)
    id_number = models.CharField("身份证号", max_length=18)
    category = models.CharField("类别", max_length=12, choices=Category.choices)
    degree = models.CharField("学历学位", max_length=10, choices=Degree.choices, default="other")
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="工作单位（企业）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talents",
    )
    employer_name = models.CharField("工作单位", max_length=200)
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区县", on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField("专业领域", max_length=60, blank=True)
    synthetic = models.BooleanField("模拟数据", default=False)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "region": ("region__code",),
        "enterprise": ("employer_id",),
    }

    class Meta:
        ordering = ("programme", "-year", "name")
        verbose_name = "人才"
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

    talent = models.ForeignKey(Talent, on_delete=models.PROTECT, related_name="cards")
    number = models.CharField("卡号", max_length=30, unique=True)
    card_class = models.CharField("卡类", max_length=2, choices=CardClass.choices)
    issued_on = models.DateField("发卡日期")
    valid_until = models.DateField("有效期至")
    state = models.CharField("状态", max_length=10, choices=CardState.choices, default="valid")

    class Meta:
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
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="services")
    used_on = models.DateField("服务日期")
    service = models.CharField("服务事项", max_length=20, choices=Service.choices)
    provider = models.CharField("服务单位", max_length=100)
    amount_yuan = models.DecimalField(
        "金额（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ("-used_on", "pk")

    def __str__(self) -> str:
        return f"{self.card} {self.get_service_display()}"
