from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "jiazhou_web.tickets"
    label = "tickets"
    verbose_name = _("企业诉求")

    def ready(self) -> None:
        from jiazhou_web.tickets import choices, permissions  # noqa: F401 - events, object rules
