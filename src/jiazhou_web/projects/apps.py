from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "jiazhou_web.projects"
    label = "projects"
    verbose_name = _("Science and technology projects")

    def ready(self) -> None:
        from jiazhou_web.enterprises.links import register_enterprise_links
        from jiazhou_web.projects.links import project_links

        register_enterprise_links(project_links)
