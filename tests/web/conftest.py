"""Fixtures of the page tests: the sample corpus, and the number of queries a page costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.web.sample import build_sample


@pytest.fixture
def kb(db):
    return build_sample()


@pytest.fixture
def queries():
    """``queries(client, url)`` -> (response, number of queries), streamed bodies read in full."""

    def run(client, url):
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
            if response.streaming:
                response.body = b"".join(response.streaming_content)
            else:
                response.body = response.content
        return response, len(context.captured_queries)

    return run
