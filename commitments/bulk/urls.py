from django.urls import path

from commitments.bulk import views

urlpatterns = [
    path("", views.data_page, name="data"),
    path("corpus.json", views.download, {"format": "json"}, name="data-download-json"),
    path("corpus-csv.zip", views.download, {"format": "csv"}, name="data-download-csv"),
]
