"""One Replydesk per user and data folder: later launches hand their command over a local
socket (docs/ipc.md). The server runs in the test's event loop; clients run the way
`replydesk quick` runs them, in a subprocess (not a thread: PySide6 keeps the GIL in
QLocalSocket's waitFor* calls, so a client thread would stall the loop serving it), or as
a raw socket in the same loop."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from replydesk.core import paths
from replydesk.instance import (
    LOCK_NAME,
    MAX_LINE_BYTES,
    InstanceServer,
    encode_request,
    send_command,
)
from replydesk.instance_address import (
    fallback_folder,
    nobody_listening,
    server_address,
    server_name,
)

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
HEAVY = ("sqlmodel", "sqlalchemy", "jinja2", "babel", "PySide6.QtGui", "PySide6.QtWidgets")

# A client the way `replydesk quick` runs one: its own process, no QApplication.
CLIENT = f"""
import json, sys
from replydesk.instance import send_command
reply = send_command(sys.argv[1], sys.argv[2:])
from PySide6.QtCore import QCoreApplication
heavy = [name for name in {HEAVY!r} if name in sys.modules]
print(json.dumps({{"reply": reply, "app": QCoreApplication.instance() is not None,
                  "heavy": heavy}}))
"""

# A Replydesk that listens until it is killed.
LISTENER = """
from PySide6.QtCore import QCoreApplication
from replydesk.instance import InstanceServer
app = QCoreApplication([])
server = InstanceServer()
print(server.listen(), server.is_listening(), flush=True)
app.exec()
"""

# A second launch: listen() and say what it returned.
SECOND_LAUNCH = """
import pathlib, sys
from PySide6.QtCore import QCoreApplication
from replydesk.instance import InstanceServer
app = QCoreApplication([])
server = InstanceServer()
pathlib.Path(sys.argv[1]).touch()
print(server.listen(), flush=True)
"""

# A second launch that says when it reaches the lock and whether it took it, then what
# listen() returned.
LOCKING_LAUNCH = """
import pathlib, sys
from PySide6.QtCore import QCoreApplication, QLockFile
from replydesk import instance

class ReportingLock(QLockFile):
    def tryLock(self, timeout=0):
        pathlib.Path(sys.argv[1]).touch()
        locked = super().tryLock(timeout)
        print("locked", locked, flush=True)
        return locked

instance.QLockFile = ReportingLock
app = QCoreApplication([])
server = instance.InstanceServer()
print(server.listen(), flush=True)
"""

PROCESS_TIMEOUT_MS = 120_000
"""A Python process with Qt may start and end this slowly on a busy machine."""
REPLY_TIMEOUT_MS = 30_000
"""For an answer over the socket from this test's own event loop."""
NOTHING_MS = 200
"""How long a "nothing happens" check watches; a slow machine only makes it weaker."""


