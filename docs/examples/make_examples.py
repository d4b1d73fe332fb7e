"""Regenerate the example exports: `python docs/examples/make_examples.py` from the checkout.

Plays simulated games (the player's seat taken by a built-in strategy, as `redlines simulate`
does), saves them through game.saves, and exports each debrief with `redlines replay`; then a class
view of three tutorial games. Deterministic: the same files every time.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from game.cli import main
from game.engine.players import player_bot
from game.engine.session import Session
from game.files import resolve
from game.saves import save_session

HERE = Path(__file__).resolve().parent
GAMES = [  # (scenario, role, seed, strategy, name)
    ("tutorial", "ukraine", 5, "linear", "tutorial-ukraine"),
    ("istanbul-2022", "ukraine", 4, "linear", "istanbul-2022-ukraine"),
]
CLASS = [("ukraine", 1), ("russia", 2), ("mediator", 3)]


def simulate(scenario_id: str, role: str, seed: int, strategy: str, out: Path) -> Path:
    scenario = resolve(scenario_id).scenario
    assert scenario is not None
    mediator = scenario.mediators[0].id if role == "mediator" else None
    session = Session.start(scenario, role, seed=seed, mediator=mediator)
    bot = player_bot(strategy, role, seed)
    while not session.finished:
        session.play(bot.move(session))
        save_session(session, out)
    return out


def main_() -> None:
    for scenario_id, role, seed, strategy, name in GAMES:
        save = simulate(scenario_id, role, seed, strategy, HERE / f"{name}.save.json")
        for fmt in ("md", "html", "json"):
            main(["replay", str(save), "--format", fmt, "--out", str(HERE / f"{name}.{fmt}")])
    with tempfile.TemporaryDirectory() as tmp:
        for role, seed in CLASS:
            simulate("tutorial", role, seed, "linear", Path(tmp) / f"tutorial-{role}.json")
        for fmt in ("md", "html"):
            main(["replay", tmp, "--format", fmt, "--out", str(HERE / f"class-tutorial.{fmt}")])
    shutil.rmtree(HERE / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main_()
