"""The stepwise reader gives json.loads' result and json.loads' errors, in steps."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    '\ufeff{"a": 1}',  # with encoding utf-8 (not utf-8-sig)
    '{"a": [tru]}',
    "[" * 100_000 + "]" * 100_000,
]


CHUNKS = [1, 2, 3, 7, 64, stepwise_json.CHUNK_BYTES]
"""Pieces so small that every value, key and white space is cut across their edges."""


@pytest.mark.parametrize("chunk_bytes", CHUNKS)
@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_same_result_as_json_loads(text: str, chunk_bytes: int) -> None:
    expected = json.loads(text)
    got = stepwise_json.load(text.encode(), "utf-8", chunk_bytes)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)


@pytest.mark.parametrize("chunk_bytes", CHUNKS)
@pytest.mark.parametrize("text", BROKEN)
def test_the_same_error_as_json_loads(text: str, chunk_bytes: int) -> None:
    with pytest.raises((ValueError, RecursionError)) as expected:
        json.loads(text)
    with pytest.raises(type(expected.value)) as got:
        stepwise_json.load(text.encode(), "utf-8", chunk_bytes)
    assert str(got.value) == str(expected.value)


def test_a_byte_order_mark_is_read_as_utf_8_sig_reads_it() -> None:
    assert stepwise_json.load('\ufeff{"a": [1]}'.encode()) == {"a": [1]}


@pytest.fixture
def in_steps_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """json.loads and a whole-text decode fail: what is read was read in steps."""

    def whole_file(*_args: object) -> object:
        raise AssertionError("the whole file was read in one call")

    monkeypatch.setattr(stepwise_json.json, "loads", whole_file)
    monkeypatch.setattr(stepwise_json, "decode", whole_file)


@pytest.mark.usefixtures("in_steps_only")
def test_a_number_cut_across_two_chunks_is_read_whole() -> None:
    text = '{"n": [12345678, -1.25e+10, 7], "m": 42, "t": true}'
    for chunk_bytes in range(1, len(text) + 1):
        assert stepwise_json.load(text.encode(), "utf-8", chunk_bytes) == {
            "n": [12345678, -1.25e10, 7],
            "m": 42,
            "t": True,
        }


def test_bad_utf8_is_refused_as_decoding_refuses_it() -> None:
    raw = b'{"a": ["' + b"x" * 100 + b'\xff"]}'
    with pytest.raises(UnicodeDecodeError):
        stepwise_json.load(raw, chunk_bytes=16)


@pytest.mark.usefixtures("in_steps_only")
def test_a_plain_object_is_read_without_reading_the_whole_file_at_once() -> None:
    """The whole point: no single call decodes or parses the whole file."""
    document = {"format": "f", "templates": [{"body": f"x{n} ž" * 100} for n in range(1000)]}
    raw = json.dumps(document, indent=1, ensure_ascii=False).encode()
    assert stepwise_json.load(raw, chunk_bytes=4096) == document


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


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    document=st.dictionaries(st.text(max_size=5), _VALUES, max_size=5),
    chunk_bytes=st.integers(1, 40),
    indent=st.sampled_from([None, 0, 2]),
    ascii_only=st.booleans(),
)
def test_any_object_cut_anywhere_reads_as_json_loads_reads_it(
    document: dict[str, object], chunk_bytes: int, indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_only)
    got = stepwise_json.load(text.encode(), "utf-8", chunk_bytes)
    assert json.dumps(got, sort_keys=True) == json.dumps(json.loads(text), sort_keys=True)
