"""game.files: finding a scenario by file name, scenario id or path; unreadable files reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import game.files
from game.files import DEFAULT_SCENARIO, bundled_paths, resolve

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FIXTURES / "base.yaml", tmp_path / "small.yaml")  # scenario id 'base'
    shutil.copy(FIXTURES / "broken" / "tab_indent.yaml", tmp_path / "broken.yaml")
    monkeypatch.setattr(game.files, "content_dir", lambda: tmp_path)
    return tmp_path


def test_bundled_paths_are_the_yaml_files_sorted(content: Path) -> None:
    assert [p.name for p in bundled_paths()] == ["broken.yaml", "small.yaml"]


@pytest.mark.parametrize("wanted", ["small", "base"], ids=["file-stem", "scenario-id"])
def test_resolve_by_file_name_or_scenario_id(content: Path, wanted: str) -> None:
    parsed = resolve(wanted)
    assert parsed.reports == [] and parsed.scenario is not None
    assert parsed.scenario.id == "base"


def test_resolve_by_path(content: Path) -> None:
    parsed = resolve(str(FIXTURES / "base.yaml"))
    assert parsed.reports == [] and parsed.scenario is not None and parsed.scenario.id == "base"


def test_unknown_id_names_the_bundled_ones(content: Path) -> None:
    parsed = resolve("nowhere")
    assert parsed.scenario is None
    assert str(parsed.reports[0]) == "nowhere:1:1: no such scenario; bundled: broken, small"


def test_broken_bundled_file_is_reported_not_raised(content: Path) -> None:
    parsed = resolve("broken")
    assert parsed.scenario is None and parsed.reports[0].line == 10


def test_missing_path_is_a_report(tmp_path: Path) -> None:
    parsed = resolve(str(tmp_path / "gone.yaml"))
    assert parsed.scenario is None and "No such file" in parsed.reports[0].message


def test_the_default_scenario_is_bundled_and_valid() -> None:
    parsed = resolve(None)
    assert parsed.reports == [] and parsed.scenario is not None
    assert any(p.stem == DEFAULT_SCENARIO for p in bundled_paths())


def test_content_is_found_in_a_wheel_and_in_a_checkout(tmp_path: Path) -> None:
    wheel = tmp_path / "site-packages" / "game"
    (wheel / "content").mkdir(parents=True)
    assert game.files.find_content(wheel) == wheel / "content"
    checkout = tmp_path / "repo" / "game"
    checkout.mkdir(parents=True)
    (tmp_path / "repo" / "content").mkdir()
    assert game.files.find_content(checkout) == tmp_path / "repo" / "content"
