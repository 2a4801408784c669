"""The agenda carries the standard "Exclusion of the public" item just before its first exempt item,
created and kept in place by the agenda services as the other standard items are."""
import datetime

from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem


def _agenda(meeting):
    return [(i.position, i.title) for i in meeting.items.order_by("position")]


def _edit(client, item, **changes):
    data = {"title": item.title, "description": item.description, "presenter": item.presenter,
            "paper_status": item.paper_status, "version": item.version, **changes}
    return client.post(reverse("meetings:item_edit", args=[item.pk]), data)


def test_exclusion_of_the_public_comes_before_the_first_exempt_item_and_follows_it(client, clerk, board):
    meeting = services.meeting_create(board=board, date=datetime.date(2030, 11, 18), start_time=datetime.time(14),
                                      venue="", user=clerk)
    for title in ("RISE update", "Placement contract award", "Foster carer fees"):
        services.agenda_item_create(meeting=meeting, user=clerk, title=title)
    client.force_login(clerk)
    contract = meeting.items.get(title="Placement contract award")
    response = _edit(client, contract, is_exempt="on", exempt_paragraph="3", exempt_reason="Provider prices.")
    assert response.status_code == 302, response.content.decode()[:1500]
    assert _agenda(meeting) == [
        (1, "Apologies for absence"), (2, "Declarations of interests"), (3, "Minutes"), (4, "RISE update"),
        (5, "Exclusion of the public"), (6, "Placement contract award"), (7, "Foster carer fees")]
    exclusion = meeting.items.get(kind=AgendaItem.Kind.EXCLUSION)
    assert "section 100A(4) of the Local Government Act 1972" in exclusion.description
    assert not exclusion.is_exempt

    fees = meeting.items.get(title="Foster carer fees")
    _edit(client, fees, is_exempt="on", exempt_paragraph="3", exempt_reason="Negotiations.")
    assert meeting.items.filter(kind=AgendaItem.Kind.EXCLUSION).count() == 1
    services.agenda_item_move(item=meeting.items.get(title="Foster carer fees"), direction="up", user=clerk)
    assert [t for _, t in _agenda(meeting)][4:] == ["Exclusion of the public", "Foster carer fees",
                                                    "Placement contract award"]

    for title in ("Placement contract award", "Foster carer fees"):
        _edit(client, meeting.items.get(title=title))  # no longer exempt
    assert _agenda(meeting) == [
        (1, "Apologies for absence"), (2, "Declarations of interests"), (3, "Minutes"), (4, "RISE update"),
        (5, "Foster carer fees"), (6, "Placement contract award")]

    _edit(client, meeting.items.get(title="RISE update"), is_exempt="on", exempt_paragraph="1",
          exempt_reason="About a young person.")
    front = client.get(reverse("meetings:frontsheet", args=[meeting.pk])).content.decode()
    assert front.index("EXCLUSION OF THE PUBLIC") < front.index("RISE UPDATE")
