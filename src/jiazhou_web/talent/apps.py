from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "jiazhou_web.talent"
    label = "talent"
    verbose_name = "科技人才"
