from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The open API (开放接口, issue 21): tokens, /api/v1/ and its OpenAPI document."""

    name = "jiazhou_web.api"
    label = "api"
    verbose_name = _("Open API")
