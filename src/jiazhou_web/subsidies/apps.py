from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "jiazhou_web.subsidies"
    label = "subsidies"
    verbose_name = _("Policy payments and innovation vouchers")

    def ready(self) -> None:
        from jiazhou_web.subsidies import choices, rules  # noqa: F401 - audit events, object rules
