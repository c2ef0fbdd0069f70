"""Send webhooks now: make the deliveries for new change feed entries and send every
delivery that is due. Beat does this every minute where a worker runs; in embedded mode
(no broker, no beat) this is how retries happen: run it from cron, or by hand."""

from django.core.management.base import BaseCommand

from webhooks.selectors import deliveries_due
from webhooks.services.dispatch import changes_dispatch
from webhooks.services.sending import delivery_send
from webhooks.services.subscriptions import secrets_expired_forget


class Command(BaseCommand):
    help = "Dispatch new change feed entries to subscriptions and send the due deliveries."

    def handle(self, *args, verbosity: int = 1, **options):
        secrets_expired_forget()
        made = 0
        while True:
            ids, more = changes_dispatch()
            made += len(ids)
            if not more:
                break
        sent = 0
        for delivery_id in deliveries_due():
            delivery = delivery_send(delivery_id=delivery_id)
            if delivery is None:
                continue
            sent += 1
            if verbosity > 1:
                outcome = delivery.last_status_code or delivery.last_error
                self.stdout.write(f"{delivery.message_id}: {delivery.status} ({outcome})")
        if verbosity:
            self.stdout.write(f"{made} new deliveries; {sent} attempts made.")
