"""Repeated failed sign-ins lock the account for a while (django-axes)."""
from django.urls import reverse

from .factories import PASSWORD


def test_five_failed_sign_ins_lock_out_even_the_right_password(client, member, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        client.post(reverse("login"), {"username": "member", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(reverse("login"), {"username": "member", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_correct_password_signs_in(client, member, settings):
    settings.AXES_ENABLED = True
    response = client.post(reverse("login"), {"username": "member", "password": PASSWORD}, REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 302
