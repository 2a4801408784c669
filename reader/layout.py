"""Where each paper of a pack version starts and ends, from what the pack pipeline recorded.

A version's `contents` lists items and their papers with the page each starts on (the same
numbers the contents page and the "Page N of M" footers print); its `sources` gives each paper's
content hash and each item's exemption. Pages before the first paper (front sheet, contents) are
one paper of their own, "frontsheet".
"""
from dataclasses import dataclass

FRONT = "frontsheet"


@dataclass(frozen=True)
class PaperSpan:
    key: str
    title: str
    item_key: str
    item_number: int | None
    item_title: str
    exempt: bool
    hash: str
    first: int  # 1-based pack page, as printed
    last: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


def paper_spans(version) -> list[PaperSpan]:
    items = {i["key"]: i for i in version.sources.get("items", [])}
    hashes = {p["key"]: p["hash"] for p in version.sources.get("papers", [])}
    starts = []
    for item in version.contents:
        for paper in item.get("papers", []):
            if paper.get("page"):
                starts.append((paper["page"], paper, item))
    starts.sort(key=lambda s: s[0])
    total = version.page_count or (starts[-1][0] if starts else 1)
    spans = []
    first_paper = starts[0][0] if starts else total + 1
    if first_paper > 1:
        spans.append(PaperSpan(FRONT, "Agenda front sheet and contents", "", None, "", False,
                               version.sources.get("cover", ""), 1, first_paper - 1))
    for n, (page, paper, item) in enumerate(starts):
        last = (starts[n + 1][0] - 1) if n + 1 < len(starts) else total
        source_item = items.get(item["key"], {})
        spans.append(PaperSpan(paper["key"], paper["title"], item["key"], item.get("number"), item.get("title", ""),
                               bool(source_item.get("exempt")), hashes.get(paper["key"], ""), page, max(page, last)))
    return spans


def span_at(spans: list[PaperSpan], page: int) -> PaperSpan | None:
    for span in spans:
        if span.first <= page <= span.last:
            return span
    return None


def span_for(spans: list[PaperSpan], key: str) -> PaperSpan | None:
    for span in spans:
        if span.key == key:
            return span
    return None
