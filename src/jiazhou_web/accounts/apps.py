from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jiazhou_web.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from jiazhou_web.accounts import signals  # noqa: F401 - connects the login audit receivers
        from jiazhou_web.accounts.choices import Role
        from jiazhou_web.core.audit import register_value_choices
        from jiazhou_web.core.audit_display import KEY_LABELS
        from jiazhou_web.core.choices import ScopeKind

        # Role rows in the audit log read 角色：区县科技局人员, not role: county_officer.
        register_value_choices("role", Role)
        register_value_choices("scope", ScopeKind)
        for key, label in (("role", "角色"), ("scope", "数据范围"), ("target", "范围对象")):
            KEY_LABELS.setdefault(key, label)
