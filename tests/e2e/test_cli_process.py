"""The command line as a real `python -m replydesk` process (tests/unit/test_cli.py calls
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
