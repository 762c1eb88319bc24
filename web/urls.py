"""The public pages: home, search, documents, provisions, the taxonomy, overviews, exports and /data/."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import path

from web.views import (
    about,
    browse,
    citations,
    coverage,
    data,
    documents,
    exports,
    feeds,
    field_operations,
    home,
    lineage,
    overview,
    provisions,
    search,
)


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page says (and for feeds and files, which say nothing)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("", home.home, name="home"),
    path("search/", search.search, name="search"),
    path("documents/", documents.document_list, name="document-list"),
    path("documents/<slug:slug>/", documents.document_detail, name="document-detail"),
    path("documents/<slug:slug>/source/", documents.document_source, name="document-source"),
    path("documents/<slug:slug>/cite.<str:fmt>", citations.document_citation, name="document-citation"),
    path("lineage/", lineage.lineage_page, name="lineage"),
    path("lineage/<slug:slug>/", lineage.lineage_page, name="lineage-of"),
    path("provisions/<int:pk>/", provisions.provision_detail, name="provision-detail"),
    path("provisions/<int:pk>/cite.<str:fmt>", citations.provision_citation, name="provision-citation"),
    path("categories/", browse.category_list, name="category-list"),
    path("categories/<slug:slug>/", browse.category_detail, name="category-detail"),
    path("dimensions/", browse.dimension_list, name="dimension-list"),
    path("dimensions/<slug:slug>/", browse.dimension_detail, name="dimension-detail"),
    path("timeline/", overview.timeline_page, name="timeline"),
    path("matrix/", overview.matrix_page, name="matrix"),
    path("export/provisions.<str:fmt>", exports.provisions_export, name="provisions-export"),
    path("export/documents.<str:fmt>", exports.documents_export, name="documents-export"),
    path("cite/provisions.<str:fmt>", exports.provisions_citations, name="provisions-citations"),
    path("feeds/provisions.atom", feeds.provisions_atom, name="provisions-feed"),
    path("feeds/documents.atom", feeds.documents_atom, name="documents-feed"),
    path("operations/", field_operations.operation_list, name="operation-list"),
    path("operations/<slug:slug>/", field_operations.operation_detail, name="operation-detail"),
    path("about/", about.about, name="about"),
    path("coverage/", coverage.coverage_page, name="coverage"),
    path("data/", data.data_page, name="data"),
    path("data/corpus.json", data.download, {"format": "json"}, name="data-download-json"),
    path("data/corpus-csv.zip", data.download, {"format": "csv"}, name="data-download-csv"),
]
