"""The site offers the latest export for download and rebuilds it only when the corpus changed."""

import io
import json
import re
import zipfile

import pytest

from commitments.models import Dimension, MigrationCategory, Provision
from documents.models import Document, FieldOfWork
from operations.bulk.latest import corpus_fingerprint, latest_export
from tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _export_dir(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)  # the client closes it once read


def test_the_data_page_links_the_downloads_and_the_api(client, api_data):
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/data/corpus.json"' in html
    assert 'href="/data/corpus-csv.zip"' in html
    assert 'href="/api/docs/"' in html
    assert f"{Document.objects.published().count()} documents" in html
    assert "<code>provisions</code>" in html


def test_the_json_download_is_the_published_corpus(client, api_data):
    response, body = _download(client, "/data/corpus.json")
    assert response["Content-Type"] == "application/json"
    assert re.fullmatch(
        r'attachment; filename="osce-migration-commitments-\d{4}-\d{2}-\d{2}\.json"',
        response["Content-Disposition"],
    )
    data = json.loads(body)
    assert data["counts"]["documents"] == Document.objects.published().count()
    assert data["counts"]["provisions"] == Provision.objects.published().count()


def test_the_csv_download_is_a_zip_of_tables(client, api_data):
    response, body = _download(client, "/data/corpus-csv.zip")
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.csv.zip"')
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert "documents.csv" in archive.namelist()


def test_the_cached_export_is_reused_until_the_corpus_changes(api_data, _export_dir):
    first = latest_export(format="json")
    assert latest_export(format="json") == first

    fingerprint = corpus_fingerprint()
    api_data.border_preamble.dimensions.add(Dimension.objects.get(slug="human"))  # a tag alone
    assert corpus_fingerprint() != fingerprint
    tagged = latest_export(format="json")
    assert tagged != first
    assert not first.exists()  # the older export was removed

    ProvisionFactory(document=api_data.athens, label="2")
    assert latest_export(format="json") != tagged
    assert [p.name for p in _export_dir.iterdir()] == [latest_export(format="json").name]


def test_publishing_a_draft_puts_it_in_the_next_export(api_data):
    before = latest_export(format="json")
    assert "pc-dec-999" not in {d["slug"] for d in json.loads(before.read_text())["documents"]}
    api_data.draft.status = "published"
    api_data.draft.save()
    after = latest_export(format="json")
    assert after != before
    assert "pc-dec-999" in {d["slug"] for d in json.loads(after.read_text())["documents"]}


@pytest.mark.parametrize("model", [MigrationCategory, Dimension, FieldOfWork])
def test_renaming_a_category_dimension_or_field_of_work_puts_it_in_the_next_export(api_data, model):
    field_of_work = FieldOfWork.objects.create(slug="migration", name="Migration")
    api_data.athens.fields_of_work.add(field_of_work)
    row = model.objects.order_by("pk").first()
    before = latest_export(format="json")
    row.name = f"{row.name} (renamed)"
    row.save()  # no count moves and no history is written
    after = latest_export(format="json")
    assert after != before
    key = {MigrationCategory: "categories", Dimension: "dimensions", FieldOfWork: "fields_of_work"}[model]
    assert row.name in {r["name"] for r in json.loads(after.read_text())[key]}
