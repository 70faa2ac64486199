"""Where the running Replydesk listens, and a cheap check that nobody does.

Standard library only: every launch asks before its window paints, and Qt's network
module costs that paint several milliseconds (replydesk.instance imports it when needed).
"""

from __future__ import annotations

import os
import sys
import zlib

from replydesk.core import paths

# sockaddr_un.sun_path holds 108 bytes; Qt binds in a temporary folder beside the final
# path ("<path>XXXXXX/s") before renaming, so leave it room.
MAX_SOCKET_PATH = 96


def _user_key() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no login name in the environment
        return "user"


def server_name() -> str:
    """The socket's name: "replydesk-" and a checksum of the user and the data folder."""
    key = f"{_user_key()}\0{paths.data_dir().resolve()}".encode("utf-8", "surrogateescape")
    return f"replydesk-{zlib.crc32(key):08x}{zlib.adler32(key):08x}"


def server_address() -> str:
    """What the server listens on and the client connects to.

    On Linux, a path in $XDG_RUNTIME_DIR (a folder only the user can enter, as qutebrowser
    does); elsewhere, or without one, the bare name: Qt then puts the socket in the temp
    folder (per user on macOS) or uses a named pipe on Windows.
    """
    name = server_name()
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if sys.platform.startswith("linux") and runtime and os.path.isdir(runtime):
        path = os.path.join(runtime, name)
        if len(os.fsencode(path)) <= MAX_SOCKET_PATH:
            return path
    return name


def nobody_listening() -> bool:
    """True when surely no Replydesk listens (no socket file, or nobody behind it); False
    when one may (then ask it with replydesk.instance.send_command)."""
    address = server_address()
    if not os.path.isabs(address):
        return False  # a named pipe or Qt's temp folder: only Qt can tell
    import socket

    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.settimeout(1.0)
        probe.connect(address)
    except (FileNotFoundError, ConnectionRefusedError):
        return True
    except OSError:
        return False
    finally:
        probe.close()
    return False
