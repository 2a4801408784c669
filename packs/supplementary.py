"""Which papers a supplementary pack carries: those marked "To follow" in the published members'
pack that have since arrived."""
from meetings.models import Meeting

from .models import Pack
from .render import build_plan


def to_follow_items(meeting: Meeting) -> set[str]:
    """Items marked "To follow" in the published members' pack."""
    main = Pack.objects.filter(meeting=meeting, variant=Pack.Variant.MEMBERS, kind=Pack.Kind.MAIN).select_related(
        "current_version").first()
    if main is None or main.current_version is None:
        return set()
    return {i["key"] for i in main.current_version.sources.get("items", []) if i.get("paper_status") == "to_follow"}


def supplementary_available(meeting: Meeting) -> bool:
    """Whether to offer "Publish supplementary pack": a "To follow" paper has arrived since the
    main pack was published, and no supplementary pack of exactly these papers is built or being built."""
    keys = to_follow_items(meeting)
    if not keys:
        return False
    plan = build_plan(meeting.pk, Pack.Variant.MEMBERS, Pack.Kind.SUPPLEMENTARY, to_follow_keys=keys)
    if not plan.items:
        return False
    supplementary = Pack.objects.filter(meeting=meeting, variant=Pack.Variant.MEMBERS,
                                        kind=Pack.Kind.SUPPLEMENTARY).select_related("current_version").first()
    if supplementary is not None:
        if supplementary.busy:
            return False
        version = supplementary.current_version
        if version is not None and version.sources_digest == plan.digest():
            return False
    return True
