from django.apps import AppConfig


class PlatformsConfig(AppConfig):
    name = "jiazhou_web.platforms"
    label = "platforms"
    verbose_name = "创新平台"

    def ready(self) -> None:
        from jiazhou_web.enterprises.links import register_enterprise_links
        from jiazhou_web.platforms.links import platform_links

        register_enterprise_links(platform_links)
