from django.urls import path

from commitments import views

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<slug:slug>/", views.document_detail, name="document-detail"),
    path("provisions/<int:pk>/", views.provision_detail, name="provision-detail"),
    path("categories/<slug:slug>/", views.category_detail, name="category-detail"),
    path("dimensions/<slug:slug>/", views.dimension_detail, name="dimension-detail"),
]
