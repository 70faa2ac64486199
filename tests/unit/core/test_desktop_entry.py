"""The application-menu entry: the shipped files validate; install and uninstall under
XDG_DATA_HOME; Windows and macOS say what to do instead."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from replydesk import cli
from replydesk.core import desktop_entry
from replydesk.core.desktop_entry import DesktopEntryError, install_desktop, uninstall_desktop
from replydesk.core.shipped import resources_dir

RESOURCES = resources_dir()
METAINFO = RESOURCES / "io.github.replydesk.Replydesk.metainfo.xml"


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setattr(desktop_entry, "_platform", lambda: "linux")
    return home


def read_entry(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def test_shipped_entry_has_the_menu_keys() -> None:
    entry = read_entry(RESOURCES / "replydesk.desktop")
    main = entry["Desktop Entry"]
    assert main["Name"] == "Replydesk"
    assert main["GenericName"] == "Reply templates"
    assert main["Exec"] == "replydesk"
    assert main["Icon"] == "replydesk"
    assert main["Terminal"] == "false"
    assert main["Categories"] == "Office;Utility;"
    assert main["StartupWMClass"] == "replydesk"
    assert entry["Desktop Action quick-paste"]["Exec"] == "replydesk quick"
    assert entry["Desktop Action quick-paste"]["Name"] == "Quick paste"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="no desktop-file-validate")
def test_shipped_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(RESOURCES / "replydesk.desktop")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="no appstreamcli")
def test_shipped_metainfo_validates() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_launches_the_shipped_entry() -> None:
    text = METAINFO.read_text(encoding="utf-8")
    assert "<id>io.github.replydesk.Replydesk</id>" in text
    assert '<launchable type="desktop-id">replydesk.desktop</launchable>' in text


def test_install_writes_the_entry_with_the_real_command_and_the_icon(data_home: Path) -> None:
    written = install_desktop(["/opt/my apps/replydesk"])
    entry = data_home / "applications" / "replydesk.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "replydesk.svg"
    assert written == [icon, entry]
    assert icon.read_bytes() == (RESOURCES / "icons" / "replydesk.svg").read_bytes()
    parsed = read_entry(entry)
    assert parsed["Desktop Entry"]["Exec"] == '"/opt/my apps/replydesk"'
    assert parsed["Desktop Action quick-paste"]["Exec"] == '"/opt/my apps/replydesk" quick'
    assert parsed["Desktop Entry"]["Icon"] == "replydesk"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0, result.stdout


def test_install_defaults_to_this_installation(
    data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desktop_entry, "default_command", lambda: ["/venv/bin/replydesk"])
    install_desktop()
    entry = read_entry(data_home / "applications" / "replydesk.desktop")
    assert entry["Desktop Entry"]["Exec"] == "/venv/bin/replydesk"


def test_install_survives_missing_or_failing_cache_tools(
    data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("broken tool")

    monkeypatch.setattr(desktop_entry.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(desktop_entry.subprocess, "run", fail)
    assert len(install_desktop(["replydesk"])) == 2


def test_uninstall_removes_what_install_wrote(data_home: Path) -> None:
    written = install_desktop(["replydesk"])
    removed = uninstall_desktop()
    assert sorted(removed) == sorted(written)
    assert not any(path.exists() for path in written)
    assert uninstall_desktop() == []


@pytest.mark.parametrize(("platform", "words"), [("win32", "Start Menu"), ("darwin", "Dock")])
def test_windows_and_macos_say_what_to_do_instead(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, platform: str, words: str
) -> None:
    monkeypatch.setattr(desktop_entry, "_platform", lambda: platform)
    with pytest.raises(DesktopEntryError, match=words):
        install_desktop(["replydesk"])
    with pytest.raises(DesktopEntryError, match=words):
        uninstall_desktop()
    assert not data_home.exists()


def test_cli_install_and_uninstall_print_the_files(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(desktop_entry, "default_command", lambda: ["/venv/bin/replydesk"])
    monkeypatch.setattr(
        "replydesk.core.store.TemplateStore.open_default",
        lambda: pytest.fail("the store must not be opened"),
    )
    assert cli.main(["install-desktop"]) == 0
    out = capsys.readouterr().out
    assert f"wrote {data_home / 'applications' / 'replydesk.desktop'}" in out
    assert cli.main(["uninstall-desktop"]) == 0
    assert f"removed {data_home / 'applications' / 'replydesk.desktop'}" in capsys.readouterr().out
    assert cli.main(["uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_cli_reports_an_unsupported_system(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(desktop_entry, "_platform", lambda: "win32")
    assert cli.main(["install-desktop"]) == 1
    assert "replydesk: Replydesk cannot add itself" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.e2e
def test_the_installed_entry_launches_the_app(data_home: Path, tmp_path: Path) -> None:
    """Run the installed entry's Exec line the way a launcher does (plus --smoke-test)."""
    import os
    import shlex
    import sys

    install_desktop([sys.executable, "-m", "replydesk"])
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(data_home / "applications" / "replydesk.desktop", encoding="utf-8")
    command = shlex.split(entry["Desktop Entry"]["Exec"])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REPLYDESK_DATA_DIR": str(tmp_path / "d")}
    result = subprocess.run(
        [*command, "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke test passed")


def test_a_relative_xdg_data_home_is_ignored(
    data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # invalid (XDG spec): ignored
    assert desktop_entry.entry_path() == tmp_path / "home" / ".local/share/applications" / (
        "replydesk.desktop"
    )


def test_the_entry_is_written_whole_and_readable_by_all(data_home: Path) -> None:
    entry = data_home / "applications" / "replydesk.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("an older entry", encoding="utf-8")
    install_desktop(["replydesk"])
    assert entry.stat().st_mode & 0o777 == 0o644
    assert read_entry(entry)["Desktop Entry"]["Exec"] == "replydesk"
    assert not [path for path in entry.parent.iterdir() if path.name.startswith(".")]


def test_a_folder_that_cannot_be_written_is_named(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    with pytest.raises(DesktopEntryError, match=r"^cannot write .*not-a-folder/icons"):
        install_desktop(["replydesk"])