@pytest.fixture(autouse=True)
def runtime_dir(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test in its own data folder (so its own server name) and runtime folder.

    The runtime folder is short on purpose: a socket path must fit in 108 bytes.
    """
    path = Path(tempfile.mkdtemp(prefix="rd-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def server(qtbot: QtBot) -> Iterator[InstanceServer]:
    """The running instance, with a status provider."""
    instance = InstanceServer(lambda: {"window_visible": True, "palette_visible": False})
    assert instance.listen()
    assert instance.is_listening(), instance.error
    yield instance
    instance.close()


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(DESKTOP)}


def start_python(code: str, *argv: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        env=env(),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(qtbot: QtBot, process: subprocess.Popen[str]) -> str:
    """Serve the event loop until the process ends; its stdout. Any stderr fails."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=PROCESS_TIMEOUT_MS)
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert err == ""
    return out


def run_client(
    qtbot: QtBot, command: str, *args: str, cwd: Path | None = None
) -> dict[str, Any] | None:
    """send_command in a subprocess; its reply (checked: no QApplication, nothing heavy)."""
    result = json.loads(finish(qtbot, start_python(CLIENT, command, *args, cwd=cwd)))
    assert result["app"] is False
    assert result["heavy"] == []
    reply: dict[str, Any] | None = result["reply"]
    return reply


class RawClient:
    """A client that writes whatever bytes a test wants, in the test's own event loop."""

    def __init__(self, qtbot: QtBot, address: str) -> None:
        self.qtbot = qtbot
        self.received = bytearray()
        self.socket = QLocalSocket()
        self.socket.readyRead.connect(lambda: self.received.extend(self.socket.readAll().data()))
        self.socket.connectToServer(address)
        qtbot.waitUntil(
            lambda: self.socket.state() == QLocalSocket.LocalSocketState.ConnectedState,
            timeout=REPLY_TIMEOUT_MS,
        )

    def send(self, data: bytes) -> None:
        self.socket.write(data)
        self.socket.flush()

    def replies(self, count: int) -> list[dict[str, Any]]:
        """Wait for `count` reply lines in all; every one received so far."""
        self.qtbot.waitUntil(lambda: self.received.count(b"\n") >= count, timeout=REPLY_TIMEOUT_MS)
        return [json.loads(line) for line in self.received.splitlines()]

    def close(self) -> None:
        self.socket.abort()


@pytest.fixture
def raw(qtbot: QtBot, server: InstanceServer) -> Iterator[RawClient]:
    client = RawClient(qtbot, server.address)
    yield client
    client.close()


def buffered(server: InstanceServer) -> bytes:
    """The bytes the server holds from its one client, waiting for the end of a line."""
    buffers = list(server._clients.values())
    return bytes(buffers[0].data) if len(buffers) == 1 else b""  # b"": not accepted yet


def request(command: str, args: Sequence[str] = (), cwd: str | None = None) -> bytes:
    return encode_request(command, args, cwd)


def recorder(server: InstanceServer) -> list[tuple[str, list[str]]]:
    received: list[tuple[str, list[str]]] = []
    server.commandReceived.connect(lambda command, args: received.append((command, args)))
    return received


# --- commands from another launch -------------------------------------------------------


def test_a_command_from_another_launch_arrives_with_its_args(
    qtbot: QtBot, server: InstanceServer, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.replydesk.json"
    bundle.write_text("{}", encoding="utf-8")
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS) as blocker:
        reply = run_client(qtbot, "import", str(bundle))
    assert reply == {"ok": True}
    assert blocker.args == ["import", [str(bundle)]]


@pytest.mark.parametrize("command", ["show", "quick"])
def test_show_and_quick_are_handed_over(qtbot: QtBot, server: InstanceServer, command: str) -> None:
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS) as blocker:
        assert run_client(qtbot, command) == {"ok": True}
    assert blocker.args == [command, []]


def test_status_is_answered_with_the_providers_dict_and_not_emitted(
    qtbot: QtBot, server: InstanceServer
) -> None:
    received = recorder(server)
    assert run_client(qtbot, "status") == {
        "ok": True,
        "window_visible": True,
        "palette_visible": False,
    }
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS):
        assert run_client(qtbot, "show") == {"ok": True}
    assert received == [("show", [])]  # emitted in order: status would have come first


def test_status_without_a_provider_or_with_a_failing_one(qtbot: QtBot) -> None:
    plain = InstanceServer()
    assert plain.listen()
    assert run_client(qtbot, "status") == {"ok": True}
    plain.close()

    def broken() -> dict[str, Any]:
        raise RuntimeError("window gone")

    failing = InstanceServer(broken)
    assert failing.listen()
    reply = run_client(qtbot, "status")
    assert reply == {"ok": False, "error": "status failed: window gone"}
    assert run_client(qtbot, "show") == {"ok": True}  # still serving
    failing.close()


def test_relative_import_path_is_resolved_against_the_clients_cwd(
    qtbot: QtBot, server: InstanceServer, tmp_path: Path
) -> None:
    (tmp_path / "orders").mkdir()
    bundle = tmp_path / "bundle.json"
    bundle.write_text("{}", encoding="utf-8")
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS) as blocker:
        reply = run_client(qtbot, "import", "../bundle.json", cwd=tmp_path / "orders")
    assert reply == {"ok": True}
    assert blocker.args == ["import", [str(bundle.resolve())]]


def test_a_missing_import_file_is_refused_with_its_full_path(
    qtbot: QtBot, server: InstanceServer, tmp_path: Path
) -> None:
    received = recorder(server)
    reply = run_client(qtbot, "import", "nowhere.json", cwd=tmp_path)
    assert reply == {"ok": False, "error": f"no such file: {tmp_path.resolve() / 'nowhere.json'}"}
    assert received == []


# --- no instance, a second instance, a crashed one ----------------------------------------


def test_without_a_running_instance_send_command_returns_none() -> None:
    # None only when the server is not found or refuses: not after waiting out its time
    # (that would be an error reply). How fast it is belongs to the benchmark.
    assert send_command("show", timeout_ms=PROCESS_TIMEOUT_MS) is None


def test_the_client_process_needs_no_application_and_nothing_heavy(qtbot: QtBot) -> None:
    assert run_client(qtbot, "quick") is None  # no server: checked in run_client


