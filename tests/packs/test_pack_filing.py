"""The pack is filed as the clerk expects: an item whose paper is "Available at the meeting" has no
paper in the pack (the contents says so), and every page of an exempt paper in the members' pack is
headed "NOT FOR PUBLICATION – Schedule 12A, paragraph N"."""
from django.urls import reverse

from meetings.models import ExemptParagraph, PaperStatus
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting, page_texts, pdf_bytes, report_for


def _pack(meeting, variant=Pack.Variant.MEMBERS):
    version = pack_build(meeting_id=meeting.pk, variant=variant)
    assert version is not None, Pack.objects.get(meeting=meeting, variant=variant).error
    return version, page_texts(pdf_bytes(version))


def test_an_item_available_at_the_meeting_has_no_paper_in_the_pack(board, clerk):
    meeting = pack_meeting(board)
    item = meeting.items.get(position=5)
    item.paper_status = PaperStatus.AT_MEETING
    item.save()
    version, pages = _pack(meeting)
    text = "\n".join(pages)
    assert "OFFENDINGTEXT" not in text and "OFFENDINGAPPENDIX" not in text
    assert "RISETEXT" in text
    row = next(i for i in version.contents if i["number"] == item.number)
    assert row["papers"] == []
    contents = " ".join(pages[1].split())
    assert f"{item.number} {item.title} Available at the meeting" in " ".join(contents.split()) or (
        "Available at the meeting" in contents and item.title in contents)


