"""The data page and the download of the latest bulk export."""

import datetime

from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import render

from commitments.models import Provision
from documents.models import Document
from operations.bulk.latest import SUFFIXES, latest_export
from operations.bulk.tables import TABLES

CONTENT_TYPES = {"json": "application/json", "csv": "application/zip"}


def data_page(request):
    documents = Document.objects.published()
    context = {
        "section": "data",
        "tables": TABLES,
        "document_count": documents.count(),
        "provision_count": Provision.objects.published().count(),
        "years": documents.exclude(date=None).aggregate(n=Count("date__year", distinct=True))["n"],
    }
    return render(request, "data.html", context)


def download(request, format: str):
    if format not in SUFFIXES:
        raise Http404("No such export format.")
    path = latest_export(format=format)
    built = datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC).date()
    suffix = "json" if format == "json" else "csv.zip"
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"osce-migration-commitments-{built.isoformat()}.{suffix}",
        content_type=CONTENT_TYPES[format],
    )
    response["Cache-Control"] = "no-cache"
    return response