def test_a_second_instance_does_not_listen_while_the_first_runs(
    qtbot: QtBot, server: InstanceServer, tmp_path: Path
) -> None:
    second = InstanceServer()
    assert second.listen() is False
    assert not second.is_listening()
    out = finish(qtbot, start_python(SECOND_LAUNCH, str(tmp_path / "started")))
    assert out.strip() == "False"
    assert run_client(qtbot, "status") == {
        "ok": True,
        "window_visible": True,
        "palette_visible": False,
    }


def test_after_close_the_next_launch_becomes_the_instance(
    qtbot: QtBot, server: InstanceServer
) -> None:
    server.close()
    assert not server.is_listening()
    assert send_command("show") is None
    after = InstanceServer()
    assert after.listen()
    assert after.is_listening()
    assert run_client(qtbot, "status") == {"ok": True}
    after.close()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_a_socket_left_by_a_crash_is_replaced(qtbot: QtBot) -> None:
    crashed = start_python(LISTENER)
    address = Path(server_address())
    assert address.parent == Path(os.environ["XDG_RUNTIME_DIR"])
    try:
        qtbot.waitUntil(address.exists, timeout=PROCESS_TIMEOUT_MS)
        qtbot.waitUntil(lambda: send_command("status") is not None, timeout=PROCESS_TIMEOUT_MS)
    finally:
        crashed.send_signal(signal.SIGKILL)
        crashed.communicate()
    assert address.exists()  # nobody cleaned up
    assert send_command("status") is None  # and nobody answers

    server = InstanceServer()
    assert server.listen()
    assert server.is_listening(), server.error
    assert run_client(qtbot, "status") == {"ok": True}
    server.close()


def test_two_launches_at_once_decide_one_after_the_other(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    """While one launch is between "nobody answers" and "listening", a second one waits
    instead of removing the first one's socket."""
    lock = QLockFile(str(paths.data_dir() / LOCK_NAME))
    assert lock.tryLock(0)  # the first launch, deciding
    at_lock = tmp_path / "at-lock"
    second = start_python(LOCKING_LAUNCH, str(at_lock))
    qtbot.waitUntil(at_lock.exists, timeout=PROCESS_TIMEOUT_MS)
    assert second.poll() is None  # waiting for the first to decide
    first = QLocalServer()
    assert first.listen(server_address())
    lock.unlock()
    # It took the lock once the first launch let it go, so it saw the first one listening.
    assert finish(qtbot, second).split() == ["locked", "True", "False"]
    first.close()


def test_two_data_folders_are_two_instances(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "a"))
    name_a = server_name()
    first = InstanceServer()
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "a" / ".." / "a"))
    assert server_name() == name_a  # the same folder, spelled differently
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "b"))
    name_b = server_name()
    second = InstanceServer()
    assert name_a != name_b
    assert name_a.startswith("replydesk-") and len(name_a) == len("replydesk-") + 16
    assert first.listen() and first.is_listening()
    assert second.listen() and second.is_listening()
    first.close()
    second.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a socket path on Linux")
def test_the_cheap_probe_tells_nobody_from_a_listener(qtbot: QtBot, runtime_dir: Path) -> None:
    assert nobody_listening()  # no socket file
    server = InstanceServer()
    assert server.listen()
    assert not nobody_listening()
    server.close()
    assert nobody_listening()
    stale = Path(server_address())
    import socket

    left = socket.socket(socket.AF_UNIX)  # a crashed instance's socket file: nobody behind
    left.bind(str(stale))
    left.close()
    assert stale.exists() and nobody_listening()
    stale.unlink()


@pytest.mark.skipif(os.name != "posix", reason="Windows uses a named pipe")
def test_the_socket_lives_in_the_runtime_folder_else_in_a_private_temp_folder(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert server_address() == str(runtime_dir / server_name())
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    private = Path(fallback_folder())
    assert server_address() == str(private / server_name())
    assert stat.S_IMODE(private.lstat().st_mode) == 0o700  # tests/ui/test_instance_requests.py


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe has no file mode")
def test_the_socket_is_for_this_user_only(qtbot: QtBot) -> None:
    old_umask = os.umask(0o022)  # what most desktops use: files readable by everyone
    try:
        server = InstanceServer()
        assert server.listen()
    finally:
        os.umask(old_umask)
    mode = os.stat(server.address).st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) & 0o077 == 0, oct(mode)
    server.close()
    assert not Path(server.address).exists()


