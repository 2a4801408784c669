from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Pieces every domain app shares: en-GB formats, sanitising, upload checks, templates tags."""

    name = "core"
