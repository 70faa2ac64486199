"""The Qt layer: thin widgets over replydesk.core."""
