"""The standard streams a command reads and writes, handed to it instead of `sys`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Streams:
    """Where a command reads its input (`-` files) and writes its output and messages."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    @classmethod
    def of_process(cls) -> Streams:
        """This process's streams as they are now (a test's capture included)."""
        return cls(sys.stdin, sys.stdout, sys.stderr)
