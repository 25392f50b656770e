from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jiazhou_web.projects"
    label = "projects"
    verbose_name = "科技项目"

    def ready(self) -> None:
        from jiazhou_web.enterprises.links import register_enterprise_links
        from jiazhou_web.projects.links import project_links

        register_enterprise_links(project_links)
