"""YAML mistakes told in an author's words (game.scenario.yamlhints): each kind of misplaced
line gets a message that says "indentation", names the line to fix and the column to use."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import parse_scenario

BASE = (Path(__file__).parent / "fixtures" / "base.yaml").read_text()


def _shift(line: int, by: int) -> str:
    """The base fixture with one line moved `by` columns (left when negative)."""
    lines = BASE.split("\n")
    text = lines[line - 1]
    lines[line - 1] = " " * by + text if by > 0 else text[-by:]
    return "\n".join(lines)


def _only(text: str) -> str:
    reports = parse_scenario(text.encode(), "x.yaml").reports
    assert len(reports) == 1, [str(r) for r in reports]
    return str(reports[0])


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (_shift(10, 1), "x.yaml:10:6:", ["'kind' starts at column 6", "right of 'date' on line 9",
                                          "move it to column 5"]),
        (_shift(22, -2), "x.yaml:23:7:", ["right of the list item on line 22",
                                           "if line 22 is the one out of place"]),
        (_shift(12, 2), "x.yaml:12:5:", ["in the column of 'perspective'", "move it to column 3",
                                          "list item on line 7"]),
        (_shift(95, 2), "x.yaml:95:7:", ["'events'", "in the column of the list item on line 94",
                                          "column 5, as 'briefing' on line 93"]),
        ("summary: >-\n  first line\n one more\n", "x.yaml:3:2:",
         ["line of text starts at column 2", "line 2, column 3", "move it to column 3"]),
        ("summary: >-\n  first line\nsecond line\nid: x\n", "x.yaml:3:1:",
         ["reads it as a key", "no ':'", "indent it like that text"]),
        (" id: x\ntitle: y\n", "x.yaml:1:2:", ["first key starts at column 2", "column 1"]),
    ],
    ids=["key-after-a-value", "list-item-after-a-moved-one", "item-in-a-key-column",
         "key-in-an-item-column", "text-line-left", "text-line-read-as-key", "first-key"],
)
def test_a_misplaced_line_is_named_with_the_column_to_use(
    text: str, where: str, words: list[str]
) -> None:
    report = _only(text)
    assert report.startswith(f"{where} YAML indentation error"), report
    for word in words:
        assert word in report, report


def test_a_key_swallowed_by_the_text_above_is_found_in_the_text() -> None:
    """`sources:` indented under a folded text is read as more of the text, so the item only
    lacks 'sources'; the message points at the line that holds it."""
    text = BASE.replace(
        "      - {text: Positions move., sources: [S1]}",
        "      - text: >-\n          Positions move.\n          sources: [S1]",
    )
    report = _only(text)
    assert report.startswith("x.yaml:96:11: rounds[1].briefing[0].sources: 'sources' is "
                             "indented too far"), report
    assert "more of the text of 'text'" in report


def test_a_colon_inside_text_still_gets_the_quotes_hint() -> None:
    report = _only(BASE.replace("brief: Joins late and wants a say.",
                                "brief: Joins late: wants a say."))
    assert report.startswith("x.yaml:64:22: YAML syntax error in 'brief': mapping values")
    assert "put the text in quotes" in report
    assert "indentation" not in report


def test_a_text_line_read_as_a_key_is_one_message_at_that_line() -> None:
    """A folded text whose second line starts in the column of the keys: YAML reads that line as
    a key, which leaves the text empty. One message, on the author's line, not two."""
    text = BASE.replace(
        "        text: East cares more about troops.\n",
        "        text: >-\n        Scenario step (hypothetical): East cares more about troops.\n",
    )
    report = _only(text)
    assert report.startswith("x.yaml:101:9: rounds[1].events[0]: a line of text ('Scenario step "
                             "(hypothetical)') starts in the column of the keys"), report
    assert "indent it like the text above it" in report
