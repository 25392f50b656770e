from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "jiazhou_web.chains"
    label = "chains"
    verbose_name = _("Chain maps")

    def ready(self) -> None:
        from jiazhou_web.chains import choices  # noqa: F401 - registers the audit events
