"""Stored files served while developing (``DEBUG``; in production the web server serves none).

Sources are downloaded, never shown: a file that is both a PDF and an HTML page must not
render as a page of the site, whatever its name.
"""

from django.conf import settings
from django.http import HttpRequest
from django.views.static import serve


def serve_media_as_attachment(request: HttpRequest, path: str):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Disposition"] = "attachment"
    return response
