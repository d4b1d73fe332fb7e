"""Every bundled scenario, every round: the `analyze --json` frontier scores the same with
`redlines score --json`, the Nash point lies on the frontier, and the counts are consistent.

Each scenario is parsed once; every frontier package goes through the score command's own
parsing and JSON code, and the Nash point through the whole `redlines score` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.commands import score as score_cmd
from game.engine.analysis import analyze
from game.engine.analysis.conditional import if_fired
from game.engine.situation import situation_at
from game.files import bundled_paths, read_scenario


def _package_arg(named: dict[str, str]) -> str:
    return ",".join(f"{i}={o}" for i, o in named.items())


def test_there_are_bundled_scenarios() -> None:
    assert any(p.stem == "tutorial" for p in bundled_paths())


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_frontier_scores_the_same(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    scenario = read_scenario(path).scenario
    assert scenario is not None, f"{path} is invalid"
    for rnd in range(0, len(scenario.rounds) + 1):
        situation = situation_at(scenario, rnd)
        a = json.loads(json.dumps(analyze(situation).to_json()))
        assert a["outcomes"] >= a["feasible"] >= a["zopa"] >= 0
        assert a["exact"] is True
        assert (a["feasible"] == 0) == (a["pareto"] == [])
        for point in a["pareto"]:
            pkg, scores = score_cmd.score_package(situation, _package_arg(point["package"]))
            s = score_cmd.to_json(situation, pkg, scores)
            assert s["package"] == point["package"]
            assert set(s["parties"]) == set(a["parties"]) == set(point["utilities"])
            for party, got in s["parties"].items():
                assert got["violations"] == []
                assert got["utility"] == pytest.approx(point["utilities"][party], abs=1e-9)
        if a["nash"] is not None:
            assert a["nash"] in a["pareto"]
            argv = ["score", str(path), "--round", str(rnd), "--json",
                    "--package", _package_arg(a["nash"]["package"])]
            assert main(argv) == 0
            s = json.loads(capsys.readouterr().out)
            assert all(p["acceptable"] for p in s["parties"].values())
        if a["zopa"] == 0:
            assert a["reasons"], f"round {rnd}: an empty zone of agreement must be explained"


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_analyze_command_matches_the_api(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    scenario = read_scenario(path).scenario
    assert scenario is not None
    last = len(scenario.rounds)
    assert main(["analyze", str(path), "--round", str(last), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    rows = out.pop("if_fired")  # the conditional events' zones, beside the default analysis
    assert rows == [r.to_json() for r in if_fired(scenario, last)]
    assert out == json.loads(json.dumps(analyze(situation_at(scenario, last)).to_json()))
