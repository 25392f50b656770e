from django.apps import AppConfig


class PlatformsConfig(AppConfig):
    name = "jiazhou_web.platforms"
    label = "platforms"
    verbose_name = "创新平台"
