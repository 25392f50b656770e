from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformsConfig(AppConfig):
    name = "jiazhou_web.platforms"
    label = "platforms"
    verbose_name = _("Innovation platform")

    def ready(self) -> None:
        from jiazhou_web.enterprises.links import register_enterprise_links
        from jiazhou_web.platforms.links import platform_links

        register_enterprise_links(platform_links)
