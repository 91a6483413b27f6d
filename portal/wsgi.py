"""WSGI entry point. DJANGO_SETTINGS_MODULE picks the tier (portal.settings.public or .staff)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.public")
application = get_wsgi_application()
