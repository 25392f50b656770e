from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class EnterprisesConfig(AppConfig):
    name = "jiazhou_web.enterprises"
    label = "enterprises"
    verbose_name = pgettext_lazy("enterprises", "Enterprises")

    def ready(self) -> None:
        from jiazhou_web.core.dashboard import register_cards
        from jiazhou_web.enterprises.dashboard import enterprise_cards

        register_cards(enterprise_cards)
