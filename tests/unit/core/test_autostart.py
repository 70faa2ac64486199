"""Start at login: the XDG autostart entry, and what other systems are told."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from replydesk.core import autostart
from replydesk.core.autostart import AutostartError, AutostartUnsupportedError
from replydesk.core.errors import ReplydeskError


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """XDG_CONFIG_HOME (and the system folders) in the test's own folder, on Linux."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    monkeypatch.setattr(autostart, "_platform", lambda: "linux")
    return home


def keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


# The spec's "reserved characters": an argument holding one must be quoted.
RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def unquote_exec(value: str) -> list[str]:
    """An Exec value back to its arguments, read the way the Desktop Entry spec says:
    string escapes first, then the quoting rules, then %% is %."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    text, chars = "", iter(value)
    for char in chars:
        text += escapes[next(chars)] if char == "\\" else char
    arguments: list[str] = []
    current: str | None = None
    quoted = False
    chars = iter(text)
    for char in chars:
        if quoted and char == "\\":
            following = next(chars)
            assert following in '"`$\\', f"\\{following} is not a valid escape"
            current = (current or "") + following
        elif char == '"':
            quoted = not quoted
            current = current or ""
        elif char == " " and not quoted:
            if current is not None:
                arguments.append(current)
            current = None
        else:
            assert quoted or char not in RESERVED, f"{char!r} must be quoted"
            current = (current or "") + char
    assert not quoted, "unbalanced quotes"
    if current is not None:
        arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


def test_enable_writes_an_entry_that_starts_minimized(config: Path) -> None:
    assert autostart.autostart_supported()
    assert not autostart.is_enabled()
    path = autostart.enable(["/opt/replydesk/bin/replydesk"])
    assert path == config / "autostart" / "replydesk.desktop"
    assert keys(path) == {
        "Type": "Application",
        "Name": "Replydesk",
        "Comment": "Reply templates for freelancers, ready in the tray",
        "Exec": "/opt/replydesk/bin/replydesk --minimized",
        "Icon": "replydesk",
        "Terminal": "false",
        "X-GNOME-Autostart-enabled": "true",
    }
    assert path.stat().st_mode & 0o777 == 0o644
    assert autostart.is_enabled()
    assert [p.name for p in path.parent.iterdir()] == ["replydesk.desktop"]  # no temp left


def test_disable_removes_the_entry_and_is_harmless_twice(config: Path) -> None:
    path = autostart.enable(["replydesk"])
    autostart.disable()
    assert not path.exists()
    assert not autostart.is_enabled()
    autostart.disable()
    assert autostart.enable(["replydesk"]) == path
    assert autostart.is_enabled()


def test_without_xdg_config_home_the_entry_goes_to_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for value in ("", "relative/path"):  # a relative path is invalid: ignored (XDG spec)
        monkeypatch.setenv("XDG_CONFIG_HOME", value)
        path = tmp_path / "home" / ".config" / "autostart" / "replydesk.desktop"
        assert autostart.entry_path() == path


def test_the_default_command_runs_this_installation(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setattr(sys, "executable", "/nowhere/python3")
    assert autostart.default_command() == ["/nowhere/python3", "-m", "replydesk"]
    exec_line = keys(autostart.enable())["Exec"]
    assert exec_line == "/nowhere/python3 -m replydesk --minimized"

    monkeypatch.setattr(shutil, "which", lambda _name: "/usr/local/bin/replydesk")
    assert autostart.default_command() == ["/usr/local/bin/replydesk"]


def test_the_script_beside_the_interpreter_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: Path
) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "replydesk"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    monkeypatch.setattr(shutil, "which", lambda _name: "/usr/bin/replydesk")
    assert autostart.default_command() == [str(script)]


@pytest.mark.parametrize(
    "command",
    [
        ["/home/ana/My Apps/python3", "-m", "replydesk"],
        ["/opt/it's/replydesk"],
        ['/opt/"quoted"/replydesk', "$HOME", "`x`", "back\\slash", "100%"],
        ["/opt/tab\there/replydesk", "a;b|c&d", "~", "#x", "(y)", "*?<>"],
    ],
)
def test_awkward_paths_are_quoted_per_the_desktop_entry_spec(
    config: Path, command: list[str]
) -> None:
    value = keys(autostart.enable(command))["Exec"]
    assert unquote_exec(value) == [*command, "--minimized"]


def test_quoting_matches_the_specs_examples() -> None:
    # The spec: a literal backslash in a quoted argument is four backslashes in the file,
    # a dollar sign is \\$; a percent sign is always %%.
    assert autostart.exec_value(["/a b/x", "c\\d"]) == '"/a b/x" "c\\\\\\\\d"'
    assert autostart.exec_value(["$x"]) == '"\\\\$x"'
    assert autostart.exec_value(["50%"]) == "50%%"
    assert autostart.exec_value(["plain-arg_1.0=x"]) == "plain-arg_1.0=x"
    assert autostart.exec_value([""]) == '""'
    with pytest.raises(ValueError):
        autostart.exec_value([])


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed"
)
@pytest.mark.parametrize("command", [["replydesk"], ["/home/ana/My Apps/py", "-m", "replydesk"]])
def test_the_entry_passes_desktop_file_validate(config: Path, command: list[str]) -> None:
    path = autostart.enable(command)
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no errors, warnings or hints


def test_an_entry_switched_off_by_the_desktop_is_not_enabled(config: Path) -> None:
    path = autostart.enable(["replydesk"])
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false")
    )
    assert not autostart.is_enabled()
    path.write_text(text + "Hidden=true\n")
    assert not autostart.is_enabled()
    path.write_text(text)
    assert autostart.is_enabled()


def test_a_system_wide_entry_is_hidden_rather_than_removed(tmp_path: Path, config: Path) -> None:
    system = tmp_path / "xdg" / "autostart" / "replydesk.desktop"
    system.parent.mkdir(parents=True)
    system.write_text(autostart.desktop_entry(["/usr/bin/replydesk"]), encoding="utf-8")
    assert autostart.is_enabled()

    autostart.disable()
    assert system.exists()
    assert keys(autostart.entry_path())["Hidden"] == "true"
    assert not autostart.is_enabled()

    autostart.enable(["/usr/bin/replydesk"])
    assert autostart.is_enabled()


def test_a_folder_that_cannot_be_written_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    with pytest.raises(AutostartError, match=r"cannot write .*not-a-folder/autostart"):
        autostart.enable(["replydesk"])


@pytest.mark.parametrize(
    ("platform", "words"),
    [
        ("win32", ["shell:startup", "shortcut", "--minimized"]),
        ("darwin", ["Login Items", "Open at Login"]),
    ],
)
def test_windows_and_macos_are_told_what_to_do_by_hand(
    config: Path, monkeypatch: pytest.MonkeyPatch, platform: str, words: list[str]
) -> None:
    monkeypatch.setattr(autostart, "_platform", lambda: platform)
    assert not autostart.autostart_supported()
    assert not autostart.is_enabled()
    with pytest.raises(AutostartUnsupportedError) as raised:
        autostart.enable(["replydesk"])
    assert isinstance(raised.value, ReplydeskError)
    for word in words:
        assert word in str(raised.value)
    assert str(raised.value) == autostart.manual_steps()
    autostart.disable()  # nothing to undo
    assert not (config / "autostart").exists()


def test_linux_needs_no_manual_steps(config: Path) -> None:
    assert autostart.manual_steps() == ""
