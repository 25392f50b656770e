from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "jiazhou_web.workspace"
    label = "workspace"
    verbose_name = "企业工作台"

    def ready(self) -> None:
        from jiazhou_web.workspace import choices, rules  # noqa: F401 - audit events, object rules
