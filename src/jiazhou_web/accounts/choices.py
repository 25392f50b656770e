from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events
from jiazhou_web.core.choices import CoreEvent, ScopeKind


class Role(models.TextChoices):
    """角色: what a user does; the scope of each assignment says where."""

    CITY_ADMIN = "city_admin", _("City S&T bureau administrator")
    ZONE_OFFICER = "zone_officer", _("High-tech zone officer")
    COUNTY_OFFICER = "county_officer", _("County S&T bureau officer")
    DEPARTMENT_OFFICER = "department_officer", _("Responsible-unit officer")
    ENTERPRISE_USER = "enterprise_user", _("Enterprise user")
    REVIEWER = "reviewer", _("Reviewer")
    PUBLIC = "public", _("Public")
    # Outside the government: what such a user reaches is narrowed further by its app's own
    # membership rows (a bank's consents, a provider's vouchers, a broker's cases).
    BANK_USER = "bank_user", _("Bank user")
    SERVICE_PROVIDER = "service_provider", _("Voucher service provider")
    TECH_BROKER = "tech_broker", _("Technology broker")
    CONTRACT_REGISTRAR = "contract_registrar", _("Technology contract registrar")


# The scope each role takes (a role assignment may not carry another kind).
ROLE_SCOPE: dict[str, str] = {
    Role.CITY_ADMIN: ScopeKind.CITY,
    Role.ZONE_OFFICER: ScopeKind.ZONE,
    Role.COUNTY_OFFICER: ScopeKind.REGION,
    Role.DEPARTMENT_OFFICER: ScopeKind.DEPARTMENT,
    Role.ENTERPRISE_USER: ScopeKind.ENTERPRISE,
    Role.REVIEWER: ScopeKind.CITY,
    Role.PUBLIC: ScopeKind.PUBLIC,
    Role.BANK_USER: ScopeKind.PUBLIC,
    Role.SERVICE_PROVIDER: ScopeKind.PUBLIC,
    Role.TECH_BROKER: ScopeKind.PUBLIC,
    Role.CONTRACT_REGISTRAR: ScopeKind.DEPARTMENT,  # the 登记机构 is a unit of the platform
}


class DepartmentKind(models.TextChoices):
    CITY_BUREAU = "city_bureau", _("City bureau")
    ZONE_COMMITTEE = "zone_committee", _("Zone management committee")
    COUNTY_BUREAU = "county_bureau", _("County bureau")
    OTHER = "other", _("Other unit")


class AccountEvent(models.TextChoices):
    """Audit events of the roles page (系统 → 用户与角色) beyond core's."""

    ROLE_REVOKED = "user.role_revoked", _("Role revoked")


register_events(CoreEvent)
register_events(AccountEvent)
