"""States and audit events of the enterprise workspace (企业工作台)."""

from django.db import models

from jiazhou_web.core.audit import register_events, register_value_choices
from jiazhou_web.enterprises.choices import FigureSource


class DeclarationState(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已采纳"


class CorrectionState(models.TextChoices):
    OPEN = "open", "待裁定"
    ACCEPTED = "accepted", "已更正"
    REJECTED = "rejected", "不予更正"


class DocumentKind(models.TextChoices):
    LICENCE = "licence", "营业执照"
    FINANCIAL = "financial", "财务报表/审计报告"
    TAX = "tax", "纳税证明"
    IP = "ip", "知识产权证书"
    CERTIFICATE = "certificate", "资质证书"
    OTHER = "other", "其他材料"


@register_events
class WorkspaceEvent(models.TextChoices):
    DECLARATION_SUBMITTED = "workspace.declaration_submitted", "企业提交年报申报"
    DECLARATION_RETURNED = "workspace.declaration_returned", "年报申报被退回"
    DECLARATION_ACCEPTED = "workspace.declaration_accepted", "年报申报被采纳"
    CORRECTION_REQUESTED = "workspace.correction_requested", "企业申请更正数据"
    CORRECTION_DECIDED = "workspace.correction_decided", "数据更正申请已裁定"
    DOCUMENT_UPLOADED = "workspace.document_uploaded", "企业上传文件"
    ADMIN_APPOINTED = "workspace.admin_appointed", "指定企业账号管理员"
    COLLEAGUE_INVITED = "workspace.colleague_invited", "企业管理员邀请同事"
    COLLEAGUE_REMOVED = "workspace.colleague_removed", "企业管理员移除同事"


register_value_choices("held_source", FigureSource)
