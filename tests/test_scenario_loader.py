"""game.scenario.yamlsafe: strict composition with marks, the same with or without libyaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario import Report, parse_scenario
from game.scenario.yamlsafe import YamlProblem, compose, decode

ROOT = Path(__file__).parent.parent
FILES = [ROOT / "tests" / "fixtures" / "base.yaml", *sorted((ROOT / "content").glob("*.yaml"))]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_libyaml_and_pure_python_give_the_same_data_and_marks(path: Path) -> None:
    text = decode(path.read_bytes())
    fast, slow = compose(text), compose(text, fast=False)
    assert fast.data == slow.data
    assert fast.values == slow.values
    assert fast.keys == slow.keys


def test_marks_count_characters_after_non_ascii_text() -> None:
    text = "a: «é»\nb: [x, «y»]\n"
    for fast in (True, False):
        located = compose(text, fast=fast)
        assert located.values[("b", 1)] == (2, 8)
        assert located.keys[("b",)] == (2, 1)


def test_plain_aliases_are_allowed_and_expanded() -> None:
    located = compose("a: &s [S1, S2]\nb: *s\n")
    assert located.data == {"a": ["S1", "S2"], "b": ["S1", "S2"]}


def test_dates_stay_as_written() -> None:
    assert compose("date: 2022-03-29\n").data == {"date": "2022-03-29"}


def test_byte_order_mark_and_crlf_line_ends_are_accepted() -> None:
    base = (ROOT / "tests" / "fixtures" / "base.yaml").read_bytes()
    parsed = parse_scenario(b"\xef\xbb\xbf" + base.replace(b"\n", b"\r\n"), "crlf.yaml")
    assert parsed.reports == [] and parsed.scenario is not None


def test_crlf_keeps_line_numbers() -> None:
    base = (ROOT / "tests" / "fixtures" / "broken" / "wrong_type.yaml").read_bytes()
    (report,) = parse_scenario(base.replace(b"\n", b"\r\n"), "w.yaml").reports
    assert (report.line, report.col) == (39, 18)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: [1, 2\nb: 1\n", 1, "'[' list is never closed"),
        ("a: {b: 1\n", 1, "'{' mapping is never closed"),
        ("id: x\ntitle: \"abc\n", 2, "quoted text is never closed"),
        ("? [a, b]\n: 1\n", 1, "mapping key must be plain text"),
        ("a: !!binary aGVsbG8=\n", 1, "not allowed"),
        ("a: !custom {x: 1}\n", 1, "not allowed"),
    ],
)
def test_syntax_and_construct_problems_are_located(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlProblem) as err:
        compose(text)
    assert err.value.problem.mark is not None and err.value.problem.mark[0] == line
    assert words in err.value.problem.message


def test_comment_only_file_counts_as_empty() -> None:
    (report,) = parse_scenario(b"# nothing here\n", "c.yaml").reports
    assert "file is empty" in report.message


BASE = (ROOT / "tests" / "fixtures" / "base.yaml").read_bytes()
TOKENS = [b"", b"-", b":", b"[", b"]", b"{", b"}", b"&a", b"*a", b"!!str", b"'", b'"', b"\t",
          b"x", b"1e999", b"null", b"? ", b"<<: *a", b"\n", b"#", b"-1", b"~", b"|", b"\xff",
          b"\x07", b"\r", b"--- ", b"[" * 80]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(BASE) - 1), st.integers(0, 4),
                          st.sampled_from(TOKENS)), min_size=1, max_size=3))
def test_any_small_corruption_gives_a_scenario_or_located_reports(
    edits: list[tuple[int, int, bytes]],
) -> None:
    data = bytearray(BASE)
    for at, cut, token in edits:
        data[at : at + cut] = token
    parsed = parse_scenario(bytes(data), "f.yaml")
    assert (parsed.scenario is None) == bool(parsed.reports)
    # lines as YAML (and editors) count them: a lone carriage return breaks a line too
    last = bytes(data).replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for r in parsed.reports:
        assert 1 <= r.line <= last and r.col >= 1 and r.message


def test_a_duplicate_key_does_not_stop_the_other_checks() -> None:
    text = BASE.replace(b"reservation: 0.35\n", b"reservation: 0.35\n    reservation: 0.5\n")
    text = text.replace(b"roles: [east, west,", b"roles: [east, wset,")
    reports = [str(r) for r in parse_scenario(text, "d.yaml").reports]
    assert reports == [
        "d.yaml:55:5: parties[1].reservation: duplicate key 'reservation' (first given at line 54)",
        "d.yaml:119:15: roles[1]: 'wset' is not a party, a coalition or 'mediator'",
    ]


def test_a_report_is_always_one_line() -> None:
    report = Report("f.yaml", 3, 4, "first\nsecond\r\nthird")
    assert str(report) == "f.yaml:3:4: first second  third"
