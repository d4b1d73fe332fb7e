"""The package builder and the live scorecard: the widgets a key press must update at once."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static
from textual.widgets.option_list import Option

from game.engine.scoring import at_least
from game.scenario.models import Scenario
from game.tui.marked import MarkedList, StopAtEnds, room
from game.tui.safe import esc as escape

__all__ = ["MarkedList", "PackageBuilder", "Scorecard", "card_markup"]
from game.engine.views import Estimate
from game.tui.view import Card, OtherLine, hang, meter, short


class PackageBuilder(StopAtEnds):
    """One row per issue; ← → change its option, d defers it, u undoes and r redoes a change.
    Posts `Changed` on every change. Enter changes nothing: it continues on every other screen,
    so a stray Enter here must not rewrite a clause the student has settled; ← and → do not
    wrap round either, so holding a key stops at the issue's first or last option."""

    BINDINGS = [
        Binding("left,h", "shift(-1)", "◀ option", show=False),
        Binding("right,l", "shift(1)", "option ▶", show=False),
        Binding("d", "defer", "Defer issue", show=False),
        Binding("u", "undo", "Undo"),
        Binding("r", "redo", "Redo", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("j", "cursor_down", "Down", show=False),
    ]

    class Changed(Message):
        def __init__(self, package: dict[str, str]) -> None:
            super().__init__()
            self.package = package

    def __init__(self, scenario: Scenario, choice: Mapping[str, str], **kw: Any) -> None:
        super().__init__(**kw)  # id, classes, ...: whatever OptionList takes
        self.scenario = scenario
        self.choice = [
            next((k for k, o in enumerate(i.options) if o.id == choice.get(i.id)), 0)
            for i in scenario.issues
        ]
        self.undone: list[list[int]] = []  # earlier packages, newest last
        self.redone: list[list[int]] = []  # packages undone, to redo, newest last

    def on_mount(self) -> None:
        self.add_options([Option(self._prompt(i)) for i in range(len(self.scenario.issues))])
        self.highlighted = 0

    def _prompt(self, i: int) -> str:
        issue = self.scenario.issues[i]
        opt = issue.options[self.choice[i]]
        later = "  (later)" if opt.deferred else ""
        n = f"{self.choice[i] + 1}/{len(issue.options)}"
        mark = "▸" if i == self.highlighted else " "
        # a long option wraps under its label, keeping ▶ with it, not alone at the left edge
        # (no-break spaces keep each arrow with its word)
        lines = hang(f"◀\u00a0{opt.label}\u00a0▶{later}",
                     room(self) - 1, 5, first="   ")
        width = room(self) - 2 - len(n)  # the title and its count on one line
        title = short(issue.title, width) if width > 8 else issue.title
        return (f"{mark}[b]{escape(title)}[/b] [dim]{n}[/dim]\n"
                + "\n".join(escape(x) for x in lines))

    def on_resize(self) -> None:
        """Wrap again to the new width: the options are rebuilt, not only their prompts, so
        the list measures their new heights."""
        highlighted = self.highlighted
        self.clear_options()
        self.add_options([Option(self._prompt(i)) for i in range(len(self.scenario.issues))])
        self.highlighted = highlighted

    # Textual calls a watcher with (old, new) when it takes two arguments (see MarkedList).
    def watch_highlighted(  # type: ignore[override]
        self, old: int | None, new: int | None
    ) -> None:
        """Mark the current issue with a symbol too, so it shows without colour."""
        super().watch_highlighted(new)
        for i in (old, new):
            if i is not None and i < self.option_count:
                self.replace_option_prompt_at_index(i, self._prompt(i))

    @property
    def package(self) -> dict[str, str]:
        return {i.id: i.options[c].id for i, c in zip(self.scenario.issues, self.choice,
                                                        strict=True)}

    def set_package(self, package: Mapping[str, str]) -> None:
        choice = list(self.choice)
        for k, issue in enumerate(self.scenario.issues):
            ids = [o.id for o in issue.options]
            if package.get(issue.id) in ids:
                choice[k] = ids.index(package[issue.id])
        self._apply(choice)

    def _apply(self, choice: list[int], record: bool = True) -> None:
        """Show `choice`; `record` keeps the package it replaces for undo (and forgets what
        was undone, as every editor does after a new change)."""
        if choice == self.choice:
            return
        if record:
            self.undone.append(list(self.choice))
            self.redone.clear()
        changed = [k for k, (a, b) in enumerate(zip(self.choice, choice, strict=True)) if a != b]
        self.choice = list(choice)
        for k in changed:
            self.replace_option_prompt_at_index(k, self._prompt(k))
        self.post_message(self.Changed(self.package))

    def _set(self, i: int, option: int) -> None:
        choice = list(self.choice)
        choice[i] = option
        self._apply(choice)

    def action_shift(self, step: int) -> None:
        i = self.highlighted
        if i is None:
            return
        n = len(self.scenario.issues[i].options)
        option = self.choice[i] + step
        if 0 <= option < n:
            self._set(i, option)

    def action_undo(self) -> None:
        if not self.undone:
            self.notify("Nothing to undo in your package.", severity="information")
            return
        self.redone.append(list(self.choice))
        self._apply(self.undone.pop(), record=False)

    def action_redo(self) -> None:
        if not self.redone:
            self.notify("Nothing to redo.", severity="information")
            return
        self.undone.append(list(self.choice))
        self._apply(self.redone.pop(), record=False)

    def action_defer(self) -> None:
        i = self.highlighted
        if i is None:
            return
        deferred = [k for k, o in enumerate(self.scenario.issues[i].options) if o.deferred]
        if not deferred:
            self.notify("This issue cannot be left for later in this scenario.",
                        severity="warning")
            return
        self._set(i, deferred[0])

    def action_select(self) -> None:
        """Enter changes nothing here (see the class docstring); it says which keys do."""
        self.notify("← → change the highlighted issue's option; u undoes a change.",
                    severity="information")


def verdict(utility: float, reservation: float) -> str:
    """Above or below the reservation value: a symbol and a word, colour only as a help."""
    return "[b $success]✓ above[/]" if at_least(utility, reservation) else "[b $error]✗ below[/]"


def coalition_lines(card: Card, width: int = 32) -> list[str]:
    """A coalition's members side by side: one column each, so the card stays short. The
    columns and issue titles widen with the card, so a wide terminal cuts fewer names. When the
    names are wrapped on their words within the columns; when even narrow columns would not
    fit, they are headed #1, #2, ... under a list of the members' full names, never cut."""
    own = card.own
    longest = max(len(x.name) for x in own) + 1
    col = max(9, min(longest, (width - 22) // len(own)))
    longest_title = max((len(t) for t, _ in own[0].breakdown), default=14)
    numbered = 9 + col * len(own) > width  # room for "utility" beside the columns
    if numbered:
        col = max(8, min(col, (width - 9) // len(own)))
    title_w = max(7, min(30, longest_title, width - 2 - col * len(own)))
    if numbered:
        heads = [" " * (title_w + 2) + "".join(f"{'#' + str(k):>{col}}"
                                               for k in range(1, len(own) + 1))]
    else:
        heads = name_rows([x.name for x in own], col, title_w + 2)
    label = title_w + 2
    out = [f"[b]You: {escape(' + '.join(x.name for x in own))}[/b]",
           "[dim]a deal needs every member's consent[/dim]"]
    if numbered:
        out += [f"  #{k} {escape(x.name)}" for k, x in enumerate(own, 1)]
    out += [*heads,
            f"{'utility':<{label}}" + "".join(f"{x.utility:>{col}.2f}" for x in own),
            f"{'no deal':<{label}}" + "".join(f"{x.reservation:>{col}.2f}" for x in own),
            " " * label + "".join(" " * (col - 7) + verdict(x.utility, x.reservation)
                                  for x in own)]
    for x in own:
        out += [f"  [$error]⊘ breaks {escape(x.name)}'s red line[/]: {escape(t)}"
                for t in x.broken]
    out += their_side(card, width)
    for i, (title, _) in enumerate(own[0].breakdown):
        out.append(f"  {escape(short(title, title_w)):<{title_w}}" + "".join(
            f"{x.breakdown[i][1]:>+{col}.2f}" for x in own))
    out.append("")
    return out


def name_rows(names: list[str], col: int, label: int) -> list[str]:
    """Column heads for the members, each name wrapped on its own words within its column (a
    narrow card shows "United / States" over two rows rather than cutting it to "United …")."""
    wrapped = [textwrap.wrap(n, col - 1) or [""] for n in names]
    depth = max(len(w) for w in wrapped)
    return [" " * label + "".join(f"{escape(w[r] if r < len(w) else ''):>{col}}"
                                  for w in wrapped) for r in range(depth)]


def worth_short(worth: Estimate) -> str:
    """The worth to another party in a few cells: the number marked exact, a range marked est.,
    or ?."""
    if worth.exact:
        return f"{worth.low:.2f} [dim]exact[/dim]"
    if worth.high - worth.low > 0.99:
        return "? [dim](est. 0–1)[/dim]"
    return f"{worth.low:.2f}–{worth.high:.2f} [dim]est.[/dim]"


def their_side(card: Card, width: int) -> list[str]:
    """What the package is worth to each other party, near the top of the card, before the
    student's own issue-by-issue lines: seeing both sides move with each key is the point."""
    rows = [(o, o.worth) for o in card.others if o.worth is not None]
    if not rows:
        return []
    name_w = max(8, min(18, width - 18, max(len(o.name) for o, _ in rows)))
    out = ["[b]Their side[/b] [dim](worth to them)[/dim]"]
    for o, worth in rows:
        mark = " ⊘" if o.broken else ""
        out.append(f"  {escape(short(o.name, name_w)):<{name_w}} {worth_short(worth)}{mark}")
    return [*out, ""]


def worth_line(worth: Estimate, width: int = 0) -> str:
    """The package's worth to another party: the number when the difficulty reveals it, else
    the seat's estimate as a range, labelled so it is never read as the true number."""
    if worth.exact:
        text = f"  worth to it {worth.low:.2f} [dim](exact)[/dim]"
        if not width or width >= 38:  # the bar only where it fits on the line
            text += f" {meter(worth.low)}"
    elif worth.high - worth.low > 0.99:
        text = "  worth to it: ? [dim](estimate 0–1)[/dim]"
    else:
        text = f"  worth to it {worth.low:.2f}–{worth.high:.2f} [dim](estimate)[/dim]"
    if worth.reservation is not None:
        if at_least(worth.low, worth.reservation):
            text += f"\n  no deal {worth.reservation:.2f}: ✓ above it"
        elif not at_least(worth.high, worth.reservation):
            text += f"\n  no deal {worth.reservation:.2f}: ✗ below it"
        else:
            text += f"\n  no deal {worth.reservation:.2f}: ? may be below"
    return text


def wrapped(text: str, width: int, first: str = "  ", indent: int = 4) -> list[str]:
    """Plain `text` as escaped markup lines, wrapped to `width` with a hanging indent."""
    return [escape(x) for x in hang(text, width, indent, first=first)]


def red_line_line(other: OtherLine, width: int = 0) -> list[str]:
    """The red lines the package breaks, or, when none it knows of is broken, whether that means
    none (they are stated) or only none heard of (the difficulty hides them)."""
    if other.broken:
        out = []
        for t in other.broken:
            lines = wrapped(f"⊘ breaks: {t}", width)
            out += [lines[0].replace("⊘ breaks", "[$error]⊘ breaks[/]", 1), *lines[1:]]
        return out
    if other.lines_hidden:
        return ["  red lines: unknown (hidden)"]
    return ["  no stated red line broken"]


def summary_line(card: Card) -> str:
    """The mediator's one-line answer to "who can sign this text?", before the details."""
    hit = [o.name for o in card.others if o.broken]
    if not hit and any(o.lines_hidden for o in card.others):
        return "[b]This text[/b]: breaks no red line you know of (the rest are unknown)"
    if not hit:
        return "[b]This text[/b]: ✓ breaks no stated red line"
    return f"[b]This text[/b]: [$error]⊘[/] breaks red lines of {escape(', '.join(hit))}"


def card_markup(card: Card, credibility: Mapping[str, float] | None = None,
                width: int = 32) -> str:
    """The scorecard as markup; every verdict has a symbol and a word, never colour alone.
    `width` is the card's width in cells: issue titles use what room there is."""
    out: list[str] = coalition_lines(card, width) if len(card.own) > 1 else []
    titles = [len(t) for line in card.own for t, _ in line.breakdown]
    title_w = max(22, min(40, max(titles, default=22), width - 10))
    for line in card.own if len(card.own) == 1 else []:
        mark = verdict(line.utility, line.reservation)
        out.append(f"[b]{escape(line.name)}[/b] (you)")
        out.append(f"utility {line.utility:.2f} {meter(line.utility)}")
        out.append(f"no deal {line.reservation:.2f} {mark} it")
        for t in line.broken:
            lines = wrapped(f"⊘ breaks your red line: {t}", width - 1)
            out += [lines[0].replace("⊘ breaks", "[$error]⊘ breaks[/]", 1), *lines[1:]]
        out += their_side(card, width) or [""]
        out.append("[b]Your utility, issue by issue[/b]")
        for title, part in line.breakdown:
            out.append(f"  {escape(short(title, title_w)):<{title_w}} +{part:.2f}")
        out.append("")
    if not card.own and card.others:
        out += [summary_line(card), ""]
    for other in card.others:
        out.append(f"[b]{escape(other.name)}[/b]")
        if credibility is not None and other.party in credibility:
            c = credibility[other.party]
            out.append(f"  your credibility {c:.2f} {meter(c)}")
        if other.worth is not None and not card.own:  # a party's card has it at the top
            out.append(worth_line(other.worth, width))
        out += red_line_line(other, width - 1)
        if other.preview:
            out += wrapped(f"would answer: {other.preview}", width - 1)
        if other.last_answer:
            out += wrapped(f"last: {other.last_answer}", width - 1)
    return "\n".join(out).rstrip()


class Scorecard(Static):
    """Redrawn from a `Card` on every change in the builder, and when its width changes."""

    lines = -1
    card: tuple[Card, Mapping[str, float] | None] | None = None

    def show(self, card: Card, credibility: Mapping[str, float] | None = None) -> None:
        """Relayout only when the card's height may change: a key press stays a repaint."""
        self.card = (card, credibility)
        text = card_markup(card, credibility, self.size.width or 32)
        count = text.count("\n")
        self.update(text, layout=count != self.lines)
        self.lines = count

    def on_resize(self) -> None:
        if self.card is not None:
            self.show(*self.card)
