"""Outputs never replace what they should not (issue 17, class 2): their own input, another
game's save without --force, a device or other non-regular file; a missing folder is an error;
the crash file is new, private, uniquely named and never follows a planted symlink."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from game.cli import main
from game.safefile import NotRegularFile, atomic_write, write_new

BASE = Path(__file__).parent / "fixtures" / "base.yaml"


@pytest.fixture(scope="module")
def save(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("saves")
    path = folder / "game.json"
    assert main(["simulate", str(BASE), "--role", "east", "--quiet", "--out", str(path)]) == 0
    return path


def test_replay_refuses_to_write_over_its_own_save(save: Path, capsys) -> None:
    before = save.read_bytes()
    assert main(["replay", str(save), "--format", "md", "--out", str(save)]) == 1
    assert "is one of the inputs" in capsys.readouterr().err
    assert save.read_bytes() == before


def test_replay_refuses_another_save_without_force(save: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.json"
    other.write_bytes(save.read_bytes())
    assert main(["replay", str(save), "--format", "md", "--out", str(other)]) == 1
    err = capsys.readouterr().err
    assert "is a game's save" in err and "--force" in err
    assert other.read_bytes() == save.read_bytes()
    assert main(["replay", str(save), "--format", "md", "--out", str(other), "--force"]) == 0
    assert other.read_text().startswith("# Debrief")


def test_simulate_refuses_an_existing_file_without_force(save: Path, tmp_path: Path,
                                                         capsys) -> None:
    existing = tmp_path / "existing.json"
    existing.write_bytes(save.read_bytes())
    args = ["simulate", str(BASE), "--role", "west", "--quiet", "--out", str(existing)]
    assert main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert existing.read_bytes() == save.read_bytes()
    assert main([*args, "--force"]) == 0
    assert '"role": "west"' in existing.read_text()


@pytest.mark.parametrize("command", ["replay", "simulate"])
def test_out_into_a_missing_folder_is_a_clear_error(save: Path, tmp_path: Path, command: str,
                                                    capsys) -> None:
    out = tmp_path / "nowhere" / "x.md"
    args = (["replay", str(save), "--format", "md"] if command == "replay"
            else ["simulate", str(BASE), "--role", "east", "--quiet"])
    assert main([*args, "--out", str(out)]) == 1
    assert f"the folder {out.parent} does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_a_fifo_as_out_is_refused_and_kept(save: Path, tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert main(["replay", str(save), "--format", "md", "--out", str(fifo)]) == 1
    assert "not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_atomic_write_never_replaces_a_device(tmp_path: Path) -> None:
    # /dev/null through a symlink: the rename would have replaced the link, a write the device.
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    with pytest.raises(NotRegularFile, match="a device"):
        atomic_write(link, "x")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    with pytest.raises(NotRegularFile):
        atomic_write(Path("/dev/null"), "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_new_files_are_private_unique_and_never_follow_a_symlink(tmp_path: Path,
                                                                 monkeypatch) -> None:
    first = write_new(tmp_path, "crash", ".txt", "one")
    second = write_new(tmp_path, "crash", ".txt", "two")
    assert first != second and first.read_text() == "one"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    victim = tmp_path / "victim"
    victim.write_text("keep")
    monkeypatch.setattr("secrets.token_hex", lambda n: "fixed")
    (tmp_path / "crash-fixed.txt").symlink_to(victim)
    calls = iter(["fixed", "other"])
    monkeypatch.setattr("secrets.token_hex", lambda n: next(calls))
    path = write_new(tmp_path, "crash", ".txt", "three")
    assert path.name == "crash-other.txt"
    assert victim.read_text() == "keep"


def test_the_crash_file_lives_in_the_state_folder(tmp_path: Path, monkeypatch) -> None:
    from game.tui.app import RedLinesApp

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    app = RedLinesApp()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        app._fatal_error()
    assert app.crash_note is not None
    path = Path(app.crash_note.rsplit(" ", 1)[-1])
    assert path.parent == tmp_path / "redlines" and path.name.startswith("crash-")
    assert "RuntimeError: boom" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
