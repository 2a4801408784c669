"""The one permission check the views use."""
from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(user, perm: str, obj=None) -> None:
    """Let the request through only if `user` has `perm` on `obj`.

    A visitor who is not logged in gets a 404, so the public is not told that unpublished things
    exist; a logged-in user without the permission gets a 403.
    """
    if not user.has_perm(perm, obj):
        if not user.is_authenticated:
            raise Http404
        raise PermissionDenied
