from django.apps import AppConfig


class ReaderConfig(AppConfig):
    """The in-browser pack reader and members' private notes (the top layer: it reads packs, nothing
    below imports it)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reader"
    verbose_name = "Pack reader"

    def ready(self):
        from reader import menu

        menu.register_entries()
