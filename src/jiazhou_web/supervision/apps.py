from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "jiazhou_web.supervision"
    label = "supervision"
    verbose_name = _("Three-list supervision")

    def ready(self) -> None:
        from jiazhou_web.core.dashboard import register_cards
        from jiazhou_web.supervision.cards import supervision_cards

        register_cards(supervision_cards)
