"""The console's small screens: the token (when none was given, or the server refused it), a
line of text (an announcement), a choice from a list (a seat), and a yes/no question."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from game.tui.safe import esc


class TokenForm(ModalScreen[str]):
    """Asks for the instructor token (`redlines host` prints it)."""

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("The instructor token (redlines host prints it):")
            yield Input(placeholder="instructor token", password=True, id="token",
                        max_length=100)
            yield Label(esc(self.problem), id="problem", classes="problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())


class TextDialog(ModalScreen[str | None]):
    """One line of text; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, prompt: str, placeholder: str = "", max_length: int = 500) -> None:
        super().__init__()
        self.prompt, self.placeholder, self.max_length = prompt, placeholder, max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(esc(self.prompt))
            yield Input(placeholder=self.placeholder, max_length=self.max_length, id="text")
            yield Label("Enter sends it · Escape cancels", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one of `choices` ((id, label) pairs); Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, prompt: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.prompt, self.choices = prompt, list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(esc(self.prompt))
            yield OptionList(*[Option(esc(label), id=ident) for ident, label in self.choices],
                             id="choices")
            yield Label("Enter picks · Escape cancels", classes="hint")

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: y or Enter for yes, n or Escape for no."""

    BINDINGS = [Binding("y,enter", "answer(True)", "yes"),
                Binding("n,escape", "answer(False)", "no")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(esc(self.question))
            yield Label("y: yes · n: no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
