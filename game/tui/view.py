"""What the screens show, computed without Textual: names, the live scorecard, chart series.

Kept apart from the widgets so the numbers on screen can be tested without a terminal, and so
no rule of the game lives in the TUI: everything here reads the engine's scoring and log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine.scoring import at_least, score
from game.engine.seats import name_of as seats_name_of
from game.engine.seats import speaks_for
from game.engine.situation import Situation
from game.narrate import Narrator
from game.scenario.models import Scenario, Source

if TYPE_CHECKING:
    from game.engine.records import Stance


@dataclass(frozen=True)
class Seat:
    """A role the player can take, as the new-game screen lists it."""

    role: str  # party id, coalition id, or "mediator"
    mediator: str | None
    label: str
    brief: str


def seats(scenario: Scenario) -> list[Seat]:
    """Every playable seat; the mediator role becomes one seat per mediator of the scenario."""
    out: list[Seat] = []
    for role in scenario.roles:
        if role == "mediator":
            for m in scenario.mediators:
                out.append(Seat(role, m.id, f"Mediator: {m.name}", m.brief))
            continue
        for p in scenario.parties:
            if p.id == role:
                out.append(Seat(role, None, p.name, p.brief))
        for c in scenario.coalitions:
            if c.id == role:
                out.append(Seat(role, None, f"{c.name} (coalition)", c.brief))
    return out


def name_of(scenario: Scenario, actor: str) -> str:
    """Display name of a party, coalition, mediator, or the scenario itself."""
    return seats_name_of(scenario, actor)


def own_parties(scenario: Scenario, role: str) -> list[str]:
    """Parties whose interests are the player's: the party, the coalition's members, or none."""
    return list(speaks_for(scenario, role))


def option_label(scenario: Scenario, issue: str, option: str) -> str:
    for i in scenario.issues:
        if i.id == issue:
            for o in i.options:
                if o.id == option:
                    return o.label
    return option


def issue_title(scenario: Scenario, issue: str) -> str:
    return next((i.title for i in scenario.issues if i.id == issue), issue)


def package_text(scenario: Scenario, package: Mapping[str, str], sep: str = "; ") -> str:
    return sep.join(
        f"{issue_title(scenario, k)}: {option_label(scenario, k, v)}" for k, v in package.items()
    )


def meter(value: float, width: int = 10) -> str:
    """A bar readable without colour: filled and empty blocks plus the number."""
    value = min(1.0, max(0.0, value))
    filled = round(value * width)
    return "█" * filled + "░" * (width - filled)


@dataclass(frozen=True)
class OwnLine:
    """The player's side of the scorecard for one of its parties."""

    party: str
    name: str
    utility: float
    reservation: float
    breakdown: list[tuple[str, float]]  # (issue title, w_i * v_i)
    broken: list[str]  # texts of its own red lines the package breaks

    @property
    def acceptable(self) -> bool:
        return not self.broken and at_least(self.utility, self.reservation)


@dataclass(frozen=True)
class OtherLine:
    """What the player knows of another party against the current package."""

    party: str
    name: str
    broken: list[str]  # stated red lines the package breaks (known ones only)
    last_answer: str | None


@dataclass(frozen=True)
class Card:
    own: list[OwnLine]
    others: list[OtherLine]


def scorecard(
    situation: Situation, package: Mapping[str, str], role: str, stances: Sequence[Stance]
) -> Card:
    """The live scorecard for a package: own utility and red lines, others' known red lines."""
    scenario = situation.scenario
    pkg = situation.package(package)
    own: list[OwnLine] = []
    for pid in own_parties(scenario, role):
        s = score(situation, pkg, pid)
        parts = [(scenario.issues[i].title, part) for i, part in enumerate(s.breakdown)]
        own.append(
            OwnLine(pid, name_of(scenario, pid), s.utility, s.reservation, parts,
                    [r.text for r in s.violations])
        )
    others: list[OtherLine] = []
    mine = set(own_parties(scenario, role))
    for st in stances:
        pid = st.party
        if pid in mine:
            continue
        known = {rid for rid, _text, _src in st.red_lines}
        party = situation.parties.get(pid)
        broken = [] if party is None else [
            r.text for r in party.rules if r.id in known and r.broken_by(pkg)
        ]
        last = st.last_answer
        # the engine's text names the party and the verb; a symbol says yes or no at a glance
        answer = None if last is None else \
            f"{'✓' if last.kind == 'accept' else '✗'} {Narrator(scenario).line(last)}"
        others.append(OtherLine(pid, st.name, broken, answer))
    return Card(own, others)


def source_line(src: Source) -> str:
    """One source for the panels; opinion pieces carry a marker, not only a colour."""
    mark = "  ⚑ opinion: its claims are contested, read them as its author's" \
        if src.kind == "opinion" else ""
    line = f"{src.id}  {src.title} ({src.date}; {src.kind}) — {src.perspective}{mark}"
    if src.author:
        line += f"\n    By: {src.author}"
    if src.reliability:
        line += f"\n    Reliability: {src.reliability}"
    return line


def ranked_interests(situation: Situation, party: str) -> list[tuple[str, float, str]]:
    """(issue title, weight, best option label) by weight, highest first."""
    p = situation.parties[party]
    rows = []
    for i, issue in enumerate(situation.scenario.issues):
        best = max(range(len(issue.options)), key=lambda o: p.values[i][o])
        rows.append((issue.title, p.weights[i], issue.options[best].label))
    return sorted(rows, key=lambda r: -r[1])


def credibility(session: Any) -> dict[str, float] | None:
    """The mediator's credibility with each party (None: the player is no mediator)."""
    return session.credibility if session.role == "mediator" else None
