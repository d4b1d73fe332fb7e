"""The table's two helpers for thinking: the coach (`i`) and the seat's own analysis (palette).

Both read only what the seat knows and run off the event loop. Mixed into `TableScreen`, whose
session, builder and busy flag they use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.markup import escape

from game.tui.builder import PackageBuilder
from game.tui.dialogs import ConfirmScreen, TextScreen

if TYPE_CHECKING:
    from game.engine.events import Event
    from game.engine.moves import Move


class AdviceActions:
    """Actions of the table screen that advise the student without moving at the table."""

    if TYPE_CHECKING:
        session: Any
        stances: Any
        seat_view: Any
        busy: bool
        app: Any

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

        def refresh_bindings(self) -> None: ...

        def _refused(self, message: str) -> None: ...

    def action_coach(self) -> None:
        from game.engine.moves import Coach

        self.busy = True
        self.refresh_bindings()
        self._coach(Coach(package=dict(self.query_one(PackageBuilder).package)))

    @work(thread=True, exclusive=True, group="move")
    def _coach(self, move: Move) -> None:
        """The coach searches off the event loop; its advice is recorded like any move."""
        from game.engine.session import IllegalMove

        try:
            entries = self.session.play(move)
        except IllegalMove as err:
            self.app.call_from_thread(self._refused, str(err))
            return
        self.app.call_from_thread(self._advised, entries)

    def _advised(self, entries: list[Event]) -> None:
        self.busy = False
        self.refresh_bindings()
        self.app.autosave()
        advice = next((e for e in entries if e.kind == "coached"), None)
        if advice is None:
            return
        text = "\n".join(r.text for r in advice.reasons)
        if advice.package is None:
            self.app.push_screen(TextScreen(f"[b]The coach[/b]\n{escape(text)}"))
            return
        suggested = dict(advice.package)

        def answered(yes: bool | None) -> None:
            if yes:
                self.query_one(PackageBuilder).set_package(suggested)

        self.app.push_screen(ConfirmScreen(f"{text}\n\nPut this package in your builder? "
                                           "(u undoes it)"), answered)

    @work(thread=True, exclusive=True, group="analysis")
    def action_analyze(self) -> None:
        """The analysis the seat may run now (`seat_analysis`): counted off the event loop."""
        from game.tui.view import seat_analysis

        s = self.session
        lines = seat_analysis(s.situation, s.role, self.stances, self.seat_view.reveal)
        self.app.call_from_thread(self.app.push_screen, TextScreen("\n".join(lines)))
