"""Curators and reviewers, as the roles created by the data migration make them."""

import pytest
from django.contrib.auth.models import Group


def _staff_in(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def curator(django_user_model):
    return _staff_in(django_user_model, "carla", "Curator")


@pytest.fixture
def reviewer(django_user_model):
    return _staff_in(django_user_model, "rui", "Reviewer")


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def run_action(client, url: str, action: str, objects, **extra):
    """Post a changelist action on ``objects`` as the admin's action form does."""
    data = {"action": action, "_selected_action": [obj.pk for obj in objects], "index": "0", **extra}
    return client.post(url, data)
