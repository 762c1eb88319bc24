"""The public pages: home, search, documents, provisions, the taxonomy, overviews, exports and /data/."""

from django.urls import path

from web.views import browse, data, documents, exports, home, overview, provisions, search

urlpatterns = [
    path("", home.home, name="home"),
    path("search/", search.search, name="search"),
    path("documents/", documents.document_list, name="document-list"),
    path("documents/<slug:slug>/", documents.document_detail, name="document-detail"),
    path("documents/<slug:slug>/source/", documents.document_source, name="document-source"),
    path("provisions/<int:pk>/", provisions.provision_detail, name="provision-detail"),
    path("categories/", browse.category_list, name="category-list"),
    path("categories/<slug:slug>/", browse.category_detail, name="category-detail"),
    path("dimensions/", browse.dimension_list, name="dimension-list"),
    path("dimensions/<slug:slug>/", browse.dimension_detail, name="dimension-detail"),
    path("timeline/", overview.timeline_page, name="timeline"),
    path("matrix/", overview.matrix_page, name="matrix"),
    path("export/provisions.<str:fmt>", exports.provisions_export, name="provisions-export"),
    path("export/documents.<str:fmt>", exports.documents_export, name="documents-export"),
    path("data/", data.data_page, name="data"),
    path("data/corpus.json", data.download, {"format": "json"}, name="data-download-json"),
    path("data/corpus-csv.zip", data.download, {"format": "csv"}, name="data-download-csv"),
]
