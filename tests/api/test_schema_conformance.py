"""Schemathesis against /api/schema/: no server errors, and every answer conforms to the schema.

The schema is loaded from the application itself (no server, no network); each operation is
one test, run on the API test corpus with a bounded number of generated requests.

Every check runs but one: "positive data acceptance" expects any schema-valid value to be
accepted, while a document slug that names no published document is well-formed yet refers
to nothing, and is answered with a documented 400 naming the parameter.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@schema.parametrize()
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_to_its_schema(case, api_data, settings):
    settings.API_THROTTLE_ANON_RATE = "1000000/minute"  # the answers are under test here, not the limit
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
