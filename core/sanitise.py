"""Rich text is sanitised with nh3 on save: a fixed list of tags and attributes, no scripts, no styles.

Report sections are structure (core.report_html): the only class kept is "continuation" on a
paragraph or sub-heading (an unnumbered paragraph); tables keep their caption, header cells and
scopes, and a first row of header cells is stored as <thead>.
"""
import re

import nh3
from django.db import models

from core.report_html import normalise_section

ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "sub", "sup", "div", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
ALLOWED_CLASSES = {"p": {"continuation"}, "h3": {"continuation"}, "h4": {"continuation"}}


def sanitise_html(html: str) -> str:
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        allowed_classes=ALLOWED_CLASSES,
    ).strip()
    # A pasted or imported <h1>/<h2> is a sub-heading inside a report's numbered section.
    cleaned = re.sub(r"<(/?)h[12]\b", r"<\1h3", cleaned)
    return normalise_section(cleaned)


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
