"""Celery tasks of the action plans app: each takes ids and calls one service. Safe to run twice."""
from celery import shared_task


@shared_task(acks_late=True)
def send_action_reminders(board_id: int | None = None) -> int:
    """Beat task (daily): remind every lead whose actions need an update before the next meeting."""
    from actions.reminders import reminders_send
    from boards.models import Board

    return reminders_send(board=Board.objects.get(pk=board_id) if board_id is not None else None)
