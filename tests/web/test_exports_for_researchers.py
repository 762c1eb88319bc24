"""Exports as researchers open them: CSV that Excel reads in UTF-8, the dataset version in every
row, and a search's hits as a file of references with a citation of the list itself."""

import csv
import io
import json

import bibtexparser
import rispy
from django.urls import reverse

from operations.dataset import dataset_version
from tests.factories import DocumentFactory, ProvisionFactory


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_csv_for_excel_starts_with_a_byte_order_mark_and_the_plain_one_does_not(client, db):
    document = DocumentFactory(title="Study by Boštjančič Pulko", symbol="SEC.GAL/6/16")
    ProvisionFactory(document=document, text="Boštjančič")
    excel = _body(client.get(reverse("provisions-export", args=["excel.csv"])))
    plain = _body(client.get(reverse("provisions-export", args=["csv"])))
    assert excel.startswith(b"\xef\xbb\xbfid,url,citation,")
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert excel[3:] == plain
    assert "Boštjančič" in excel.decode("utf-8-sig")
    response = client.get(reverse("documents-export", args=["excel.csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="osce-documents.excel.csv"'
    assert _body(response).startswith(b"\xef\xbb\xbf")


def test_every_exported_row_names_the_dataset_version_in_the_last_column(client, corpus):
    version = str(dataset_version())
    rows = list(
        csv.DictReader(io.StringIO(_body(client.get("/export/provisions.csv?document=mc-doc-2-05")).decode()))
    )
    assert rows and {row["dataset_version"] for row in rows} == {version}
    assert list(rows[0])[-1] == "dataset_version"
    documents = json.loads(_body(client.get("/export/documents.json")))
    assert {d["dataset_version"] for d in documents} == {version}


def test_a_search_s_hits_download_as_references_and_the_list_is_cited(client, corpus_index):
    html = client.get("/search/", {"q": "trafficking", "category": "illegal"}).content.decode()
    version = str(dataset_version())
    assert "Cite this list of results" in html
    assert "OSCE Migration Commitments Knowledge Base, search “trafficking”; Illegal migration: " in html
    assert f"/search/?q=trafficking&amp;category=illegal, dataset version {version} (accessed" in html
    total = int(html.split('<h2 id="results-title">')[1].split(" provision")[0])

    bib = client.get(
        reverse("provisions-citations", args=["bib"]), {"q": "trafficking", "category": "illegal"}
    )
    entries = bibtexparser.parse_string(bib.content.decode()).entries
    assert len(entries) == total
    assert all(entry.fields_dict["version"].value == version for entry in entries)
    ris = client.get(
        reverse("provisions-citations", args=["ris"]), {"q": "trafficking", "category": "illegal"}
    )
    assert len(rispy.loads(ris.content.decode())) == total
    items = json.loads(
        client.get(reverse("provisions-citations", args=["csl.json"]), {"q": "trafficking"}).content
    )
    assert all(item["URL"].startswith("http://testserver/provisions/") for item in items)


def test_a_reference_list_of_a_bad_search_is_refused_with_the_reason(client, db):
    response = client.get(reverse("provisions-citations", args=["bib"]), {"year_from": "abc"})
    assert response.status_code == 400
    assert client.get("/cite/provisions.docx").status_code == 404
