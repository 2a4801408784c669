"""Repeated failed sign-ins lock the account for a while (django-axes)."""
from django.urls import reverse

from tests.factories import PASSWORD


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


# A success clears only its own account's failures; locks are per account and per
# account-and-address, never per address alone.

def _sign_in(client, username, password, ip):
    client.logout()
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_signing_in_to_ones_own_account_does_not_clear_failures_against_another(client, member, officer, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    attacker = "10.0.0.66"
    for _ in range(2):  # two rounds of four guesses, each followed by a good sign-in as the attacker
        for _ in range(4):
            _sign_in(client, "member", "guess", attacker)
        assert _sign_in(client, "officer", PASSWORD, attacker).status_code == 302
    # Eight failures against `member`: the account is locked, even with the right password.
    response = _sign_in(client, "member", PASSWORD, attacker)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_an_account_is_locked_whatever_address_the_guesses_come_from(client, member, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        _sign_in(client, "member", "guess", f"10.0.1.{n}")
    assert _sign_in(client, "member", PASSWORD, "10.0.1.99").status_code == 429


def test_failures_against_one_account_do_not_lock_others_at_the_same_address(client, member, officer, settings):
    """A council office shares one address: one person's typos must not lock out the building."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    office = "10.0.2.1"
    for _ in range(5):
        _sign_in(client, "member", "guess", office)
    assert _sign_in(client, "member", PASSWORD, office).status_code == 429
    assert _sign_in(client, "officer", PASSWORD, office).status_code == 302


def test_the_recovery_command_in_the_readme_unlocks_the_account(client, member, settings):
    from django.core.management import call_command

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        _sign_in(client, "member", "guess", "10.0.3.1")
    assert _sign_in(client, "member", PASSWORD, "10.0.3.1").status_code == 429
    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "manage.py axes_reset_username member" in readme
    call_command("axes_reset_username", "member")
    assert _sign_in(client, "member", PASSWORD, "10.0.3.1").status_code == 302
