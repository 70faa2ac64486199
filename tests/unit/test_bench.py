"""The benchmark runs end to end on a small library and reports every figure (no timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import replydesk

EXPECTED = {
    "cold start: first paint",
    "cold start: ready",
    "memory: peak RSS until ready (MB)",
    "summon: `quick` process (wall)",
    "search as you type (per key)",
    "select and preview",
    "copy",
    "import",
    "export",
    "command line: fill",
}


def test_bench_json_has_every_figure(tmp_path: Path) -> None:
    env = dict(os.environ)
    package_root = str(Path(replydesk.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    env["REPLYDESK_DATA_DIR"] = str(tmp_path / "unused")
    env["TMPDIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "replydesk.bench", "--n", "200", "--runs", "1", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["n"] == 200
    figures = data["figures"]
    assert {figure["name"] for figure in figures} >= EXPECTED
    for figure in figures:
        assert {"name", "median", "p95", "floor", "ratio", "target", "met"} <= set(figure)
        assert figure.get("error") is None, f"{figure['name']}: {figure['error']}"
        assert isinstance(figure["median"], float), figure["name"]
        assert isinstance(figure["p95"], float), figure["name"]
        assert isinstance(figure["target"], float), figure["name"]
        assert isinstance(figure["met"], bool), figure["name"]
        if figure["target_kind"] == "ratio":
            assert isinstance(figure["floor"], float), figure["name"]
            assert isinstance(figure["ratio"], float), figure["name"]
