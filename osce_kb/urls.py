"""URL configuration: public pages, the API and the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

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
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
