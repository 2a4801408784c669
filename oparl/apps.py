from django.apps import AppConfig


class OparlConfig(AppConfig):
    """The OParl 1.1 read API: the public's view of the boards, served as OParl JSON.

    The top layer: it reads every domain app through their public selectors; none imports it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "oparl"
    verbose_name = "OParl API"
