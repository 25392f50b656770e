"""States, codes and audit events of the 科技服务大市场 (issue 17)."""

from django.db import models

from jiazhou.techmarket import REFUSAL_REASONS, REVOCATION_GROUNDS
from jiazhou_web.core.audit import register_events

TECH_FIELDS = (
    "电子信息",
    "城市建设与社会发展",
    "先进制造",
    "新材料",
    "生物医药",
    "新能源与高效节能",
    "环境保护",
    "现代交通",
    "农业",
    "核应用",
    "航空航天",
)
TechField = models.TextChoices("TechField", [(f"F{i}", (f, f)) for i, f in enumerate(TECH_FIELDS)])  # type: ignore[call-overload]


class CatalogueState(models.TextChoices):
    SUBMITTED = "submitted", "待审核"
    PUBLISHED = "published", "已发布"
    REJECTED = "rejected", "未通过审核"
    WITHDRAWN = "withdrawn", "已撤回"


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", "转让"
    LICENCE = "licence", "许可"
    EQUITY = "equity", "作价投资"
    JOINT = "joint", "合作开发"


class IPType(models.TextChoices):
    PATENT = "patent", "发明专利"
    UTILITY = "utility", "实用新型专利"
    SOFTWARE = "software", "计算机软件著作权"
    IC = "ic_layout", "集成电路布图设计"
    VARIETY = "variety", "植物新品种"
    SECRET = "secret", "技术秘密"
    NONE = "none", "未涉及知识产权"


class HolderKind(models.TextChoices):
    FIRM = "firm", "企业法人"
    INSTITUTE = "institute", "科研机构"
    UNIVERSITY = "university", "高等院校"
    OTHER = "other", "其他组织"


class ContractType(models.TextChoices):
    DEV_COMMISSIONED = "dev_commissioned", "技术开发（委托开发）"
    DEV_JOINT = "dev_joint", "技术开发（合作开发）"
    TRANSFER = "transfer", "技术转让"
    LICENCE = "licence", "技术许可"
    CONSULTING = "consulting", "技术咨询"
    SERVICE = "service", "技术服务"


class ContractState(models.TextChoices):
    """submitted → accepted | returned(补正) → (expert review) → registered | refused →
    changed | cancelled | revoked (spec §3.2)."""

    SUBMITTED = "submitted", "已提交"
    ACCEPTED = "accepted", "已受理"
    RETURNED = "returned", "待补正"
    REGISTERED = "registered", "已登记"
    REFUSED = "refused", "不予登记"
    CANCELLED = "cancelled", "已注销"
    REVOKED = "revoked", "已撤销"


RefusalReason = models.TextChoices(  # type: ignore[call-overload]
    "RefusalReason", [(k.upper(), (k, v)) for k, v in REFUSAL_REASONS.items()]
)
RevocationGround = models.TextChoices(  # type: ignore[call-overload]
    "RevocationGround", [(k.upper(), (k, v)) for k, v in REVOCATION_GROUNDS.items()]
)


class ListingClass(models.TextChoices):
    COMMON = "common", "行业共性技术攻关（前补助）"
    FIRM = "firm", "企业出题（后补助）"
    TRANSFER = "transfer", "成果转化（后补助）"


class ListingState(models.TextChoices):
    """need_draft → need_validated → listed(发榜) → awarded → contracted → accepted |
    terminated (spec §3.7)."""

    NEED_DRAFT = "need_draft", "需求征集"
    NEED_VALIDATED = "need_validated", "专家论证通过"
    LISTED = "listed", "已发榜（接受揭榜）"
    AWARDED = "awarded", "已确定揭榜方"
    CONTRACTED = "contracted", "已签约"
    ACCEPTED = "accepted", "已验收"
    TERMINATED = "terminated", "已终止"


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", "已申请"
    INELIGIBLE = "ineligible", "资格不符"
    AWARDED = "awarded", "揭榜成功"
    NOT_AWARDED = "not_awarded", "未入选"


@register_events
class MarketEvent(models.TextChoices):
    ACHIEVEMENT_SUBMITTED = "market.achievement_submitted", "提交科技成果"
    DEMAND_SUBMITTED = "market.demand_submitted", "提交技术需求"
    CATALOGUE_REVIEWED = "market.catalogue_reviewed", "审核成果/需求"
    LISTING_CREATED = "market.listing_created", "揭榜挂帅需求征集"
    LISTING_ADVANCED = "market.listing_advanced", "揭榜挂帅阶段推进"
    APPLICATION_FILED = "market.application_filed", "提交揭榜申请"
    APPLICATION_AWARDED = "market.application_awarded", "确定揭榜方"
    CONTRACT_SUBMITTED = "market.contract_submitted", "提交技术合同登记"
    CONTRACT_ACCEPTED = "market.contract_accepted", "受理技术合同登记"
    CONTRACT_RETURNED = "market.contract_returned", "技术合同要求补正"
    CONTRACT_SUPPLEMENTED = "market.contract_supplemented", "技术合同补正材料到达"
    CONTRACT_REGISTERED = "market.contract_registered", "技术合同登记"
    CONTRACT_REFUSED = "market.contract_refused", "技术合同不予登记"
    CONTRACT_CANCELLED = "market.contract_cancelled", "技术合同注销"
    CONTRACT_REVOKED = "market.contract_revoked", "技术合同撤销登记"
    PAYMENT_RECORDED = "market.payment_recorded", "记录技术合同到账"
    INDICATOR_FED = "market.indicator_fed", "技术合同成交额写入指标"
    REGISTRY_CREATED = "market.registry_created", "设立技术合同登记机构"
    REGISTRAR_ADDED = "market.registrar_added", "设置登记员"
    BROKER_REGISTERED = "market.broker_registered", "登记技术经纪人"
    SHAREHOLDINGS_LOADED = "market.shareholdings_loaded", "导入股东信息"
    ABSORBED_IMPORTED = "market.absorbed_imported", "导入全国系统技术合同（吸纳）"
