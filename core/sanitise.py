"""Rich text is sanitised with nh3 on save: a fixed list of tags and attributes, no scripts, no styles."""
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "sub", "sup", "div", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def sanitise_html(html: str) -> str:
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()
    # Trix writes its headings as <h1>; inside a report they are sub-headings of a numbered section.
    return re.sub(r"<(/?)h[12]>", r"<\1h3>", cleaned)