# --- the protocol ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b"{not json\n", "request is not JSON"),
        (b"\xff\xfe\n", "request is not UTF-8"),
        (b"[1, 2]\n", "request must be a JSON object"),
        (b'{"command": "show"}\n', 'request has no protocol version "v"'),
        (
            b'{"v": 2, "command": "show"}\n',
            "unsupported protocol version 2; this Replydesk speaks version 1",
        ),
        (b'{"v": true, "command": "show"}\n', "unsupported protocol version True"),
        (
            b'{"v": 1, "command": "paste"}\n',
            "unknown command 'paste'; known: show, quick, import, status",
        ),
        (b'{"v": 1, "command": "show", "args": [1]}\n', '"args" must be a list of strings'),
        (b'{"v": 1, "command": "show", "args": ["x"]}\n', "show takes no arguments"),
        (b'{"v": 1, "command": "import", "args": []}\n', "import takes one argument"),
        (
            b'{"v": 1, "command": "import", "args": ["a.json"]}\n',
            "relative path 'a.json' needs the client's absolute cwd",
        ),
    ],
)
def test_a_bad_request_gets_an_error_and_the_server_keeps_serving(
    qtbot: QtBot, server: InstanceServer, raw: RawClient, line: bytes, error: str
) -> None:
    received = recorder(server)
    raw.send(line)
    (reply,) = raw.replies(1)
    assert reply["ok"] is False
    assert reply["error"].startswith(error)
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS):
        raw.send(request("show"))
        assert raw.replies(2)[1] == {"ok": True}
    assert received == [("show", [])]


def test_an_oversized_line_is_refused_and_the_next_line_served(
    qtbot: QtBot, server: InstanceServer, raw: RawClient
) -> None:
    received = recorder(server)
    raw.send(b'{"v": 1, "command": "show", "pad": "' + b"x" * MAX_LINE_BYTES + b'"}\n')
    assert raw.replies(1) == [{"ok": False, "error": "request line longer than 64 KiB"}]
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS):
        raw.send(request("quick"))
        assert raw.replies(2)[1] == {"ok": True}
    assert received == [("quick", [])]


def test_an_endless_line_is_refused_before_its_end(
    qtbot: QtBot, server: InstanceServer, raw: RawClient
) -> None:
    raw.send(b"x" * (MAX_LINE_BYTES + 1024))  # no newline yet
    assert raw.replies(1) == [{"ok": False, "error": "request line longer than 64 KiB"}]
    raw.send(b"x" * MAX_LINE_BYTES + b"\n")  # the rest of that line is dropped
    raw.send(request("status"))
    assert raw.replies(2)[1] == {"ok": True, "window_visible": True, "palette_visible": False}


def test_a_line_of_exactly_64_kib_is_accepted(
    qtbot: QtBot, server: InstanceServer, raw: RawClient
) -> None:
    line = request("show")[:-1]
    line = line[:-1] + b" " * (MAX_LINE_BYTES - len(line)) + b"}"
    assert len(line) == MAX_LINE_BYTES
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS):
        raw.send(line + b"\n")
        assert raw.replies(1) == [{"ok": True}]


def test_a_request_in_pieces_is_answered_once_whole(
    qtbot: QtBot, server: InstanceServer, raw: RawClient
) -> None:
    whole = request("quick")
    with (
        qtbot.assertNotEmitted(server.commandReceived),
        qtbot.assertNotEmitted(raw.socket.readyRead, wait=NOTHING_MS),
    ):
        raw.send(whole[:5])
        qtbot.waitUntil(lambda: buffered(server) == whole[:5], timeout=REPLY_TIMEOUT_MS)
        raw.send(whole[5:-3])
        qtbot.waitUntil(lambda: buffered(server) == whole[:-3], timeout=REPLY_TIMEOUT_MS)
    assert raw.received == b""  # nothing answered before the newline
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS) as blocker:
        raw.send(whole[-3:])
        assert raw.replies(1) == [{"ok": True}]
    assert blocker.args == ["quick", []]


def test_several_clients_are_served_each_with_its_own_buffer(
    qtbot: QtBot, server: InstanceServer, raw: RawClient
) -> None:
    received = recorder(server)
    other = RawClient(qtbot, server.address)
    first = request("show")
    raw.send(first[:10])
    other.send(request("quick"))
    assert other.replies(1) == [{"ok": True}]
    raw.send(first[10:])
    assert raw.replies(1) == [{"ok": True}]
    qtbot.waitUntil(lambda: len(received) == 2, timeout=REPLY_TIMEOUT_MS)
    assert received == [("quick", []), ("show", [])]
    other.close()


def test_several_requests_on_one_connection_are_answered_in_order(
    qtbot: QtBot, server: InstanceServer, raw: RawClient
) -> None:
    received = recorder(server)
    raw.send(request("show") + request("status") + request("quick"))
    assert raw.replies(3) == [
        {"ok": True},
        {"ok": True, "window_visible": True, "palette_visible": False},
        {"ok": True},
    ]
    qtbot.waitUntil(lambda: len(received) == 2, timeout=REPLY_TIMEOUT_MS)
    assert received == [("show", []), ("quick", [])]
