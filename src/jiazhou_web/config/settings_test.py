"""Test settings: the main settings plus fast hashing, in-memory mail and a fixed secret."""

from jiazhou_web.config.settings import *  # noqa: F403
from jiazhou_web.config.settings import Q_CLUSTER, STORAGES

SECRET_KEY = "jiazhou-test-key"  # noqa: S105 - tests only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Background jobs run inside the caller (django-q2 `sync`): tests need no qcluster.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
