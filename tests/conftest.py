"""The standard cast: a clerk, a member, an officer, a member of another board, the public.

Every access rule is tested against the whole cast.
"""
import pytest

from boards.models import Membership

from tests.factories import BoardFactory, PriorityFactory, UserFactory, user_with_role
from tests.worker import celery_worker


@pytest.fixture
def board(db):
    b = BoardFactory(name="Corporate Parenting Board", slug="corporate-parenting-board")
    for i, name in enumerate(["World Class Nottingham", "Safer Nottingham", "Family Nottingham"]):
        PriorityFactory(board=b, name=name, position=i)
    return b


@pytest.fixture
def other_board(db):
    return BoardFactory(name="Health and Wellbeing Board", slug="health-and-wellbeing-board")


@pytest.fixture
def clerk(board):
    user = user_with_role(board, Membership.Role.CLERK, "clerk")
    board.clerk = user.person
    board.save()
    return user


@pytest.fixture
def member(board):
    return user_with_role(board, Membership.Role.MEMBER, "member")


@pytest.fixture
def chair(board):
    return user_with_role(board, Membership.Role.CHAIR, "chair")


@pytest.fixture
def officer(board):
    return user_with_role(board, Membership.Role.OFFICER, "officer")


@pytest.fixture
def other_officer(board):
    return user_with_role(board, Membership.Role.OFFICER, "other_officer")


@pytest.fixture
def other_member(other_board):
    return user_with_role(other_board, Membership.Role.MEMBER, "other_member")


@pytest.fixture
def other_clerk(other_board):
    return user_with_role(other_board, Membership.Role.CLERK, "other_clerk")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def public_user(db):
    """Logged in, but with no role on any board."""
    return UserFactory(username="public")


@pytest.fixture(autouse=True)
def _fast_passwords_and_no_lockouts(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _empty_public_cache():
    """Each test's database starts again at public edition 0: cached public pages must not carry over."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A real Celery worker on a queue of its own (tests/worker.py); mark the test `worker`."""
    with celery_worker(tmp_path) as running:
        yield running


@pytest.fixture
def live_worker(live_server, tmp_path):
    """A real Celery worker sharing the live server's test database; mark the test `worker`."""
    with celery_worker(tmp_path, prefix="live") as running:
        yield running
