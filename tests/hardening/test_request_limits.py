"""Every limit a request can reach fits inside the web server's timeout, or the site does not
start: a PDF limit of 120 s under gunicorn's 30 s ended in blank 500s."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from curation.checks import check_limits_fit_the_web_timeout

ROOT = Path(__file__).resolve().parents[2]


def test_the_defaults_fit(settings):
    assert check_limits_fit_the_web_timeout() == []


def test_a_pdf_limit_past_the_web_timeout_is_refused(settings):
    settings.WEB_TIMEOUT_SECONDS = 30
    settings.IMPORT_PDF_TIMEOUT_SECONDS = 120
    (error, *others) = check_limits_fit_the_web_timeout()
    assert error.id == "curation.E001"
    assert (
        "an admin import by URL (IMPORT_URL_TIMEOUT_SECONDS + IMPORT_PDF_TIMEOUT_SECONDS) may take 150 s"
        in (error.msg)
    )
    assert "timeout of 30 s (WEB_TIMEOUT_SECONDS)" in error.msg
    with pytest.raises(SystemCheckError):
        call_command("check")


def test_an_export_limit_past_the_web_timeout_is_refused(settings):
    settings.EXPORT_TIME_LIMIT_SECONDS = settings.WEB_TIMEOUT_SECONDS
    assert [e.id for e in check_limits_fit_the_web_timeout()] == ["curation.E001"]


def test_gunicorn_reads_the_same_timeout(monkeypatch):
    monkeypatch.setenv("WEB_TIMEOUT_SECONDS", "77")
    config: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)  # noqa: S102 - the project's own file
    assert config["timeout"] == 77
