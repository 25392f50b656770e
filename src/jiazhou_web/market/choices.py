"""States, codes and audit events of the 科技服务大市场 (issue 17)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
#: the fields' names as people read them (TECH_FIELDS keeps the Chinese the registries write)
TECH_FIELD_LABELS = (
    pgettext_lazy("tech field", "Electronic information"),
    pgettext_lazy("tech field", "Urban construction and social development"),
    pgettext_lazy("tech field", "Advanced manufacturing"),
    pgettext_lazy("tech field", "New materials"),
    pgettext_lazy("tech field", "Biomedicine"),
    pgettext_lazy("tech field", "New energy and energy efficiency"),
    pgettext_lazy("tech field", "Environmental protection"),
    pgettext_lazy("tech field", "Modern transport"),
    pgettext_lazy("tech field", "Agriculture"),
    pgettext_lazy("tech field", "Nuclear applications"),
    pgettext_lazy("tech field", "Aerospace"),
)
TechField = models.TextChoices(  # type: ignore[call-overload]
    "TechField",
    [
        (f"F{i}", (f, label))
        for i, (f, label) in enumerate(zip(TECH_FIELDS, TECH_FIELD_LABELS, strict=True))
    ],
)


class CatalogueState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("market", "Awaiting review")
    PUBLISHED = "published", pgettext_lazy("market", "Published")
    REJECTED = "rejected", _("Not approved in review")
    WITHDRAWN = "withdrawn", pgettext_lazy("market", "Withdrawn")


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", pgettext_lazy("market", "Transfer")
    LICENCE = "licence", pgettext_lazy("market", "Licence")
    EQUITY = "equity", _("Investment in kind")
    JOINT = "joint", pgettext_lazy("market", "Joint development")


class IPType(models.TextChoices):
    PATENT = "patent", pgettext_lazy("market", "Invention patent")
    UTILITY = "utility", pgettext_lazy("market", "Utility model patent")
    SOFTWARE = "software", pgettext_lazy("market", "Software copyright")
    IC = "ic_layout", pgettext_lazy("market", "IC layout design")
    VARIETY = "variety", pgettext_lazy("market", "New plant variety")
    SECRET = "secret", _("Technical secret")
    NONE = "none", _("No intellectual property involved")


class HolderKind(models.TextChoices):
    FIRM = "firm", _("Enterprise (legal person)")
    INSTITUTE = "institute", pgettext_lazy("market", "Research institute")
    UNIVERSITY = "university", pgettext_lazy("market", "University")
    OTHER = "other", _("Other organisation")


class ContractType(models.TextChoices):
    DEV_COMMISSIONED = "dev_commissioned", _("Technology development (commissioned)")
    DEV_JOINT = "dev_joint", _("Technology development (joint)")
    TRANSFER = "transfer", pgettext_lazy("market", "Technology transfer")
    LICENCE = "licence", pgettext_lazy("market", "Technology licence")
    CONSULTING = "consulting", pgettext_lazy("market", "Technical consulting")
    SERVICE = "service", pgettext_lazy("market", "Technical services")


#: the contract types as the national system's spreadsheets write them (imports read these)
CONTRACT_TYPES_ZH: dict[str, str] = {
    "dev_commissioned": "技术开发（委托开发）",
    "dev_joint": "技术开发（合作开发）",
    "transfer": "技术转让",
    "licence": "技术许可",
    "consulting": "技术咨询",
    "service": "技术服务",
}


class ContractState(models.TextChoices):
    """submitted → accepted | returned(补正) → (expert review) → registered | refused →
    changed | cancelled | revoked (spec §3.2)."""

    SUBMITTED = "submitted", pgettext_lazy("market contract", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("market contract", "Accepted")
    RETURNED = "returned", _("Awaiting supplements")
    REGISTERED = "registered", pgettext_lazy("market contract", "Registered")
    REFUSED = "refused", _("Registration refused")
    CANCELLED = "cancelled", pgettext_lazy("market contract", "Cancelled")
    REVOKED = "revoked", pgettext_lazy("market contract", "Revoked")


#: The engine's reason tables (jiazhou.techmarket.grounds) are Chinese only and the engine does
#: not import Django: their codes are said again here in English, with the engine's Chinese as
#: the catalogue's translation (tests/test_grounds.py checks that each reads as the table).
#: A code the web layer does not know keeps the engine's text.
REFUSAL_LABELS = {
    "invalid": _("The contract is void or not yet in force"),
    "not_technology": _("Not a technology contract"),
    "unclear_terms": _("The parties, the subject or the price/remuneration are unclear"),
    "approval_missing": _("Approval required by law was not obtained"),
    "title_mismatch": _(
        "The contract's title does not match its rights and duties and was not corrected"
    ),
    "restrictive_clauses": _(
        "Clauses that illegally monopolise technology or hinder technical progress"
    ),
    "proofs_missing": _("Supporting documents missing or not as required"),
    "seals_mismatch": _("Signatures or seals incomplete or not matching the parties' names"),
    "mixed_unclear": _("The technology part of a mixed contract has no clear amount"),
}
REVOCATION_LABELS = {
    "false_contract": _("False contract"),
    "fraud": _("Registration certificate obtained by fraud, bribery, infringement or the like"),
    "voided_not_cancelled": _("The contract was found void but its cancellation not applied for"),
    "duplicate": _("Duplicate registration"),
}

RefusalReason = models.TextChoices(  # type: ignore[call-overload]
    "RefusalReason",
    [(k.upper(), (k, REFUSAL_LABELS.get(k, v))) for k, v in REFUSAL_REASONS.items()],
)
RevocationGround = models.TextChoices(  # type: ignore[call-overload]
    "RevocationGround",
    [(k.upper(), (k, REVOCATION_LABELS.get(k, v))) for k, v in REVOCATION_GROUNDS.items()],
)


class ListingClass(models.TextChoices):
    COMMON = "common", _("Common industry technology (subsidy in advance)")
    FIRM = "firm", _("Set by an enterprise (subsidy afterwards)")
    TRANSFER = "transfer", _("Achievement transfer (subsidy afterwards)")


class ListingState(models.TextChoices):
    """need_draft → need_validated → listed(发榜) → awarded → contracted → accepted |
    terminated (spec §3.7)."""

    NEED_DRAFT = "need_draft", _("Collecting needs")
    NEED_VALIDATED = "need_validated", _("Validated by experts")
    LISTED = "listed", _("Listed (open to applicants)")
    AWARDED = "awarded", _("Awardee chosen")
    CONTRACTED = "contracted", pgettext_lazy("market", "Contracted")
    ACCEPTED = "accepted", _("Accepted on completion")
    TERMINATED = "terminated", pgettext_lazy("market", "Terminated")


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("market", "Applied")
    INELIGIBLE = "ineligible", pgettext_lazy("market", "Ineligible")
    AWARDED = "awarded", pgettext_lazy("market", "Awarded")
    NOT_AWARDED = "not_awarded", pgettext_lazy("market", "Not selected")


@register_events
class MarketEvent(models.TextChoices):
    ACHIEVEMENT_SUBMITTED = "market.achievement_submitted", _("Achievement submitted")
    DEMAND_SUBMITTED = "market.demand_submitted", _("Technology demand submitted")
    CATALOGUE_REVIEWED = "market.catalogue_reviewed", _("Achievement/demand reviewed")
    LISTING_CREATED = "market.listing_created", _("Open-challenge needs collected")
    LISTING_ADVANCED = "market.listing_advanced", _("Open challenge advanced")
    APPLICATION_FILED = "market.application_filed", _("Challenge application filed")
    APPLICATION_AWARDED = "market.application_awarded", _("Challenge awardee chosen")
    CONTRACT_SUBMITTED = "market.contract_submitted", _("Contract registration submitted")
    CONTRACT_ACCEPTED = "market.contract_accepted", _("Contract registration accepted")
    CONTRACT_RETURNED = "market.contract_returned", _("Contract returned for supplements")
    CONTRACT_SUPPLEMENTED = "market.contract_supplemented", _("Contract supplements received")
    CONTRACT_REGISTERED = "market.contract_registered", _("Contract registered")
    CONTRACT_REFUSED = "market.contract_refused", _("Contract registration refused")
    CONTRACT_CANCELLED = "market.contract_cancelled", _("Contract cancelled")
    CONTRACT_REVOKED = "market.contract_revoked", _("Contract registration revoked")
    PAYMENT_RECORDED = "market.payment_recorded", _("Contract payment recorded")
    INDICATOR_FED = "market.indicator_fed", _("Contract turnover written to the indicator")
    REGISTRY_CREATED = "market.registry_created", _("Contract registry set up")
    REGISTRAR_ADDED = "market.registrar_added", _("Registrar added")
    BROKER_REGISTERED = "market.broker_registered", _("Technology broker registered")
    SHAREHOLDINGS_LOADED = "market.shareholdings_loaded", _("Shareholdings imported")
    ABSORBED_IMPORTED = (
        "market.absorbed_imported",
        _("Contracts imported from the national system (absorbed)"),
    )
