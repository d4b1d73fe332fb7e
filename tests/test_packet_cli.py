"""`redlines packet`: for every bundled scenario and role, the packet holds that seat's brief and
numbers and no other seat's confidential brief or numbers; what it shows of the others follows
the difficulty's `reveal` list; bad input gets a message naming the choices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.files import bundled_paths, read_scenario
from game.scenario.models import Difficulty, Scenario
from game.teaching.doc import to_markdown
from game.teaching.packet import build_packet
from game.teaching.parts import own_parties


def _scenario(path: Path) -> Scenario:
    scenario = read_scenario(path).scenario
    assert scenario is not None
    return scenario


CASES = [(path, role) for path in bundled_paths() for role in _scenario(path).roles]


def _briefs(s: Scenario, role: str) -> tuple[list[str], list[str]]:
    """(the confidential briefs this seat must see, those it must never see)."""
    mine = set(own_parties(s, role))
    own = [p.brief for p in s.parties if p.id in mine]
    own += [c.brief for c in s.coalitions if c.id == role]
    own += [m.brief for m in s.mediators] if role == "mediator" else []
    others = [p.brief for p in s.parties if p.id not in mine]
    others += [c.brief for c in s.coalitions if c.id != role]
    others += [m.brief for m in s.mediators] if role != "mediator" else []
    return own, others


@pytest.mark.parametrize(("path", "role"), CASES, ids=[f"{p.stem}-{r}" for p, r in CASES])
def test_a_packet_holds_its_own_brief_and_no_other(path: Path, role: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    s = _scenario(path)
    assert main(["packet", str(path), "--role", role, "--format", "md",
                 "--difficulty", "hard"]) == 0
    text = capsys.readouterr().out
    own, others = _briefs(s, role)
    assert own and all(brief in text for brief in own)
    assert [b[:50] for b in others if b in text] == []
    for level in s.difficulties:  # what a level reveals never includes a brief
        shown = to_markdown(build_packet(s, role, level.id))
        assert [b[:50] for b in others if b in shown] == [], level.id
    mine = set(own_parties(s, role))
    for p in s.parties:
        shown = f"{p.name}: points table" in text
        assert shown == (p.id in mine), p.id
        assert (f"{p.name}: your red lines" in text) == (p.id in mine)
        if p.id not in mine:
            assert not any(f"[{r.id}]" in text for r in p.red_lines)
    assert text.count("No-deal value") == len(mine)
    assert text.count("Confidential instructions") == 1
    assert re.search(r"^## Score sheet$", text, flags=re.M)
    assert "| BATNA |" in text and "| Reservation value |" in text


@pytest.mark.parametrize("path", bundled_paths(), ids=lambda p: p.stem)
def test_packets_and_the_teaching_note_say_how_far_each_source_can_be_relied_on(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every source's kind, date, perspective, author and reliability note, in each packet and
    in the teaching note, Markdown and HTML."""
    from html import escape

    s = _scenario(path)
    assert any(src.reliability for src in s.sources)
    outputs = []
    for fmt in ("md", "html"):
        for argv in (["packet", str(path), "--role", s.roles[0]], ["teach", str(path)]):
            assert main([*argv, "--format", fmt]) == 0
            outputs.append((fmt, capsys.readouterr().out))
    for fmt, text in outputs:
        for src in s.sources:
            for part in (src.date, src.kind, src.perspective, src.author, src.reliability):
                assert (escape(part) if fmt == "html" else part) in text, (fmt, src.id, part)


def test_what_a_seat_knows_of_the_others_follows_the_level() -> None:
    s = _scenario(bundled_paths()[0].parent / "istanbul-2022.yaml")
    levels = [Difficulty(id="open", label="Open book",
                         reveal=["positions", "red_lines", "priorities", "values", "reservation"]),
              *s.difficulties]
    s = s.model_copy(update={"difficulties": levels})
    russia = next(p for p in s.parties if p.id == "russia")

    def packet(level: str) -> str:
        return to_markdown(build_packet(s, "ukraine", level))

    full, easy, normal, hard = (packet(x) for x in ("open", "easy", "normal", "hard"))
    red_line = f"Red line: {russia.red_lines[0].text}"
    assert red_line in full and red_line in easy and red_line in normal and red_line not in hard
    assert "Priorities: " in full and "Priorities: " in easy and "Priorities: " not in normal
    assert "Values for " in full and "Values for " in easy and "Values for " not in normal
    first = s.issues[0].options[0]  # values are given by the options' words, not their ids
    assert f"{first.label} = " in easy and f" {first.id} " not in easy
    assert "No-deal value: 45.0 points" in full
    assert all("No-deal value: 45.0" not in x for x in (easy, normal, hard))


def test_packet_html_prints_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packet", "tutorial", "--role", "ukraine"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert '<h2 class="new-page">Confidential instructions: Ukraine</h2>' in page
    assert '<h2 class="new-page">Score sheet</h2>' in page and '<tr class="blank">' in page


def test_all_writes_one_packet_per_role(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packet", "stalemate-2025", "--all", str(tmp_path), "--format", "md"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"stalemate-2025-{r}.md" for r in ("mediator", "nato", "russia", "ukraine")]
    russia = (tmp_path / "stalemate-2025-russia.md").read_text()
    assert "Confidential instructions: Russia" in russia
    capsys.readouterr()


def test_bad_input_gets_a_message_naming_the_choices(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packet", "istanbul-2022", "--role", "belarus"]) == 1
    err = capsys.readouterr().err
    assert "no role 'belarus'" in err and "ukraine, russia, nato, mediator" in err
    assert "Traceback" not in err
    assert main(["packet", "tutorial", "--role", "russia", "--difficulty", "expert"]) == 1
    assert "easy, normal, hard" in capsys.readouterr().err
    missing = tmp_path / "packets"
    assert main(["packet", "tutorial", "--all", str(missing)]) == 1
    assert "does not exist; create it first" in capsys.readouterr().err
    assert not missing.exists()
    assert main(["packet", "tutorial", "--all", str(tmp_path), "--out", "x.html"]) == 2
    assert main(["packet", "tutorial", "--role", "ukraine", "--out", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    broken = Path(__file__).parent / "fixtures" / "broken" / "unknown_role.yaml"
    assert main(["packet", str(broken), "--role", "east"]) == 1
    assert f"{broken}:118:15:" in capsys.readouterr().err


SCRIPT = """
import contextlib, io, sys
from game.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    codes = [main(["teach", "stalemate-2025"]),
             main(["packet", "stalemate-2025", "--role", "nato"])]
assert codes == [0, 0], codes
print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
"""


def test_class_material_commands_do_not_import_textual() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
