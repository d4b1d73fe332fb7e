"""`redlines score` and `redlines analyze` on the command line: output, contract keys, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.commands.score import parse_package

TUTORIAL = "tutorial"
GOOD = "ceasefire=phased,corridors=open,prisoners=partial"


def test_parse_package() -> None:
    assert parse_package(" a=x , b=y,") == {"a": "x", "b": "y"}
    for bad in ("a", "a=", "=x", "a=x,a=y", ","):
        with pytest.raises(ValueError):
            parse_package(bad)


def test_score_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", TUTORIAL, "--package", GOOD, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["package"] == {"ceasefire": "phased", "corridors": "open", "prisoners": "partial"}
    for party in out["parties"].values():
        assert {"utility", "reservation", "acceptable", "violations"} <= set(party)
        assert sum(party["breakdown"].values()) == pytest.approx(party["utility"])


def test_score_names_broken_red_lines(capsys: pytest.CaptureFixture[str]) -> None:
    pkg = "ceasefire=immediate,corridors=none,prisoners=later"
    assert main(["score", TUTORIAL, "--package", pkg, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    broken = {v["id"] for p in out["parties"].values() for v in p["violations"]}
    assert broken == {"ua-corridors", "ru-no-unconditional-ceasefire"}
    assert not any(p["acceptable"] for p in out["parties"].values())
    assert main(["score", TUTORIAL, "--package", pkg]) == 0
    text = capsys.readouterr().out
    assert "ua-corridors" in text and "no (red line)" in text


def test_analyze_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", TUTORIAL, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"outcomes", "feasible", "zopa", "parties", "pareto", "nash", "conflicts"} <= set(out)
    assert out["outcomes"] == 27
    assert set(out["nash"]) == {"package", "utilities"}


def test_analyze_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", TUTORIAL]) == 0
    text = capsys.readouterr().out
    assert "Pareto frontier" in text and "Nash point" in text and "Zone of agreement" in text


@pytest.mark.parametrize(("argv", "needle"), [
    (["score", TUTORIAL, "--package", "ceasefire=phased"], "no option chosen for issue"),
    (["score", TUTORIAL, "--package", GOOD + ",x=y"], "unknown issue(s): x"),
    (["score", TUTORIAL, "--package", GOOD.replace("partial", "most")], "has no option 'most'"),
    (["score", TUTORIAL, "--package", "ceasefire"], "is not ISSUE=OPTION"),
    (["analyze", TUTORIAL, "--round", "99"], "--round 99"),
    (["analyze", "no-such-scenario"], "no such scenario"),
])
def test_bad_input_exits_1_naming_the_path(capsys: pytest.CaptureFixture[str], argv: list[str],
                                           needle: str) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert needle in err and argv[1] in err and "Traceback" not in err


def test_invalid_scenario_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    broken = sorted(Path("tests/fixtures/broken").glob("*.yaml"))
    assert broken
    for path in broken[:5]:
        assert main(["analyze", str(path)]) == 1
        assert str(path) in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["analyze"], ["score", TUTORIAL], ["analyze", TUTORIAL,
                                                                      "--round", "x"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_estimated_zone_is_labelled(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """When the exact count would take too long, text and JSON both say it is an estimate."""
    from game.engine.analysis import counting as analysis_count

    monkeypatch.setattr(analysis_count, "DIRECT", 0)
    monkeypatch.setattr(analysis_count, "LIVE_CAP", 0)
    assert main(["analyze", TUTORIAL, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exact"] is False
    assert main(["analyze", TUTORIAL]) == 0
    assert "(estimate, by sampling)" in capsys.readouterr().out
