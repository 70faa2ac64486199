"""Entry point: `replydesk COMMAND ...` runs the command line; bare `replydesk` opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from replydesk.cli import main as cli_main


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
