"""Pilot helpers: open a session's table in the app, as a student reaches it."""

from __future__ import annotations

from typing import Any

from game.engine.session import Session


async def at_the_table(app: Any, pilot: Any, session: Session) -> Any:
    """Start `session` in `app`, close its briefing, and return the table screen."""
    from game.tui.table import TableScreen

    app.start_game(session)
    await pilot.pause()
    await pilot.press("enter")  # close the briefing
    for _ in range(40):
        await pilot.pause(0.05)
        if isinstance(app.screen, TableScreen):
            break
    assert isinstance(app.screen, TableScreen)
    return app.screen
