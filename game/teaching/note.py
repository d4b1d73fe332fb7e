"""The teaching note of a scenario: objectives, run sheet, seating, answer key, debrief, epilogue.

Built from the scenario's teaching section and from the analysis of every round, as a list of
document blocks (`doc.py`) that render to Markdown or printable HTML. The six section headings
are fixed (`HEADINGS`): instructors and tests find the parts by them.
"""

from __future__ import annotations

from game.engine.analysis import Analysis
from game.scenario.models import Scenario
from game.scenario.teaching import DebriefQuestion
from game.teaching.answer_key import RoundKey, answer_key
from game.teaching.doc import Block, Bullets, Heading, Para, Table, cited
from game.teaching.parts import glossary_blocks, seat_name, sources_blocks
from game.teaching.seating import seating_plan

HEADINGS = ("Learning objectives", "Run sheet", "Seating", "Answer key", "Debrief questions",
            "What happened")
FRONTIER_SHOWN = 5
"""Frontier packages listed per round; `redlines analyze --round N --json` gives all of them."""

TURNING_POINTS = {
    "zone_opens": "the zone of agreement opens",
    "zone_closes": "the zone of agreement closes",
    "red_line_dropped": "a red line is dropped",
    "red_line_added": "a red line is drawn",
    "first_acceptable_offer": "the first package acceptable to all",
    "biggest_concession": "the biggest concession",
    "walk_out": "a party walks out",
    "caucus": "a caucus",
    "agreement": "an agreement",
    "no_deal": "no deal",
}


def build_note(scenario: Scenario, students: int) -> list[Block]:
    """The whole note; `students` sizes the seating plan (ValueError if below 1)."""
    t = scenario.teaching
    out: list[Block] = [
        Heading(1, f"Teaching note: {scenario.title}"),
        Para(f"{scenario.period}. {scenario.summary}"),
    ]
    if t is None:
        out.append(Para("This scenario has no teaching section yet, so the objectives, run "
                        "sheet, debrief questions and epilogue are empty; docs/authoring.md "
                        "shows how to write one. Seating and the answer key are computed.",
                        strong="Note.", note=True))
    out.append(Heading(2, HEADINGS[0]))
    out.append(Bullets(tuple(cited(o.text, o.sources) for o in t.objectives) if t else ("-",)))
    out += _run_sheet(scenario)
    out += _seating(scenario, students)
    out += _answer_key(scenario)
    out += _debrief(scenario)
    out += _epilogue(scenario)
    out += glossary_blocks()
    out += sources_blocks(scenario)
    return out


def _run_sheet(scenario: Scenario) -> list[Block]:
    out: list[Block] = [Heading(2, HEADINGS[1])]
    t = scenario.teaching
    if t is None:
        return [*out, Para("-")]
    numbers = {r.id: k for k, r in enumerate(scenario.rounds, start=1)}
    rows, clock = [], 0
    for step in t.run_sheet:
        played = f" (plays round {numbers[step.round]})" if step.round in numbers else ""
        rows.append((f"{clock}-{clock + step.minutes}", str(step.minutes), step.title + played,
                     cited(step.text, step.sources)))
        clock += step.minutes
    out.append(Table(("clock", "minutes", "step", "what happens"), tuple(rows),
                     right=frozenset({1})))
    out.append(Para(f"Total: {clock} minutes."))
    return out


def _seating(scenario: Scenario, students: int) -> list[Block]:
    names = [seat_name(scenario, r) for r in scenario.roles]
    plan = seating_plan(names, students)
    out: list[Block] = [Heading(2, HEADINGS[2])]
    summary = (f"{students} student(s): {len(plan.tables)} table(s) x {len(names)} seats "
               f"({', '.join(names)})")
    if plan.observers:
        summary += f", and {len(plan.observers)} observer(s)"
    if plan.computer_seats:
        summary += f"; the computer plays {plan.computer_seats} empty seat(s)"
    out.append(Para(summary + ". Students are numbered 1 to N; give each the packet of their "
                    "seat (`redlines packet --all DIR`)."))
    if "Mediator" in names:
        out.append(Para("A mediator seat plays one of: " + ", ".join(
            m.name for m in scenario.mediators) + ". Choose one per table, or let the student."))
    rows = tuple(
        (str(k), *(f"student {s}" if s is not None else "computer" for s in table),
         ", ".join(f"student {n}" for n, at in plan.observers if at == k) or "-")
        for k, table in enumerate(plan.tables, start=1)
    )
    out.append(Table(("table", *names, "observers"), rows))
    return out


