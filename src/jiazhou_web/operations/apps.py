from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform (issue 21): backups and restores of the database and uploads."""

    name = "jiazhou_web.operations"
    label = "operations"
    verbose_name = _("Operations and maintenance")
