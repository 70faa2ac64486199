"""One running Replydesk per user and data folder; later launches hand it their command.

The protocol is in docs/ipc.md. The client side (`send_command`) needs no QApplication and
imports only QtCore and QtNetwork: it runs on every `replydesk quick`, before any window.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from replydesk.core import paths
from replydesk.core.display import one_line
from replydesk.core.i18n import N_, _, ngettext
from replydesk.instance_address import UnsafeSocketFolderError, server_address

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_LINE_BYTES = 64 * 1024
COMMANDS = ("show", "quick", "import", "status")
LOCK_NAME = "instance.lock"
"""In the data folder, held only while `InstanceServer.listen()` decides, so that two
launches at the same moment cannot both remove the socket and listen."""
LOCK_WAIT_MS = 5000
PROBE_TIMEOUT_MS = 1000
MAX_REQUESTS_PER_CONNECTION = 1000
"""A launch sends one request; a client past this many is answered once more and dropped."""
MAX_UNREAD_REPLY_BYTES = 1024 * 1024
"""Replies a client has not read yet, at most: past this it is dropped (it asks faster
than it reads, and the window would keep its replies without end)."""
MAX_ERROR_CHARS = 300
"""A reply's error, at most: the client prints it on a terminal."""
IMPORT_BUSY_ERROR = N_("an import is already open in Replydesk; finish it first")

Reply = dict[str, Any]


# --- client -----------------------------------------------------------------------------


def encode_request(command: str, args: Sequence[str] = (), cwd: str | None = None) -> bytes:
    """One request line (see docs/ipc.md)."""
    request: dict[str, Any] = {"v": PROTOCOL_VERSION, "command": command, "args": list(args)}
    if cwd is not None:
        request["cwd"] = cwd
    return json.dumps(request).encode("ascii") + b"\n"


def _client_cwd() -> str | None:
    try:
        return os.getcwd()
    except OSError:  # the folder was deleted under us
        return None


def send_command(command: str, args: Sequence[str] = (), timeout_ms: int = 2000) -> Reply | None:
    """Hand a command to the running Replydesk and return its reply.

    None when no instance is listening (the caller starts the app itself). A reply is
    `{"ok": True, ...}` or `{"ok": False, "error": "..."}`; an instance that cannot be
    reached or does not answer within `timeout_ms` (the whole exchange) gives the latter.
    Blocking, no event loop or QApplication needed.
    """
    deadline = time.monotonic() + timeout_ms / 1000

    def remaining() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    try:
        address = server_address()
    except UnsafeSocketFolderError:
        return None  # no folder only we can enter: talk to nobody, start our own window
    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(remaining()):
        error = socket.error()
        socket.abort()
        if error in (
            QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError,
        ):
            return None
        # Translators: {reason} is Qt's reason, in English.
        message = _("could not reach the running Replydesk: {reason}")
        return _failure(message.format(reason=socket.errorString()))
    try:
        socket.write(encode_request(command, args, _client_cwd()))
        while socket.bytesToWrite() > 0:
            if not socket.waitForBytesWritten(remaining()):
                return _failure(_("the running Replydesk did not take the command"))
        data = bytearray()
        while b"\n" not in data:
            if len(data) > MAX_LINE_BYTES:
                return _failure(_("the running Replydesk sent an oversized reply"))
            if not socket.bytesAvailable() and not socket.waitForReadyRead(remaining()):
                if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                    return _failure(_("the running Replydesk closed the connection unanswered"))
                message = _("the running Replydesk did not answer within {seconds} s")
                return _failure(message.format(seconds=f"{timeout_ms / 1000:g}"))
            data += socket.readAll().data()
    finally:
        socket.abort()
    line = bytes(data.split(b"\n", 1)[0])
    try:
        reply = json.loads(line)
    except ValueError:
        return _failure(_("the running Replydesk sent a reply that is not JSON"))
    if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
        return _failure(_("the running Replydesk sent a malformed reply"))
    if "error" in reply:  # printed on a terminal by the caller: never raw escapes
        reply["error"] = one_line(str(reply["error"]), MAX_ERROR_CHARS)
    return reply


