"""gunicorn's settings for this site (``gunicorn -c gunicorn.conf.py osce_kb.wsgi``).

The worker timeout is ``WEB_TIMEOUT_SECONDS``, the same variable the site's system check
(curation.checks, E001) compares every request-bound limit with: a PDF read in the admin, a
source fetched by URL, an export's stream. A limit longer than the timeout would end in a
killed worker and a blank 500 instead of the limit's own message.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT_SECONDS", "180"))
graceful_timeout = 30
