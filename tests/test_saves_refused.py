"""Saves that should be refused are refused with a clear message, and saves that fail to be
written are said so until resolved, without losing a move (issue 17, class 3)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from game.autosave import Autosaver
from game.cli import main
from game.engine.session import Session
from game.files import read_scenario
from game.saves import SaveError, dumps, list_saves, load_save, new_save_path, to_save

BASE = Path(__file__).parent / "fixtures" / "base.yaml"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "game.json"
    assert main(["simulate", str(BASE), "--role", "east", "--quiet", "--out", str(path)]) == 0
    return path


def _variant(good: Path, tmp_path: Path, name: str, change) -> Path:
    doc = json.loads(good.read_text())
    change(doc)
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SaveError, match="nested deeper than 64 levels"):
        load_save(path)
    path.write_text('{"format": "redlines-save", "version": 3, "x": ' + "[" * 200 + "]" * 200
                    + "}")
    with pytest.raises(SaveError, match="nested deeper"):
        load_save(path)


def test_a_huge_integer_is_refused(good: Path, tmp_path: Path) -> None:
    text = good.read_text().replace('"seed": 0', '"seed": ' + "9" * 5000, 1)
    path = tmp_path / "big.json"
    path.write_text(text)
    with pytest.raises(SaveError, match="a number of 5000 digits"):
        load_save(path)


def test_non_regular_files_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    done: list = []
    worker = threading.Thread(target=lambda: done.append(list_saves(tmp_path)), daemon=True)
    worker.start()
    worker.join(10)
    assert done, "listing the saves folder blocked on a FIFO or device"
    errors = {s.path.name: s.error for s in done[0]}
    assert "a pipe (FIFO)" in (errors["fifo.json"] or "")
    assert "a device" in (errors["zero.json"] or "")


def test_an_embedded_scenario_failing_the_cross_checks_is_refused(good: Path,
                                                                  tmp_path: Path) -> None:
    def duplicate_issue(doc: dict) -> None:
        doc["scenario"]["issues"].append(doc["scenario"]["issues"][0])

    path = _variant(good, tmp_path, "dup.json", duplicate_issue)
    with pytest.raises(SaveError, match="fails the checks of `redlines validate`"):
        load_save(path)


def test_the_class_view_skips_a_bad_save_and_goes_on(good: Path, tmp_path: Path,
                                                     capsys) -> None:
    (tmp_path / "a.json").write_bytes(good.read_bytes())
    (tmp_path / "b.json").write_text("[" * 5000)
    assert main(["replay", str(tmp_path), "--format", "md"]) == 0
    out, err = capsys.readouterr()
    assert f"skipped {tmp_path / 'b.json'}" in err
    assert "Debrief" in out


def _session() -> Session:
    scenario = read_scenario(BASE).scenario
    assert scenario is not None
    return Session.start(scenario, "east", seed=int("7" * 300))


def test_a_very_long_seed_still_gets_a_file_name(tmp_path: Path) -> None:
    path = new_save_path(_session(), tmp_path)
    assert len(path.name) < 100 and path.exists()


def test_a_failed_save_is_rescued_and_said_until_it_works(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    session = _session()
    saver = Autosaver(blocker / "saves")
    problem = saver.claim(session)
    assert problem and "cannot save in" in problem
    problem = saver.write(session, dumps(to_save(session)))
    assert problem is not None and "Your moves are kept in" in problem
    assert saver.rescue is not None and load_save(saver.rescue).data.seed == session.seed
    # every later failed save says the same thing once (it used to wrap the whole previous
    # message again, so the lasting warning changed, and was shown again, on every move)
    for _ in range(3):
        assert saver.write(session, dumps(to_save(session))) == problem
    assert problem.count("Not saved in the saves folder") == 1
    # The folder works again: the next save goes there and the problem is cleared.
    good_folder = tmp_path / "saves"
    good_folder.mkdir()
    saver.path = good_folder / "g.json"
    assert saver.write(session, dumps(to_save(session))) is None
    assert saver.problem is None and (good_folder / "g.json").exists()


def test_a_full_disk_is_said_and_the_game_kept(tmp_path: Path, monkeypatch) -> None:
    import errno

    from game import saves

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    session = _session()
    saver = Autosaver(tmp_path)
    assert saver.claim(session) is None
    real = saves.safefile.atomic_write

    def full(path: Path, text: str, **kw) -> None:
        if path.parent == tmp_path:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text, **kw)

    monkeypatch.setattr(saves.safefile, "atomic_write", full)
    problem = saver.write(session, dumps(to_save(session)))
    assert problem is not None and "No space left on device" in problem
    assert saver.rescue is not None and saver.rescue.exists()


def test_a_save_open_in_another_window_is_not_shared(tmp_path: Path) -> None:
    session = _session()
    first = Autosaver(tmp_path)
    assert first.claim(session) is None and first.path is not None
    first.write(session, dumps(to_save(session)))
    second = Autosaver(tmp_path, first.path)  # "Continue" on the same save, another window
    assert second.claim(session) is None
    assert second.path is not None and second.path != first.path
    assert second.notice is not None and "open in another window" in second.notice
    assert second.write(session, dumps(to_save(session))) is None
    assert [s.path.name for s in list_saves(tmp_path) if s.error] == []


def test_one_game_keeps_one_file_across_saves(tmp_path: Path) -> None:
    session = _session()
    saver = Autosaver(tmp_path)
    for _ in range(3):
        assert saver.claim(session) is None
        assert saver.write(session, dumps(to_save(session))) is None
    assert len(list(tmp_path.glob("*.json"))) == 1 and saver.notice is None
