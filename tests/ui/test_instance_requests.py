"""Hostile requests on the instance socket, written as raw bytes with the socket module to a
real InstanceServer: each gets exactly one reply and never a dialog; at most one import
preview at a time; the socket lives only in a folder this user alone can enter.

The window's own excepthook (ui/errors.py) is installed and its message box recorded, so
an exception escaping the server shows up here as the dialog the user would have seen.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from replydesk.core import bundle as bundle_format
from replydesk.core.store import TemplateStore
from replydesk.instance import (
    IMPORT_BUSY_ERROR,
    MAX_ERROR_CHARS,
    MAX_LINE_BYTES,
    InstanceServer,
    encode_request,
    send_command,
)
from replydesk.instance_address import (
    UnsafeSocketFolderError,
    fallback_folder,
    nobody_listening,
    server_address,
    server_name,
)
from replydesk.ui import errors

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix sockets and file modes")

REPLY_TIMEOUT_MS = 30_000
"""A bound for a busy machine, never a measure."""
STATUS = {"window_visible": True, "palette_visible": False}


@pytest.fixture(autouse=True)
def folders(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    """A private XDG_RUNTIME_DIR, and a temp folder of the test's own (where the fallback
    replydesk-<uid> folder goes); both short, a socket path must fit in 108 bytes."""
    runtime = Path(tempfile.mkdtemp(prefix="rd-"))
    temp = Path(tempfile.mkdtemp(prefix="rt-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    yield {"runtime": runtime, "temp": temp}
    for folder in (runtime, temp):
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_symlink() or not path.is_dir():
                path.unlink()
            else:
                path.chmod(0o700)
                path.rmdir()
        folder.rmdir()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> Iterator[list[str]]:
    """The window's excepthook, its message box opened (not exec'd) and recorded."""
    shown: list[str] = []
    boxes: list[QMessageBox] = []

    def show_error(parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text)
        box.open()  # modal, as the real one, without a nested loop
        boxes.append(box)
        shown.append(text)

    monkeypatch.setattr(errors, "show_error", show_error)
    monkeypatch.setattr("sys.excepthook", errors.report_uncaught)
    yield shown
    for box in boxes:
        box.close()
        box.deleteLater()


def assert_no_dialog(shown: list[str]) -> None:
    assert shown == []
    assert QApplication.activeModalWidget() is None
    visible = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    assert visible == []


@pytest.fixture
def server(qtbot: QtBot) -> Iterator[InstanceServer]:
    instance = InstanceServer(lambda: dict(STATUS))
    assert instance.listen()
    assert instance.is_listening(), instance.error
    yield instance
    instance.close()


def recorder(server: InstanceServer) -> list[tuple[str, list[str]]]:
    received: list[tuple[str, list[str]]] = []
    server.commandReceived.connect(lambda command, args: received.append((command, args)))
    return received


class RawSocket:
    """A client made with the socket module, served by the test's own event loop."""

    def __init__(self, qtbot: QtBot, address: str) -> None:
        self.qtbot = qtbot
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(address)
        self.sock.setblocking(False)
        self.received = bytearray()

    def send(self, data: bytes) -> None:
        """All of `data`, letting the server read whenever the socket is full."""
        view = memoryview(data)
        while view:
            try:
                view = view[self.sock.send(view) :]
            except BlockingIOError:
                self._pump()
                self.qtbot.wait(5)

    def _pump(self) -> None:
        while True:
            try:
                chunk = self.sock.recv(65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            self.received += chunk

    def replies(self, count: int) -> list[dict[str, Any]]:
        """Wait for `count` reply lines in all; every one received so far."""

        def arrived() -> bool:
            self._pump()
            return self.received.count(b"\n") >= count

        self.qtbot.waitUntil(arrived, timeout=REPLY_TIMEOUT_MS)
        return [json.loads(line) for line in self.received.splitlines()]

    def exactly(self, count: int) -> list[dict[str, Any]]:
        """`count` replies and no more: a status request after them is answered next."""
        self.send(encode_request("status"))
        replies = self.replies(count + 1)
        assert replies[count] == {"ok": True, **STATUS}, replies[count:]
        assert len(replies) == count + 1
        return replies[:count]

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw(qtbot: QtBot, server: InstanceServer) -> Iterator[RawSocket]:
    client = RawSocket(qtbot, server.address)
    yield client
    client.close()


def deep(depth: int) -> bytes:
    return b'{"v": 1, "command": "show", "x": ' + b"[" * depth + b"]" * depth + b"}\n"


def line(**fields: Any) -> bytes:
    return json.dumps({"v": 1, **fields}).encode("ascii") + b"\n"


MALFORMED = {
    "NUL in the path": line(command="import", args=["/tmp/a\u0000b.json"]),
    "NUL in cwd": line(command="import", args=["a.json"], cwd="/tmp\u0000/x"),
    "lone surrogate in the path": line(command="import", args=["/tmp/\ud800.json"]),
    "lone surrogate in cwd": line(command="import", args=["a.json"], cwd="/tmp/\udbff"),
    "JSON nested 60,000 deep": deep(30_000),  # 60,000 brackets
    "objects nested deep": b'{"a":' * 20_000 + b"1" + b"}" * 20_000 + b"\n",
    "arrays nested as the request": b"[" * 60_000 + b"\n",
    "invalid UTF-8": b'{"v": 1, "command": "show\xc3\x28"}\n',
    "overlong UTF-8": b'{"v": 1, "command": "\xc0\xaf"}\n',
    "a number": b"42\n",
    "a string": b'"show"\n',
    "null": b"null\n",
    "an empty line": b"\n",
    "a 5,000-digit number": b'{"v": ' + b"9" * 5000 + b"}\n",
    "unknown command": line(command="paste"),
    "a long unknown command": line(command="\x1b]52;c;" + "p" * 60_000),
    "command not a string": line(command=["show"]),
    "args an object": line(command="show", args={"a": 1}),
    "a folder to import": line(command="import", args=["/tmp"]),
    "a path too long": line(command="import", args=["/" + "a" * 5000]),
    "a path through a file": line(command="import", args=["/etc/hostname/x"]),
    "a relative path without cwd": line(command="import", args=["\u202eexe.fdp"]),
}


@pytest.mark.parametrize("request_line", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_request_gets_one_short_refusal_and_no_dialog(
    qtbot: QtBot,
    server: InstanceServer,
    raw: RawSocket,
    dialogs: list[str],
    caplog: pytest.LogCaptureFixture,
    request_line: bytes,
) -> None:
    received = recorder(server)
    raw.send(request_line)
    (reply,) = raw.exactly(1)
    assert reply["ok"] is False
    error = reply["error"]
    assert isinstance(error, str) and error and "\n" not in error
    assert len(error) <= MAX_ERROR_CHARS
    assert "Traceback" not in error
    assert received == []
    assert_no_dialog(dialogs)
    assert [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")] == []


def test_the_deep_json_is_said_to_be_nested_too_deeply(
    server: InstanceServer, raw: RawSocket
) -> None:
    raw.send(deep(30_000))
    assert raw.exactly(1) == [{"ok": False, "error": "request is nested too deeply"}]


@pytest.mark.parametrize(
    ("request_line", "error"),
    [
        (MALFORMED["NUL in the path"], "an argument holds a NUL character"),
        (MALFORMED["NUL in cwd"], '"cwd" holds a NUL character'),
        (MALFORMED["lone surrogate in the path"], "an argument holds text that is not valid"),
        (MALFORMED["lone surrogate in cwd"], '"cwd" holds text that is not valid Unicode'),
    ],
)
def test_paths_that_cannot_name_a_file_are_said_so(
    server: InstanceServer, raw: RawSocket, request_line: bytes, error: str
) -> None:
    raw.send(request_line)
    (reply,) = raw.exactly(1)
    assert reply["error"].startswith(error)


def test_a_file_name_that_is_not_utf8_is_still_found(
    qtbot: QtBot, server: InstanceServer, raw: RawSocket, tmp_path: Path
) -> None:
    """sys.argv decodes such a name with surrogateescape; the server encodes it back."""
    name = os.fsdecode(b"caf\xe9.replydesk")
    (tmp_path / name).write_text("{}", "utf-8")
    received = recorder(server)
    raw.send(line(command="import", args=[name], cwd=str(tmp_path)))
    assert raw.exactly(1) == [{"ok": True}]
    qtbot.waitUntil(lambda: received != [], timeout=REPLY_TIMEOUT_MS)
    assert received == [("import", [str(tmp_path / name)])]


def test_a_fifo_is_not_a_file_to_import(
    server: InstanceServer, raw: RawSocket, tmp_path: Path
) -> None:
    fifo = tmp_path / "bundle.replydesk"
    os.mkfifo(fifo)
    raw.send(line(command="import", args=[str(fifo)]))
    assert raw.exactly(1) == [{"ok": False, "error": f"no such file: {fifo}"}]


def test_a_huge_line_gets_one_refusal(
    server: InstanceServer, raw: RawSocket, dialogs: list[str]
) -> None:
    raw.send(b"{" + b" " * (MAX_LINE_BYTES * 16) + b"}\n")
    assert raw.exactly(1) == [{"ok": False, "error": "request line longer than 64 KiB"}]
    assert_no_dialog(dialogs)


def test_a_line_without_newline_then_close_is_dropped_quietly(
    qtbot: QtBot, server: InstanceServer, dialogs: list[str]
) -> None:
    """The client closed: nobody is left to answer (Qt closes the socket at the end of
    the client's stream); nothing is emitted, nothing kept, the next client is served."""
    received = recorder(server)
    client = RawSocket(qtbot, server.address)
    client.send(encode_request("quick")[:-1])
    qtbot.waitUntil(lambda: len(server._clients) == 1, timeout=REPLY_TIMEOUT_MS)
    client.sock.shutdown(socket.SHUT_WR)
    qtbot.waitUntil(lambda: server._clients == {}, timeout=REPLY_TIMEOUT_MS)
    client.close()
    other = RawSocket(qtbot, server.address)
    assert other.exactly(0) == []
    other.close()
    assert received == []
    assert_no_dialog(dialogs)


def test_every_malformed_request_in_one_write_is_answered_in_order(
    qtbot: QtBot, server: InstanceServer, raw: RawSocket, dialogs: list[str]
) -> None:
    received = recorder(server)
    lines = list(MALFORMED.values())
    raw.send(b"".join(lines) + encode_request("show"))
    replies = raw.exactly(len(lines) + 1)
    assert [r["ok"] for r in replies] == [False] * len(lines) + [True]
    qtbot.waitUntil(lambda: received != [], timeout=REPLY_TIMEOUT_MS)
    assert received == [("show", [])]
    assert_no_dialog(dialogs)


def test_a_bug_met_by_a_request_is_answered_and_logged_not_shown(
    qtbot: QtBot,
    server: InstanceServer,
    raw: RawSocket,
    dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from replydesk import instance

    def broken(line: bytes) -> tuple[str, list[str]]:
        raise KeyError("a bug")

    monkeypatch.setattr(instance, "parse_request", broken)
    raw.send(encode_request("show"))
    assert raw.replies(1) == [
        {"ok": False, "error": "the running Replydesk could not handle the request"}
    ]
    assert_no_dialog(dialogs)
    assert any("could not be handled" in r.getMessage() for r in caplog.records)


def test_a_client_that_never_reads_its_replies_is_dropped(
    qtbot: QtBot, server: InstanceServer, dialogs: list[str]
) -> None:
    client = RawSocket(qtbot, server.address)
    client.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    # Many requests, each answered with a long refusal, and nothing read: the server
    # stops at its limits and drops the client instead of keeping the replies.
    try:
        for _ in range(200):
            client.sock.setblocking(True)
            client.sock.settimeout(0)
            try:
                client.sock.send(b"\n" * 4096)
            except (BlockingIOError, TimeoutError):
                qtbot.wait(5)
            if server._clients == {}:
                break
    except (BrokenPipeError, ConnectionResetError):
        pass
    qtbot.waitUntil(lambda: server._clients == {}, timeout=REPLY_TIMEOUT_MS)
    client.close()
    assert_no_dialog(dialogs)
    other = RawSocket(qtbot, server.address)
    assert other.exactly(0) == []
    other.close()


# --- one import preview at a time ----------------------------------------------------------


def write_bundle(path: Path) -> Path:
    template = {
        "id": "6b0f7d55-0000-4000-8000-000000000001",
        "name": "From a teammate",
        "kind": "greeting",
        "language": "en",
        "body": "Hello {{ client_name }}",
    }
    data = {
        "format": bundle_format.FORMAT_NAME,
        "version": bundle_format.FORMAT_VERSION,
        "templates": [template],
    }
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_a_hundred_imports_in_one_line_hand_on_one(
    qtbot: QtBot, server: InstanceServer, raw: RawSocket, tmp_path: Path
) -> None:
    received = recorder(server)
    bundle = write_bundle(tmp_path / "team.replydesk")
    raw.send(encode_request("import", [str(bundle)]) * 100)
    replies = raw.exactly(100)
    assert replies[0] == {"ok": True}
    assert replies[1:] == [{"ok": False, "error": IMPORT_BUSY_ERROR}] * 99
    qtbot.waitUntil(lambda: received != [], timeout=REPLY_TIMEOUT_MS)
    assert received == [("import", [str(bundle)])]


def test_an_import_is_refused_while_the_status_says_one_is_open(
    qtbot: QtBot, tmp_path: Path
) -> None:
    state = {"import_open": True}
    server = InstanceServer(lambda: dict(state))
    assert server.listen()
    client = RawSocket(qtbot, server.address)
    bundle = write_bundle(tmp_path / "team.replydesk")
    client.send(encode_request("import", [str(bundle)]))
    assert client.replies(1) == [{"ok": False, "error": IMPORT_BUSY_ERROR}]
    state["import_open"] = False
    with qtbot.waitSignal(server.commandReceived, timeout=REPLY_TIMEOUT_MS):
        client.send(encode_request("import", [str(bundle)]))
        assert client.replies(2)[1] == {"ok": True}
    client.close()
    server.close()


def test_with_the_window_a_hundred_imports_open_one_preview(
    qtbot: QtBot,
    open_window: Callable[[TemplateStore], Any],
    store_with_order: TemplateStore,
    tmp_path: Path,
) -> None:
    from replydesk.ui.import_dialog import ImportDialog
    from replydesk.ui.resident import Resident

    window = open_window(store_with_order)
    resident = Resident(window, store_with_order, use_tray=False)
    server = InstanceServer(resident.status)
    assert server.listen()
    server.commandReceived.connect(resident.handle_command)
    bundle = write_bundle(tmp_path / "team.replydesk")
    client = RawSocket(qtbot, server.address)
    client.send(encode_request("import", [str(bundle)]) * 100)
    replies = client.replies(100)
    assert replies[0] == {"ok": True}
    assert replies[1:] == [{"ok": False, "error": IMPORT_BUSY_ERROR}] * 99
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=REPLY_TIMEOUT_MS)
    # Later, on a new connection, while the preview is open: refused too.
    later = RawSocket(qtbot, server.address)
    later.send(encode_request("import", [str(bundle)]))
    assert later.replies(1) == [{"ok": False, "error": IMPORT_BUSY_ERROR}]
    assert len(window.findChildren(ImportDialog)) == 1
    dialog = window.import_dialog
    dialog.reject()
    qtbot.waitUntil(lambda: window.import_dialog is None, timeout=REPLY_TIMEOUT_MS)
    later.send(encode_request("import", [str(bundle)]))
    assert later.replies(2)[1] == {"ok": True}
    qtbot.waitUntil(lambda: window.import_dialog is not None, timeout=REPLY_TIMEOUT_MS)
    window.import_dialog.reject()
    client.close()
    later.close()
    server.close()


# --- a folder only this user can enter -------------------------------------------------------


def test_without_xdg_runtime_dir_the_socket_goes_in_a_private_folder_made_for_it(
    monkeypatch: pytest.MonkeyPatch, folders: dict[str, Path]
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    folder = folders["temp"] / f"replydesk-{os.getuid()}"
    assert server_address() == str(folder / server_name())
    info = folder.lstat()
    assert stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o700
    assert info.st_uid == os.getuid()


@pytest.mark.parametrize("mode", [0o755, 0o777, 0o750, 0o711, 0o1777])
def test_a_runtime_folder_others_can_enter_is_not_used(folders: dict[str, Path], mode: int) -> None:
    folders["runtime"].chmod(mode)
    assert server_address() == str(Path(fallback_folder()) / server_name())
    assert not server_address().startswith(str(folders["runtime"]))


def test_a_symlink_as_runtime_folder_is_not_used(
    monkeypatch: pytest.MonkeyPatch, folders: dict[str, Path]
) -> None:
    link = folders["temp"] / "link"
    link.symlink_to(folders["runtime"])
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(link))
    assert server_address() == str(Path(fallback_folder()) / server_name())


def unsafe_fallback(kind: str, folders: dict[str, Path]) -> Path:
    """The fallback folder, made unsafe the way `kind` says; XDG_RUNTIME_DIR unusable."""
    folders["runtime"].chmod(0o777)
    folder = Path(fallback_folder())
    if kind == "symlink":
        target = folders["temp"] / "elsewhere"
        target.mkdir(mode=0o700)
        folder.symlink_to(target)
    elif kind == "other user":
        folder.mkdir(mode=0o700)
        os.chown(folder, 65534, 65534)
    elif kind == "a file":
        folder.write_text("")
    else:
        folder.mkdir(mode=0o700)
        folder.chmod(int(kind, 8))
    return folder


UNSAFE = [
    "0755",
    "0777",
    "0770",
    "0701",
    "symlink",
    "a file",
    pytest.param(
        "other user",
        marks=pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder away"),
    ),
]


@pytest.mark.parametrize("kind", UNSAFE)
def test_an_unsafe_socket_folder_is_refused_by_the_server_with_a_clear_message(
    qtbot: QtBot, folders: dict[str, Path], kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    folder = unsafe_fallback(kind, folders)
    with pytest.raises(UnsafeSocketFolderError) as refused:
        server_address()
    message = str(refused.value)
    assert str(folder) in message and "\n" not in message
    server = InstanceServer()
    assert server.listen()  # the app runs, without the single-instance socket
    assert not server.is_listening()
    assert server.error == message
    assert message in caplog.text
    assert not any(path.is_socket() for path in folders["temp"].rglob("*"))
    server.close()


@pytest.mark.parametrize("kind", UNSAFE)
def test_the_client_never_connects_into_an_unsafe_folder(
    qtbot: QtBot, folders: dict[str, Path], kind: str
) -> None:
    """Another user listening there first gets nothing: no connection at all."""
    folder = unsafe_fallback(kind, folders)
    where = folder.resolve() if kind == "symlink" else folder
    if not where.is_dir():
        pytest.skip("nothing can listen in a file")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(where / server_name()))
    listener.listen(8)
    listener.setblocking(False)
    try:
        assert nobody_listening()
        assert send_command("import", ["/home/victim/secret.replydesk"]) is None
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody ever connected
    finally:
        listener.close()


def test_a_listener_in_a_runtime_folder_opened_up_later_is_not_reached(
    qtbot: QtBot, folders: dict[str, Path]
) -> None:
    address = server_address()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(8)
    listener.setblocking(False)
    folders["runtime"].chmod(0o777)
    try:
        assert send_command("show") is None  # the private fallback: nobody there
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


def test_a_reply_error_is_escaped_and_bounded_for_the_terminal(qtbot: QtBot) -> None:
    """A reply's text is printed by the caller: the client escapes it."""
    import subprocess
    import sys

    address = server_address()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(1)
    listener.setblocking(False)
    desktop = Path(__file__).resolve().parents[2] / "desktop"
    code = (
        "import json; from replydesk.instance import send_command; "
        "print(json.dumps(send_command('status', timeout_ms=60000)))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(desktop)},
        stdout=subprocess.PIPE,
        text=True,
    )
    connection: list[socket.socket] = []

    def accepted() -> bool:
        try:
            connection.append(listener.accept()[0])
        except BlockingIOError:
            return False
        return True

    qtbot.waitUntil(accepted, timeout=120_000)
    evil = "\x1b]52;c;cm0gLXJmIH4=\x07\u202e" + "x" * 10_000
    connection[0].sendall(json.dumps({"ok": False, "error": evil}).encode() + b"\n")
    out, _ = process.communicate(timeout=120)
    connection[0].close()
    listener.close()
    reply = json.loads(out)
    assert reply["ok"] is False
    assert reply["error"].startswith("\\x1b]52;c;cm0gLXJmIH4=\\x07\\u202e")
    assert len(reply["error"]) <= MAX_ERROR_CHARS
