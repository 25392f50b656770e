from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "jiazhou_web.market"
    label = "market"
    verbose_name = _("Technology services market")

    def ready(self) -> None:
        from jiazhou_web.market import choices, rules  # noqa: F401 - audit events, object rules
