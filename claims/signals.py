"""What claims tells the apps above it. The change feed is the one log of what changed;
webhooks listens for `changes_committed` and delivers from that log, so claims never
imports the app that notifies people about it."""

from django.dispatch import Signal

# Sent after a transaction that appended change feed entries commits (once per
# changes_record call, with no arguments: receivers read the feed from their own cursor).
# Receivers must not raise: the change is committed whatever they do.
changes_committed = Signal()
