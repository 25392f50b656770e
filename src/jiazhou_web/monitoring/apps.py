from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "jiazhou_web.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from jiazhou_web.core.dashboard import register_cards
        from jiazhou_web.monitoring import choices  # noqa: F401 - registers the audit events
        from jiazhou_web.monitoring.cards import home_cards

        register_cards(home_cards)
