"""The briefing at the start of each round, and the sources panel one key away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Static

from game.tui.safe import esc
from game.tui.view import (
    cite_new,
    credibility,
    issue_title,
    meter,
    name_of,
    own_parties,
    ranked_interests,
    source_line,
)

if TYPE_CHECKING:
    from game.engine.session import Session
    from game.scenario.models import Scenario


def cite(sources: list[str] | tuple[str, ...], text: str = "") -> str:
    """The sources `text` does not already cite, dimmed (see `cite_new`)."""
    new = cite_new(text, sources)
    return f" [dim]{new.strip()}[/dim]" if new else ""


def briefing_text(session: Session) -> str:
    """The round's briefing as content markup; every claim keeps its sources."""
    scenario = session.scenario
    n = max(1, min(session.round, len(scenario.rounds)))
    rnd = scenario.rounds[n - 1]
    out = [f"[b]Round {n} of {len(scenario.rounds)}: {esc(rnd.title)}[/b] — {esc(rnd.date)}",
           ""]
    out += [f"• {esc(b.text)}{cite(b.sources, b.text)}" for b in rnd.briefing]
    if rnd.events:
        out += ["", "[b]What happened[/b]"]
        out += [f"• {esc(e.text)}{cite(e.sources, e.text)}" for e in rnd.events]
    situation = session.situation
    coalition = next((c for c in scenario.coalitions if c.id == session.role), None)
    if coalition is not None:
        members = ", ".join(name_of(scenario, m) for m in coalition.members)
        out += ["", f"[b]You speak for {esc(coalition.name)}[/b]: {esc(members)}. A deal needs "
                "every member's consent, so each member's interests and red lines count."]
    for pid in own_parties(scenario, session.role):
        out += ["", f"[b]Your interests as {esc(name_of(scenario, pid))}, most important "
                "first[/b]"]
        for k, (title, weight, best) in enumerate(ranked_interests(situation, pid), start=1):
            out.append(f"{k}. {esc(title)} — weight {weight:.2f}; best for you: {esc(best)}")
        p = situation.parties[pid]
        out.append(f"No deal is worth {p.reservation:.2f} to you (your reservation value).")
        out += ["", "[b]Your red lines[/b] (⊘ a package that breaks one is refused)"]
        out += [f"⊘ {esc(r.text)}{cite(r.sources, r.text)}" for r in p.rules] or ["none"]
    if session.role == "mediator":
        out += ["", "[b]Your task[/b]: find one text every side can accept. Caucus to learn "
                "what each side needs; every draft that leans to one side costs you "
                "credibility with the other.", "", "[b]Your credibility[/b]"]
        for party, value in (credibility(session) or {}).items():
            out.append(f"  {esc(name_of(scenario, party))[:20]:<20} {value:.2f} {meter(value)}")
    out += ["", "[b]What the others have said in public[/b]"]
    for st in session.stances():
        if st.party in own_parties(scenario, session.role):
            continue
        out.append(f"[b]{esc(st.name)}[/b]")
        out += [f"  “{esc(text)}”{cite(src, text)}" for text, src in st.positions] or [
            "  (nothing yet)"]
        out += [f"  ⊘ stated red line: {esc(text)}{cite(src, text)}"
                for _id, text, src in st.red_lines]
        if st.priorities:
            top = sorted(st.priorities.items(), key=lambda kv: -kv[1])[:3]
            out.append("  priorities (revealed): " + ", ".join(
                f"{esc(issue_title(scenario, i))} {w:.2f}" for i, w in top))
    out += ["", "[dim]Press s for the sources, Enter to go to the table.[/dim]"]
    return "\n".join(out)


class BriefingScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "close", "To the table"),
        Binding("space", "close", "To the table", show=False),
        Binding("s", "sources", "Sources"),
    ]
    PALETTE = (("Sources", "Title, date and perspective of each source", "sources"),)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(briefing_text(self.session), id="briefing-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Briefing — {self.session.scenario.title}"
        self.query_one("#briefing").focus()

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_sources(self) -> None:
        self.app.push_screen(SourcesScreen(self.session.scenario))


class SourcesScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,s,enter,q", "dismiss", "Close")]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        lines = [esc(source_line(s)) for s in self.scenario.sources]
        text = "[b]Sources[/b]\n\n" + "\n\n".join(lines)
        text += ("\n\n[dim]Opinion pieces (⚑) make contested claims; the game presents them as "
                 "claims of their source, not as facts.[/dim]")
        with VerticalScroll(classes="dialog"):
            yield Static(text, markup=True)
        yield Footer()

