"""Every broken fixture is tests/fixtures/base.yaml with one mistake; each must be reported on the
exact line (and column) of the mistake, naming the field, and as the only problem."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from game.scenario import parse_scenario
from game.scenario.yamlsafe import MAX_BYTES

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"

# fixture, line, column (None: not meaningful), words the message must contain
CASES = [
    ("yaml_syntax", 8, 24, ["'title'", "mapping values", "quotes"]),
    ("tab_indent", 10, 1, ["'kind'", "tab"]),
    ("duplicate_key", 9, 5, ["sources[0].title", "duplicate key 'title'", "line 8"]),
    ("unknown_field", 62, 5, ["parties[1].stratgy", "unknown field", "did you mean 'strategy'"]),
    ("misspelt_required_field", 99, 9, ["events[0].wieght", "did you mean 'weight'"]),
    ("unknown_top_field", 111, 1, ["confidence_step", "did you mean 'confidence_steps'"]),
    ("wrong_type", 39, 18, ["parties[0].reservation", "valid number", "'high'"]),
    ("year_not_text", 9, 11, ["sources[0].date", "valid string", "quotes"]),
    ("bad_literal", 10, 11, ["sources[0].kind", "'opinion'", "'blog'"]),
    ("bad_id_pattern", 85, 9, ["rounds[0].id", "pattern", "'Round 1'"]),
    ("out_of_range", 37, 24, ["parties[0].values.ceasefire.now", "less than or equal to 100"]),
    ("list_for_mapping", 35, 14, ["parties[0].weights", "valid dictionary"]),
    ("empty_list", 88, 15, ["rounds[0].briefing", "at least 1 item"]),
    ("missing_field", 85, 5, ["rounds[0]", "missing required field 'title'"]),
    ("redline_two_forms", 45, 18, ["parties[0].red_lines[0].require", "exactly one of"]),
    ("when_without_then", 59, 15, ["parties[1].red_lines[0].when", "'when' and 'then'"]),
    ("redline_unknown_issue", 44, 25, ["red_lines[0].forbid.issue", "'troop'", "did you mean"]),
    ("redline_unknown_option", 44, 43, ["red_lines[0].forbid.options[0]", "no option 'many'"]),
    ("redline_id_twice", 56, 13, ["red_lines[0].id", "'east-no-troops' is used twice", "line 41"]),
    ("id_used_twice", 90, 9, ["rounds[1].id", "'r1' is used twice", "line 85"]),
    ("option_without_value", 38, 15, ["parties[0].values.troops", "no value for option 'some'"]),
    ("weights_all_zero", 35, 14, ["parties[0].weights", "all weights are zero"]),
    ("trust_unknown_party", 45, 19, ["parties[0].trust.wset", "not another party"]),
    ("hardliner_without_deadline", 61, 15, ["parties[1].strategy", "deadline_round"]),
    ("coalition_member_not_party", 77, 21, ["coalitions[0].members[1]", "'south' is not a party"]),
    ("missing_credibility", 83, 18, ["mediators[0].credibility", "'north'"]),
    ("event_unknown_party", 97, 16, ["rounds[1].events[0].party", "unknown party 'eats'"]),
    ("event_unknown_issue", 98, 16, ["rounds[1].events[0].issue", "unknown issue 'tanks'"]),
    ("event_unknown_option", 99, 17, ["rounds[1].events[0].option", "no option 'many'"]),
    ("bad_event_type", 107, 15, ["rounds[1].events[2].type", "'arrive'", "shift_trust"]),
    ("event_without_type", 107, 9, ["rounds[1].events[2]", "'type' field"]),
    ("trust_one_party", 108, 18, ["rounds[1].events[2].parties", "at least 2 items"]),
    ("drop_not_held", 104, 19, ["events[1].red_line", "holds no red line"]),
    ("step_unknown_party", 117, 21, ["confidence_steps[0].parties[1]", "'weast'"]),
    ("unknown_source", 115, 15, ["confidence_steps[0].sources[0]", "unknown source 'S9'"]),
    ("unknown_role", 118, 15, ["roles[1]", "'wset' is not a party"]),
    ("mediator_role_without_mediator", 112, 31, ["roles[3]", "needs at least one mediator"]),
    ("empty_file", 1, 1, ["file is empty"]),
    ("control_character", 11, 27, ["'perspective'", "U+0007", "not allowed"]),
    ("not_utf8", 32, 11, ["parties[0].name", "0xff", "UTF-8"]),
    ("custom_tag", 5, 10, ["summary", "python/object", "not allowed"]),
    ("merge_key", 34, 5, ["parties[0]", "merge keys"]),
    ("alias_bomb", 6, 1, ["bomb", "alias bomb"]),
    ("too_deep", 6, None, ["deep", "deeper than 64"]),
    ("join_already_seated", 108, 16, ["events[2].party", "'east' is already at the table",
                                      "at_table: false"]),
    ("leave_not_seated", 108, 16, ["events[2].party", "'north' is not at the table", "'join'"]),
    ("trust_same_party_twice", 108, 25, ["events[2].parties[1]", "'east' twice"]),
    ("role_twice", 118, 41, ["roles[4]", "'west' is listed twice", "first at line 118"]),
    ("party_in_two_coalitions", 82, 21, ["coalitions[1].members[1]", "coalition 'alliance'",
                                         "first at line 77"]),
    ("deadline_after_last_round", 61, 49, ["strategy.deadline_round", "has 2", "from 1 to 2"]),
    ("redline_forbids_every_option", 44, 42, ["forbid.options", "every option of issue 'troops'",
                                              "only the options it refuses"]),
    # a `require` that binds nothing, or that the party's other red lines make impossible
    ("require_every_option", 44, 43, ["red_lines[0].require.options", "every option of issue "
                                      "'troops'", "binds nothing"]),
    ("when_then_binds_nothing", 45, 40, ["red_lines[0].then.options", "same issue 'troops'",
                                        "binds nothing"]),
    ("require_forbidden_option", 48, 18, ["red_lines[1].require", "'east-wants-troops'",
                                          "party 'east' (east-no-troops)", "accepts nothing"]),
    ("require_added_forbidden", 104, 20, ["rounds[1].events[0].red_line.require",
                                          "'east-troops-now'", "(east-no-troops)"]),
    # YAML mistakes told in an author's words, on the author's line
    ("dedented_key", 47, 3, ["indentation", "'name' starts at column 3", "'id' on line 46",
                             "move it to column 5"]),
    ("dedented_list_item", 29, 5, ["indentation", "list item on line 28", "column 7"]),
    ("overindented_key", 47, 7, ["indentation", "'name' starts at column 7", "column 5"]),
    ("overindented_field", 54, 7, ["'reservation' is indented too far", "inside 'values'"]),
    ("key_out_of_its_list_item", 47, 1, ["indentation", "'name' starts at column 1",
                                         "'id' above it and 'brief' below it", "column 5"]),
    ("block_key_overindented", 55, 7, ["indentation", "'red_lines' starts at column 7",
                                       "'reservation' on line 54"]),
    ("two_documents", 72, 1, ["second YAML document", "remove the '---'"]),
    # one mistake, one message
    ("mediator_field_typo", 83, 5, ["did you mean 'credibility'"]),
    ("credibility_out_of_range", 83, 25, ["credibility.east", "less than or equal to 1"]),
    ("renamed_issue", 24, 9, ["issues[1].id", "'troop' is never used", "'troops'", "9 times",
                              "lines 35, 38, 44"]),
    ("renamed_option", 29, 14, ["options[1].id", "'few' is never used", "'some'", "5 times"]),
    ("renamed_party", 46, 9, ["parties[1].id", "'westt' is never used", "'west'",
                              "lines 45, 77, 83, 117, 118"]),
    ("weight_for_misspelt_issue", 35, 36, ["weights.troop", "did you mean 'troops'"]),
]

WARNINGS = FIXTURES / "warnings"

# fixture, line, column, words the warning must contain: valid files with one likely slip
WARNING_CASES = [
    ("source_never_cited", 17, 9, ["sources[2].id", "'S3' is listed but never cited"]),
    ("weights_not_100", 35, 14, ["parties[0].weights", "sum to 90", "'troops' counts 55.6%"]),
]


def _report(name: str, data: bytes) -> str:
    parsed = parse_scenario(data, name)
    assert parsed.scenario is None
    assert len(parsed.reports) == 1, [str(r) for r in parsed.reports]
    return str(parsed.reports[0])


@pytest.mark.parametrize(("fixture", "line", "col", "words"), CASES, ids=[c[0] for c in CASES])
def test_broken_fixture_is_reported_where_the_mistake_is(
    fixture: str, line: int, col: int | None, words: list[str]
) -> None:
    name = f"{fixture}.yaml"
    report = _report(name, (BROKEN / name).read_bytes())
    where = f"{name}:{line}:{col}: " if col else f"{name}:{line}:"
    assert report.startswith(where), report
    for word in words:
        assert word in report, report


@pytest.mark.parametrize(
    ("fixture", "line", "col", "words"), WARNING_CASES, ids=[c[0] for c in WARNING_CASES]
)
def test_a_likely_slip_is_a_warning_that_does_not_fail_validation(
    fixture: str, line: int, col: int, words: list[str]
) -> None:
    name = f"{fixture}.yaml"
    parsed = parse_scenario((WARNINGS / name).read_bytes(), name)
    assert parsed.reports == []
    assert parsed.scenario is not None
    assert len(parsed.warnings) == 1, [str(w) for w in parsed.warnings]
    warning = str(parsed.warnings[0])
    assert warning.startswith(f"{name}:{line}:{col}: warning: "), warning
    for word in words:
        assert word in warning, warning


def test_every_warning_fixture_is_in_the_table() -> None:
    assert {p.stem for p in WARNINGS.glob("*.yaml")} == {c[0] for c in WARNING_CASES}


def test_weights_on_a_scale_of_their_own_give_no_warning() -> None:
    """The base's 2 + 3 (and the tutorial's 10) are deliberate scales, not percentages gone
    wrong; only sums that look like percentages (50 to 150) are questioned."""
    parsed = parse_scenario((FIXTURES / "base.yaml").read_bytes(), "base.yaml")
    assert parsed.warnings == []


def test_every_broken_fixture_is_in_the_table() -> None:
    on_disk = {p.stem for p in BROKEN.glob("*.yaml")}
    assert on_disk == {c[0] for c in CASES}
    assert len(on_disk) >= 30


@pytest.mark.parametrize(
    "path", [BROKEN / f"{c[0]}.yaml" for c in CASES] + [WARNINGS / f"{c[0]}.yaml" for c in
                                                         WARNING_CASES], ids=lambda p: p.stem
)
def test_each_broken_fixture_is_the_base_with_one_change(path: Path) -> None:
    """One edit: changed lines lie in one place (at most two unchanged lines apart)."""
    base = (FIXTURES / "base.yaml").read_bytes().splitlines(keepends=True)
    broken = path.read_bytes().splitlines(keepends=True)
    hunks = list(difflib.SequenceMatcher(None, base, broken).get_grouped_opcodes(1))
    assert len(hunks) == 1


def test_base_fixture_is_valid() -> None:
    parsed = parse_scenario((FIXTURES / "base.yaml").read_bytes(), "base.yaml")
    assert parsed.reports == []
    assert parsed.scenario is not None and parsed.scenario.id == "base"


def test_file_over_the_size_limit_is_refused_before_parsing() -> None:
    base = (FIXTURES / "base.yaml").read_bytes()
    padding = b"# " + b"x" * 98 + b"\n"
    big = base + padding * (MAX_BYTES // len(padding) + 1)
    assert len(big) > MAX_BYTES
    report = _report("big.yaml", big)
    assert report.startswith("big.yaml:1:1: ")
    assert f"{MAX_BYTES:,}-byte limit" in report


def test_schema_errors_do_not_hide_reference_errors() -> None:
    """A wrong type in one party and two dangling references elsewhere: all three reported,
    and nothing about the party set aside (its id is still a valid coalition member)."""
    text = (FIXTURES / "base.yaml").read_text()
    text = text.replace("reservation: 0.35", "reservation: high")
    text = text.replace("members: [west, north]", "members: [west, south]")
    text = text.replace("roles: [east, west,", "roles: [east, wset,")
    reports = [str(r) for r in parse_scenario(text.encode(), "two.yaml").reports]
    assert reports == [
        "two.yaml:54:18: parties[1].reservation: Input should be a valid number, "
        "unable to parse string as a number (got 'high')",
        "two.yaml:77:21: coalitions[0].members[1]: 'south' is not a party",
        "two.yaml:118:15: roles[1]: 'wset' is not a party, a coalition or 'mediator'",
    ]


def test_reference_errors_after_pruned_items_keep_their_original_lines() -> None:
    """An invalid first round is set aside; an error in the second is still on its own line."""
    text = (FIXTURES / "base.yaml").read_text()
    text = text.replace("  - id: r1", "  - id: R1")
    text = text.replace("issue: troops\n        weight", "issue: tank\n        weight")
    reports = [str(r) for r in parse_scenario(text.encode(), "x.yaml").reports]
    assert len(reports) == 2
    assert reports[0].startswith("x.yaml:85:9: rounds[0].id: ")
    assert reports[1].startswith("x.yaml:98:16: rounds[1].events[0].issue: unknown issue 'tank'")


def test_items_set_aside_in_cascade_do_not_echo_as_dangling_references() -> None:
    """A bad option id leaves its issue one option short, so the whole issue is set aside; the
    parties' values and red lines naming it stay quiet, and an unrelated mistake still shows."""
    text = (FIXTURES / "base.yaml").read_text()
    text = text.replace("{id: now, label: Now,", "{id: Now, label: Now,")
    text = text.replace("parties: [east, west]", "parties: [east, wets]")
    reports = [str(r) for r in parse_scenario(text.encode(), "c.yaml").reports]
    assert len(reports) == 2, reports
    assert reports[0].startswith("c.yaml:22:14: issues[0].options[0].id: String should match")
    assert reports[1] == "c.yaml:117:21: confidence_steps[0].parties[1]: 'wets' is not a party"


