"""URL configuration: public pages, the API and the admin."""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from curation.login_throttle import throttle_login

admin.site.login = throttle_login(admin.site.login)
admin.site.site_header = "OSCE Migration Commitments: curation"
admin.site.site_title = "OSCE Migration Commitments admin"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/", include("web.api.urls")),
    path("", include("web.urls")),
]

if settings.DEBUG:
    from osce_kb.media import serve_media_as_attachment

    media = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.append(re_path(rf"^{media}(?P<path>.*)$", serve_media_as_attachment))
