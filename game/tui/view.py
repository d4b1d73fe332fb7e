"""What the screens show, computed without Textual: names, the live scorecard, chart series.

Kept apart from the widgets so the numbers on screen can be tested without a terminal, and so
no rule of the game lives in the TUI: everything here reads the engine's scoring and log.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine.scoring import at_least, score
from game.engine.seats import name_of as seats_name_of
from game.engine.seats import speaks_for
from game.engine.situation import Situation
from game.engine.views import Estimate, SeatView, estimate, preview
from game.narrate import Narrator
from game.scenario.models import Scenario, Source
from game.tui.safe import esc

if TYPE_CHECKING:
    from game.engine.records import Offer, Stance
    from game.engine.session import Session


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
    worth: Estimate | None = None  # the package's worth to it, as the seat may know it
    lines_hidden: bool = False  # the difficulty hides its red lines: none shown is not none
    preview: str | None = None  # how it would likely answer, judged from the seat's view


@dataclass(frozen=True)
class Card:
    own: list[OwnLine]
    others: list[OtherLine]


def scorecard(
    situation: Situation, package: Mapping[str, str], role: str, stances: Sequence[Stance],
    seat_view: SeatView | None = None,
) -> Card:
    """The live scorecard for a package: own utility and red lines, others' known red lines
    and, given the seat's view, what the package is worth to each of them as far as the seat
    may know (`game.engine.views.estimate`: never the hidden number)."""
    scenario = situation.scenario
    pkg = situation.package(package)
    own: list[OwnLine] = []
    for pid in [p for p in own_parties(scenario, role) if p in situation.at_table]:
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
        worth = None if seat_view is None else estimate(seat_view, scenario, pid, package)
        hidden = seat_view is not None and "red_lines" not in seat_view.reveal
        guess = None if seat_view is None else preview(seat_view, scenario, pid, package,
                                                       bool(broken))
        others.append(OtherLine(pid, st.name, broken, answer, worth, hidden, guess))
    return Card(own, others)


BARS = "▁▂▃▄▅▆▇█"
"""Eight bar heights: a utility of 0 to 1 in one cell, readable without colour."""


def strip(values: Sequence[float], width: int) -> str:
    """Utilities (0-1) as one row of bars, at most `width` cells; with more values than cells,
    each cell shows the mean of its share, so the row keeps the whole game in view."""
    if not values or width <= 0:
        return ""
    n = len(values)
    if n > width:
        parts = [values[k * n // width:(k + 1) * n // width] for k in range(width)]
        values = [sum(p) / len(p) for p in parts]
    return "".join(BARS[min(7, max(0, int(v * 8)))] for v in values)


def utility_strips(rows: Sequence[tuple[str, Sequence[float], float]], width: int,
                   end: str | None = None) -> list[str]:
    """One line per party: its name, its utility across the offers as bars on one 0-1 scale,
    then its last value against its no-deal value. One row each, so any number of parties
    reads at 80 columns: no letters drawn over each other, no legend over the data. `end`
    names the last column on the axis when it is not an offer (the debrief's "deal")."""
    name_w = max(8, min(18, max((len(r[0]) for r in rows), default=8)))
    count = max((len(r[1]) for r in rows), default=0)
    room = max(8, width - name_w - 22)
    per = max(1, min(3, room // max(count, 1)))  # cells per offer: few offers read wider
    bars = min(count * per, room)
    out = []
    for name, values, reservation in rows:
        last = f"{values[-1]:.2f}" if values else "  - "
        cells = strip(values, room) if count * per > room else \
            "".join(c * per for c in strip(values, count))
        out.append(f"{short(name, name_w):<{name_w}} {cells:<{bars}} "
                   f"{last} no deal {reservation:.2f}")
    if count:
        first, last_label = "1", end or str(count)
        axis = first + " " * max(1, bars - len(first) - len(last_label)) + last_label
        out.append(f"{'offer':<{name_w}} {axis}")
    return out


def short(text: str, width: int) -> str:
    """Cut a label to `width` with an ellipsis, so the student sees that something was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def hang(text: str, width: int, indent: int, first: str = "") -> list[str]:
    """Plain `text` wrapped to `width` cells, each line after the first indented `indent`
    cells (the first starts with `first`): a wrapped line then reads as part of its item
    instead of starting at the left edge like a new one. Not wrapped when the width is not
    known yet (0)."""
    if width <= indent + 8:
        return [first + text]
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=" " * indent,
                         break_on_hyphens=False) or [first]


def cite_new(text: str, sources: Sequence[str]) -> str:
    """The sources a text does not cite yet, as " (S1, S3)": a text that already cites "(S3)"
    gets only the others, so no citation is read twice ("(S3). (S1, S3)")."""
    new = [s for s in sources if not re.search(rf"\b{re.escape(s)}\b", text)]
    return f" ({', '.join(new)})" if new else ""


LIMIT = 500_000
"""Packages the seat's own analysis counts one by one at most (the bundled scenarios: 27 to
41,472)."""


def seat_analysis(situation: Situation, role: str, stances: Sequence[Stance],
                  reveal: Sequence[str]) -> list[str]:
    """The analysis a seat may run during the talks: how many packages keep every red line it
    knows of (its own, and the others' it was told or heard), and how many of those reach its
    own no-deal value. The full analysis (zone of agreement, frontier, Nash point) reads every
    party's private numbers, so the game shows it only in the debrief."""
    import itertools
    import math

    scenario = situation.scenario
    mine = own_parties(scenario, role)
    known = {rid for st in stances for rid, _t, _s in st.red_lines}
    rules = [r for p in situation.table for r in p.rules if p.id in mine or r.id in known]
    sizes = [len(o) for o in situation.option_ids]
    total = math.prod(sizes)
    out = [f"[b]What you can work out now[/b] ({len(rules)} red lines known to you, "
           f"{total:,} packages in all)", ""]
    if total > LIMIT:
        return [*out, "Too many packages to count here; redlines analyze counts them."]
    keep = ok = 0
    for pkg in itertools.product(*[range(n) for n in sizes]):
        if any(r.broken_by(pkg) for r in rules):
            continue
        keep += 1
        parties = situation.parties
        if mine and all(at_least(parties[p].utility(pkg), parties[p].reservation) for p in mine):
            ok += 1
    out.append(f"Packages that break none of the red lines you know of: {keep:,} "
               f"({keep / total:.0%})")
    if mine:
        out.append(f"Of those, worth at least your no-deal value to you: {ok:,}")
    if keep == 0:
        out.append("No package keeps every red line you know of: a deal needs one side to "
                   "drop or soften a red line first.")
    unknown = [w for w, item in (("the others' red lines you have not heard", "red_lines"),
                                 ("their priorities", "priorities"),
                                 ("their option values", "values"),
                                 ("their no-deal values", "reservation")) if item not in reveal]
    if unknown:
        out += ["", "Hidden from you at this level, so not counted: " + ", ".join(unknown) + "."]
    out += ["", "The full analysis (zone of agreement, Pareto frontier, Nash point) uses every "
            "party's private numbers: the debrief shows it when the talks end."]
    return out


FULL_DIFFS = 3
"""Up to this many issues that differ, the accept dialog shows each whole on three lines."""


def accept_question(session: Session, offer: int,
                    mine: Mapping[str, str] | None = None) -> str:
    """What accepting gives the student, against its no-deal value, asked before it counts: one
    key must not close a deal the student has not weighed. With `mine` (the package being
    built), the issues where the offer differs from it, side by side."""
    found = next(o for o in session.table if o.id == offer)
    pkg = session.situation.package(found.package)
    scenario = session.scenario
    lines = [f"Accept offer #{offer} from {name_of(scenario, found.by)}?"]
    differ = [k for k, v in found.package.items() if mine is not None and mine.get(k) != v]
    if mine is None:
        lines.append(package_text(scenario, found.package))
    elif not differ:
        lines.append("It is the package you are building.")
    elif len(differ) <= FULL_DIFFS:  # few: every label whole, the offer's above yours
        lines.append("Where it differs from your package:")
    else:  # many: one short line per issue, so thirteen issues still fit a 24-row terminal
        lines.append("Where it differs from your package (the offer ≠ yours):")
    for k in differ:
        theirs = option_label(scenario, k, found.package[k])
        yours = option_label(scenario, k, (mine or {}).get(k, "-"))
        if len(differ) <= FULL_DIFFS:
            lines += [f"  {issue_title(scenario, k)}", f"    offer: {theirs}",
                      f"    yours: {yours}"]
        else:  # fits the 58 columns the dialog has at 80
            lines.append(f"  {short(issue_title(scenario, k), 14)}: {short(theirs, 18)} ≠ "
                         f"{short(yours, 18)}")
    if differ and len(differ) < len(found.package):
        same = len(found.package) - len(differ)
        lines.append(f"  ({same} other issue{'s' if same > 1 else ''} as in your package)")
    for p in own_parties(session.scenario, session.role):
        s = score(session.situation, pkg, p)
        mark = "⊘ breaks a red line" if s.violations else (
            "✓ above" if at_least(s.utility, s.reservation) else "✗ below")
        lines.append(f"{name_of(session.scenario, p)} gets {s.utility:.2f} against its no-deal "
                     f"value {s.reservation:.2f}: {mark}.")
    return "\n".join(lines)


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


def offer_items(scenario: Scenario, situation: Situation, role: str, table: Sequence[Offer],
                width: int) -> list[tuple[str, str | None]]:
    """The offers on the table as list rows (markup, offer id): who tabled it, what it gives
    the seat's own parties and whether that clears their no-deal value, then its terms, wrapped
    to `width` with an indent so a wrapped line stays under its offer."""
    mine = own_parties(scenario, role)
    items: list[tuple[str, str | None]] = []
    for o in table:
        kind = " (draft)" if o.kind == "draft" else ""
        worth = ""
        if mine:
            pkg = situation.package(o.package)
            worth = " · you " + "/".join(f"{situation.parties[p].utility(pkg):.2f}" for p in mine)
            scores = [score(situation, pkg, p) for p in mine]
            if any(x.violations for x in scores):
                worth += " ⊘ red line"
            elif all(x.acceptable for x in scores):
                worth += " ✓ ok"
            else:
                worth += " ✗ too low"
        terms = hang(package_text(scenario, o.package, sep=" · "), width, 2, first="  ")
        head = f"#{o.id} {name_of(scenario, o.by)}{kind}"
        if worth and width > 0 and len(head + worth) >= width:  # the verdict on its own line
            worth = "\n  " + worth.removeprefix(" · ")
        items.append((f"[b]{esc(head.removesuffix(kind))}[/b]{kind}{worth}\n"
                      + "\n".join(esc(x) for x in terms), str(o.id)))
    return items
