"""The register of interests of a board."""
from django.db.models import Prefetch, Q
from django.utils import timezone

from boards.models import Membership, Person
from minutes.models import Interest


def register_of_interests(board) -> list[dict]:
    """The board's register of interests: each current member (co-opted members and substitutes
    included) with their entries, current ones first, then those that have ended."""
    today = timezone.localdate()
    memberships = list(
        Membership.objects.filter(board=board, role__in=Membership.MEMBER_ROLES)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person").order_by("position", "person__last_name", "person__first_name")
    )
    people = Person.objects.filter(pk__in=[m.person_id for m in memberships]).prefetch_related(
        Prefetch("interests", queryset=Interest.objects.order_by("ended_on", "-registered_on", "pk")))
    by_pk = {p.pk: p for p in people}
    seen, rows = set(), []
    for m in memberships:
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        person = by_pk[m.person_id]
        rows.append({"person": person, "role": m.get_role_display(), "interests": list(person.interests.all())})
    return rows
