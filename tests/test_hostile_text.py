"""Scenario text that could act on a terminal or a document (issue 17, class 1).

Control characters (ESC starting an OSC title sequence, C1 CSI, BEL) are refused by `validate` at
PATH:LINE:COL and by the save loader; whatever still reaches a command's output is stripped; Rich
markup is escaped for the TUI (`game.tui.safe.esc`); Markdown exports escape table cells and HTML.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from textual.markup import to_content

from game.cli import main
from game.commands.output import SafeStream
from game.debrief.safe import md_escape
from game.saves import SaveError, load_save
from game.scenario.controls import strip
from game.tui.safe import esc

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base.yaml"
OSC = "\x1b]0;PWNED\x07"


def _base_with(old: str, new: str, tmp_path: Path, name: str = "s.yaml") -> Path:
    text = BASE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _first_title() -> str:
    return re.search(r'^title: "?([^"\n]+)"?$', BASE.read_text(), re.M).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("control", ["\\e]0;PWNED\\a", "\\x9b2J", "\\x07", "\\x00"])
def test_validate_refuses_control_characters_at_their_line(tmp_path: Path, control: str,
                                                          capsys) -> None:
    title = _first_title()
    path = _base_with(f"title: {title}" if f"title: {title}" in BASE.read_text()
                      else f'title: "{title}"', f'title: "{control}{title}"', tmp_path)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if t.startswith("title"))
    assert re.search(rf"^{re.escape(str(path))}:{line}:\d+: title: control character U\+00", out,
                     re.M), out
    assert "remove it" in out
    assert "\x1b" not in out and "\x07" not in out


def test_validate_refuses_a_huge_integer_and_goes_on(tmp_path: Path, capsys) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("id: x\nround_limit: " + "9" * 5000 + "\n", encoding="utf-8")
    assert main(["validate", str(big), str(BASE)]) == 1
    out, err = capsys.readouterr()
    assert f"{big}:2:14: round_limit: the number 999999999999… is too long" in out
    assert f"{BASE}: ok" in err  # the next file is still checked


def test_a_save_whose_scenario_carries_an_escape_is_refused(tmp_path: Path) -> None:
    main(["simulate", str(BASE), "--role", "east", "--quiet", "--out", str(tmp_path / "g.json")])
    data = json.loads((tmp_path / "g.json").read_text())
    data["scenario"]["parties"][0]["name"] = OSC + "Ukraine"
    (tmp_path / "g.json").write_text(json.dumps(data))
    with pytest.raises(SaveError, match=r"'name': control character U\+001B \(ESC\)"):
        load_save(tmp_path / "g.json")


def test_command_output_is_stripped_of_control_characters(tmp_path: Path, capfd) -> None:
    # A file name is text no check sees: validate prints it back.
    path = tmp_path / f"{OSC}x.yaml"
    path.write_text(BASE.read_text(), encoding="utf-8")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "game", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "]0;PWNEDx.yaml: ok" in done.stderr
    assert "\x1b" not in done.stderr + done.stdout and "\x07" not in done.stderr


def test_safe_stream_strips_and_replaces_what_the_encoding_lacks() -> None:
    raw = io.BytesIO()
    text = io.TextIOWrapper(raw, encoding="ascii")
    stream = SafeStream(text)
    stream.write(f"{OSC}Zürich \x9b2J ok\n")
    stream.flush()
    assert raw.getvalue() == b"]0;PWNEDZ?rich 2J ok\n"


@pytest.mark.parametrize("text", ["[/x]", "[bold]", "a[ b", "Ukraine[", "x\\", "a\\[b]",
                                  "[/]", f"{OSC}[red]"])
def test_esc_shows_any_text_literally(text: str) -> None:
    markup = f"[b]{esc(text)}[/b] [i]after[/i]"
    plain = to_content(markup).plain
    assert plain.startswith(strip(text).rstrip("\\"))
    assert plain.endswith(" after")


def test_markdown_cells_and_html_are_escaped() -> None:
    assert md_escape("A|B <script>x</script>") == "A\\|B \\<script\\>x\\</script\\>"
    assert md_escape("two\nlines") == "two lines"


def test_markdown_export_keeps_its_columns(tmp_path: Path, capsys) -> None:
    path = _base_with("name: East", 'name: "Ea|st <b>x</b>"', tmp_path)
    save = tmp_path / "g.json"
    assert main(["simulate", str(path), "--role", "east", "--quiet", "--out", str(save)]) == 0
    capsys.readouterr()
    assert main(["replay", str(save), "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "<b>" not in md
    row = next(t for t in md.splitlines() if t.startswith("| Ea"))
    assert row.replace("\\|", "").count("|") == 5  # four cells: party, utility, RV, surplus
