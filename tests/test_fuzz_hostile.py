"""Fuzz tests for issue 17's classes: whatever a save file or a scenario's text holds, loading
gives a SaveError or a report (never another exception), control characters never pass, and
every text shows literally on a screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.markup import to_content

from game.saves import SaveError, load_save, parse_save
from game.scenario import parse_scenario
from game.scenario.controls import CONTROL, strip
from game.tui.safe import esc

FIXTURES = Path(__file__).parent / "fixtures"
BASE = yaml.safe_load((FIXTURES / "base.yaml").read_text(encoding="utf-8"))

hostile_text = st.text(
    alphabet=st.sampled_from(list("[]/\\ab =#@$") + ["\x1b", "\x07", "\x9b", "\x00", "\n", "é"]),
    min_size=1, max_size=20,
)

json_leaf = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=False), hostile_text,
    st.integers(-(10**60), 10**60),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=30,
)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["format", "version", "scenario", "role", "seed", "plays",
                                        "moves", "log", "finished", "x"]), json_value))
def test_any_json_document_is_a_save_or_a_save_error(doc: dict) -> None:
    doc.setdefault("format", "redlines-save")
    try:
        parse_save(json.dumps(doc), "fuzz.json")
    except SaveError as err:
        assert str(err).startswith("fuzz.json")


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(1, 3000), opener=st.sampled_from(["[", '{"a":']),
       digits=st.integers(1, 6000))
def test_nesting_and_number_sizes_never_escape_as_other_errors(depth: int, opener: str,
                                                               digits: int) -> None:
    closer = "]" if opener == "[" else "}"
    for text in (opener * depth + "1" + closer * depth,
                 '{"format": "redlines-save", "version": 3, "seed": ' + "7" * digits + "}"):
        with pytest.raises(SaveError) as err:  # none of these is a save; each is said clearly
            parse_save(text, "f.json")
        message = str(err.value)
        if depth > 64 and text.startswith(opener * 65):
            assert "nested deeper than 64 levels" in message or "not a Red Lines save" in message
        if digits > 1000 and text.startswith('{"format"'):
            assert f"a number of {digits} digits" in message


TEXT_FIELDS = [("title",), ("summary",), ("issues", 0, "title"), ("issues", 0, "options", 0,
               "label"), ("parties", 0, "name"), ("period",)]


def _set(doc: dict, path: tuple, value: str) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXT_FIELDS), hostile_text)
def test_scenario_text_control_characters_are_reported_at_their_place(path: tuple,
                                                                      text: str) -> None:
    doc = json.loads(json.dumps(BASE))
    _set(doc, path, "x" + text)
    data = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    parsed = parse_scenario(data, "fuzz.yaml")
    field = path[-1]
    if CONTROL.search(text):
        assert parsed.scenario is None
        assert any(f"{field}: control character U+" in r.message for r in parsed.reports), \
            parsed.reports
        assert all(r.line >= 1 for r in parsed.reports)
    else:
        assert parsed.scenario is not None, parsed.reports


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_any_text_shows_literally_through_esc(text: str) -> None:
    shown = to_content(f"[b]{esc(text)}[/b]|[i]end[/i]").plain
    assert shown.split("|end")[0].rstrip(" ") == strip(text).rstrip(" ") or \
        strip(text).endswith("\\")
    assert not CONTROL.search(shown)


def test_a_save_file_of_any_bytes_is_refused_cleanly(tmp_path: Path) -> None:
    for raw in (b"\x00" * 10, b"\xff\xfe", b"{" * 10_000, b'"' * 3, b"1e999999"):
        path = tmp_path / "x.json"
        path.write_bytes(raw)
        try:
            load_save(path)
        except SaveError as err:
            assert str(path) in str(err)
