"""The leak suite's world, searched: no marker of an exempt report or appendix (PDF, Word, Excel),
an exempt item, draft minutes, an unpublished meeting or an item made exempt later is found by
the public, in results or snippets; the board's members do find the exempt papers and appendices,
a member of another board does not."""
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from meetings.models import Attachment
from packs.models import PackVersion
from search.selectors import Filters, search
from search.services import document_text_extract

from tests.test_leaks_public_outputs import MARKERS, PUBLIC_CONTROL, SUPPLEMENTARY_CONTROL, world  # noqa: F401

MEMBERS_FIND = ("LKXEXREPORT", "LKXEXREPTITLE", "LKXEXAPPXPDF", "LKXEXAPPXDOCX", "LKXEXAPPXXLSX", "LKXDRAFTMIN",
                "LKXSUPPEXEMPT", "LKXUNPUBREPORT")


def _read_every_file():
    for pk in Attachment.objects.values_list("pk", flat=True):
        document_text_extract(kind="attachment", pk=pk)
    for pk in PackVersion.objects.values_list("pk", flat=True):
        document_text_extract(kind="pack", pk=pk)


def test_no_marker_is_found_by_the_public(world, client, member, other_member):
    _read_every_file()
    leaked = {}
    for marker, what in MARKERS.items():
        rows = list(search(AnonymousUser(), marker, Filters()))
        if rows:
            leaked[f"{marker} ({what})"] = [r.url for r in rows]
        page = client.get(reverse("search:search"), {"q": marker}).content.decode()
        if "0 results for" not in page or "<mark>" in page:
            leaked.setdefault(f"{marker} ({what})", []).append("/search/ page")
    assert not leaked, "Found by the public:\n" + "\n".join(f"{m}: {urls}" for m, urls in leaked.items())

    # The searches really read what they index: the public finds the public report and public pack.
    assert {r.kind for r in search(AnonymousUser(), PUBLIC_CONTROL, Filters())} >= {"report", "pack"}
    assert {r.kind for r in search(AnonymousUser(), SUPPLEMENTARY_CONTROL, Filters())} >= {"report", "pack"}
    for marker in MEMBERS_FIND:
        assert list(search(member, marker, Filters())), f"the board's member should find {marker}"
        assert not list(search(other_member, marker, Filters())), f"another board's member found {marker}"


def test_no_marker_reaches_an_alert_email(world, board):
    """Subscribers to the board and to every marker's words: board alerts for every event of every
    meeting and pack version, and phrase alerts, carry nothing that is not public."""
    import datetime

    from django.core import mail
    from django.utils import timezone

    from alerts import services as alerts_services
    from alerts.models import Subscription
    from meetings.models import Meeting

    _read_every_file()
    long_ago = timezone.now() - datetime.timedelta(days=3650)
    Subscription.objects.create(email="board@example.org", board=board, confirmed_at=long_ago)
    for marker in list(MARKERS) + [PUBLIC_CONTROL]:
        Subscription.objects.create(email=f"{marker.lower()}@example.org", phrase=marker, confirmed_at=long_ago)
    mail.outbox.clear()
    for meeting in Meeting.objects.all():
        for event in alerts_services.BOARD_EVENTS:
            alerts_services.board_alert_send(event=event, object_id=meeting.pk)
    for version in PackVersion.objects.all():
        alerts_services.board_alert_send(event="supplementary_pack", object_id=version.pk)
    alerts_services.phrase_alerts_send()

    sent = "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox).upper()
    leaked = [f"{marker} ({what})" for marker, what in MARKERS.items() if marker in sent]
    assert not leaked, "In alert e-mails: " + ", ".join(leaked)
    # The alerts did go out: the public control's words and the published meeting's agenda.
    assert any(m.to == [f"{PUBLIC_CONTROL.lower()}@example.org"] for m in mail.outbox)
    assert any(m.to == ["board@example.org"] and m.subject.startswith("Agenda published") for m in mail.outbox)
    assert "LKXUNPUBVENUE" not in sent
