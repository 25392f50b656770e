from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "jiazhou_web.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from jiazhou_web.assessments import choices  # noqa: F401 - registers the audit events
