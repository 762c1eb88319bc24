from django.urls import path

from commitments.views import browse, documents, exports, home, overview, provisions, search

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
]
