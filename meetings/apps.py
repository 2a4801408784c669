from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings, agendas and reports"

    def ready(self):
        from boards import pages
        from meetings import menu, selectors

        menu.register_entries()
        # The home page and each board's page list the meetings (boards/ sits below meetings/).
        pages.provide_meetings(upcoming_and_recent=selectors.upcoming_and_recent, of_board=selectors.meetings_of_board)
