"""The command line as a real `python -m replydesk` process (tests/unit/cli/ calls
`replydesk.cli.main` in-process for everything else)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import replydesk as package
from replydesk.core import library, paths
from replydesk.core.fields import example_values, format_value
from replydesk.core.render import fields_for


def replydesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m replydesk ARGS` on `data_dir`, from this source tree, without a display."""
    source = str(Path(package.__file__).resolve().parent.parent)
    env = {
        **os.environ,
        paths.DATA_DIR_ENV: str(data_dir),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONPATH": os.pathsep.join(p for p in (source, os.environ.get("PYTHONPATH")) if p),
    }
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "replydesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def test_fill_from_set_values_in_a_real_process(data_dir: Path) -> None:
    """The console entry point end to end: `__main__`, its exit code and stdout."""
    template = next(
        t for t in library.load_builtin() if t.language == "sk" and t.kind == "delivery"
    )
    fields = fields_for(template.body, template.fields)
    examples = example_values(fields)
    sets = [f"--set={f.name}={format_value(f, examples[f.name])}" for f in fields]
    result = replydesk(data_dir, "fill", template.id, *sets)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Dobrý deň, Anna")


def test_a_reader_that_stops_reading_gets_no_traceback(data_dir: Path) -> None:
    """`replydesk list | head -1`: the reader is gone before the table is written."""
    source = str(Path(package.__file__).resolve().parent.parent)
    env = {**os.environ, paths.DATA_DIR_ENV: str(data_dir), "PYTHONPATH": source}
    env.pop("DISPLAY", None)
    listing = subprocess.Popen(
        [sys.executable, "-m", "replydesk", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.close()  # as `head` does once it has its line
    said = listing.stderr.read()
    assert listing.wait(timeout=60) == 141
    assert "Traceback" not in said and "BrokenPipeError" not in said, said


def _add_template(data_dir: Path, name: str, body: str, origin: str = "import") -> None:
    from replydesk.core.models import TemplateData
    from replydesk.core.store import TemplateStore

    database = data_dir / paths.DATABASE_NAME
    with TemplateStore(database, data_dir / "backups") as store:
        store.create_template(
            TemplateData(name=name, kind="greeting", language="en", body=body, origin=origin)
        )


def test_a_reply_with_terminal_escapes_reaches_a_terminal_escaped(data_dir: Path) -> None:
    """`replydesk fill` on a terminal (a real pty): an imported body's OSC 52 (which
    writes the terminal's clipboard) and ANSI escapes are shown as escapes, with a note;
    redirected to a file the reply is exact."""
    import pty

    _add_template(data_dir, "Sly", "Hi\x1b]52;c;cm0gLXJmIH4=\x07 there\x1b[2J\nbye\u202e")
    source = str(Path(package.__file__).resolve().parent.parent)
    env = {**os.environ, paths.DATA_DIR_ENV: str(data_dir), "PYTHONPATH": source}
    env.pop("DISPLAY", None)
    leader, follower = pty.openpty()
    try:
        fill = subprocess.run(
            [sys.executable, "-m", "replydesk", "fill", "Sly"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert fill.returncode == 0, fill.stderr
    text = shown.decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "Hi\\x1b]52;c;cm0gLXJmIH4=\\x07 there\\x1b[2J" in text and "bye\\u202e" in text
    assert b"invisible or control characters" in fill.stderr
    exact = replydesk(data_dir, "fill", "Sly")  # not a terminal: the reply as it is
    assert exact.stdout == "Hi\x1b]52;c;cm0gLXJmIH4=\x07 there\x1b[2J\nbye\u202e\n"


def test_a_broken_template_is_named_in_one_line(data_dir: Path) -> None:
    _add_template(data_dir, "Bad one", "Hello\n{{ x|nosuch }}")
    _add_template(data_dir, "Too big", "Hi\n\n{{ ('{0:x>99999}' * 8000).format('x') }}")
    _add_template(data_dir, "Too deep", "Hi\n" + "{% for a in l %}" * 25 + "{% endfor %}" * 25)
    expected = {
        "Bad one": "replydesk: Bad one: line 2: ",  # then Jinja's words on the filter
        "Too big": "replydesk: Too big: line 3: the text would be longer than 100,000 characters\n",
        "Too deep": "replydesk: Too deep: line 2: the template is nested too deeply",
    }
    for name, said in expected.items():
        result = replydesk(data_dir, "fill", name)
        assert result.returncode == 1
        assert result.stderr.startswith(said), result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "nosuch" in replydesk(data_dir, "fill", "Bad one").stderr
