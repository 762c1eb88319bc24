"""A PDF worker never outlives the process that started it (a web worker killed by its
server's timeout, say): it would keep a core busy on a hostile file indefinitely."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importing.parsers.pdf import WORKER
from tests.importers.pdf_samples import osce_pdf

PARENT = textwrap.dedent(
    """
    import subprocess, sys, time
    # A child waiting for its PDF on a pipe the test keeps open, as a worker stuck in a loop.
    pipe = int(sys.argv[2])
    child = subprocess.Popen([sys.executable, sys.argv[1], "10", "256", "60"], stdin=pipe, pass_fds=(pipe,))
    print(child.pid, flush=True)
    time.sleep(600)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie waiting for its reaper is dead
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_the_worker_dies_with_a_killed_parent():
    reading, writing = os.pipe()
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(WORKER), str(reading)],
        stdout=subprocess.PIPE,
        text=True,
        pass_fds=(reading,),
    )
    os.close(reading)
    child = int(parent.stdout.readline())
    time.sleep(0.5)  # the child has started and set up its own limits
    assert _alive(child)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = _alive(child)
    os.close(writing)
    if alive:
        os.kill(child, signal.SIGKILL)
    assert not alive, "the PDF worker outlived its parent"


@pytest.mark.django_db
def test_an_admin_import_reads_its_pdf_once(client, django_user_model, settings, tmp_path, monkeypatch):
    from importing.parsers import pdf

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"
    reads = []
    real = pdf.extract_pages
    monkeypatch.setattr(pdf, "extract_pages", lambda data: reads.append(len(data)) or real(data))
    curator = django_user_model.objects.create_superuser("curator", "c@example.org", "a-long-password-1")
    client.force_login(curator)
    upload = SimpleUploadedFile("decision.pdf", osce_pdf(), content_type="application/pdf")
    staged = client.post(reverse("admin:documents_document_import"), {"source": upload})
    assert staged.status_code == 302
    assert client.get(staged["Location"]).status_code == 200  # the preview
    confirmed = client.post(staged["Location"], {"new_documents": "draft"})
    assert confirmed.status_code == 302
    assert len(reads) == 1
