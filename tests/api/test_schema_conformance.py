"""Schemathesis against /api/schema/: no server errors, and every answer conforms to the schema.

The schema is loaded from the application itself (no server, no network); each operation is
one test, run on the bundled corpus with a bounded number of generated requests.

Every check runs but one: "positive data acceptance" expects any schema-valid value to be
accepted, while a document slug that names no published document is well-formed yet refers
to nothing, and is answered with a documented 400 naming the parameter.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def _test_transaction_survives_requests():
    """The WSGI handler may close the database connection around each request, which would end
    the test's transaction; Django's own test client suspends that in the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_its_schema(
    case, corpus_index, settings, _test_transaction_survives_requests
):
    settings.API_THROTTLE_ANON_RATE = "1000000/minute"  # the answers are under test here, not the limit
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
