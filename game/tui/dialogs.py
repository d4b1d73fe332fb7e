"""Small screens: help, a too-small terminal, confirmations, picking a party or a save, answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.events import ANSWERS
from game.glossary import GLOSSARY
from game.narrate import Narrator
from game.tui.marked import MarkedList, room
from game.tui.safe import esc as escape

if TYPE_CHECKING:
    from pathlib import Path

    from textual import getters

    from game.engine.events import Event
    from game.scenario.models import Scenario
    from game.tui.host import GameHost

HELP = """\
[b]Keys everywhere[/b]
  F1 or ?       this help
  ctrl+p        command palette: every action by name
  F2            light / dark theme
  Tab           next panel;  Escape closes a panel
  ctrl+q        quit (the game is saved after every move)

[b]At the table[/b]
  ↑ ↓ or k j    move between issues
  ← → or h l    change the option (stops at the ends)
  d             leave the issue for later (its deferred option)
  u / r         undo / redo a change to your package
  Enter         changes nothing here (a stray Enter is safe)
  p             propose your package
  a             accept the highlighted offer (asks first)
  o             copy the highlighted offer into your package
                On the table, each offer's worth to you: ✓ ok (at least your
                no-deal value), ✗ too low, ⊘ breaks your red line
  e             end the round
  w             walk out: you get your reservation value
  g             offer a goodwill gesture (a confidence-building step)
  f             a conditional offer: "if you accept X on one issue, we accept
                Y on another"; accepted, both sides keep it in what they
                propose for the rest of the round
  y             answer a conditional offer made to you
  i             ask the coach: a better package by what you know (off on hard)
  x             record a guess of a party's top issue and no-deal value
  b / s         the briefing / the sources

[b]As the mediator[/b]
  t             table your single text (a draft)
  c             caucus: meet one party in private

[b]The ideas, in short[/b]
• A [b]package[/b] settles every issue at once; trading across issues is how deals happen.
• Your [b]utility[/b] (0-1) is what a package is worth to you: the weighted sum of what each \
chosen option is worth. The scorecard shows it issue by issue.
• Your [b]reservation value[/b] is what no deal is worth to you; your [b]BATNA[/b] is what you \
would do if the talks fail. Below the reservation value, walking away is better.
• A [b]red line[/b] (⊘) is a rule a party never breaks. A package breaking one is refused.
• The scorecard shows what your package is [b]worth to the others[/b]: the [b]exact[/b] \
number on easy, which reveals their priorities and option values; otherwise an \
[b]estimate[/b] (a range) from what you know: their priorities if revealed, and the options \
they asked for themselves (a game assumption: worth at least 0.5 to them). "Red lines: \
unknown": the level hides them, so none broken is not known.
• The [b]zone of possible agreement[/b] is every package each side prefers to no deal.
• The [b]Pareto frontier[/b] holds the packages no other package improves for everyone.
• A [b]mediator[/b] has no package of its own: it caucuses, drafts one text, and keeps its \
credibility by not leaning toward either side.

Symbols: ✓ acceptable or accepted, ✗ refused or below reservation, ⊘ red line, ⚑ opinion \
source, ▸ the highlighted row.

[b]Glossary[/b]
""" + "\n".join(f"• [b]{term}[/b]: {meaning}" for term, meaning in GLOSSARY) + "\n"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q,enter", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(HELP, id="help-text")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()


class TextScreen(ModalScreen[None]):
    """A page of text (markup) to read and close: the analysis, for one."""

    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="text-page"):
            yield Static(self.text)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#text-page").focus()

    def action_close(self) -> None:
        self.dismiss()


class TooSmallScreen(ModalScreen[None]):
    """Covers everything while the terminal is smaller than the game needs."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit")]

    def __init__(self, minimum: tuple[int, int]) -> None:
        super().__init__()
        self.minimum = minimum

    def compose(self) -> ComposeResult:
        w, h = self.minimum
        yield Static(
            f"The terminal is too small for Red Lines.\nIt needs at least {w} columns × {h} "
            "rows.\nEnlarge the window (the game continues where it was), or press ctrl+q to "
            "quit.", id="too-small")


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Static(escape(self.question))
            yield Label("y = yes, n = no")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChoiceList(MarkedList):
    """A list whose Enter shows in the footer, so a dialog says how to choose, not only how
    to cancel."""

    BINDINGS = [Binding("enter", "select", "Choose")]


