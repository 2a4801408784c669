from django.apps import AppConfig


class PacksConfig(AppConfig):
    name = "packs"
    verbose_name = "Agenda packs"

    def ready(self):
        from meetings.registry import add_meeting_history
        from minutes import papers as minutes_papers
        from packs import papers, signals
        from packs.selectors import pack_history_events
        from packs.services import cached_render

        signals.connect()
        # The papers the pack asks other apps for, by name (see packs/papers.py).
        papers.register("minutes", minutes_papers.minutes_paper_html)
        papers.register("response_to_resolutions", minutes_papers.response_to_resolutions_html)
        # The printed-minutes PDF is rendered once per content, from the pack's section cache.
        minutes_papers.use_pdf_cache(cached_render)
        # A meeting's History lists every version of its agenda packs.
        add_meeting_history(events=pack_history_events)
        # `manage.py queue_status` names the oldest pack still waiting for a worker.
        from core.operations import register_pending_work

        register_pending_work(_packs_waiting)


def _packs_waiting():
    from core.operations import PendingWork
    from packs.models import Pack

    waiting = Pack.objects.filter(state__in=[Pack.State.QUEUED, Pack.State.RENDERING], requested_at__isnull=False)
    return [PendingWork(kind="Pack", description=str(pack), since=pack.requested_at)
            for pack in waiting.select_related("meeting__board")]
