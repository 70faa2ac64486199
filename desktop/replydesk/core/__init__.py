"""Plain-Python core of Replydesk: storage, rendering, fields, library. Never imports Qt."""
