from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "jiazhou_web.tickets"
    label = "tickets"
    verbose_name = _("Enterprise requests")

    def ready(self) -> None:
        from jiazhou_web.tickets import choices  # noqa: F401 - registers the audit events
