"""`redlines replay`: exports, class view, and clear errors with exit 1 for bad saves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.engine.players import player_bot
from game.engine.session import Session
from game.files import resolve
from game.saves import save_session

FIXTURES = Path(__file__).parent / "fixtures" / "saves"


def saved(folder: Path, role: str, seed: int, scenario_id: str = "tutorial") -> Path:
    scenario = resolve(scenario_id).scenario
    assert scenario is not None
    mediator = scenario.mediators[0].id if role == "mediator" else None
    session = Session.start(scenario, role, seed=seed, mediator=mediator)
    bot = player_bot("linear", role, seed)
    while not session.finished:
        session.play(bot.move(session))
    folder.mkdir(parents=True, exist_ok=True)
    return save_session(session, folder)


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    for role, seed in [("ukraine", 1), ("russia", 2), ("mediator", 3)]:
        saved(folder, role, seed)
    return folder


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_export_to_file(class_dir: Path, tmp_path: Path, fmt: str, capsys) -> None:
    save = sorted(class_dir.glob("*.json"))[0]
    before = save.read_bytes()
    out = tmp_path / f"debrief.{fmt}"
    assert main(["replay", str(save), "--format", fmt, "--out", str(out)]) == 0
    text = out.read_text()
    assert "Tutorial" in text
    if fmt == "json":
        assert json.loads(text)["scenario_id"] == "tutorial"
    assert save.read_bytes() == before


def test_export_to_stdout(class_dir: Path, capsys) -> None:
    save = sorted(class_dir.glob("*.json"))[0]
    assert main(["replay", str(save), "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("# Debrief: ")


def test_class_view_from_a_folder(class_dir: Path, capsys) -> None:
    assert main(["replay", str(class_dir), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Class view:")
    assert "3 sessions: 3 finished" in out
    for role in ("ukraine", "russia", "mediator"):
        assert f"| {role} |" in out


def test_class_view_groups_mixed_scenarios(class_dir: Path, tmp_path: Path, capsys) -> None:
    other = saved(tmp_path, "ukraine", 1, "istanbul-2022")
    save = sorted(class_dir.glob("*.json"))[0]
    assert main(["replay", str(save), str(other), "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "<h1>Class view: Tutorial" in page and "<h1>Class view: Istanbul" in page
    assert page.count("<svg") == 2  # one frontier chart per scenario


def test_class_results_as_csv(class_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "results.csv"
    assert main(["replay", str(class_dir), "--format", "csv", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("student,seat,scenario,difficulty,finished,agreement,deal,")
    assert len(lines) == 1 + len(list(class_dir.glob("*.json")))


@pytest.mark.parametrize("content", [
    "{\"format\": \"redlines-save\", \"version\": 2, \"scenario\"",  # truncated
    "{\"format\": \"redlines-save\", \"version\": 99}",  # newer
    "{\"hello\": \"world\"}",  # another program's
])
def test_bad_save_exits_1_names_the_file_and_leaves_it(tmp_path: Path, content: str,
                                                       capsys) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    for fmt in (["--format", "md"], []):
        assert main(["replay", str(path), *fmt]) == 1
        err = capsys.readouterr().err
        assert str(path) in err and "Traceback" not in err
    assert path.read_text() == content


def test_moves_that_do_not_replay_are_reported(tmp_path: Path, class_dir: Path, capsys) -> None:
    save = sorted(class_dir.glob("*.json"))[0]
    doc = json.loads(save.read_text())
    first = next(i for i, p in enumerate(doc["plays"]) if p["seat"] == doc["role"])
    doc["plays"].insert(first, {"seat": doc["role"], "move": {"kind": "accept", "offer": 999}})
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc))
    assert main(["replay", str(path), "--format", "md"]) == 1
    assert "do not replay" in capsys.readouterr().err


def test_version_1_fixture_exports(tmp_path: Path, capsys) -> None:
    path = tmp_path / "v1.json"
    shutil.copy(FIXTURES / "v1-tutorial-ukraine.json", path)
    assert main(["replay", str(path), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["moves"] == 2 and doc["seed"] == 7


def test_usage_errors(tmp_path: Path, capsys) -> None:
    assert main(["replay", str(tmp_path)]) == 1
    assert "no save files" in capsys.readouterr().err
