from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings, agendas and reports"

    def ready(self):
        from meetings.pack import signals

        signals.connect()
