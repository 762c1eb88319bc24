"""Exports are rationed per address and in all, and a stream that cannot finish says so in
the file itself: never a file that parses and is silently short."""

import csv
import io
import json

import pytest

from tests.web.sample import more_documents

EXPORT = "/export/provisions.csv"


@pytest.fixture(autouse=True)
def own_slots(settings, tmp_path):
    settings.EXPORT_SLOT_DIR = tmp_path / "export-slots"


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_one_export_at_a_time_per_address(client, kb, settings):
    settings.EXPORT_MAX_CONCURRENT = 4
    first = client.get(EXPORT, REMOTE_ADDR="192.0.2.1")
    assert first.status_code == 200
    second = client.get(EXPORT, REMOTE_ADDR="192.0.2.1")
    assert second.status_code == 429
    assert int(second["Retry-After"]) > 0
    assert "An export from your address is already running" in second.content.decode()
    assert client.get("/export/documents.csv", REMOTE_ADDR="192.0.2.2").status_code == 200
    _body(first)  # the export ends
    assert client.get(EXPORT, REMOTE_ADDR="192.0.2.1").status_code == 200


def test_a_bounded_number_of_exports_at_once(client, kb, settings):
    settings.EXPORT_MAX_CONCURRENT = 2
    running = [client.get(EXPORT, REMOTE_ADDR=f"192.0.2.{n}") for n in (1, 2)]
    assert [r.status_code for r in running] == [200, 200]
    refused = client.get(EXPORT, REMOTE_ADDR="192.0.2.3")
    assert refused.status_code == 429
    assert "exports are running" in refused.content.decode()
    for response in running:
        _body(response)
    assert client.get(EXPORT, REMOTE_ADDR="192.0.2.3").status_code == 200


def test_a_stream_past_its_time_limit_ends_with_an_error_row(client, kb, settings):
    more_documents(n=2, provisions=10)
    settings.EXPORT_TIME_LIMIT_SECONDS = 0
    body = _body(client.get(EXPORT))
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[-1][0].startswith("ERROR: this export is incomplete")
    assert "stopped after 0 rows" in rows[-1][0]


def test_a_json_stream_past_its_time_limit_is_not_valid_json(client, kb, settings):
    settings.EXPORT_TIME_LIMIT_SECONDS = 0
    body = _body(client.get("/export/provisions.json"))
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)
    assert body.rstrip().endswith(
        '{"error": "ERROR: this export is incomplete: it stopped after 0 rows, at its '
        "time limit of 0 s; narrow it with words or filters, or use the bulk data "
        'at /data/"}'
    )


def test_an_export_within_its_limits_is_whole(client, kb, settings):
    rows = list(csv.DictReader(io.StringIO(_body(client.get(EXPORT)))))
    assert rows and not any(row["id"].startswith("ERROR") for row in rows)
