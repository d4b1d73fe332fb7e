"""The small forms of `redlines join`: the table code and name, a note to go with an offer, a
private message to another seat; and the words for the round clock and the seats' signals.

Text typed here goes to the server as typed (it strips control characters and bounds the
length); what comes back is shown literally (`esc` in markup, plain `Text` in the log).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from game.engine.moves import MESSAGE_MAX, NOTE_MAX
from game.tui.safe import esc


class JoinForm(ModalScreen[tuple[str, str]]):
    """The first screen when no code was given (the browser page): the table's code and the
    student's name, filled in when this browser held a seat before (`last`)."""

    DEFAULT_CSS = """
    JoinForm { align: center middle; }
    #form { width: 60; height: auto; padding: 1 2; border: round $primary; background: $panel; }
    """

    def __init__(self, last: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.last = last

    def compose(self) -> ComposeResult:
        code, name = self.last or ("", "")
        with Vertical(id="form"):
            yield Label("Join a table: type the code your teacher gave, then your name."
                        + ("\nThe same code and name bring you back to your seat."
                           if self.last else ""))
            yield Input(code, placeholder="table code, e.g. KTRWX", id="code", max_length=6)
            yield Input(name, placeholder="your name", id="name", max_length=60)
            yield Label("", id="problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = self.query_one("#code", Input).value.strip().upper()
        name = self.query_one("#name", Input).value.strip()
        if event.input.id == "code" and code:
            self.query_one("#name", Input).focus()
            return
        if not 4 <= len(code) <= 6 or not code.isalpha():
            self.query_one("#problem", Label).update("A table code is 4 to 6 letters.")
            self.query_one("#code", Input).focus()
            return
        self.dismiss((code, name))


class TalkForm(ModalScreen[dict[str, Any] | None]):
    """A note to table with the package (`to` is None), or a private message to one of the
    seats in `to` (seat -> label). Enter sends, Escape cancels."""

    DEFAULT_CSS = """
    TalkForm { align: center middle; }
    #talk { width: 70; height: auto; padding: 1 2; border: round $primary; background: $panel; }
    """
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, title: str, to: dict[str, str] | None = None) -> None:
        super().__init__()
        self.title_text, self.to = title, to

    def compose(self) -> ComposeResult:
        with Vertical(id="talk"):
            yield Label(esc(self.title_text))
            if self.to is not None:
                yield Select([(label, seat) for seat, label in self.to.items()],
                             prompt="to which seat", id="to", allow_blank=len(self.to) != 1,
                             value=next(iter(self.to)) if len(self.to) == 1 else Select.BLANK)
            limit = NOTE_MAX if self.to is None else MESSAGE_MAX
            yield Input(placeholder=f"at most {limit} characters; Enter sends, Escape cancels",
                        id="text", max_length=limit)
            yield Label("", id="problem")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.to is None:
            self.dismiss({"note": text or None})
            return
        seat = self.query_one("#to", Select).value
        if seat is Select.BLANK or not text:
            self.query_one("#problem", Label).update("Choose a seat and write something.")
            return
        self.dismiss({"to": seat, "text": text})

    def action_cancel(self) -> None:
        self.dismiss(None)


KEYS = {"propose": "p", "accept": "a", "end_round": "e", "walk_out": "w"}
"""The client's key for each move kind the status line lists (the footer may be cut at 80
columns; the status line says which key makes each move allowed now)."""
WORDS = {"conditional": "f trade", "reply": "y answer trade"}


def clock_text(seconds: float | None) -> str:
    """'4:05 left', or '' without a clock."""
    if seconds is None:
        return ""
    whole = max(0, int(seconds + 0.5))
    return f"{whole // 60}:{whole % 60:02d} left" if whole else "time is up"


def signals_text(signals: dict[str, Any], names: dict[str, str]) -> str:
    """'russia: ready · nato: agrees to offer 4' (the seats' latest signals this round)."""
    out = []
    for seat, sig in signals.items():
        who = names.get(seat, seat)
        if sig.get("signal") == "ready":
            out.append(f"{who}: ready")
        else:
            offer = sig.get("offer")
            out.append(f"{who}: would agree" + (f" to offer {offer}" if offer is not None else ""))
    return " · ".join(out)


def status_text(state: dict[str, Any], code: str, seat: str | None, left: float | None) -> str:
    """The status lines of the table screen: where the talks stand, the clock (`left`:
    seconds, counted down by the client between states), what the seat may do, and the
    seats' signals. Plain text: the caller escapes it."""
    who = f"seat {seat}" if seat else "watching"
    if not state.get("started"):
        return f"Table {code}, {who}: waiting for " + ", ".join(state.get("waiting_for", []))
    if state.get("finished"):
        outcome = state.get("outcome") or {}
        mine = ", ".join(f"{p} {u:.2f}" for p, u in outcome.get("utilities", {}).items())
        return (f"Table {code}: the talks are over: "
                + ("agreement" if outcome.get("agreement") else "no deal")
                + (f" (worth to you: {mine})" if mine else "") + ". Press q.")
    clock = clock_text(left)
    may = ", ".join(WORDS.get(k) or (f"{KEYS[k]} " if k in KEYS else "") + k.replace("_", " ")
                    for k in state["legal"]) or "wait for the others"
    signals = signals_text(state.get("signals") or {}, {})
    return (f"Table {code} · {who} · round {state['round']}/{state['rounds']}"
            + (f" · {clock}" if clock else "")
            + (f" · offers left {state['turns_left']}" if seat else "")
            + (f"\nYou may: {may}" if seat else "\nThe public record, as it happens")
            + (f" · ended the round: {', '.join(state['ended_round'])}"
               if state["ended_round"] else "")
            + (f"\nSignals: {signals}" if signals else ""))
