"""WSGI entry point, e.g. for ``gunicorn osce_kb.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_kb.settings")
application = get_wsgi_application()
