from tests.api.conftest import _fresh_throttle_counts, api_data  # noqa: F401
