from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "jiazhou_web.workspace"
    label = "workspace"
    verbose_name = _("Enterprise workspace")

    def ready(self) -> None:
        from jiazhou_web.workspace import choices, rules  # noqa: F401 - audit events, object rules
