"""Invitations to sign in: a set-password link made with Django's token machinery.

The token is a `PasswordResetTokenGenerator` token with its own salt, so a password-reset link
and an invitation link are never interchangeable. Its hash covers the password (setting one voids
the link: a reused link is refused), the log-in's active flag (deactivating voids it) and the time
of the last invitation (a newer invitation voids older links). It expires after
`PASSWORD_RESET_TIMEOUT` seconds (three days unless set).
"""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "quorum.boards.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        person = getattr(user, "person", None)
        invited = person.invited_at.replace(microsecond=0, tzinfo=None) if person and person.invited_at else ""
        return f"{user.pk}{user.password}{user.is_active}{invited}{timestamp}"

    def status(self, user, token) -> str:
        """"valid", "expired" (it was ours, but too old) or "used" (voided: password set, newer
        invitation, deactivated, or never ours)."""
        if user is None or not token:
            return "used"
        if self.check_token(user, token):
            return "valid"
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return "used"
        if constant_time_compare(self._make_token_with_timestamp(user, ts, self.secret), token):
            return "expired"  # the hash still matches: only its age refuses it
        return "used"


invitation_token = InvitationTokenGenerator()


def invitation_path(user) -> str:
    from django.urls import reverse

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("invitation_accept", args=[uid, invitation_token.make_token(user)])


def user_from_uid(uidb64: str):
    User = get_user_model()
    try:
        return User.objects.select_related("person").get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


def valid_for_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
