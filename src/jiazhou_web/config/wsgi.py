"""WSGI entry point for production servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiazhou_web.config.settings")
application = get_wsgi_application()

from jiazhou_web.core.long_lived import settle  # noqa: E402 - needs the loaded apps

settle()
