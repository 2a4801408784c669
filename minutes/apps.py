from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "Attendance, interests, minutes and resolutions"

    def ready(self):
        from meetings.registry import add_meeting_history
        from minutes import menu
        from minutes.selectors.history import meeting_history_sources

        menu.register_entries()
        # A meeting's History shows its attendance, declarations and minutes too.
        add_meeting_history(sources=meeting_history_sources)