def test_who_sits_at_the_table_is_followed_through_the_rounds() -> None:
    """North joins in round 2; a second join says when it came, and leave then leave again
    names the round it left in; a leave and a join in between are both fine."""
    text = (FIXTURES / "base.yaml").read_text()
    extra = "".join(
        f"      - {{type: {kind}, party: {who}, text: Moves., sources: [S1]}}\n"
        for kind, who in [("join", "north"), ("leave", "east"), ("join", "east"),
                          ("leave", "west"), ("leave", "west")]
    )
    text = text.replace("confidence_steps:\n", extra + "confidence_steps:\n")
    reports = [str(r) for r in parse_scenario(text.encode(), "t.yaml").reports]
    assert reports == [
        "t.yaml:111:29: rounds[1].events[3].party: party 'north' is already at the table here: "
        "it joined in round 'r2'; remove this event, or give the party 'at_table: false' so that "
        "it joins here",
        "t.yaml:115:30: rounds[1].events[7].party: party 'west' is not at the table here: it left "
        "in round 'r2'; remove this event, or add a 'join' event before it",
    ]


def test_a_join_or_leave_with_a_when_may_not_happen_so_the_seat_stays_open() -> None:
    """A conditional join or leave may not happen in a game: after it, a join or a leave of
    the same party is fine (in games where the condition failed it is what seats it), while
    a conditional join of a party certainly seated, and a leave of one certainly gone, are
    still reported."""
    text = (FIXTURES / "base.yaml").read_text()
    text = text.replace("      - type: join\n        party: north\n",
                        "      - type: join\n        party: north\n"
                        "        when: {step_taken: exchange}\n")
    extra = "".join(
        f"      - {{type: {kind}, party: {who}, text: Moves., sources: [S1]{when}}}\n"
        for kind, who, when in [
            ("join", "north", ""), ("leave", "east", ", when: {step_taken: exchange}"),
            ("join", "east", ""), ("join", "west", ", when: {step_taken: exchange}"),
            ("leave", "north", ""), ("leave", "north", ", when: {step_taken: exchange}")]
    )
    text = text.replace("confidence_steps:\n", extra + "confidence_steps:\n")
    reports = [str(r) for r in parse_scenario(text.encode(), "w.yaml").reports]
    assert reports == [
        "w.yaml:115:29: rounds[1].events[6].party: party 'west' is already at the table here: "
        "it starts there (at_table is true); remove this event, or give the party "
        "'at_table: false' so that it joins here",
        "w.yaml:117:30: rounds[1].events[8].party: party 'north' is not at the table here: it "
        "left in round 'r2'; remove this event, or add a 'join' event before it",
    ]


