"""The replay viewer: a saved session move by move, with forking.

Left, the timeline of every move; right, the step: the table as it stood, every party's private
utility for the package on the table (what the player could believe against the truth), the red
lines that bound, and the move's label. From any step, fork a new game in the same seat or another:
another party's or coalition's seat is taken exactly at that step (a `TakeSeat` move, the computer
playing the seat left); the mediator's seat, or a finished game, starts that role afresh from the
step's round. The numbers come from `game.debrief.steps` (no Textual there).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from game.debrief.model import MOVE_LABELS
from game.debrief.steps import Steps, StepsError, StepView, package_labels
from game.engine.scoring import below
from game.engine.session import Session
from game.narrate import Narrator
from game.saves import LoadedSave, SaveError, load_save
from game.tui.safe import esc

if TYPE_CHECKING:
    from textual import getters

    from game.tui.host import GameHost

LABEL_HELP = MOVE_LABELS


class RoleChoice(ModalScreen[str | None]):
    """Pick the seat for "play the other side"."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, roles: list[str], current: str) -> None:
        super().__init__()
        self.roles = roles
        self.current = current

    def compose(self) -> ComposeResult:
        yield Static("Fork this step in which seat? (Enter to choose, Esc to cancel)",
                     id="role-title")
        yield OptionList(*[
            Option(f"{r}{' (the seat played)' if r == self.current else ''}", id=r)
            for r in self.roles
        ], id="role-list")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ReplayScreen(Screen[None]):
    """Step through a save; `f` forks in the same seat, `o` in another."""

    if TYPE_CHECKING:
        app = getters.app(GameHost)  # the game's own app, typed; no run-time change

    CSS_PATH = "replay.tcss"
    BINDINGS = [
        Binding("left,h", "step(-1)", "Back"),
        Binding("right,l", "step(1)", "Forward"),
        Binding("home", "go(0)", "Start", show=False),
        Binding("end", "go(-1)", "End", show=False),
        Binding("f", "fork", "Fork here"),
        Binding("o", "fork_other", "Play other side"),
        Binding("q,escape", "leave", "Leave"),
    ]
    PALETTE = (
        ("Fork here", "Start a new game from this step, in the same seat", "fork"),
        ("Play the other side", "Start a new game from this step in another seat", "fork_other"),
    )

    def __init__(self, save: Path | str | LoadedSave) -> None:
        super().__init__()
        self.loaded = save if isinstance(save, LoadedSave) else load_save(save)
        try:
            self.steps = Steps(self.loaded.data)
        except StepsError as err:
            raise SaveError(f"{self.loaded.path}: {err}") from None
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="replay"):
            yield OptionList(
                *[Option(esc(self.steps.title(k)), id=str(k)) for k in range(self.steps.count)],
                id="timeline",
            )
            with VerticalScroll(id="step"):
                yield Static(id="step-title")
                yield Static(id="step-package")
                yield DataTable(id="utilities", cursor_type="none", zebra_stripes=True)
                yield Static(
                    "[dim]believed: what the seat could know then: the number for its own "
                    "side (and for others when the level reveals their priorities and "
                    "values), else an estimate range from its view: revealed priorities and "
                    "the options a party asked for itself; true: each party's private "
                    "numbers.[/dim]", id="utilities-note")
                yield Static(id="step-bound")
                yield Static(id="step-table")
                yield Static(id="step-log")
        yield Footer()

    def on_mount(self) -> None:
        d = self.loaded.data
        self.sub_title = f"Replay — {d.scenario.title} — {d.role}, seed {d.seed}"
        table = self.query_one("#utilities", DataTable)
        table.add_columns("party", "believed", "true", "no deal", "red lines broken")
        timeline = self.query_one("#timeline", OptionList)
        timeline.focus()
        self.show(0)

    @on(OptionList.OptionHighlighted, "#timeline")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and int(event.option.id) != self.index:
            self.show(int(event.option.id))

    def action_step(self, delta: int) -> None:
        self.show(min(max(self.index + delta, 0), self.steps.count - 1))

    def action_go(self, k: int) -> None:
        self.show(self.steps.count - 1 if k < 0 else k)

    def show(self, k: int) -> None:
        self.index = k
        timeline = self.query_one("#timeline", OptionList)
        if timeline.highlighted != k:
            timeline.highlighted = k
        try:
            view = self.steps.view(k)
        except (SaveError, StepsError) as err:
            self.notify(esc(str(err)), severity="error", timeout=8)
            return
        self._show_step(view)

    def _show_step(self, v: StepView) -> None:
        names = {p.id: p.name for p in self.loaded.data.scenario.parties}
        title = f"[b]Step {esc(v.title)}[/b] — round {v.round}"
        self.query_one("#step-title", Static).update(title)
        if v.package is None:
            pkg = "No package on the table yet."
        else:
            items = esc(package_labels(self.loaded.data.scenario, v.package))
            label = v.label or "-"
            pkg = (f"Package on the table, by {esc(names.get(v.package_by or '', v.package_by))}: "
                   f"{items}\nMove: [b]{esc(label)}[/b] ({LABEL_HELP.get(label, '')})")
        self.query_one("#step-package", Static).update(pkg)
        table = self.query_one("#utilities", DataTable)
        table.clear()
        for p in v.parties:
            believed = "?"
            if p.believed is not None:
                believed = f"{p.believed:.2f}"
            elif p.estimate is not None and p.estimate[1] - p.estimate[0] < 0.99:
                believed = f"{p.estimate[0]:.2f}–{p.estimate[1]:.2f} est."
            mark = " (below no deal)" if below(p.true, p.reservation) else ""
            table.add_row(esc(p.name), believed, f"{p.true:.2f}{mark}", f"{p.reservation:.2f}",
                          esc("; ".join(x.split(":")[0] for x in p.broken) or "none"))
        bound = "\n".join(f"  • {esc(b)}" for b in v.bound) or "  none in this step"
        self.query_one("#step-bound", Static).update(f"[b]Red lines that bound[/b]\n{bound}")
        if v.guesses:
            mine = "\n".join(f"  • {esc(g)}" for g in v.guesses)
            self.query_one("#step-bound", Static).update(
                f"[b]Red lines that bound[/b]\n{bound}\n[b]Your guesses[/b]\n{mine}")
        open_ = "\n".join(f"  {esc(t)}" for t in v.table) or "  nothing open"
        self.query_one("#step-table", Static).update(f"[b]On the table[/b]\n{open_}")
        narrator = Narrator(self.loaded.data.scenario, self.loaded.data.mediator)
        log = "\n".join(f"  {esc(f'[{e.actor}]')} {esc(narrator.line(e))}"
                        for e in v.entries) or "  -"
        self.query_one("#step-log", Static).update(f"[b]What happened[/b]\n{log}")

    def _start(self, role: str | None) -> None:
        try:
            session = self._fork(role)
        except (SaveError, ValueError) as err:
            self.notify(f"Cannot fork: {esc(err)}", severity="error", timeout=8)
            return
        self.app.start_game(session)

    def _fork(self, role: str | None) -> Session:
        """Same seat: replay the moves. Another seat: take it exactly at this step when the rules
        allow, otherwise (mediator, finished talks) start that role afresh from the step's round."""
        session, refusal = self.steps.fork(self.index, role)
        if refusal is not None:
            self.notify(f"Not the same table: {esc(refusal)}, so {esc(role)} starts afresh in "
                        f"round {session.round}.", timeout=8)
        return session

    def action_fork(self) -> None:
        self._start(None)

    def action_fork_other(self) -> None:
        d = self.loaded.data
        self.app.push_screen(RoleChoice(list(d.scenario.roles), d.role),
                             lambda role: self._start(role) if role else None)

    def action_leave(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.go_title()
