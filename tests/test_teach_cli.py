"""`redlines teach`: the six headings for every bundled scenario, answer-key figures equal to
`redlines analyze --round N --json`, a seating plan for any class size, and clear refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.files import bundled_paths
from game.teaching.note import HEADINGS
from game.teaching.seating import seating_plan

FIXTURES = Path(__file__).parent / "fixtures"


def _teach(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["teach", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _analyze(capsys: pytest.CaptureFixture[str], path: str, n: int) -> dict:
    assert main(["analyze", path, "--round", str(n), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _figures(note: str, n: int) -> dict[str, str]:
    """The figure table of round n's answer key, as {figure: value}."""
    section = note.split(f"\n### Round {n}: ", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| (.+?) \|$", section, flags=re.M)
    return {k: v for k, v in rows if k not in ("figure", "---")}


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_every_bundled_scenario_gets_a_note_whose_key_matches_analyze(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, note, err = _teach(capsys, str(path))
    assert code == 0, err
    found = re.findall(r"^## (.+)$", note, flags=re.M)
    assert [h for h in found if h in HEADINGS] == list(HEADINGS)
    rounds = len(re.findall(r"^### Round \d+: ", note, flags=re.M))
    assert rounds >= 3
    for n in range(1, rounds + 1):
        want = _analyze(capsys, str(path), n)
        got = _figures(note, n)
        assert got["Outcome space"] == str(want["outcomes"])
        assert got["Feasible packages"] == str(want["feasible"])
        assert got["Zone of agreement"] == str(want["zopa"])
        assert got["Pareto frontier"] == str(len(want["pareto"]))
        conflicts = "; ".join(" + ".join(c) for c in want["conflicts"]) or "none"
        assert got["Conflicting red lines"] == conflicts
        if want["nash"] is None:
            assert got["Nash point"] == "none"
        else:
            pkg = want["nash"]["package"]
            assert got["Nash point"] == ", ".join(f"{i}={o}" for i, o in pkg.items())
            utils = [float(x) for x in re.findall(r"\d\.\d{3}", got["Nash utilities"])]
            assert utils == pytest.approx(list(want["nash"]["utilities"].values()), abs=5e-4)


def test_the_key_names_the_events_that_open_the_zone(capsys: pytest.CaptureFixture[str]) -> None:
    code, note, _ = _teach(capsys, "istanbul-2022")
    assert code == 0
    round3 = note.split("### Round 3: ", 1)[1].split("### Round 4: ", 1)[0]
    round4 = note.split("### Round 4: ", 1)[1].split("\n## ", 1)[0]
    # Istanbul's window depends on play: closed by default, 24 packages if the trade is prepared
    assert "| Zone of agreement | 0 |" in round3
    assert "if (trust between Ukraine and Russia reached 0.40) or (Ukraine offered alignment = " \
        "neutrality)" in round3 and ": 24 package(s)" in round3
    # after Bucha only trust kept (0.3) together with the Istanbul trade leaves a zone
    assert "if trust between Ukraine and Russia reached 0.30: 0 package(s)" in round4
    assert "if every condition so far is met: 7 package(s)" in round4
    assert "Why no deal is possible: the same reasons as in round 1." in note


def test_html_note_has_the_headings_and_print_css(capsys: pytest.CaptureFixture[str]) -> None:
    code, page, _ = _teach(capsys, "tutorial", "--format", "html", "--students", "7")
    assert code == 0
    for heading in HEADINGS:
        assert f">{heading}</h2>" in page
    assert "@media print" in page and "<table>" in page
    assert "7 student(s): 2 table(s) x 3 seats" in page and "1 observer(s)" in page


def test_seating_plan_fills_tables_then_observers() -> None:
    seats = ["A", "B", "C", "D"]
    plan = seating_plan(seats, 10)
    assert plan.tables == ((1, 2, 3, 4), (5, 6, 7, 8))
    assert plan.observers == ((9, 1), (10, 2))
    assert plan.students == 10 and plan.computer_seats == 0
    assert seating_plan(seats, 8).observers == ()
    small = seating_plan(seats, 3)
    assert small.tables == ((1, 2, 3, None),) and small.computer_seats == 1
    assert seating_plan(seats, 23).observers[-1] == (23, 3)
    with pytest.raises(ValueError):
        seating_plan(seats, 0)


def test_a_scenario_without_teaching_still_gets_seating_and_key(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, note, _ = _teach(capsys, str(FIXTURES / "base.yaml"))
    assert code == 0
    assert [h for h in re.findall(r"^## (.+)$", note, flags=re.M) if h in HEADINGS] == \
        list(HEADINGS)
    assert "no teaching section yet" in note and "### Round 1: " in note


def test_bad_input_gets_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    broken = FIXTURES / "broken" / "unknown_source.yaml"
    code, out, err = _teach(capsys, str(broken))
    assert code == 1 and out == ""
    assert f"{broken}:115:15:" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as stop:
        main(["teach", "tutorial", "--students", "0"])
    assert stop.value.code == 2
    assert "out of range" in capsys.readouterr().err
    code, _, err = _teach(capsys, "tutorial", "--out", str(tmp_path))
    assert code == 1 and "is a folder" in err
    missing = tmp_path / "no" / "such" / "note.md"
    code, _, err = _teach(capsys, "tutorial", "--out", str(missing))
    assert code == 1 and "does not exist; create it first" in err
    assert not (tmp_path / "no").exists()
    target = tmp_path / "note.md"
    code, out, _ = _teach(capsys, "tutorial", "--out", str(target))
    assert code == 0 and out == "" and "## Answer key" in target.read_text()
