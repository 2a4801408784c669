"""Celery tasks of the alerts app: thin, taking ids; the services do the work."""
from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_confirmation(subscription_id: int) -> bool:
    return services.confirmation_send(subscription_id=subscription_id)


@shared_task(acks_late=True)
def send_board_alert(event: str, object_id: int, stamp: str = "") -> int:
    return services.board_alert_send(event=event, object_id=object_id, stamp=stamp)


@shared_task(acks_late=True)
def send_phrase_alerts() -> int:
    return services.phrase_alerts_send()
