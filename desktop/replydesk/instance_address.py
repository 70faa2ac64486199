"""Where the running Replydesk listens, and a cheap check that nobody does.

Standard library only: every launch asks before its window paints, and Qt's network
module costs that paint several milliseconds (replydesk.instance imports it when needed).
"""

from __future__ import annotations

import os
import stat
import tempfile
import zlib

from replydesk.core import paths
from replydesk.core.errors import ReplydeskError

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


class UnsafeSocketFolderError(ReplydeskError):
    """No folder only this user can enter holds the socket: nothing is sent or listened."""


def _private_folder_problem(folder: str) -> str | None:
    """Why `folder` is not a folder only this user can enter; None when it is.

    lstat, not stat: a symlink in its place is refused, whoever it points to.
    """
    try:
        info = os.lstat(folder)
    except OSError as error:
        return f"{folder} cannot be checked: {error.strerror or error}"
    if stat.S_ISLNK(info.st_mode):
        return f"{folder} is a symbolic link, not a folder"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if info.st_uid != os.getuid():
        return f"{folder} belongs to another user (uid {info.st_uid})"
    mode = stat.S_IMODE(info.st_mode)
    if mode != 0o700:
        return f"{folder} can be entered by other users (mode {mode:04o}, not 0700)"
    return None


def _fits(folder: str, name: str) -> bool:
    return len(os.fsencode(os.path.join(folder, name))) <= MAX_SOCKET_PATH


def fallback_folder() -> str:
    """Without a usable $XDG_RUNTIME_DIR: replydesk-<uid> in the temp folder (/tmp when
    $TMPDIR is too long for a socket path), made here with mode 0700."""
    name = f"replydesk-{os.getuid()}"
    folder = os.path.join(tempfile.gettempdir(), name)
    if not _fits(folder, server_name()):
        folder = os.path.join("/tmp", name)
    return folder


def socket_folder() -> str:
    """The folder of the socket, checked to be ours alone (owner, mode 0700, no symlink).

    $XDG_RUNTIME_DIR when it passes the check and the socket path fits; else
    `fallback_folder()`, created if missing. UnsafeSocketFolderError when that one fails
    the check too (someone else made it first, or it was opened up): then the socket is
    not used at all, so no command, path or working folder goes where another user may
    listen, and nothing such a user sends is read.
    """
    name = server_name()
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    usable = os.path.isabs(runtime) and _fits(runtime, name)
    if usable and _private_folder_problem(runtime) is None:
        return runtime
    folder = fallback_folder()
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise UnsafeSocketFolderError(
            f"cannot make the private folder {folder} for the single-instance socket: "
            f"{error.strerror or error}"
        ) from None
    problem = _private_folder_problem(folder)
    if problem is not None:
        raise UnsafeSocketFolderError(
            f"not using the single-instance socket: {problem}; "
            "each launch opens its own window until it is removed or made private"
        )
    return folder


def server_address() -> str:
    """What the server listens on and the client connects to.

    On Linux and other Unix systems, a path in a folder only the user can enter
    (`socket_folder()`; UnsafeSocketFolderError when there is none); on Windows, the bare
    name: a named pipe.
    """
    name = server_name()
    if os.name != "posix":
        return name
    return os.path.join(socket_folder(), name)


def nobody_listening() -> bool:
    """True when surely no Replydesk listens (no socket file, or nobody behind it); False
    when one may (then ask it with replydesk.instance.send_command)."""
    try:
        address = server_address()
    except UnsafeSocketFolderError:
        return True  # nobody this launch would talk to
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