class PickScreen(ModalScreen[str | None]):
    """Choose one item from a short list; dismisses with its id, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, items: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text)
            yield ChoiceList()
        yield Footer()

    def on_mount(self) -> None:
        lst = self.query_one(MarkedList)
        lst.set_items([(escape(label), key) for key, label in self.items], 0)
        lst.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SavesScreen(ModalScreen[None]):
    """Saved games, newest first: continue one, or open it in the replay viewer."""

    if TYPE_CHECKING:
        app = getters.app(GameHost)  # the game's own app, typed; no run-time change

    BINDINGS = [Binding("escape", "cancel", "Back")]

    def __init__(self, replay: bool) -> None:
        super().__init__()
        self.replay = replay
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Replay which save?" if self.replay else "Continue which game?")
            yield ChoiceList(id="saves")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from game.saves import list_saves

        found = list_saves(self.app.saves_dir)
        self.app.call_from_thread(self.show, found)

    def show(self, found: list) -> None:
        lst = self.query_one(MarkedList)
        lst.loading = False
        self.paths = [s.path for s in found]
        items: list[tuple[str, str | None]] = []
        for s in found:
            if s.error:
                items.append((f"✗ {escape(s.path.name)}: {escape(s.error)}", None))
            else:
                state = "finished" if s.finished else \
                    f"{s.moves} move{'' if s.moves == 1 else 's'}"
                items.append((f"{escape(s.path.name)}\n  {escape(s.title)} · {s.role} · {state}",
                              None))
        if found:
            lst.set_items(items, 0)
        else:
            folder = escape(str(self.app.saves_dir))
            lst.add_option(Option(f"No saves in {folder}", disabled=True))
        lst.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        path = self.paths[event.option_index]
        if self.replay:
            self.app.to_base()
            self.app.open_replay(path)
            return
        from game.saves import SaveError, load_save

        try:
            session = load_save(path).session()
        except SaveError as err:
            self.notify(escape(str(err)), title="Cannot continue", severity="error", timeout=8)
            return
        self.app.start_game(session, save_path=path)

    def action_cancel(self) -> None:
        self.dismiss()


KIND_WORDS = {
    "accept": "✓ accepts", "reject": "✗ rejects", "offer": "➜ proposes", "draft": "✎ drafts",
    "objection": "✗ objects", "credibility": "✗ doubts", "caucus": "☏ caucus",
    "gesture": "♦ gesture", "conditional": "⇆ if…", "conditional_reply": "⇆ answers",
    "walk_out": "✗ walks out", "agreement": "✓ AGREEMENT", "no_deal": "✗ NO DEAL",
    "round_start": "● new round", "event": "● event", "seat_taken": "⇄ seat",
}


def entry_text(scenario: Scenario, e: Event, detail: bool = True, width: int = 0) -> str:
    """One log entry as markup: who, a word and symbol for the kind, the text, the reasons.
    With a `width`, the package and each reason wrap under their own indent."""
    from game.tui.view import cite_new, hang, name_of, package_text

    who = escape(name_of(scenario, e.actor))
    head = f"[b]{who}[/b] {KIND_WORDS.get(e.kind, e.kind)}"
    if e.offer is not None:
        head += f" #{e.offer}"
    # Answers, events and steps are their reasons: shown as a list under the head instead.
    listed = detail and bool(e.reasons) and e.kind in LISTED
    line = Narrator(scenario).line(e)
    lines = [head if listed else f"{head}: {escape(line)}"]
    if detail and e.package and e.kind in ("offer", "draft"):
        lines += [escape(x) for x in hang(package_text(scenario, e.package), width, 4,
                                          first="    ")]
    if detail:
        for r in e.reasons:
            text = r.text
            if r.red_line and e.kind in ANSWERS:
                mark = "⊘ red line hit: "
            elif r.red_line:
                # a caucus or a walk-out names a red line; no text on the table broke it
                mark = "· red line named: "
                text = f"'{red_line_text(scenario, r.red_line) or r.text}'"
            else:
                mark = "· "
            lines += [escape(x) for x in hang(f"{mark}{text}{cite_new(text, r.sources)}",
                                              width, 6, first="    ")]
    return "\n".join(lines)


def red_line_text(scenario: Scenario, rule: str) -> str | None:
    """A red line's own words, whether stated from the start or drawn by a round's event."""
    for p in scenario.parties:
        for r in p.red_lines:
            if r.id == rule:
                return r.text
    for rnd in scenario.rounds:
        for ev in rnd.events:
            if ev.type == "add_red_line" and ev.red_line.id == rule:
                return ev.red_line.text
    return None


LISTED = ("accept", "reject", "objection", "credibility", "event", "gesture")
"""Kinds whose reasons say all there is: the head, then the reasons one per line."""


class AnswersScreen(ModalScreen[None]):
    """What happened after the player's move: each answer with its reasons."""

    BINDINGS = [Binding("enter,escape,space", "close", "Continue")]

    def __init__(self, scenario: Scenario, entries: Sequence[Event], title: str) -> None:
        super().__init__()
        self.scenario = scenario
        self.entries = entries
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="answers"):
            yield Static(self._text(0))
        yield Footer()

    def _text(self, width: int) -> str:
        body = "\n\n".join(entry_text(self.scenario, e, width=width)
                           for e in self.entries) or "No answers."
        return f"[b]{escape(self.title_text)}[/b]\n\n{body}"

    def _wrap(self) -> None:
        """Once the dialog has its width, wrap each reason under its own indent."""
        box = self.query_one("#answers", VerticalScroll)
        box.query_one(Static).update(self._text(room(box) - 1))
        self.call_after_refresh(self._hint_more)

    def on_mount(self) -> None:
        box = self.query_one("#answers", VerticalScroll)
        self.call_after_refresh(self._wrap)
        box.focus()
        self.watch(box, "scroll_y", self._hint_more, init=False)
        self.call_after_refresh(self._hint_more)

    def _hint_more(self, _: float = 0) -> None:
        """Say that the answers go on below the fold, not only with a thin scrollbar."""
        box = self.query_one("#answers", VerticalScroll)
        box.border_subtitle = "more below: ↓ or PgDn" if box.scroll_y < box.max_scroll_y \
            else ""

    def action_close(self) -> None:
        self.dismiss()
