"""What sources tells the apps above it. Sources stores articles and knows nothing of what
is done with them; claims listens for `article_stored` and queues extraction, so the apps
depend one way (claims imports sources, never the reverse)."""

from django.dispatch import Signal

# Sent after the transaction that stored (or re-submitted a still pending) article commits,
# with `article_id`. Receivers must not raise: the article is stored whatever they do.
article_stored = Signal()

# Sent after the transaction that created (or re-opened) fetches commits, with `fetch_ids`;
# sources.tasks queues a download for each.
fetch_requested = Signal()
