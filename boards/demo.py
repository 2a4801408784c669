"""Building blocks for the demo board (`manage.py load_demo`). Every function is idempotent."""
from django.contrib.auth import get_user_model

from boards.models import Board, Membership, Organisation, Person

DEMO_PASSWORD_SUFFIX = "-demo-2013"


def demo_password(username: str) -> str:
    return f"{username}{DEMO_PASSWORD_SUFFIX}"


def organisation(name: str, short_name: str = "") -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"short_name": short_name})
    return org


def person(last_name: str, first_name: str = "", honorific: str = "", org: str | None = None, **fields) -> Person:
    """Find or create a person by name; `org` is an organisation name."""
    defaults = dict(fields)
    if org:
        defaults["organisation"] = organisation(org)
    p, created = Person.objects.get_or_create(
        honorific=honorific, first_name=first_name, last_name=last_name, defaults=defaults
    )
    if not created and defaults:
        for k, v in defaults.items():
            setattr(p, k, v)
        p.save()
    return p


def login_for(p: Person, username: str, *, superuser: bool = False):
    """Give a person a demo log-in: password is '<username>-demo-2013'."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    user.first_name = " ".join(x for x in (p.honorific, p.first_name) if x) if p.honorific and not p.first_name else p.first_name
    user.last_name = p.last_name
    user.email = p.email or f"{username}@example.org"
    user.is_staff = user.is_superuser = superuser
    user.set_password(demo_password(username))
    user.save()
    if p.user_id != user.pk:
        Person.objects.filter(user=user).exclude(pk=p.pk).update(user=None)
        p.user = user
        p.save()
    return user


def membership(board: Board, p: Person, role: str, position: int = 0, **fields) -> Membership:
    m, _ = Membership.objects.update_or_create(
        board=board, person=p, role=role, defaults={"position": position, **fields}
    )
    return m
