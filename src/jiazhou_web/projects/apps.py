from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jiazhou_web.projects"
    label = "projects"
    verbose_name = "科技项目"
