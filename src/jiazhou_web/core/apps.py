from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jiazhou_web.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from jiazhou_web.core.names import connect_cache_signals

        connect_cache_signals()

        from django.db.backends.signals import connection_created

        from jiazhou_web.core.pg_timestamps import install

        connection_created.connect(install, dispatch_uid="jiazhou-fast-timestamptz")
