from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "jiazhou_web.subsidies"
    label = "subsidies"
    verbose_name = "政策兑现与科技创新券"

    def ready(self) -> None:
        from jiazhou_web.subsidies import choices, rules  # noqa: F401 - audit events, object rules
