from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "jiazhou_web.evaluations"
    label = "evaluations"
    verbose_name = _("Annual evaluations")

    def ready(self) -> None:
        from jiazhou_web.evaluations import choices  # noqa: F401 - registers the audit events
