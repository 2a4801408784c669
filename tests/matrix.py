"""Shared pieces of the permission matrix: the roles, the cast, how a cell is judged.

Each matrix module (`test_permission_matrix*.py`) has a `CASES` list of rows

    (case name, URL name, method, URL args builder, roles allowed, POST data)

The URL is always `reverse(URL name, args=builder(world))`, so the URL name a row claims is the
one it requests; `test_every_url_is_in_the_matrix` reads those names from every module.

"Allowed" means the page answers 200, or, for a POST, that it answers 200 or redirects somewhere
other than the sign-in page AND the database changed (rows inserted, updated or deleted in this
transaction, read from PostgreSQL's pg_stat_xact_user_tables, sessions left out): a POST that is
quietly refused with a message and a redirect is not "allowed"; "denied" means 403, 404 (the public is not told that unpublished things exist)
or a redirect to the sign-in page. Anything else (400, 409, 500…) is an unexpected cell.
"""
import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from boards.models import Membership

from tests.factories import BoardFactory, PriorityFactory, UserFactory, user_with_role

# The admin is a superuser: Django grants superusers every permission (the back door is deliberate).
ROLES = ["anonymous", "public", "member", "other_member", "author", "other_officer", "clerk", "other_clerk", "admin"]
ON_BOARD = frozenset({"member", "author", "other_officer", "clerk", "admin"})
STAFF = frozenset({"clerk", "admin"})
LOGGED_IN = frozenset(ROLES) - {"anonymous"}
EVERYONE = frozenset(ROLES)
READERS_OF_EXEMPT = frozenset({"member", "author", "clerk", "admin"})
OTHER_BOARD = frozenset({"other_member", "other_clerk", "admin"})
ADMIN = frozenset({"admin"})
CLERKS = frozenset({"clerk", "other_clerk", "admin"})  # a clerk of any board


def make_cast(board, other_board):
    """One log-in per role. "author" is the officer who owns the report / leads the action /
    owns the resolution; "other_officer" is another officer of the same board."""
    return {
        "public": UserFactory(username="public"),
        "member": user_with_role(board, Membership.Role.MEMBER, "member"),
        "other_member": user_with_role(other_board, Membership.Role.MEMBER, "other_member"),
        "author": user_with_role(board, Membership.Role.OFFICER, "author"),
        "other_officer": user_with_role(board, Membership.Role.OFFICER, "other_officer"),
        "clerk": user_with_role(board, Membership.Role.CLERK, "clerk"),
        "other_clerk": user_with_role(other_board, Membership.Role.CLERK, "other_clerk"),
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
    }


def make_boards():
    """The two boards of conftest's `board` and `other_board` fixtures."""
    board = BoardFactory(name="Corporate Parenting Board", slug="corporate-parenting-board")
    for i, name in enumerate(["World Class Nottingham", "Safer Nottingham", "Family Nottingham"]):
        PriorityFactory(board=board, name=name, position=i)
    other_board = BoardFactory(name="Health and Wellbeing Board", slug="health-and-wellbeing-board")
    return board, other_board


def world_fixture(build, *, around=None):
    """A `world` fixture for a matrix module, built ONCE per module.

    `build(board, other_board)` runs inside a transaction that is rolled back when the module is
    done; every cell then runs in its own savepoint (pytest-django's `db`), so a POST that changes
    something is undone before the next cell. `around`, if given, is a context manager kept open
    for the whole module (e.g. frozen time)."""

    @pytest.fixture(scope="module", name="shared_matrix_world")
    def shared(django_db_setup, django_db_blocker, tmp_path_factory):
        overrides = override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=str(tmp_path_factory.mktemp("matrix-media")),
            AXES_ENABLED=False,
        )
        overrides.enable()
        context = around() if around else None
        if context is not None:
            context.__enter__()
        atomic = transaction.atomic()
        try:
            with django_db_blocker.unblock():
                atomic.__enter__()
                world = build(*make_boards())
            yield world
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
            if context is not None:
                context.__exit__(None, None, None)
            overrides.disable()

    @pytest.fixture(name="world")
    def world(shared_matrix_world, db):
        return shared_matrix_world

    return shared, world


def case_ids(cases):
    return [c[0] for c in cases]


def url_names(cases):
    return {c[1] for c in cases}


_IGNORED_TABLES = ("django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog")


def rows_written() -> int:
    """Rows inserted, updated or deleted so far in the current transaction, sessions left out."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
                       " WHERE relname <> ALL(%s)", [list(_IGNORED_TABLES)])
        return int(cursor.fetchone()[0])


def _outcome(response, url, changed=True):
    if response.status_code == 200:
        return "allowed" if changed else "unchanged (200 without a change)"
    if response.status_code in (403, 404, 410):  # 410: a withdrawn pack version, not served
        return "denied"
    if response.status_code == 302:
        location = response["Location"]
        if "/accounts/login/" in location:
            return "denied"
        return "allowed" if changed else "unchanged (redirect without a change)"
    return f"unexpected {response.status_code}"


def check_cell(client, world, case, role):
    name, url_name, method, build_args, allowed_roles, data = case
    if role != "anonymous":
        client.force_login(world.users[role])
    url = reverse(url_name, args=build_args(world))
    changed = True
    if method == "get":
        response = client.get(url)
    else:
        payload = data(world) if callable(data) else data
        before = rows_written()
        response = client.post(url, payload or {})
        changed = rows_written() > before
    expected = "allowed" if role in allowed_roles else "denied"
    outcome = _outcome(response, url, changed)
    assert outcome == expected, f"{role} on {name} ({url}): got {response.status_code}, {outcome}"


def matrix(cases):
    """Decorator: parametrise a test over every role × every row of `cases`."""
    def wrap(fn):
        fn = pytest.mark.parametrize("case", cases, ids=case_ids(cases))(fn)
        return pytest.mark.parametrize("role", ROLES)(fn)
    return wrap
