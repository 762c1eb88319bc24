import threading

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("curator", password="right-password-42", is_staff=True)


def _login(client, password, username="curator"):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def test_admin_login_locks_out_after_repeated_failures(client, staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert _login(client, "wrong").status_code == 200  # the form again, with its error
    locked = _login(client, "right-password-42")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.LOGIN_FAILURE_WINDOW_SECONDS
    assert b"Too many login attempts" in locked.content
    assert "_auth_user_id" not in client.session


def test_failures_for_other_names_do_not_lock_the_right_user_out_of_their_address(client, staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for name in ("admin", "root", "carla", "editor", "staff"):
        for _ in range(3):
            client.post("/admin/login/", {"username": name, "password": "x"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(
        "/admin/login/", {"username": "curator", "password": "right-password-42"}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


def test_failures_for_a_user_elsewhere_do_not_lock_that_user_out_here(client, staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(5):
        client.post("/admin/login/", {"username": "curator", "password": "x"}, REMOTE_ADDR="10.0.0.2")
    locked = client.post(
        "/admin/login/", {"username": "CURATOR", "password": "right-password-42"}, REMOTE_ADDR="10.0.0.2"
    )
    assert locked.status_code == 429  # the guesser's address is locked for this name
    response = client.post(
        "/admin/login/", {"username": "curator", "password": "right-password-42"}, REMOTE_ADDR="10.0.0.3"
    )
    assert response.status_code == 302


def test_one_address_spraying_many_names_is_locked_out(client, staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_ADDRESS_LIMIT = 6
    answers = [
        client.post(
            "/admin/login/", {"username": f"user{n}", "password": "x"}, REMOTE_ADDR="10.0.0.4"
        ).status_code
        for n in range(8)
    ]
    assert answers == [200] * 6 + [429] * 2


@pytest.mark.django_db(transaction=True)
def test_parallel_attempts_check_no_more_passwords_than_the_limit(staff, settings):
    from django.test import Client

    settings.LOGIN_FAILURE_LIMIT = 5
    threads = 16
    barrier = threading.Barrier(threads)
    answers = []

    def attempt():
        client = Client()
        barrier.wait()
        answers.append(client.post("/admin/login/", {"username": "curator", "password": "wrong"}).status_code)

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(answers) == [200] * 5 + [429] * 11  # 200: the password was checked


def test_a_successful_login_clears_the_count(client, staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    _login(client, "wrong")
    _login(client, "wrong")
    assert _login(client, "right-password-42").status_code == 302
    client.logout()
    _login(client, "wrong")
    _login(client, "wrong")
    assert _login(client, "right-password-42").status_code == 302


def test_non_staff_users_cannot_enter_the_admin(client, django_user_model):
    django_user_model.objects.create_user("reader", password="right-password-42")
    response = _login(client, "right-password-42", username="reader")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_admin_forms_enforce_csrf(django_user_model):
    from django.test import Client

    django_user_model.objects.create_user("curator", password="right-password-42", is_staff=True)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "curator", "password": "right-password-42"})
    assert response.status_code == 403
