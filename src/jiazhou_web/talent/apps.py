from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "jiazhou_web.talent"
    label = "talent"
    verbose_name = _("Science and technology talent")

    def ready(self) -> None:
        from jiazhou_web.enterprises.links import register_enterprise_links
        from jiazhou_web.talent.links import talent_links

        register_enterprise_links(talent_links)
