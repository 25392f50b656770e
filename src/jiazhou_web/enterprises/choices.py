from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events, register_value_choices


class SizeClass(models.TextChoices):
    """企业规模 per 《中小企业划型标准规定》."""

    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class TechField(models.TextChoices):
    """《国家重点支持的高新技术领域》 (国科发火〔2016〕32号 附件) first-level fields."""

    ELECTRONIC_INFORMATION = "electronic_information", _("Electronic information")
    BIO_MEDICINE = "bio_medicine", _("Biology and new medicine")
    AEROSPACE = "aerospace", _("Aerospace")
    NEW_MATERIALS = "new_materials", _("New materials")
    HIGH_TECH_SERVICES = "high_tech_services", _("High-tech services")
    NEW_ENERGY = "new_energy", _("New energy and energy saving")
    RESOURCES_ENVIRONMENT = "resources_environment", _("Resources and environment")
    ADVANCED_MANUFACTURING = "advanced_manufacturing", _("Advanced manufacturing and automation")


class LifecycleStage(models.TextChoices):
    """创新积分制 stages (初创/成长/稳定)."""

    STARTUP = "startup", _("Start-up")
    GROWTH = "growth", _("Growth")
    MATURE = "mature", _("Mature")


class Programme(models.TextChoices):
    """Qualifications and titles an enterprise can hold (培育库 programmes)."""

    HNTE = "hnte", _("High and new technology enterprise")
    TECH_SME = "tech_sme", _("Technology-based SME")
    INNOVATIVE_SME = "innovative_sme", _("Innovative SME")
    SRDI_SME = "srdi_sme", _("Specialised, refined, distinctive and innovative SME")
    LITTLE_GIANT = "little_giant", _("Little giant")
    GAZELLE = "gazelle", _("Gazelle enterprise")
    UNICORN = "unicorn", _("Unicorn enterprise")
    NEW_TRACK = "new_track", _("New-track enterprise")


class IPKind(models.TextChoices):
    INVENTION_PATENT = "invention_patent", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model")
    DESIGN = "design", _("Design patent")
    SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
    IC_LAYOUT = "ic_layout", _("IC layout design")
    PLANT_VARIETY = "plant_variety", _("New plant variety")
    OTHER = "other", _("Other")


class IPClass(models.TextChoices):
    """HNTE 知识产权分类 (195号): Ⅰ类 (invention etc.) and Ⅱ类 (utility, design, software)."""

    CLASS_I = "I", _("Class I")
    CLASS_II = "II", _("Class II")


class IncidentKind(models.TextChoices):
    """Dated compliance events (criteria.md §8.7); codes of ``jiazhou.schemes.panel.INCIDENT_KINDS``."""

    MAJOR_SAFETY = "major_safety", _("Major safety accident")
    MAJOR_QUALITY = "major_quality", _("Major quality accident")
    SERIOUS_ENVIRONMENTAL = "serious_environmental", _("Serious environmental violation")
    RESEARCH_MISCONDUCT = "research_misconduct", _("Serious research misconduct")
    NETWORK_DATA_SECURITY = "network_data_security", _("Major network or data security incident")
    TAX_EVASION = "tax_evasion", _("Tax evasion")
    DATA_FALSIFICATION = "data_falsification", _("Data falsification")


class FigureSource(models.TextChoices):
    DECLARATION = "declaration", _("Enterprise declaration")
    AUDIT = "audit", _("Audit report")
    TAX = "tax", _("Tax data")
    STATISTICS = "statistics", _("Statistics bureau")
    PLATFORM = "platform", _("Official platform")
    SYNTHETIC = "synthetic", _("Synthetic (demo)")


@register_events
class EnterpriseEvent(models.TextChoices):
    """Audit events written by the enterprise actions."""

    CREATED = "enterprise.created", _("Enterprise created")
    UPDATED = "enterprise.updated", _("Enterprise updated")
    IMPORTED = "enterprise.imported", _("Enterprise imported")
    FIGURES_SET = "enterprise.figures_set", _("Annual figures set")
    IP_ADDED = "enterprise.ip_added", _("IP asset added")
    CERTIFICATE_ADDED = "enterprise.certificate_added", _("Certificate added")
    CERTIFICATE_REVOKED = "enterprise.certificate_revoked", _("Certificate revoked")
    INCIDENT_RECORDED = "enterprise.incident_recorded", _("Incident recorded")


register_value_choices("programme", Programme)
register_value_choices("goal", Programme)
