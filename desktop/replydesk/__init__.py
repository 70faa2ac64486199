"""Replydesk: reply templates filled from an order and copied."""

__version__ = "0.1.0"
