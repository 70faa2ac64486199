"""`replydesk fill --copy` as a real process on a real X clipboard: the delivery rules of
the window (core.delivery) hold on the command line too."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from x11 import clipboard_held, clipboard_text, needs, x_env, xvfb

import replydesk as package
from replydesk.core import paths
from replydesk.core.models import TemplateData
from replydesk.core.store import TemplateStore

pytestmark = needs("Xvfb", "xclip")

BODY = "Hi {{ client_name }}, call me at +7 (912) 345-67-89."


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb() as name:
        yield name


def fill_copy(data_dir: Path, display: str, *extra: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of `replydesk fill "Phone reply" --copy EXTRA`.

    Output goes to files, not pipes: the xclip that pyperclip leaves holding the
    clipboard inherits them, and a pipe would stay open as long as it lives."""
    source = str(Path(package.__file__).resolve().parent.parent)
    env = {**x_env(display), paths.DATA_DIR_ENV: str(data_dir), "PYTHONPATH": source}
    env.pop("QT_QPA_PLATFORM", None)
    out, err = data_dir / "out.txt", data_dir / "err.txt"
    argv = [sys.executable, "-m", "replydesk", "fill", "Phone reply", "--set", "client_name=Ann"]
    with open(out, "w", encoding="utf-8") as stdout, open(err, "w", encoding="utf-8") as stderr:
        status = subprocess.run(
            [*argv, "--copy", *extra],
            stdout=stdout,
            stderr=stderr,
            env=env,
            timeout=60,
            check=False,
        ).returncode
    return status, out.read_text("utf-8"), err.read_text("utf-8")


def test_a_reply_with_an_error_is_copied_only_with_anyway(
    store: TemplateStore, data_dir: Path, display: str
) -> None:
    store.create_template(TemplateData("Phone reply", "greeting", "en", BODY))
    with clipboard_held(display, "before"):
        status, _, said = fill_copy(data_dir, display)
        assert status == 3, said
        assert "not copied" in said
        assert clipboard_text(display) == "before"
    status, reply, said = fill_copy(data_dir, display, "--anyway")
    assert status == 0, said
    assert reply.startswith("Hi Ann, call me")
    assert clipboard_text(display) == reply.rstrip("\n")
    assert store.get_template(store.find_template("Phone reply").id).use_count == 1
