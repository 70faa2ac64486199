"""The stepwise reader gives json.loads' result and json.loads' errors, in steps."""

from __future__ import annotations

import json

import pytest

from replydesk.core import stepwise_json

DOCUMENTS = [
    '{"format": "replydesk-templates", "templates": [{"a": 1}, {"b": [1, 2, {"c": []}]}]}',
    ' \n\t{ "templates" : [ ] , "x" : null }\r\n ',
    '{"templates": [1, 2], "templates": ["last wins"]}',
    "{}",
    '{"nested": {"deep": [[1], [2, [3]]]}, "n": -1.5e3, "s": "\\u00e9\\n", "t": true}',
    '{"list": ["a", "b"], "empty": "", "nan": NaN}',
    "[1, 2, 3]",
    '"just a string"',
    "42",
]
BROKEN = [
    "",
    "{",
    '{"templates": [1, 2,]}',
    '{"templates": [1 2]}',
    '{"templates": [1, 2]',
    '{"a": 1,}',
    '{"a" 1}',
    "{'a': 1}",
    '{"a": 1} trailing',
    '{"a": 1}{"b": 2}',
    '{"a": [1, 2]] }',
    '\ufeff{"a": 1}',
    '{"a": [tru]}',
    "[" * 100_000 + "]" * 100_000,
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_same_result_as_json_loads(text: str) -> None:
    expected = json.loads(text)
    got = stepwise_json.loads(text)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)


@pytest.mark.parametrize("text", BROKEN)
def test_the_same_error_as_json_loads(text: str) -> None:
    with pytest.raises((ValueError, RecursionError)) as expected:
        json.loads(text)
    with pytest.raises(type(expected.value)) as got:
        stepwise_json.loads(text)
    assert str(got.value) == str(expected.value)


def test_a_plain_object_is_read_without_json_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole point: no single call reads the whole file."""
    document = {"format": "f", "templates": [{"body": f"x{n}" * 100} for n in range(1000)]}
    text = json.dumps(document, indent=1)

    def whole_file(_text: str) -> object:
        raise AssertionError("json.loads read the whole file in one call")

    monkeypatch.setattr(stepwise_json.json, "loads", whole_file)
    assert stepwise_json.loads(text) == document


@pytest.mark.parametrize("size", [10, stepwise_json.CHUNK_BYTES * 3 + 7])
def test_decoding_in_chunks_matches_decoding_at_once(size: int) -> None:
    """Multi-byte characters cut across the chunks' edges; a byte-order mark first."""
    text = ("žluťoučký кот ő € " * (size // 10 + 1))[:size]
    raw = "\ufeff".encode() + text.encode()
    assert stepwise_json.decode(raw) == raw.decode("utf-8-sig") == text


def test_bad_utf8_in_a_later_chunk_is_refused() -> None:
    raw = b"a" * (stepwise_json.CHUNK_BYTES * 2) + b"\xff" + b"b" * 10
    with pytest.raises(UnicodeDecodeError):
        stepwise_json.decode(raw)
