from django.apps import AppConfig


class MarketConfig(AppConfig):
    name = "jiazhou_web.market"
    label = "market"
    verbose_name = "科技服务大市场"

    def ready(self) -> None:
        from jiazhou_web.market import choices, rules  # noqa: F401 - audit events, object rules
