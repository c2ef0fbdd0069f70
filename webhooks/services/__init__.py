"""Writes for webhooks: subscriptions (subscriptions.py), turning change feed entries into
deliveries (dispatch.py), and sending them (sending.py)."""
