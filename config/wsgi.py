"""WSGI entry point (gunicorn -c config/gunicorn.py config.wsgi).

Optional error reporting (SENTRY_DSN, the `sentry` extra) and OpenTelemetry instrumentation
(OTEL_ENABLED, the `otel` extra) are switched on here, before Django loads its middleware.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from ops import reporting, tracing  # noqa: E402 - needs the settings module named first

reporting.configure()
tracing.configure()
application = get_wsgi_application()
