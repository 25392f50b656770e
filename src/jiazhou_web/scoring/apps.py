from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "jiazhou_web.scoring"
    label = "scoring"
    verbose_name = _("Scoring")

    def ready(self) -> None:
        from jiazhou_web.scoring import choices  # noqa: F401 - registers the audit events
