"""An import killed with SIGKILL part-way leaves nothing behind; running it again completes."""

import signal
import subprocess
import sys
import time

import pytest

from tests.reliability.conftest import ROOT, manage

pytestmark = pytest.mark.reliability

PARAGRAPHS = 3000
SYMBOL = "MC.DOC/99/99"


def _large_source(path):
    """A plain-text decision long enough that its import takes seconds."""
    seed = (ROOT / "fixtures" / "corpus").glob("004_*.txt")
    body = next(seed).read_text(encoding="utf-8").split("Chapter II")[0]
    words = " ".join(body.split())[:600]
    lines = ["SYNTHETIC DECISION ON MIGRATION FOR THE RELIABILITY SUITE", ""]
    for n in range(1, PARAGRAPHS + 1):
        lines += [f"{n}. The participating States will {words}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _rows_for_symbol(env) -> tuple[int, int]:
    code = (
        "from documents.models import Document;"
        "from commitments.models import Provision;"
        f"print(Document.objects.filter(symbol='{SYMBOL}').count(),"
        f" Provision.objects.filter(document__symbol='{SYMBOL}').count())"
    )
    result = manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    documents, provisions = result.stdout.split()
    return int(documents), int(provisions)


def test_killed_imports_leave_no_partial_document(site_env, tmp_path):
    source = _large_source(tmp_path / "large-decision.txt")
    command = [
        sys.executable,
        "manage.py",
        "import_source",
        str(source),
        "--format",
        "text",
        "--symbol",
        SYMBOL,
    ]
    for delay in (0.5, 1.5, 3.0):
        process = subprocess.Popen(
            command, cwd=ROOT, env=site_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        documents, provisions = _rows_for_symbol(site_env)
        # Whether the kill landed mid-transaction or after the commit, never a partial document.
        assert (documents, provisions) in {(0, 0), (1, PARAGRAPHS)}, (
            f"killed after {delay}s: {documents} documents, {provisions} provisions"
        )
        print(f"killed after {delay}s: rc={process.returncode}, rows left: {documents}, {provisions}")

    result = manage(site_env, "import_source", str(source), "--format", "text", "--symbol", SYMBOL)
    assert result.returncode == 0, result.stderr
    assert _rows_for_symbol(site_env) == (1, PARAGRAPHS)
