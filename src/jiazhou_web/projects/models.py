"""科技项目 records: calls (指南), applications through their lifecycle, the expert pool with
draws and scores, 任务书 milestones, and the national/provincial projects of local units."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.projects.choices import AcceptanceMode, CallState, Level, State


class Call(ScopedModel, TimeStampedModel):
    """项目指南: what may be applied for, by whom, until when."""

    code = models.CharField(_("Call number"), max_length=30, unique=True)
    title = models.CharField(_("Call title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("Reporting year"))
    field = models.CharField(_("Fields supported"), max_length=60)
    budget_yuan = models.DecimalField(_("Fiscal budget (yuan)"), max_digits=14, decimal_places=2)
    max_per_project_yuan = models.DecimalField(
        _("Most per project (yuan)"), max_digits=14, decimal_places=2
    )
    opens = models.DateField(_("Applications open on"))
    closes = models.DateField(_("Application deadline"))
    eligible_programmes = models.JSONField(
        _("Eligibility (one valid qualification of these)"), default=list, blank=True
    )
    experts_per_application = models.PositiveSmallIntegerField(
        _("Experts per application"), default=5
    )
    state = models.CharField(_("Status"), max_length=10, choices=CallState.choices, default="draft")

    # A published call is visible to every signed-in user (firms apply to it).
    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {}
    public_q: ClassVar[Q | None] = Q(state__in=[CallState.OPEN, CallState.CLOSED])

    class Meta:
        ordering = ("-year", "code")
        verbose_name = _("Project call")
        verbose_name_plural = _("Project call")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Application(ScopedModel, TimeStampedModel):
    """One project from application to archive."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("Project call")
    )
    number = models.CharField(_("Project number"), max_length=40, unique=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Applying organisation"),
        on_delete=models.PROTECT,
        related_name="project_applications",
    )
    title = models.CharField(_("Project title"), max_length=200)
    summary = models.TextField(_("Project summary"), blank=True)
    requested_yuan = models.DecimalField(
        _("Funding requested (yuan)"), max_digits=14, decimal_places=2
    )
    co_applicants = models.JSONField(_("Partners (USCC)"), default=list, blank=True)
    team = models.JSONField(_("Team members"), default=list, blank=True)
    shareholders = models.JSONField(_("Applicant's shareholders"), default=list, blank=True)
    state = models.CharField(_("Status"), max_length=24, choices=State.choices, default="drafting")
    state_note = models.TextField(_("Review or return comments"), blank=True)
    submitted_at = models.DateTimeField(_("Time submitted"), null=True, blank=True)
    score = models.DecimalField(_("Review score"), max_digits=6, decimal_places=2, null=True)
    rank = models.PositiveIntegerField(_("Ranking order"), null=True)
    approved_yuan = models.DecimalField(
        _("Funding approved (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    publicity_ends = models.DateField(
        pgettext_lazy("projects", "Publicity ends"), null=True, blank=True
    )
    contract_start = models.DateField(_("Contract period starts"), null=True, blank=True)
    contract_end = models.DateField(_("Contract period ends"), null=True, blank=True)
    acceptance_mode = models.CharField(
        _("Acceptance mode"), max_length=10, choices=AcceptanceMode.choices, blank=True
    )
    acceptance_applied_on = models.DateField(_("Acceptance requested on"), null=True, blank=True)
    items = models.ManyToManyField(
        "supervision.TaskItem",
        verbose_name=_("Supervision items"),
        blank=True,
        related_name="project_records",
    )

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "region": ("enterprise__region__code", "enterprise__zone__code"),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        ordering = ("call", "rank", "number")
        verbose_name = _("Project application")
        verbose_name_plural = _("Project application")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "enterprise", "title"], name="one_application_per_title"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Expert(TimeStampedModel):
    """专家库: one expert with the ties that decide 回避 (jiazhou.projects.conflicts)."""

    code = models.CharField(_("Expert number"), max_length=20, unique=True)
    name = models.CharField(_("Full name"), max_length=40)
    unit_name = models.CharField(_("Employer"), max_length=200)
    fields = models.JSONField(_("Review fields"), default=list)
    affiliations = models.JSONField(
        _("Employers (recent years included)"), default=list, blank=True
    )
    collaborators = models.JSONField(_("Recent collaborators"), default=list, blank=True)
    relatives = models.JSONField(_("Relatives"), default=list, blank=True)
    holdings = models.JSONField(_("Shareholdings"), default=list, blank=True)
    declared = models.JSONField(
        _("Declared recusals (organisations or people)"), default=list, blank=True
    )
    active = models.BooleanField(_("In the pool"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Platform account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profile",
    )

    class Meta:
        ordering = ("code",)
        verbose_name = _("Review expert")
        verbose_name_plural = _("Review expert")

    def __str__(self) -> str:
        return f"{self.name}（{self.unit_name}）"


class Assignment(TimeStampedModel):
    """An expert drawn for an application, and the score given."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("Project application"),
    )
    expert = models.ForeignKey(
        Expert,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("Review expert"),
    )
    seed = models.BigIntegerField(_("Draw seed"))
    score = models.DecimalField(
        _("Expert score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("Expert opinion"), blank=True)
    declined = models.BooleanField(_("Declared recusal"), default=False)
    scored_at = models.DateTimeField(_("Scored at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ("application", "expert__code")
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="one_draw_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.application.number} · {self.expert.name}"


class Exclusion(models.Model):
    """An expert of the field excluded from a draw, with the reasons (shown on the page)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="exclusions",
        verbose_name=_("Project application"),
    )
    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="exclusions", verbose_name=_("Review expert")
    )
    reasons = models.JSONField(_("Recusal reason"), default=list)

    class Meta:
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        ordering = ("application", "expert__code")

    def __str__(self) -> str:
        return f"{self.expert}：{'；'.join(self.reasons)}"


class Milestone(TimeStampedModel):
    """A 任务书 node with its due day; done when the unit reports it."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("Project application"),
    )
    title = models.CharField(_("Milestone content"), max_length=200)
    due = models.DateField(_("Planned for"))
    budget_yuan = models.DecimalField(
        _("Milestone budget (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    done_on = models.DateField(_("Done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("application", "due", "pk")

    def __str__(self) -> str:
        return f"{self.title}（{self.due:%Y-%m-%d}）"


class ExternalProject(ScopedModel, TimeStampedModel):
    """A national or provincial project won by a local unit (立项 elsewhere, recorded here)."""

    title = models.CharField(_("Project title"), max_length=200)
    unit_name = models.CharField(_("Undertaking organisation"), max_length=200)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Undertaking enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_projects",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("County or district"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("Recognition level"), max_length=12, choices=Level.choices)
    programme = models.CharField(_("Programme kind"), max_length=100)
    funding_yuan = models.DecimalField(_("Fiscal support (yuan)"), max_digits=14, decimal_places=2)
    approved_on = models.DateField(_("Approved on"))
    four_batches = models.BooleanField(_("'Four batches' project"), default=False)
    source = models.CharField(_("Source"), max_length=200)
    synthetic = models.BooleanField(_("Synthetic (demo) record"), default=False)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "region": ("region__code",),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        ordering = ("-approved_on", "title")
        verbose_name = _("National or provincial project")
        verbose_name_plural = _("National or provincial project")

    def __str__(self) -> str:
        return self.title

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "level": self.level, "funding": str(self.funding_yuan)}