def _failure(error: str) -> Reply:
    return {"ok": False, "error": error}


def _someone_listening(address: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(address)
    connected = socket.waitForConnected(PROBE_TIMEOUT_MS)
    socket.abort()
    return connected


# --- server -----------------------------------------------------------------------------


class RequestError(Exception):
    """A request the server refuses; the message goes back to the client."""


class InstanceServer(QObject):
    """Listens for later launches; emits their commands, answers "status" itself.

    `commandReceived(command, args)` comes from the event loop just after the client got
    its `{"ok": true}`; an "import" argument is already an absolute path to a file.
    """

    commandReceived = Signal(str, object)  # object: a list of str kept as Python made it
    # (through a QStringList, a name that is not UTF-8, held as surrogateescape, is lost)

    def __init__(
        self, status: Callable[[], dict[str, Any]] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._status = status
        self._server: QLocalServer | None = None
        self._clients: dict[QLocalSocket, LineBuffer] = {}
        # Commands are emitted from the event loop, not from inside readyRead: a slot may
        # open a modal dialog, and its nested loop must not run inside socket handling.
        self._pending: list[tuple[str, list[str]]] = []
        self._emit_timer = QTimer(self)
        self._emit_timer.setSingleShot(True)
        self._emit_timer.setInterval(0)
        self._emit_timer.timeout.connect(self._emit_pending)
        self.error = ""
        """Why listening failed, when `listen()` returned True without a socket."""
        try:
            self.address = server_address()
        except UnsafeSocketFolderError as refused:
            self.address = ""
            self.error = str(refused)

    def listen(self) -> bool:
        """False when another instance is running; else True, now listening.

        Try to connect first; nobody answering means any socket file left is stale (a
        crash): remove it and listen, for this user only. Should listening fail anyway
        (say, an unwritable folder), the app still runs, without forwarding: a warning
        is logged, `is_listening()` is False and `error` says why.
        """
        if self.is_listening():
            return True
        if not self.address:
            log.warning("%s", self.error)
            return True
        lock = QLockFile(str(paths.data_dir() / LOCK_NAME))
        locked = lock.tryLock(LOCK_WAIT_MS)
        if not locked:
            log.warning("could not take %s; deciding without it", LOCK_NAME)
        try:
            if _someone_listening(self.address):
                return False
            QLocalServer.removeServer(self.address)
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            server.setMaxPendingConnections(64)
            if not server.listen(self.address):
                self.error = server.errorString()
                log.warning("not listening for other launches on %s: %s", self.address, self.error)
                server.deleteLater()
                return True
            server.newConnection.connect(self._accept)
            self._server = server
            return True
        finally:
            if locked:
                lock.unlock()

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        """Stop listening (the socket file goes) and drop every client."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        clients = list(self._clients)
        self._clients.clear()
        for socket in clients:
            socket.abort()
            socket.deleteLater()
        self._emit_timer.stop()
        self._pending.clear()

    # Sockets are connected to slots of this object, not to lambdas: Qt cuts those
    # connections before it deletes this object's children, so no Python code runs on a
    # socket while Qt is destroying it.

    @Slot()
    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            # Qt reads no further ahead than this: a client that sends without end is
            # held to a few lines' worth at a time, however fast it writes.
            socket.setReadBufferSize(4 * MAX_LINE_BYTES)
            self._clients[socket] = LineBuffer()
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(self._disconnected)

    @Slot()
    def _read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or socket not in self._clients:
            return
        buffer = self._clients[socket]
        for line in buffer.feed(bytes(socket.readAll().data())):
            if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                return
            buffer.answered += 1
            if buffer.answered > MAX_REQUESTS_PER_CONNECTION:
                message = ngettext(
                    "more than {count} request on one connection",
                    "more than {count} requests on one connection",
                    MAX_REQUESTS_PER_CONNECTION,
                )
                self._reply(socket, _failure(message.format(count=MAX_REQUESTS_PER_CONNECTION)))
                self._drop(socket)
                return
            try:
                reply, command = self._answer(line)
            except Exception:  # a bug met by a request: answered, logged, never a dialog
                log.exception("a request on the instance socket could not be handled")
                reply, command = (
                    _failure(_("the running Replydesk could not handle the request")),
                    None,
                )
            self._reply(socket, reply)
            if command is not None:
                self._pending.append(command)
                self._emit_timer.start()
            if socket.bytesToWrite() > MAX_UNREAD_REPLY_BYTES:
                log.warning("dropped a client of the instance socket that reads no replies")
                self._drop(socket)
                return

    @staticmethod
    def _reply(socket: QLocalSocket, reply: Reply) -> None:
        if "error" in reply:
            reply = {**reply, "error": one_line(str(reply["error"]), MAX_ERROR_CHARS)}
        socket.write(json.dumps(reply, default=str).encode("ascii") + b"\n")
        socket.flush()

    def _drop(self, socket: QLocalSocket) -> None:
        if self._clients.pop(socket, None) is not None:
            socket.disconnectFromServer()  # what was written still goes, then it closes
            socket.deleteLater()

    @Slot()
    def _disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and self._clients.pop(socket, None) is not None:
            socket.deleteLater()

    def _answer(self, line: bytes | None) -> tuple[Reply, tuple[str, list[str]] | None]:
        """The reply to one request line (None: oversized), and the command to emit."""
        if line is None:
            message = _("request line longer than {size} KiB")
            return _failure(message.format(size=MAX_LINE_BYTES // 1024)), None
        try:
            command, args = parse_request(line)
        except RequestError as error:
            return _failure(str(error)), None
        if command == "status":
            return self._status_reply(), None
        if command == "import" and self._import_open():
            return _failure(_(IMPORT_BUSY_ERROR)), None
        return {"ok": True}, (command, args)

    def _import_open(self) -> bool:
        """An import is already on its way (handed on, not yet emitted) or open in the
        window (its status says "import_open"): one preview at a time."""
        if any(command == "import" for command, _args in self._pending):
            return True
        if self._status is None:
            return False
        try:
            return bool(self._status().get("import_open"))
        except Exception:  # the provider is the app's; never crash the server
            log.exception("the status provider failed")
            return False

    @Slot()
    def _emit_pending(self) -> None:
        while self._pending:
            command, args = self._pending.pop(0)
            self.commandReceived.emit(command, args)

    def _status_reply(self) -> Reply:
        if self._status is None:
            return {"ok": True}
        try:
            return {**self._status(), "ok": True}
        except Exception as error:  # the provider is the app's; never crash the server
            log.exception("the status provider failed")
            # Translators: "status" is the name of the request that failed.
            return _failure(_("status failed: {error}").format(error=error))


class LineBuffer:
    """The bytes from one client, cut into lines; None stands for an oversized line.

    An oversized line is reported as soon as the limit is passed, then dropped up to its
    newline, so a client that never sends one cannot make the server hold its bytes.
    """

    def __init__(self) -> None:
        self.data = bytearray()
        self.discarding = False
        self.answered = 0
        """Lines answered on this connection so far."""

    def feed(self, chunk: bytes) -> list[bytes | None]:
        self.data += chunk
        lines: list[bytes | None] = []
        while True:
            end = self.data.find(b"\n")
            if end < 0:
                if not self.discarding and len(self.data) > MAX_LINE_BYTES:
                    self.discarding = True
                    lines.append(None)
                if self.discarding:
                    self.data.clear()
                return lines
            line = bytes(self.data[:end])
            del self.data[: end + 1]
            if self.discarding:
                self.discarding = False
            else:
                lines.append(None if len(line) > MAX_LINE_BYTES else line)


def parse_request(line: bytes) -> tuple[str, list[str]]:
    """The command and its arguments, paths made absolute; RequestError when malformed."""
    try:
        request = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RequestError(_("request is not UTF-8")) from error
    except RecursionError as error:
        raise RequestError(_("request is nested too deeply")) from error
    except ValueError as error:  # int() past Python's digit limit included
        # Translators: {reason} is Python's reason, in English.
        message = _("request is not JSON: {reason}")
        raise RequestError(message.format(reason=one_line(str(error), 120))) from error
    if not isinstance(request, dict):
        raise RequestError(_("request must be a JSON object"))
    version = request.get("v")
    if version is None:
        # Translators: "v" is the request's key: keep it.
        raise RequestError(_('request has no protocol version "v"'))
    if version != PROTOCOL_VERSION or isinstance(version, bool):
        # Translators: {version} is the version the request asked for, {supported} ours.
        message = _(
            "unsupported protocol version {version}; this Replydesk speaks version {supported}"
        )
        raise RequestError(message.format(version=_quoted(version), supported=PROTOCOL_VERSION))
    command = request.get("command")
    if not isinstance(command, str) or command not in COMMANDS:
        # Translators: {command} is the command asked for, {known} lists the known ones.
        message = _("unknown command {command}; known: {known}")
        raise RequestError(message.format(command=_quoted(command), known=", ".join(COMMANDS)))
    args = request.get("args", [])
    if not isinstance(args, list) or not all(isinstance(arg, str) for arg in args):
        # Translators: "args" is the request's key: keep it.
        raise RequestError(_('"args" must be a list of strings'))
    cwd = request.get("cwd")
    if cwd is not None and not isinstance(cwd, str):
        # Translators: "cwd" is the request's key: keep it.
        raise RequestError(_('"cwd" must be a string'))
    for arg in args:
        _check_path_text(arg)
    if cwd is not None:
        _check_path_text(cwd, cwd=True)
    if command == "import":
        if len(args) != 1:
            # Translators: "import" is the command's name: keep it.
            raise RequestError(_("import takes one argument: the file to import"))
        return command, [str(_resolve(args[0], cwd))]
    if args:
        # Translators: {command} is the command's name ("show", "quick").
        raise RequestError(_("{command} takes no arguments").format(command=command))
    return command, []


def _quoted(value: object) -> str:
    """`value` as a reply quotes it: its repr, cut short."""
    return one_line(repr(value), 80)


def _check_path_text(value: str, *, cwd: bool = False) -> None:
    """RequestError unless `value` can name a file: no NUL, and no lone surrogate other
    than the ones a non-UTF-8 file name decodes to (surrogateescape, as in sys.argv).
    `cwd`: the value is the request's "cwd", not one of its arguments."""
    if "\0" in value:
        raise RequestError(
            # Translators: "cwd" is the request's key: keep it.
            _('"cwd" holds a NUL character, which no file name can')
            if cwd
            else _("an argument holds a NUL character, which no file name can")
        )
    try:
        os.fsencode(value)
    except UnicodeError as error:
        raise RequestError(
            # Translators: "cwd" is the request's key: keep it.
            _('"cwd" holds text that is not valid Unicode')
            if cwd
            else _("an argument holds text that is not valid Unicode")
        ) from error


def _resolve(raw: str, cwd: str | None) -> Path:
    path = Path(raw)
    if not path.is_absolute():
        if not cwd or not Path(cwd).is_absolute():
            # Translators: {path} is the path asked for; "cwd" is the request's key.
            message = _("relative path {path} needs the client's absolute cwd")
            raise RequestError(message.format(path=_quoted(raw)))
        path = Path(cwd) / path
    try:
        path = path.resolve()
        found = path.is_file()  # a regular file (or a link to one): never a FIFO or a device
    except (OSError, RuntimeError) as error:  # too long, a symlink loop, no permission
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        # Translators: {reason} is the system's reason ("Permission denied").
        message = _("cannot open {path}: {reason}")
        raise RequestError(message.format(path=one_line(str(path), 200), reason=reason)) from None
    if not found:
        raise RequestError(_("no such file: {path}").format(path=path))
    return path
