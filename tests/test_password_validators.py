"""Django's four password validators are on; the demo log-ins still work."""
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


@pytest.mark.parametrize("password, why", [
    ("58203917465", "entirely numeric"),
    ("short1!", "too short"),
    ("password123", "too common"),
])
def test_weak_passwords_are_refused(db, password, why):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_password_like_the_username_is_refused(db):
    user = UserFactory(username="catherine.ziane", first_name="Catherine", last_name="Ziane-Pryor")
    with pytest.raises(ValidationError):
        validate_password("catherine.ziane1", user=user)


def test_a_good_passphrase_is_accepted(db):
    validate_password("heron-lantern-quarry-74")


def test_the_set_password_form_refuses_an_all_digit_password(client, db):
    from django.contrib.auth.forms import SetPasswordForm

    user = UserFactory(username="someone")
    form = SetPasswordForm(user, {"new_password1": "90817263544", "new_password2": "90817263544"})
    assert not form.is_valid()
    assert "entirely numeric" in str(form.errors)
