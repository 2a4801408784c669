"""Whether a pack is out of date: its current version compared with the sources it would be built
from now, and what changed, in the clerk's words."""
from .models import Pack
from .render import build_plan
from .supplementary import to_follow_items


def sources_diff(old: dict, new: dict) -> list[str]:
    """What changed between two packs' sources, in the clerk's words."""
    changes = []
    old_items = {i["key"]: i for i in old.get("items", [])}
    new_items = {i["key"]: i for i in new.get("items", [])}
    for key, item in new_items.items():
        before = old_items.get(key)
        if before is None:
            changes.append(f"Item {item['number']} “{item['title']}” added")
            continue
        if before["number"] != item["number"]:
            changes.append(f"Item “{item['title']}” moved from {before['number']} to {item['number']}")
        if before["title"] != item["title"]:
            changes.append(f"Item {item['number']} renamed “{item['title']}”")
        if before["exempt"] != item["exempt"]:
            changes.append(f"Item {item['number']} “{item['title']}” "
                           + ("made exempt" if item["exempt"] else "no longer exempt"))
        elif item["exempt"] and before.get("paragraph") != item.get("paragraph"):
            changes.append(f"Item {item['number']} “{item['title']}”: exempt paragraph changed")
        if before.get("paper_status") != item.get("paper_status"):
            changes.append(f"Item {item['number']} “{item['title']}”: paper status changed")
    for key, item in old_items.items():
        if key not in new_items:
            changes.append(f"Item “{item['title']}” removed")
    old_papers = {p["key"]: p for p in old.get("papers", [])}
    new_papers = {p["key"]: p for p in new.get("papers", [])}
    numbers = {k: i["number"] for k, i in new_items.items()}
    for key, paper in new_papers.items():
        before = old_papers.get(key)
        where = f" (item {numbers.get(paper['item'], '?')})"
        if before is None:
            changes.append(f"{_paper_noun(key)} “{paper['title']}” added{where}")
        elif before["hash"] != paper["hash"]:
            changes.append(f"{_paper_noun(key)} “{paper['title']}” edited{where}")
    for key, paper in old_papers.items():
        if key not in new_papers:
            changes.append(f"{_paper_noun(key)} “{paper['title']}” removed")
    if old.get("cover") != new.get("cover") and not changes:
        changes.append("Agenda front sheet changed (meeting details or an item's wording)")
    return changes


def _paper_noun(key: str) -> str:
    return {"report": "Report", "attachment": "Appendix", "minutes": "Minutes", "resolutions": "Paper",
            "exempt": "Exempt placeholder"}.get(key.split(":")[0], "Paper")


def pack_staleness(pack: Pack) -> list[str]:
    """Why the pack's current version no longer matches its sources ([] when it does)."""
    version = pack.current_version
    if version is None:
        return []
    to_follow = to_follow_items(pack.meeting) if pack.kind == Pack.Kind.SUPPLEMENTARY else None
    plan = build_plan(pack.meeting_id, pack.variant, pack.kind, to_follow_keys=to_follow)
    if plan.digest() == version.sources_digest:
        return []
    return sources_diff(version.sources, plan.sources()) or ["The papers changed since this pack was built"]
