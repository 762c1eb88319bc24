"""Shared fixtures."""

import pytest


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password-1")
    client.force_login(user)
    return client
