"""Rich text is sanitised with nh3 on save: a fixed list of tags and attributes, no scripts, no styles."""
import re

import nh3
from django.db import models

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


class SanitisedHTMLField(models.TextField):
    """Rich text that is sanitised whenever it is written to the database, however it gets there.

    The form, the admin, an import, `manage.py shell`, `QuerySet.update()` and `bulk_create` all
    end in `get_db_prep_save`; `pre_save` also puts the cleaned text back on the instance, so
    what the caller holds (and what the history row copies) is what was stored. Templates may
    then mark it safe.
    """

    description = "Rich text (HTML), sanitised with nh3 when saved"

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = sanitise_html(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str):
            value = sanitise_html(value)
        return super().get_db_prep_save(value, connection)
