from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolsConfig(AppConfig):
    name = "jiazhou_web.pools"
    label = "pools"
    verbose_name = _("Pools")

    def ready(self) -> None:
        from jiazhou_web.core.dashboard import register_cards
        from jiazhou_web.enterprises.links import register_enterprise_links
        from jiazhou_web.pools import choices  # noqa: F401 - registers the audit events
        from jiazhou_web.pools.dashboard import enterprise_links, home_cards

        register_cards(home_cards)
        register_enterprise_links(enterprise_links)
