"""One glossary for the help screen, the packets and the teaching notes; the reservation value
and the BATNA are two entries, and no text calls one by the other's name."""

from __future__ import annotations

import re
from pathlib import Path

from game.glossary import GLOSSARY
from game.tui.dialogs import HELP

TERMS = {"Reservation value", "BATNA", "Zone of agreement", "Pareto frontier", "Nash point",
         "Logrolling", "Anchoring", "Single negotiating text", "Caucus"}


def test_the_help_screen_carries_every_term() -> None:
    assert {term for term, _ in GLOSSARY} >= TERMS
    for term, meaning in GLOSSARY:
        assert f"[b]{term}[/b]: {meaning}" in HELP


def test_no_player_facing_text_equates_the_reservation_value_with_the_batna() -> None:
    game = Path(__file__).parent.parent / "game"
    pattern = re.compile(r"reservation value\W*\(\s*(its |your )?BATNA\s*\)|\(BATNA\)", re.I)
    found = [str(p) for p in game.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert found == []
