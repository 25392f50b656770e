"""Choice sets of 科技项目: states (jiazhou.projects.states), call states, levels, events."""

from django.db import models

from jiazhou.projects.states import ProjectState
from jiazhou_web.core.audit import register_events


class State(models.TextChoices):
    """Project states (the engine's ProjectState, with their Chinese names)."""

    DRAFTING = ProjectState.DRAFTING.value, "填报中"
    SUBMITTED = ProjectState.SUBMITTED.value, "已提交"
    RETURNED = ProjectState.RETURNED.value, "退回补正"
    REJECTED = ProjectState.REJECTED.value, "形式审查不通过"
    FORM_CHECKED = ProjectState.FORM_CHECKED.value, "形式审查通过"
    EXPERT_REVIEW = ProjectState.EXPERT_REVIEW.value, "专家评审中"
    RANKED = ProjectState.RANKED.value, "已排序"
    NOT_APPROVED = ProjectState.NOT_APPROVED.value, "未立项"
    APPROVED = ProjectState.APPROVED.value, "拟立项"
    PUBLICISED = ProjectState.PUBLICISED.value, "公示中"
    CONTRACTED = ProjectState.CONTRACTED.value, "已签任务书"
    IN_PROGRESS = ProjectState.IN_PROGRESS.value, "实施中"
    MIDTERM_CHECK = ProjectState.MIDTERM_CHECK.value, "中期检查"
    ACCEPTANCE_APPLIED = ProjectState.ACCEPTANCE_APPLIED.value, "已申请验收"
    ACCEPTED = ProjectState.ACCEPTED.value, "验收通过"
    ACCEPTED_AFTER_FIX = ProjectState.ACCEPTED_AFTER_FIX.value, "整改后通过"
    RECTIFYING = ProjectState.RECTIFYING.value, "整改中"
    NOT_ACCEPTED = ProjectState.NOT_ACCEPTED.value, "验收不通过"
    TERMINATED = ProjectState.TERMINATED.value, "已终止"
    EVALUATED = ProjectState.EVALUATED.value, "已绩效评价"
    ARCHIVED = ProjectState.ARCHIVED.value, "已归档"


#: state code → Chinese name
STATE_LABELS: dict[str, str] = dict(State.choices)


class CallState(models.TextChoices):
    DRAFT = "draft", "草稿"
    OPEN = "open", "申报中"
    CLOSED = "closed", "已截止"


class Level(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"


class AcceptanceMode(models.TextChoices):
    DESK = "desk", "会议（书面）验收"
    ONSITE = "onsite", "现场验收"


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
