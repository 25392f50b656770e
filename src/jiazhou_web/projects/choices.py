"""Choice sets of 科技项目: states (jiazhou.projects.states), call states, levels, events."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from jiazhou.projects.states import ProjectState
from jiazhou_web.core.audit import register_events


class State(models.TextChoices):
    """Project states (the engine's ProjectState, with their Chinese names)."""

    DRAFTING = ProjectState.DRAFTING.value, _("Being filled in")
    SUBMITTED = ProjectState.SUBMITTED.value, pgettext_lazy("project", "Submitted")
    RETURNED = ProjectState.RETURNED.value, pgettext_lazy("project", "Returned for supplements")
    REJECTED = ProjectState.REJECTED.value, _("Failed the formal check")
    FORM_CHECKED = ProjectState.FORM_CHECKED.value, _("Passed the formal check")
    EXPERT_REVIEW = ProjectState.EXPERT_REVIEW.value, _("Under expert review")
    RANKED = ProjectState.RANKED.value, pgettext_lazy("project", "Ranked")
    NOT_APPROVED = ProjectState.NOT_APPROVED.value, _("Not funded")
    APPROVED = ProjectState.APPROVED.value, _("To be funded")
    PUBLICISED = ProjectState.PUBLICISED.value, pgettext_lazy("project", "In publicity")
    CONTRACTED = ProjectState.CONTRACTED.value, _("Contract signed")
    IN_PROGRESS = ProjectState.IN_PROGRESS.value, pgettext_lazy("project", "In progress")
    MIDTERM_CHECK = ProjectState.MIDTERM_CHECK.value, _("Mid-term check")
    ACCEPTANCE_APPLIED = ProjectState.ACCEPTANCE_APPLIED.value, _("Acceptance applied for")
    ACCEPTED = ProjectState.ACCEPTED.value, pgettext_lazy("project", "Accepted on completion")
    ACCEPTED_AFTER_FIX = ProjectState.ACCEPTED_AFTER_FIX.value, _("Accepted after rectification")
    RECTIFYING = ProjectState.RECTIFYING.value, _("Being rectified")
    NOT_ACCEPTED = ProjectState.NOT_ACCEPTED.value, _("Not accepted on completion")
    TERMINATED = ProjectState.TERMINATED.value, pgettext_lazy("project", "Terminated")
    EVALUATED = ProjectState.EVALUATED.value, _("Performance evaluated")
    ARCHIVED = ProjectState.ARCHIVED.value, pgettext_lazy("project", "Archived")


#: state code → its name (lazy: read in the language of the request)
STATE_LABELS: dict[str, StrOrPromise] = dict(State.choices)


class CallState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("project call", "Draft")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", pgettext_lazy("project call", "Closed")


class Level(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("project level", "National")
    PROVINCIAL = "provincial", pgettext_lazy("project level", "Provincial")
    CITY = "city", pgettext_lazy("project level", "City")
    COUNTY = "county", pgettext_lazy("project level", "County")


class AcceptanceMode(models.TextChoices):
    DESK = "desk", _("Acceptance by meeting (in writing)")
    ONSITE = "onsite", _("On-site acceptance")


@register_events
class ProjectEvent(models.TextChoices):
    CALL_CREATED = "projects.call_created", "发布项目指南"
    CALL_STATE = "projects.call_state", "指南状态变更"
    APPLICATION_CREATED = "projects.application_created", "创建项目申报"
    APPLICATION_MOVED = "projects.application_moved", "项目状态变更"
    EXPERT_CREATED = "projects.expert_created", "专家入库"
    EXPERTS_DRAWN = "projects.experts_drawn", "抽取评审专家"
    CONFLICT_DECLARED = "projects.conflict_declared", "专家申明回避"
    SCORE_RECORDED = "projects.score_recorded", "专家评分"
    RANKED = "projects.ranked", "评审汇总排序"
    MILESTONE_ADDED = "projects.milestone_added", "添加任务书节点"
    MILESTONE_DONE = "projects.milestone_done", "节点完成"
    EXTERNAL_RECORDED = "projects.external_recorded", "登记国省项目"
    EXTENDED = "projects.extended", "项目延期"
    ITEM_LINKED = "projects.item_linked", "关联督办事项"
