from django.apps import AppConfig


class PublicConfig(AppConfig):
    """The public side: calendar, decisions register, member pages, documents, iCalendar and RSS/Atom
    feeds. The top layer: it reads every domain app; none reads it."""

    name = "public"
    verbose_name = "Public pages and feeds"

    def ready(self):
        from public import menu, signals  # noqa: F401

        menu.register_entries()
