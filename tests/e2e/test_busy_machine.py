"""A busy laptop: every core kept busy by other processes, and still every reply renders.

The render budget counts the rendering thread's processor time, and one-time costs
(compiling, loading a language's data) stay out of it, so waiting for a core never turns
a legitimate template into a budget error. Each check runs in a fresh process, so those
one-time costs are really paid under the load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

HOG = "print('busy', flush=True)\nwhile True:\n    pass\n"
# Every built-in, filled with example values, with the strict budget of the live preview.
RENDER_EVERY_BUILTIN = textwrap.dedent(
    """
    from replydesk.core import library
    from replydesk.core.fields import example_values
    from replydesk.core.filling import INTERACTIVE_RENDER_SECONDS
    from replydesk.core.render import fields_for, prepare_values, render

    count = 0
    for template in library.load_builtin():
        fields = fields_for(template.body, template.fields)
        values = prepare_values(fields, example_values(fields))
        text = render(
            template.body,
            values,
            language=template.language,
            time_budget=INTERACTIVE_RENDER_SECONDS,
        )
        assert text.strip(), template.id
        count += 1
    print(f"rendered {count}")
    """
)


@pytest.fixture
def busy_cores() -> Iterator[int]:
    """Four spinning processes per core (a laptop in the middle of a build), until the end.

    Each check then gets a fraction of a core: its wall time stretches several-fold, its
    processor time does not. (With a wall-clock budget, the first renders failed here.)
    """
    count = 4 * (os.cpu_count() or 2)
    hogs = [
        subprocess.Popen([sys.executable, "-c", HOG], stdout=subprocess.PIPE, text=True)
        for _ in range(count)
    ]
    try:
        for hog in hogs:
            assert hog.stdout is not None and hog.stdout.readline().strip() == "busy"
        yield count
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def run(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "REPLYDESK_DATA_DIR": str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=600
    )


def test_every_builtin_renders_within_the_preview_budget_on_busy_cores(
    busy_cores: int, tmp_path: Path
) -> None:
    result = run(["-c", RENDER_EVERY_BUILTIN], tmp_path / "data")
    assert result.returncode == 0, result.stderr
    from replydesk.core import library

    assert result.stdout.strip() == f"rendered {len(library.builtin_paths())}"


def test_the_smoke_test_renders_every_builtin_on_busy_cores(
    busy_cores: int, tmp_path: Path
) -> None:
    result = run(["-m", "replydesk", "--smoke-test"], tmp_path / "data")
    assert result.returncode == 0, result.stderr
    from replydesk.core import library

    count = len(library.builtin_paths())
    assert result.stdout.strip() == (
        f"smoke test passed: rendered {count} built-in templates in the window"
    )
