"""The table: build a package, watch the scorecard, propose, accept, walk out; or, as the
mediator, caucus and table the single text. Moves run in a worker; answers follow in a dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine.legal import seat_kinds, why_not_kind
from game.engine.legal import why_not as why_not_move
from game.tui.advice import AdviceActions
from game.tui.builder import MarkedList, PackageBuilder, Scorecard
from game.tui.dialogs import AnswersScreen, ConfirmScreen, PickScreen, entry_text
from game.tui.marked import room
from game.tui.safe import esc as escape
from game.tui.trade import TradeActions, offers_hint
from game.tui.view import (
    accept_question,
    credibility,
    name_of,
    offer_items,
    own_parties,
    scorecard,
)

if TYPE_CHECKING:
    from textual import getters

    from game.engine.events import Event
    from game.engine.moves import Move
    from game.engine.session import Session
    from game.tui.host import GameHost

# screen action -> the kind of move it plays: the engine says whether it is legal and why not
MOVE_OF = {
    "propose": "propose", "table_draft": "draft", "accept": "accept", "end_round": "end_round",
    "walk_out": "walk_out", "caucus": "caucus", "gesture": "gesture", "coach": "coach",
    "conditional": "conditional", "reply": "reply",
}
KEY_OF = {"p": "propose", "t": "table_draft", "c": "caucus", "a": "accept", "e": "end_round",
          "w": "walk_out", "g": "gesture", "i": "coach", "f": "conditional", "y": "reply"}


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def why_not(session: Session, action: str) -> str:
    """Why a move's key does nothing now: the engine's reason, as a sentence."""
    reason = why_not_kind(session.state, session.role, MOVE_OF[action]) if action in MOVE_OF \
        else None
    reason = reason or "this move is not allowed now"
    return reason[0].upper() + reason[1:] + "."


def opening_package(session: Session) -> dict[str, str]:
    """Start the builder from the player's last offer or draft (a continued game picks up the
    text being revised), else from its own best options (first options for a mediator)."""
    scenario, situation = session.scenario, session.situation
    own = [e.package for e in session.view().log
           if e.actor == session.role and e.kind in ("offer", "draft") and e.package]
    if own:
        return dict(own[-1])
    mine = own_parties(scenario, session.role)
    out = {}
    for i, issue in enumerate(scenario.issues):
        def worth(k: int, i: int = i) -> float:
            return sum(situation.parties[p].values[i][k] for p in mine)

        best = max(range(len(issue.options)), key=worth) if mine else 0
        out[issue.id] = issue.options[best].id
    return out


class TableScreen(AdviceActions, TradeActions, Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(GameHost)  # the game's own app, typed; no run-time change

    BINDINGS = [
        Binding("p", "propose", "Propose"),
        Binding("t", "table_draft", "Table text"),
        Binding("c", "caucus", "Caucus"),
        Binding("a", "accept", "Accept"),
        Binding("o", "load", "Offer to builder", show=False),
        Binding("e", "end_round", "End round"),
        Binding("w", "walk_out", "Walk out"),
        Binding("g", "gesture", "Gesture"),
        Binding("f", "conditional", "If"),  # "if you accept X…": 80 columns
        Binding("y", "reply", "Answer trade", show=False),  # the offers' border says it
        Binding("i", "coach", "Coach"),
        Binding("x", "guess", "Guess", show=False),  # F1 and the palette list it
        Binding("b", "briefing", "Briefing", show=False),  # F1 and the palette list it
        Binding("s", "sources", "Sources", show=False),
    ]
    PALETTE = (
        ("Propose package", "Table the package you built", "propose"),
        ("Table the single text", "Mediator: table your draft", "table_draft"),
        ("Caucus", "Mediator: meet one party in private", "caucus"),
        ("Accept offer", "Accept the highlighted offer on the table", "accept"),
        ("Copy offer to builder", "Start your package from the highlighted offer", "load"),
        ("End round", "Let the round close", "end_round"),
        ("Walk out", "Leave the talks", "walk_out"),
        ("Goodwill gesture", "Offer a confidence-building step", "gesture"),
        ("Conditional offer", "If they accept X on one issue, you accept Y on another",
         "conditional"),
        ("Answer a conditional offer", "Accept or decline a trade offered to you", "reply"),
        ("Record a guess", "Guess another party's top issue and no-deal value; the debrief "
         "sets your guesses against the truth", "guess"),
        ("Ask the coach", "A better package for you, no worse for the others as far as you "
         "know (off at the hardest level)", "coach"),
        ("Analyze what you know", "Packages that keep every red line you know of "
         "(analysis)", "analyze"),
        ("Briefing", "Read this round's briefing again", "briefing"),
        ("Sources", "The documents behind the scenario", "sources"),
    )

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.busy = False
        self.stances = session.stances()
        self.last_round = session.round

    def compose(self) -> ComposeResult:
        mediator = self.session.role == "mediator"
        yield Header()
        with Horizontal(id="table-main"):
            with Vertical(id="left"):
                builder = PackageBuilder(self.session.scenario, opening_package(self.session),
                                         id="builder")
                builder.border_title = "Single text (draft)" if mediator else "Your package"
                yield builder
                offers = MarkedList(id="offers")
                offers.border_title = "On the table"
                yield offers
            with Vertical(id="right"):
                with VerticalScroll(id="card-box") as box:
                    box.border_title = "Scorecard"
                    yield Scorecard(id="scorecard")
                with VerticalScroll(id="log-box") as log:
                    log.border_title = "This round"
                    yield Static(id="log")
        # compact, without the palette hint (ctrl+p still works; F1 lists it): every move key
        # then fits in 80 columns
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_all()
        self.query_one(PackageBuilder).focus()
        # the offers wrap to the list's width, known only once it is laid out
        self.call_after_refresh(self.refresh_offers, True)

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_offers, True)

    # -- drawing --------------------------------------------------------------------------

    def refresh_all(self) -> None:
        """After every move: the numbers as of now, cached so a key press only rescores."""
        s = self.session
        self.situation = s.situation
        self.cred = credibility(s)
        self.seat_view = s.view()
        self.sub_title = (f"round {min(s.round, len(s.scenario.rounds))}/"
                          f"{len(s.scenario.rounds)} — you: {self.role_name} — {s.scenario.title}")
        self.refresh_card(self.query_one(PackageBuilder).package)
        self.refresh_turns()
        self.refresh_offers()
        self.refresh_log()
        self.refresh_bindings()

    @property
    def role_name(self) -> str:
        s = self.session
        if s.role == "mediator":
            return f"mediator {name_of(s.scenario, s.mediator or '')}"
        return name_of(s.scenario, s.role)

    def refresh_card(self, package: dict[str, str]) -> None:
        card = scorecard(self.situation, package, self.session.role, self.stances,
                         self.seat_view)
        self.query_one(Scorecard).show(card, self.cred)

    def refresh_turns(self) -> None:
        """The builder's key, and how many offers (drafts, caucuses) the round still allows:
        short enough for the border at 80 columns."""
        s = self.session
        if s.role == "mediator":
            text = (f"{plural(s.turns_left, 'draft')} · "
                    f"{plural(s.caucuses_left, 'caucus', 'caucuses')} left"
                    if s.turns_left else "no drafts left: e ends round")
        else:
            text = f"p propose · {plural(s.turns_left, 'offer')} left" if s.turns_left \
                else "no offers left: e ends round"
        self.query_one(PackageBuilder).border_subtitle = text

    def refresh_offers(self, keep: bool = False) -> None:
        """The offers on the table, the newest highlighted (or, with `keep`, the same one)."""
        offers = self.query_one("#offers", MarkedList)
        before = offers.highlighted
        mine = own_parties(self.session.scenario, self.session.role)
        # wrapped terms stay indented under their offer
        items = offer_items(self.session.scenario, self.session.situation, self.session.role,
                            self.session.table, room(offers) - 1)
        if not items:
            items.append(("[dim]nothing on the table yet[/dim]", None))
        last = len(items) - 1 if self.session.table else None
        offers.set_items(items, before if keep and before is not None and last is not None
                         and before <= last else last)
        theirs = any(o.by not in (self.session.role, "mediator") for o in self.session.table)
        offers.border_subtitle = offers_hint(self.session, bool(theirs and mine))

    def refresh_log(self) -> None:
        s = self.session
        entries = [e for e in s.view().log if e.round == s.round and e.kind != "round_start"]
        text = "\n".join(entry_text(s.scenario, e, detail=False) for e in entries)
        self.query_one("#log", Static).update(text or "[dim]nothing yet this round[/dim]")
        box = self.query_one("#log-box")
        self.call_after_refresh(box.scroll_end, animate=False)

    @on(PackageBuilder.Changed)
    def _package_changed(self, event: PackageBuilder.Changed) -> None:
        self.refresh_card(event.package)

    # -- which actions apply --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MOVE_OF:
            kind = MOVE_OF[action]
            if kind not in seat_kinds(self.session.seat):
                return False  # never this seat's move: hidden from the footer
            if self.busy or self.session.finished:
                return None
            if kind == "reply":  # shown only while a conditional offer awaits the seat
                return why_not_kind(self.session.state, self.session.role, kind) is None
            return True if why_not_kind(self.session.state, self.session.role, kind) is None \
                else None
        return True

    def on_key(self, event: events.Key) -> None:
        """A move key that does nothing now says why, instead of staying silent."""
        action = KEY_OF.get(event.key)
        if action is None or self.check_action(action, ()) is not None:
            return
        if self.busy:
            self.notify("Wait: the others are still answering.", severity="information")
        else:
            self.notify(escape(why_not(self.session, action)), title="Not now", severity="warning")

    # -- moves ----------------------------------------------------------------------------

    def action_propose(self) -> None:
        from game.engine.moves import Propose

        self.play(Propose(package=self.query_one(PackageBuilder).package), "Answers to your offer")

    def action_table_draft(self) -> None:
        from game.engine.moves import Draft

        self.play(Draft(package=self.query_one(PackageBuilder).package), "Answers to your text")

    def _highlighted_offer(self) -> int | None:
        idx = self.query_one("#offers", MarkedList).highlighted
        if idx is None or not self.session.table or idx >= len(self.session.table):
            return None
        return self.session.table[idx].id

    def action_accept(self) -> None:
        from game.engine.moves import Accept

        offer = self._highlighted_offer()
        if offer is None:
            self.notify("No offer on the table to accept.", severity="warning")
            return
        refused = why_not_move(self.session.state, self.session.role, Accept(offer=offer))
        if refused is not None:  # say so now, not after asking to confirm (own offer, ...)
            self.notify(escape(refused), title="Not allowed now", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.play(Accept(offer=offer), f"You accept offer #{offer}")

        self.app.push_screen(ConfirmScreen(accept_question(
            self.session, offer, self.query_one(PackageBuilder).package)), answered)

    def action_load(self) -> None:
        offer = self._highlighted_offer()
        if offer is not None:
            pkg = next(o.package for o in self.session.table if o.id == offer)
            self.query_one(PackageBuilder).set_package(pkg)

    def action_end_round(self) -> None:
        from game.engine.moves import EndRound

        self.play(EndRound(), "The round closes")

    def action_walk_out(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                from game.engine.moves import WalkOut

                self.play(WalkOut(), "You walk out")

        self.app.push_screen(ConfirmScreen(
            "Walk out of the talks? You will get your reservation value and the game ends."),
            answered)

    def action_caucus(self) -> None:
        s = self.session
        parties = [(p, name_of(s.scenario, p)) for p in s.situation.at_table]

        def picked(party: str | None) -> None:
            if party:
                from game.engine.moves import Caucus

                self.play(Caucus(party=party), f"Caucus with {name_of(s.scenario, party)}")

        self.app.push_screen(PickScreen("Meet which party in private?", parties), picked)

    def action_gesture(self) -> None:
        steps = [(c.id, c.title) for c in self.session.scenario.confidence_steps]
        if not steps:
            self.notify("This scenario has no confidence-building steps.", severity="warning")
            return

        def picked(step: str | None) -> None:
            if step:
                from game.engine.moves import Gesture

                self.play(Gesture(step=step), "Your gesture")

        self.app.push_screen(PickScreen("Offer which goodwill gesture?", steps), picked)

    def play(self, move: Move, title: str) -> None:
        self.busy = True
        self.refresh_bindings()
        self._play(move, title)

    @work(thread=True, exclusive=True, group="move")
    def _play(self, move: Move, title: str) -> None:
        """The engine answers off the event loop; the screen is redrawn when it is done."""
        from game.engine.session import IllegalMove

        try:
            entries = self.session.play(move)
        except IllegalMove as err:
            self.app.call_from_thread(self._refused, str(err))
            return
        except Exception as err:  # an engine fault must not end the student's game
            self.app.call_from_thread(self._refused, f"the game could not play this move ({err})")
            return
        self.app.call_from_thread(self._played, entries, title)

    def _refused(self, message: str) -> None:
        self.busy = False
        self.refresh_bindings()
        self.notify(escape(message), title="Not allowed now", severity="warning")

    def _played(self, entries: list[Event], title: str) -> None:
        self.busy = False
        self.app.autosave()
        self.stances = self.session.stances()
        self.refresh_all()
        self.app.push_screen(AnswersScreen(self.session.scenario, entries, title),
                             self._after_answers)

    def _after_answers(self, _: None = None) -> None:
        if self.session.finished:
            from game.tui.debrief import DebriefScreen

            self.app.to_base()
            self.app.push_screen(DebriefScreen(self.session))
        elif self.session.round != self.last_round:
            from game.tui.briefing import BriefingScreen

            self.last_round = self.session.round
            self.app.push_screen(BriefingScreen(self.session))

    # -- reading ----------------------------------------------------------------------------

    def action_briefing(self) -> None:
        from game.tui.briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(self.session))

    def action_sources(self) -> None:
        from game.tui.briefing import SourcesScreen

        self.app.push_screen(SourcesScreen(self.session.scenario))
