from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "jiazhou_web.talent"
    label = "talent"
    verbose_name = "科技人才"

    def ready(self) -> None:
        from jiazhou_web.enterprises.links import register_enterprise_links
        from jiazhou_web.talent.links import talent_links

        register_enterprise_links(talent_links)
