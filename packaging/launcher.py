"""Entry point of the frozen app: the same `main` as the `replydesk` command."""

import sys

from replydesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
