"""Routes of the API. Document symbols contain slashes, so a document's route takes a path."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from web.api import field_operations, search, views

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="api-root"),
    path("documents/", views.DocumentList.as_view(), name="api-documents"),
    path("documents/<path:ref>/", views.DocumentDetail.as_view(), name="api-document-detail"),
    path("provisions/", views.ProvisionList.as_view(), name="api-provisions"),
    path("provisions/<int:pk>/", views.ProvisionDetail.as_view(), name="api-provision-detail"),
    path("dimensions/", views.DimensionList.as_view(), name="api-dimensions"),
    path("dimensions/<slug:slug>/", views.DimensionDetail.as_view(), name="api-dimension-detail"),
    path("categories/", views.CategoryList.as_view(), name="api-categories"),
    path("categories/<slug:slug>/", views.CategoryDetail.as_view(), name="api-category-detail"),
    path("relations/", views.RelationList.as_view(), name="api-relations"),
    path("relations/<int:pk>/", views.RelationDetail.as_view(), name="api-relation-detail"),
    path("operations/", field_operations.FieldOperationList.as_view(), name="api-operations"),
    path(
        "operations/<slug:slug>/",
        field_operations.FieldOperationDetail.as_view(),
        name="api-operation-detail",
    ),
    path("search/", search.SearchView.as_view(), name="api-search"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Anything else under /api/ is a JSON 404 too, not the site's HTML page. Only paths that
    # end in a slash, so that Django still redirects /api/documents to /api/documents/.
    re_path(r"^[\s\S]*/$", views.unknown_endpoint),
]