def test_every_page_of_an_exempt_paper_in_the_members_pack_is_headed_not_for_publication(board, clerk):
    meeting = pack_meeting(board)
    report_for(meeting.items.get(position=6), "Placement costs", marker="EXEMPTPAPER", paragraphs=14,
               is_exempt=True, exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Provider prices.")
    _, pages = _pack(meeting)
    exempt_pages = [p for p in pages if "EXEMPTPAPER" in p]
    assert len(exempt_pages) >= 2
    heading = f"NOT FOR PUBLICATION – Schedule 12A, paragraph {int(ExemptParagraph.FINANCIAL)}"
    for page in exempt_pages:
        assert heading in page, page[:200]
    for page in pages:
        if "RISETEXT" in page or "OFFENDINGTEXT" in page:
            assert "NOT FOR PUBLICATION" not in page
    _, public_pages = _pack(meeting, Pack.Variant.PUBLIC)
    assert not any("EXEMPTPAPER" in p for p in public_pages)


def _papers_by_item(version) -> dict:
    return {row["number"]: [p["title"] for p in row["papers"]] for row in version.contents}


def test_response_paper_is_filed_under_the_item_the_clerk_chooses_and_lists_only_what_is_due(board, clerk, officer, client):
    import datetime

    from minutes import services as svc

    from tests.minutes.factories import drafted

    earlier = drafted(board, datetime.date(2030, 7, 15), clerk, first_number=1)
    meeting = pack_meeting(board)
    elsewhere = drafted(board, datetime.date(2030, 10, 1), clerk)
    minute = earlier.minutes.get(number=4)
    svc.resolution_add(minute=minute, text="to receive an update on RISE placements;", owner=officer.person,
                       due_meeting=meeting, user=clerk)
    svc.resolution_add(minute=minute, text="to review the placements panel.", owner=officer.person,
                       due_meeting=elsewhere, user=clerk)  # due at another meeting: not this paper's

    version, pages = _pack(meeting)
    assert not any("Response to resolutions" in titles for titles in _papers_by_item(version).values())

    rise = meeting.items.get(position=4)
    client.force_login(clerk)
    response = client.post(reverse("meetings:item_edit", args=[rise.pk]), {
        "title": rise.title, "description": rise.description, "presenter": rise.presenter,
        "paper_status": rise.paper_status, "carries_response_paper": "on", "version": rise.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    version, pages = _pack(meeting)
    papers = _papers_by_item(version)
    assert "Response to resolutions" in papers[rise.number]
    assert "Response to resolutions" not in papers[meeting.items.get(position=3).number]
    text = " ".join("\n".join(pages).split())
    assert "(1) To receive an update on RISE placements;" in text
    assert "review the placements panel" not in text


def test_the_clerks_introduction_heads_the_response_paper_but_never_from_an_exempt_item_in_public(
        board, clerk, officer, client):
    import datetime

    from minutes import services as svc
    from minutes.papers import response_to_resolutions_html

    from tests.minutes.factories import drafted

    earlier = drafted(board, datetime.date(2030, 7, 15), clerk, first_number=1)
    meeting = pack_meeting(board)
    svc.resolution_add(minute=earlier.minutes.get(number=4), text="to receive an update on RISE placements;",
                       owner=officer.person, due_meeting=meeting, user=clerk)
    rise = meeting.items.get(position=4)
    url = reverse("meetings:item_edit", args=[rise.pk])
    form = {"title": rise.title, "description": rise.description, "presenter": rise.presenter,
            "paper_status": rise.paper_status, "version": rise.version,
            "response_introduction": "INTROMARKER presented 4 recommendations on 15 July 2030."}
    client.force_login(clerk)
    # An introduction with no response paper to print it in is refused, not lost.
    response = client.post(url, form)
    assert response.status_code == 200 and "tick" in response.content.decode()
    rise.refresh_from_db()
    assert rise.response_introduction == ""
    response = client.post(url, {**form, "carries_response_paper": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]

    _, pages = _pack(meeting)
    text = " ".join("\n".join(pages).split())
    heading = text.index("Response to Resolutions from")
    assert heading < text.index("INTROMARKER presented 4 recommendations") < text.index("(1) To receive an update")
    # Carried by an exempt item, the introduction stays out of every public output.
    rise.refresh_from_db()
    rise.is_exempt, rise.exempt_paragraph, rise.exempt_reason = True, ExemptParagraph.INDIVIDUAL, "Names a child."
    rise.save()
    assert "INTROMARKER" in response_to_resolutions_html(meeting, public=False)
    assert "INTROMARKER" not in (response_to_resolutions_html(meeting, public=True) or "")
    _, public_pages = _pack(meeting, Pack.Variant.PUBLIC)
    assert not any("INTROMARKER" in p for p in public_pages)


def test_a_cancelled_meeting_offers_no_pack_and_its_pack_is_marked_cancelled(board, clerk, client):
    from meetings.services import meeting_cancel

    meeting = pack_meeting(board)
    _pack(meeting)
    meeting_cancel(meeting=meeting, reason="Not quorate.", user=clerk)
    client.force_login(clerk)
    page = " ".join(client.get(meeting.get_absolute_url()).content.decode().replace("&#x27;", "'").split())
    assert "Publish pack" not in page
    assert "Cancelled" in page and "the meeting was cancelled; this pack, built" in page
    assert "Download the members' pack of the cancelled meeting" in page
    assert client.post(reverse("meetings:pack_publish", args=[meeting.pk])).status_code == 403
    assert pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS, force=True) is None
    pack = Pack.objects.get(meeting=meeting, variant="members")
    assert "cancelled" in pack.error and pack.versions.count() == 1


def test_every_page_of_an_exempt_papers_merged_appendix_is_headed_as_an_artifact(board, clerk):
    """An appendix is merged as uploaded, not rendered from our HTML: its pages get the heading too,
    stamped with the footers as a pagination artifact (so the PDF/UA checks still pass)."""
    import io

    import pikepdf

    from tests.packs.factories import add_appendix, appendix_pdf
    from tests.pdfua import assert_pdf_ua

    meeting = pack_meeting(board)
    exempt = report_for(meeting.items.get(position=6), "Placement costs", marker="EXEMPTPAPER",
                        is_exempt=True, exempt_paragraph=ExemptParagraph.FINANCIAL, exempt_reason="Provider prices.")
    add_appendix(exempt, "Provider prices", appendix_pdf("EXEMPTAPPENDIX", pages=3))
    version, pages = _pack(meeting)
    heading = f"NOT FOR PUBLICATION – Schedule 12A, paragraph {int(ExemptParagraph.FINANCIAL)}"
    appendix_pages = [n for n, p in enumerate(pages) if "EXEMPTAPPENDIX" in p]
    assert len(appendix_pages) == 3
    for n in appendix_pages:
        assert heading in pages[n], pages[n][:300]
    # The other (not exempt) paper's appendix is not headed.
    for page in pages:
        if "OFFENDINGAPPENDIX" in page:
            assert "NOT FOR PUBLICATION" not in page
    data = pdf_bytes(version)
    pdf = pikepdf.open(io.BytesIO(data))
    for n in appendix_pages:
        pdf.pages[n].contents_coalesce()
        assert b"/Artifact <</Type /Pagination>> BDC" in pdf.pages[n].obj.Contents.read_bytes()
    assert_pdf_ua(data, "a members' pack with an exempt paper's PDF appendix")
    _, public_pages = _pack(meeting, Pack.Variant.PUBLIC)
    assert not any("EXEMPTAPPENDIX" in p or "EXEMPTPAPER" in p for p in public_pages)