def test_a_misspelling_beside_correct_uses_is_reported_at_each_use_once() -> None:
    """'troop' twice for party east, while other parties spell 'troops' right: not a rename,
    so each use gets its message, and the "no weight / no values for 'troops'" echoes do not."""
    text = (FIXTURES / "base.yaml").read_text()
    text = text.replace("weights: {ceasefire: 2, troops: 3}", "weights: {ceasefire: 2, troop: 3}")
    text = text.replace("      troops: {none: 100, some: 0}", "      troop: {none: 100, some: 0}")
    reports = [str(r) for r in parse_scenario(text.encode(), "m.yaml").reports]
    assert reports == [
        "m.yaml:35:36: parties[0].weights.troop: unknown issue 'troop'; did you mean 'troops'?",
        "m.yaml:38:14: parties[0].values.troop: unknown issue 'troop'; did you mean 'troops'?",
    ]


def test_a_renamed_issue_in_a_real_scenario_is_one_message() -> None:
    """Renaming one issue of the Istanbul scenario gave 25 messages; now one, at the issue."""
    text = (FIXTURES.parent.parent / "content" / "istanbul-2022.yaml").read_text()
    text = text.replace("  - id: territory\n", "  - id: territorial\n")
    reports = [str(r) for r in parse_scenario(text.encode(), "i.yaml").reports]
    assert len(reports) == 1, reports
    assert "issue 'territorial' is never used, while 'territory'" in reports[0]
    assert "17 times" in reports[0]
