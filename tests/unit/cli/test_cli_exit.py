"""The exit statuses (replydesk/cli/exit.py): scripts test these numbers, so they stay, and
every one the command line gives is named."""

from __future__ import annotations

import re
from pathlib import Path

import replydesk.cli
from replydesk.cli.exit import ExitStatus

CLI_PACKAGE = Path(replydesk.cli.__file__).parent
BARE_STATUS = re.compile(r"\breturn\s+-?\d|\bexit\(\s*-?\d")


def test_the_numbers_scripts_depend_on() -> None:
    assert {status.name: int(status) for status in ExitStatus} == {
        "OK": 0,
        "ERROR": 1,
        "USAGE": 2,
        "FINDINGS": 3,
        "INTERRUPTED": 130,
        "BROKEN_PIPE": 141,
    }


def test_no_bare_integer_exit_status_in_the_package() -> None:
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(CLI_PACKAGE.glob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if BARE_STATUS.search(line)
    ]
    assert found == []
