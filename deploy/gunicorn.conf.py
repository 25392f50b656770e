"""gunicorn settings for ``make serve`` and deploy/jiazhou.service, read from the environment.

JIAZHOU_BIND        address to listen on (default 127.0.0.1:8000; nginx proxies to it)
WEB_CONCURRENCY     worker processes (default 2 × CPUs + 1, at most 9)
GUNICORN_THREADS    threads per worker (default 1: the app is CPU-bound, sync workers)
GUNICORN_TIMEOUT    seconds before a silent worker is restarted (default 120: a stored
                    evaluation run of 10,000 firms takes ~15–30 s, see benchmarks/)
LOG_FORMAT=json     access log lines as JSON too (the app's own log follows settings)
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("JIAZHOU_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory of large imports and exports)
max_requests_jitter = 200
wsgi_app = "jiazhou_web.config.wsgi:application"
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
if os.environ.get("LOG_FORMAT") == "json":
    access_log_format = (
        '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", '
        '"request_id": "%({x-request-id}o)s", "method": "%(m)s", "path": "%(U)s", '
        '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "remote": "%(h)s"}'
    )
else:
    access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms [%({x-request-id}o)s]'
