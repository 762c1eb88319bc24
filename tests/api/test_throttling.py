import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_clients_get_a_clear_429_past_the_rate(client, settings, api_data):
    settings.API_THROTTLE_ANON_RATE = "3/minute"
    for _ in range(3):
        assert client.get("/api/dimensions/").status_code == 200
    response = client.get("/api/search/?q=migration")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    detail = response.json()["detail"]
    assert "Too many requests" in detail
    assert "3/minute" in detail
    assert "bulk data" in detail


def test_the_limit_is_per_address(client, settings, api_data):
    settings.API_THROTTLE_ANON_RATE = "1/minute"
    assert client.get("/api/dimensions/", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get("/api/dimensions/", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/dimensions/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_logged_in_users_are_not_throttled(admin_client_logged_in, settings, api_data):
    settings.API_THROTTLE_ANON_RATE = "1/minute"
    for _ in range(3):
        assert admin_client_logged_in.get("/api/dimensions/").status_code == 200


def test_the_api_takes_no_password(client, django_user_model, settings, api_data):
    settings.API_THROTTLE_ANON_RATE = "1/minute"
    django_user_model.objects.create_user("reader", password="a-long-password-1")
    credentials = {"HTTP_AUTHORIZATION": "Basic cmVhZGVyOmEtbG9uZy1wYXNzd29yZC0x"}  # reader:a-long-password-1
    assert client.get("/api/dimensions/", **credentials).status_code == 200
    assert client.get("/api/dimensions/", **credentials).status_code == 429
