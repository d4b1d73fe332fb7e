"""Save files: clear errors for bad files (left untouched), migration, atomic writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.saves import VERSION, SaveError, atomic_write, list_saves, load_save, parse_save

FIXTURES = Path(__file__).parent / "fixtures" / "saves"
V1 = FIXTURES / "v1-tutorial-ukraine.json"


def _current(tmp_path: Path) -> Path:
    """A current-version save made by migrating the v1 fixture's data (no engine needed)."""
    doc = parse_save(V1.read_text(), "v1").model_dump(mode="json")
    path = tmp_path / "good.json"
    path.write_text(json.dumps(doc))
    return path


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = _current(tmp_path).read_text()
    doc = json.loads(good)
    cases: dict[str, tuple[str | bytes, str]] = {
        "truncated": (good[: len(good) // 2], "truncated"),
        "corrupt": (b"\x00\xff\xfe garbage" + good.encode()[:50], "not a text file"),
        "empty": ("", "empty"),
        "nonsense": (json.dumps({**doc, "seed": "forty-two"}), "field 'seed'"),
        "bad-move": (
            json.dumps({**doc, "moves": [{"kind": "teleport"}]}), "field 'moves.0'"
        ),
        "bad-role": (json.dumps({**doc, "role": "martians"}), "'martians' is not a role"),
        "newer": (json.dumps({**doc, "version": VERSION + 1}), "newer Red Lines"),
        "array": ("[1, 2, 3]", "not a Red Lines save"),
        "bad-version": (json.dumps({**doc, "version": "two"}), "whole number"),
    }
    out = {}
    for name, (content, expected) in cases.items():
        path = tmp_path / f"{name}.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        out[name] = (path, expected)
    other = tmp_path / "other-program.json"
    shutil.copy(FIXTURES / "other-program.json", other)
    out["other-program"] = (other, "not a Red Lines save")
    return out


def test_bad_saves_give_clear_errors_and_stay_untouched(tmp_path: Path) -> None:
    for name, (path, expected) in _bad_files(tmp_path).items():
        before = path.read_bytes()
        with pytest.raises(SaveError) as err:
            load_save(path, check=False)
        message = str(err.value)
        assert str(path) in message, name
        assert expected in message, (name, message)
        assert path.read_bytes() == before, name


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="cannot read"):
        load_save(tmp_path / "nope.json")
    with pytest.raises(SaveError, match="is a folder"):
        load_save(tmp_path)


def test_version_1_migrates() -> None:
    before = V1.read_bytes()
    loaded = load_save(V1, check=False)
    assert loaded.data.version == VERSION
    assert [m.kind for m in loaded.data.moves] == ["propose", "end_round"]
    assert loaded.data.seed == 7 and loaded.data.role == "ukraine"
    assert loaded.data.difficulty is None and loaded.data.mediator is None
    assert V1.read_bytes() == before


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "x.json"
    with pytest.raises(FileNotFoundError, match="does not exist"):  # no folder made silently
        atomic_write(path, "one")
    path.parent.mkdir()
    atomic_write(path, "one")
    atomic_write(path, "two")
    assert path.read_text() == "two"
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]


def test_list_saves_reports_bad_files(tmp_path: Path) -> None:
    good = _current(tmp_path)
    (tmp_path / "broken.json").write_text("{")
    (tmp_path / ".good.json.123.tmp").write_text("{")
    infos = {i.path.name: i for i in list_saves(tmp_path)}
    assert set(infos) == {good.name, "broken.json"}
    assert infos[good.name].error is None and infos[good.name].moves == 2
    assert infos["broken.json"].error and "not valid JSON" in infos["broken.json"].error


def test_default_saves_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.saves import default_saves_dir

    checkout = Path(__file__).resolve().parent.parent
    assert default_saves_dir() == checkout / "saves"
    installed = tmp_path / "site-packages"
    installed.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_saves_dir(installed) == tmp_path / "data" / "redlines" / "saves"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_saves_dir(installed) == tmp_path / "home" / ".local/share/redlines/saves"
