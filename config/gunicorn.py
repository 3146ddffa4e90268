"""gunicorn configuration: `gunicorn -c config/gunicorn.py config.wsgi` (deploy/systemd/zorgveilig.service).

Sync workers: two beat four on two cores (architecture.md, Performance); set WEB_CONCURRENCY to
about the number of cores. Requests that run longer than GUNICORN_TIMEOUT are killed; a HUP
restarts workers gracefully (new code, same socket), each worker finishing its requests within
`graceful_timeout`. Workers are recycled after `max_requests` (with jitter) to bound memory growth.
The access log is JSON without query strings, client addresses or user agents (ops.accesslog).
"""

import os

from config.gc_tuning import GEN0, collect_young_later, freeze_long_lived

bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Code is loaded per worker, so `systemctl reload` (HUP) picks up a new release.
preload_app = False
# The reverse proxy on this host is the only one trusted for X-Forwarded-* (see deploy/nginx).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logger_class = "ops.accesslog.JsonAccessLogger"
# Request line and headers: generous for the API, small enough to refuse abuse early.
limit_request_line = 8190
limit_request_fields = 100

# The garbage collector (config/gc_tuning.py, ADR 0040): collections of the youngest generation start after
# GC_GEN0 allocations instead of Python's 700 from the moment a worker is forked, before it loads the app (a
# page allocates tens of thousands of objects); each worker's long-lived objects (Django, the URLconf,
# compiled templates, the app's modules: about a million) are frozen out of its view once the worker is
# warm, so a full collection scans only what requests create. Measured in docs/performance.md;
# GUNICORN_GC_FREEZE_AFTER=0 turns the freezing off.
GC_FREEZE_AFTER = int(os.environ.get("GUNICORN_GC_FREEZE_AFTER", "20"))  # requests
GC_GEN0 = int(os.environ.get("GUNICORN_GC_GEN0", str(GEN0)))
_served = 0


def post_fork(server, worker):  # noqa: ARG001 - gunicorn's hook signature
    collect_young_later(GC_GEN0)


def post_request(worker, req, environ, resp):  # noqa: ARG001 - gunicorn's hook signature
    global _served  # noqa: PLW0603 - one counter per worker process
    _served += 1
    if _served == GC_FREEZE_AFTER:
        freeze_long_lived()
