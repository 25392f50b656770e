from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    name = "jiazhou_web.indices"
    label = "indices"
    verbose_name = _("Indices")

    def ready(self) -> None:
        from jiazhou_web.core.dashboard import register_cards
        from jiazhou_web.indices.cards import index_cards

        register_cards(index_cards)
