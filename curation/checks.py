"""System check: every limit a request can reach ends before the web server's timeout kills
the worker (``WEB_TIMEOUT_SECONDS``, which gunicorn.conf.py gives gunicorn), so a curator or
a researcher reads the limit's message instead of a blank 500."""

from django.conf import settings
from django.core import checks

# Time a request needs around its longest step: the upload, the save, the page.
MARGIN_SECONDS = 10


def request_limits() -> dict[str, int]:
    """The longest each kind of request may take, by what bounds it."""
    return {
        "an admin import by URL (IMPORT_URL_TIMEOUT_SECONDS + IMPORT_PDF_TIMEOUT_SECONDS)": (
            settings.IMPORT_URL_TIMEOUT_SECONDS + settings.IMPORT_PDF_TIMEOUT_SECONDS
        ),
        "an admin import of a text by URL (IMPORT_URL_TIMEOUT_SECONDS + IMPORT_TEXT_TIMEOUT_SECONDS)": (
            settings.IMPORT_URL_TIMEOUT_SECONDS + settings.IMPORT_TEXT_TIMEOUT_SECONDS
        ),
        "an export (EXPORT_TIME_LIMIT_SECONDS)": settings.EXPORT_TIME_LIMIT_SECONDS,
    }


@checks.register(checks.Tags.compatibility)
def check_limits_fit_the_web_timeout(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    timeout = settings.WEB_TIMEOUT_SECONDS
    return [
        checks.Error(
            f"{what} may take {seconds} s, which with {MARGIN_SECONDS} s for the rest of the request "
            f"does not fit inside the web server's timeout of {timeout} s (WEB_TIMEOUT_SECONDS).",
            hint="Lower the limit or raise WEB_TIMEOUT_SECONDS (gunicorn.conf.py reads it too).",
            id="curation.E001",
        )
        for what, seconds in request_limits().items()
        if seconds + MARGIN_SECONDS > timeout
    ]
