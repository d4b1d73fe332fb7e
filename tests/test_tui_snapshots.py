"""SVG snapshots of the main screens at fixed sizes, on the test fixture scenario so content edits
do not move them. Update after a deliberate change: `pytest tests/test_tui_snapshots.py
--snapshot-update`, then look at the SVGs."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.files import read_scenario
from game.tui.app import RedLinesApp

FIXTURE = Path(__file__).parent / "fixtures" / "tui_coalition.yaml"


@pytest.fixture(autouse=True)
def only_the_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """The new-game screen lists only the fixture, not the bundled scenarios."""
    monkeypatch.setattr("game.files.bundled_paths", lambda: [])


def make_app(role: str, tmp_path: Path, difficulty: str | None = None) -> RedLinesApp:
    scenario = read_scenario(FIXTURE).scenario
    assert scenario is not None
    return RedLinesApp(scenario=scenario, role=role, seed=1, saves_dir=tmp_path,
                       difficulty=difficulty)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def steps(*keys: str):
    """A run_before that presses keys one by one, letting workers finish after each."""
    async def run(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return run


def test_title(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("ukraine", tmp_path), terminal_size=(80, 24))


def test_new_game(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("nato", tmp_path), run_before=steps("n"),
                        terminal_size=(100, 30))


@pytest.mark.slow
def test_briefing(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("ukraine", tmp_path), run_before=steps("n", "s"),
                        terminal_size=(100, 30))


def test_table_80x24(snap_compare, tmp_path: Path) -> None:
    """The easy scorecard: each other party's exact worth of the package, labelled exact."""
    assert snap_compare(make_app("ukraine", tmp_path, "easy"),
                        run_before=steps("n", "s", "enter", "right"), terminal_size=(80, 24))


def test_table_120x40(snap_compare, tmp_path: Path) -> None:
    """The easy scorecard with room: their side, own utility issue by issue, the others."""
    assert snap_compare(make_app("ukraine", tmp_path, "easy"),
                        run_before=steps("n", "s", "enter", "right"), terminal_size=(120, 40))


@pytest.mark.slow
def test_table_normal_80x24(snap_compare, tmp_path: Path) -> None:
    """Normal: an estimate with its range, marked est., where easy shows the number."""
    assert snap_compare(make_app("ukraine", tmp_path, "normal"),
                        run_before=steps("n", "s", "enter", "right"), terminal_size=(80, 24))


@pytest.mark.slow
def test_mediator_table(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("mediator", tmp_path),
                        run_before=steps("n", "s", "enter", "t", "enter"),
                        terminal_size=(100, 30))


@pytest.mark.slow
def test_answers(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("nato", tmp_path), run_before=steps("n", "s", "enter", "p"),
                        terminal_size=(100, 30))


@pytest.mark.slow
def test_debrief(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("ukraine", tmp_path),
                        run_before=steps("n", "s", "enter", "p", "enter", "w", "y", "enter"),
                        terminal_size=(100, 40))


def test_help(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("ukraine", tmp_path), press=["f1"], terminal_size=(100, 34))


def test_too_small(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app("ukraine", tmp_path), terminal_size=(60, 20))


@pytest.mark.slow
def test_table_light_no_color(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """Without colour every verdict still reads: ✓/✗, ⊘ and ▸ carry the meaning."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("ukraine", tmp_path)
    app.theme = "textual-light"
    assert snap_compare(app, run_before=steps("n", "s", "enter", "down", "right"),
                        terminal_size=(100, 30))