def _figures(a: Analysis) -> list[tuple[str, str]]:
    s = a.situation
    names = {p: s.parties[p].name for p in a.parties}
    nash = a.situation.named(a.nash.package) if a.nash else None
    rows = [
        ("Parties at the table", ", ".join(names[p] for p in a.parties)),
        ("Reservation values", ", ".join(f"{names[p]} {s.parties[p].reservation:.2f}"
                                         for p in a.parties)),
        ("Outcome space", str(a.outcomes)),
        ("Feasible packages", str(a.feasible)),
        ("Zone of agreement", str(a.zopa) + ("" if a.exact else " (estimate)")),
        ("Pareto frontier", str(len(a.pareto))),
        ("Nash point", ", ".join(f"{i}={o}" for i, o in nash.items()) if nash else "none"),
    ]
    if a.nash:
        rows.append(("Nash utilities", ", ".join(f"{names[p]} {a.nash.utilities[p]:.3f}"
                                                 for p in a.parties)))
    rows.append(("Conflicting red lines",
                 "; ".join(" + ".join(c.ids) for c in a.conflicts) or "none"))
    return rows


def _round_key(key: RoundKey, previous: RoundKey | None) -> list[Block]:
    a = key.analysis
    out: list[Block] = [Heading(3, f"Round {key.number}: {key.title} ({key.date})"),
                        Table(("figure", "value"), tuple(_figures(a)))]
    if key.effects:
        verb = "opens" if key.zone_before == 0 else ("closes" if a.zopa == 0 else "changes")
        out.append(Para(f"The zone {verb}: {key.zone_before} package(s) before this round, "
                        f"{a.zopa} after its events. Each event that matters, and the zone "
                        "without it:",
                        strong="What changes it."))
        out.append(Bullets(tuple(
            f"{e.what}: without it {e.zone_without} ({e.change:+d} from this event). "
            f"{cited(e.text, e.sources)}"
            for e in key.effects)))
    elif a.zopa != key.zone_before:
        out.append(Para("No single event accounts for the change; the round's events do so "
                        "together.", strong="What changes it."))
    if key.if_fired:
        out.append(Para("The figures above assume that no event depending on play has "
                        "happened. If the players meet a condition, its events happen and the "
                        "zone becomes:", strong="If the players ..."))
        out.append(Bullets(tuple(
            (f"if {row.when}: {row.zopa} package(s)" if row.when else
             f"if every condition so far is met: {row.zopa} package(s)")
            for row in key.if_fired)))
    if a.reasons and previous is not None and previous.analysis.reasons == a.reasons:
        out.append(Para(f"Why no deal is possible: the same reasons as in round "
                        f"{previous.number}.", strong="Closed."))
    elif a.reasons:
        out.append(Para("Why no deal is possible:", strong="Closed."))
        out.append(Bullets(tuple(a.reasons)))
    deals = a.deals(FRONTIER_SHOWN)
    if deals:
        names = [a.situation.parties[p].name for p in a.parties]
        out.append(Para(f"Frontier packages acceptable to every party, best Nash product first "
                        f"(up to {FRONTIER_SHOWN}):"))
        out.append(Table(
            ("package", *names),
            tuple((", ".join(f"{i}={o}" for i, o in a.situation.named(pt.package).items()),
                   *(f"{pt.utilities[p]:.3f}" for p in a.parties)) for pt in deals),
            right=frozenset(range(1, 1 + len(names)))))
    return out


def _answer_key(scenario: Scenario) -> list[Block]:
    out: list[Block] = [
        Heading(2, HEADINGS[3], new_page=True),
        Para("Figures as each round's events leave the table, the same as `redlines analyze "
             "--round N --json`. Utilities run from 0 to 1 (packets show them as points, x100). "
             "Give it to students only after the debrief."),
    ]
    previous = None
    for key in answer_key(scenario):
        out += _round_key(key, previous)
        previous = key
    return out


def _anchor(scenario: Scenario, q: DebriefQuestion) -> str:
    if q.round is not None:
        number = next(k for k, r in enumerate(scenario.rounds, 1) if r.id == q.round)
        return f"Round {number} ({scenario.rounds[number - 1].title})"
    return "Turning point: " + TURNING_POINTS.get(q.turning_point or "", str(q.turning_point))


def _debrief(scenario: Scenario) -> list[Block]:
    out: list[Block] = [Heading(2, HEADINGS[4])]
    t = scenario.teaching
    if t is None:
        return [*out, Para("-")]
    for k, q in enumerate(t.debrief, start=1):
        out.append(Para(cited(q.text, q.sources), strong=f"{k}. {_anchor(scenario, q)}."))
        if q.notes:
            out.append(Para(q.notes, strong="Instructor's note:", note=True))
    return out


def _epilogue(scenario: Scenario) -> list[Block]:
    out: list[Block] = [Heading(2, HEADINGS[5])]
    t = scenario.teaching
    if t is None:
        return [*out, Para("-")]
    out.append(Para("From the sources; an account they dispute is marked contested and "
                    "followed by the counter-accounts the sources themselves give."))
    for item in t.epilogue:
        out.append(Para(cited(item.text, item.sources),
                        strong="Contested." if item.contested else ""))
        if item.counter_accounts:
            out.append(Bullets(tuple("Counter-account: " + cited(c.text, c.sources)
                                     for c in item.counter_accounts)))
    return out
