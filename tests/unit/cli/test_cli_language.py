"""The command line speaks the language of $LANG/$LC_MESSAGES: its own help and messages
and argparse's."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.conftest import RunCli


def test_the_help_follows_lc_messages(replydesk: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_MESSAGES", "ru_RU.UTF-8")
    result = replydesk("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("использование: replydesk")
    assert "показать список шаблонов" in result.stdout  # `list`'s help, from our catalogue
    assert "usage" not in result.stdout and "list templates" not in result.stdout


def test_argparses_own_errors_are_translated(
    replydesk: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LC_MESSAGES")  # then $LANG says it
    monkeypatch.setenv("LANG", "sk_SK.UTF-8")
    result = replydesk("show")
    assert result.returncode == 2
    assert "použitie: replydesk show" in result.stderr
    assert "vyžadujú sa tieto argumenty" in result.stderr


def test_english_under_an_unknown_language(
    replydesk: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_MESSAGES", "de_DE.UTF-8")
    result = replydesk("--help")
    assert result.stdout.startswith("usage: replydesk")
