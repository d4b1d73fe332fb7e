"""`redlines new-scenario --out FILE`: a small valid skeleton that never overwrites a file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.commands.new_scenario import scenario_id
from game.engine.situation import situation_at
from game.files import read_scenario

ROOT = Path(__file__).parent.parent


def test_the_skeleton_validates_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "Peace Talks 2025.yaml"
    assert main(["new-scenario", "--out", str(out)]) == 0
    assert "redlines validate" in capsys.readouterr().err
    parsed = read_scenario(out)
    assert [str(r) for r in parsed.reports] == []
    assert [str(w) for w in parsed.warnings] == []
    assert parsed.scenario is not None and parsed.scenario.id == "peace-talks-2025"
    text = out.read_text(encoding="utf-8")
    assert text.count("\n#") >= 5  # commented, for an author to grow
    assert main(["validate", str(out)]) == 0


def test_the_skeleton_has_a_deal_to_find(tmp_path: Path) -> None:
    """A start an author can play at once: some package is acceptable to both sides."""
    out = tmp_path / "s.yaml"
    assert main(["new-scenario", "--out", str(out)]) == 0
    scenario = read_scenario(out).scenario
    assert scenario is not None
    s = situation_at(scenario, 1)
    packages = [(a, b) for a in range(2) for b in range(2)]
    acceptable = [
        p for p in packages
        if all(not any(r.broken_by(p) for r in q.rules) and q.utility(p) >= q.reservation
               for q in s.table)
    ]
    assert 0 < len(acceptable) < len(packages)


def test_the_skeleton_header_finds_a_schema_written_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    assert main(["new-scenario", "--out", str(out)]) == 0
    assert main(["schema", "--out", str(tmp_path / "scenario.schema.json")]) == 0
    target = out.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]
    assert (tmp_path / target).is_file()


def test_an_existing_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("id: my-work\n", encoding="utf-8")
    assert main(["new-scenario", "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "id: my-work\n"
    err = capsys.readouterr().err
    assert f"{out} already exists" in err


def test_an_unwritable_place_is_a_message(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "game", "new-scenario", "--out", str(tmp_path / "no" / "s.yaml")],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("redlines new-scenario: cannot write ")


@pytest.mark.parametrize(
    ("name", "ident"),
    [("talks.yaml", "talks"), ("My Talks.yml", "my-talks"), ("___.yaml", "my-scenario"),
     ("Ünïcode Talks!.yaml", "n-code-talks")],
)
def test_the_id_comes_from_the_file_name(name: str, ident: str) -> None:
    assert scenario_id(Path(name)) == ident
