"""A role packet: general instructions for all, one seat's confidential instructions, a score
sheet, a glossary and the sources, ready to print.

A packet is what one student may see before the game, and no more: its seat's own numbers
(weights, points, no-deal value, red lines) and, of the other parties, only their public
positions plus what the chosen difficulty reveals (the scenario's `reveal` list, as the game's
briefing does). Numbers are as the talks open (round 1); points are utility times 100.
"""

from __future__ import annotations

from game.engine.situation import PartyState, Situation, situation_at
from game.scenario.models import Difficulty, Scenario
from game.teaching.doc import Block, Bullets, Heading, Para, Table, cited
from game.teaching.parts import MEDIATOR, glossary_blocks, own_parties, seat_name, sources_blocks


def difficulty(scenario: Scenario, wanted: str | None) -> Difficulty:
    """The level by id (the scenario's first, the game's default, when None); ValueError lists
    the levels when `wanted` is not one."""
    if wanted is None:
        return scenario.difficulties[0]
    for d in scenario.difficulties:
        if d.id == wanted:
            return d
    raise ValueError(f"no difficulty '{wanted}'; this scenario has: "
                     + ", ".join(d.id for d in scenario.difficulties))


def build_packet(scenario: Scenario, role: str, level: str | None = None) -> list[Block]:
    """The packet of one seat. ValueError (listing the choices) for an unknown role or level."""
    if role not in scenario.roles:
        raise ValueError(f"no role '{role}'; this scenario's roles are: "
                         + ", ".join(scenario.roles))
    d = difficulty(scenario, level)
    sit = situation_at(scenario, 1)
    seat = seat_name(scenario, role)
    out: list[Block] = [
        Heading(1, f"{scenario.title}: packet for {seat}"),
        Para(f"Difficulty: {d.label}. Numbers are as the talks open (round 1); the game shows "
             "them again whenever events change them."),
    ]
    out += general(scenario)
    out += confidential(scenario, sit, role, d)
    out += score_sheet(scenario, sit, role)
    out += glossary_blocks()
    out += sources_blocks(scenario)
    return out


def general(scenario: Scenario) -> list[Block]:
    """General instructions: the same for every seat."""
    r = scenario.rules
    out: list[Block] = [
        Heading(2, "General instructions"),
        Para(f"{scenario.period}. {scenario.summary}"),
        Para(f"The talks run over {len(scenario.rounds)} rounds. A proposal is a package: one "
             "option for every issue below. Each party scores a package by its points (its "
             "utility x100); it signs only a package that breaks none of its red lines and is "
             "worth at least its no-deal value. A deal needs every party at the table. Each "
             f"round you may table up to {r.turns_per_round} package(s); a mediator tables a "
             f"single text and may hold {r.caucuses_per_round} caucus(es) a round.",
             strong="How the talks work."),
        Heading(3, "The seats"),
        Bullets(tuple(_seat_line(scenario, role) for role in scenario.roles)),
        Heading(3, "The issues"),
        Table(("issue", "what is at stake", "options"), tuple(
            (i.title, cited(i.description or "-", i.sources),
             "\n".join(f"- {o.label}" for o in i.options)) for i in scenario.issues)),
        Heading(3, "The rounds"),
        Table(("round", "when", "title"), tuple(
            (str(k), rnd.date, rnd.title) for k, rnd in enumerate(scenario.rounds, start=1))),
        Heading(3, "What each party has said in public"),
    ]
    for p in scenario.parties:
        out.append(Para("", strong=p.name))
        out.append(Bullets(tuple(cited(c.text, c.sources) for c in p.public_positions)
                           or ("(nothing on the record)",)))
    return out


def _seat_line(scenario: Scenario, role: str) -> str:
    members = own_parties(scenario, role)
    name = seat_name(scenario, role)
    if role == MEDIATOR:
        return f"{name}: one of " + ", ".join(m.name for m in scenario.mediators)
    if len(members) > 1:
        return f"{name}: speaks for " + " and ".join(seat_name(scenario, m) for m in members) + \
            "; every member must consent"
    return name


def _points(p: PartyState, k: int, o: int) -> float:
    return 100 * p.weights[k] * p.values[k][o]


def _own(scenario: Scenario, sit: Situation, pid: str) -> list[Block]:
    party = next(p for p in scenario.parties if p.id == pid)
    p = sit.parties[pid]
    issues = {i.id: i for i in scenario.issues}
    ranked = sorted(range(len(sit.issue_ids)), key=lambda k: -p.weights[k])
    rows = []
    for k in ranked:
        issue = issues[sit.issue_ids[k]]
        for o, option in enumerate(issue.options):
            rows.append((issue.title if o == 0 else "", option.label,
                         f"{_points(p, k, o):.1f}"))
    best = sum(max(_points(p, k, o) for o in range(len(sit.option_ids[k])))
               for k in range(len(sit.issue_ids)))
    return [
        Heading(3, f"{party.name}: your brief"),
        Para(cited(party.brief, party.sources)),
        Heading(3, f"{party.name}: your interests, most important first"),
        Bullets(tuple(f"{issues[sit.issue_ids[k]].title}: weight {100 * p.weights[k]:.0f}%"
                      for k in ranked), numbered=True),
        Heading(3, f"{party.name}: points table"),
        Para(f"A package's points are the sum of its options' points (at most {best:.1f}). "
             "Points / 100 = your utility."),
        Table(("issue", "option", "points"), tuple(rows), right=frozenset({2})),
        Para(f"{100 * p.reservation:.1f} points (reservation value {p.reservation:.2f}). A "
             "package worth fewer points is worse for you than no deal; what you would do "
             "instead (your BATNA) is in your brief.", strong="No-deal value:"),
        Heading(3, f"{party.name}: your red lines"),
        Bullets(tuple(f"{cited(r.text, r.sources)} [{r.id}]" for r in p.rules) or ("none",)),
    ]


def confidential(scenario: Scenario, sit: Situation, role: str, d: Difficulty) -> list[Block]:
    """This seat's confidential instructions, and what it knows of the others at level `d`."""
    seat = seat_name(scenario, role)
    out: list[Block] = [
        Heading(2, f"Confidential instructions: {seat}", new_page=True),
        Para(f"For the {seat} player only. Do not show this part to anyone at another seat.",
             strong="Confidential.", note=True),
    ]
    coalition = next((c for c in scenario.coalitions if c.id == role), None)
    if coalition is not None:
        out.append(Para(cited(coalition.brief, coalition.sources)))
        out.append(Para("The game scores your seat by the average of its members' points, but "
                        "each member signs only a package within its own red lines and above "
                        "its own no-deal value.", strong="Two members, one seat."))
    if role == MEDIATOR:
        out.append(Para("Find one text every party can sign. Caucus to learn what each side "
                        "needs; a draft that leans to one side costs you credibility with the "
                        "other. You have no points of your own.", strong="Your task."))
        for m in scenario.mediators:
            out += [Heading(3, m.name), Para(cited(m.brief, m.sources))]
        out.append(Para("Your starting credibility with each party (0 to 1), by mediator:"))
        out.append(Table(("mediator", *(p.name for p in scenario.parties)), tuple(
            (m.name, *(f"{m.credibility.get(p.id, 0):.2f}" for p in scenario.parties))
            for m in scenario.mediators), right=frozenset(range(1, 1 + len(scenario.parties)))))
    own = own_parties(scenario, role)
    for pid in own:
        out += _own(scenario, sit, pid)
    out += _others(scenario, sit, own, d)
    return out


def _others(scenario: Scenario, sit: Situation, own: list[str], d: Difficulty) -> list[Block]:
    reveal = set(d.reveal)
    out: list[Block] = [Heading(3, f"What you know of the others ({d.label})")]
    shown = [r.replace("_", " ") for r in d.reveal if r != "positions"]
    out.append(Para("Their public positions are in the general instructions"
                    + (f"; at this level you also know their {_and(shown)}." if shown else
                       ". Everything else (red lines, priorities, no-deal values) is for you to "
                       "find out at the table.")))
    if not shown:
        return out
    titles = {i.id: i.title for i in scenario.issues}
    labels = {(i.id, o.id): o.label for i in scenario.issues for o in i.options}
    for party in scenario.parties:
        if party.id in own:
            continue
        p = sit.parties[party.id]
        out.append(Para("", strong=party.name))
        items = []
        if "red_lines" in reveal:
            items += [f"Red line: {cited(r.text, r.sources)}" for r in p.rules] or ["No red lines."]
        if "priorities" in reveal:
            items.append("Priorities: " + ", ".join(
                f"{titles[i]} {100 * w:.0f}%" for i, w in sorted(
                    zip(sit.issue_ids, p.weights, strict=True), key=lambda iw: -iw[1])))
        if "values" in reveal:
            items += [f"Values for {titles[i]}: " + "; ".join(
                f"{labels.get((i, o), o)} = {100 * v:.0f}"  # the options' words, not ids
                for o, v in zip(sit.option_ids[k], p.values[k], strict=True))
                for k, i in enumerate(sit.issue_ids)]
        if "reservation" in reveal:
            items.append(f"No-deal value: {100 * p.reservation:.1f} points")
        out.append(Bullets(tuple(items)))
    return out


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def score_sheet(scenario: Scenario, sit: Situation, role: str) -> list[Block]:
    """A sheet to fill in by hand, round by round, and the result."""
    own = own_parties(scenario, role)
    rounds = tuple((f"{k}. {r.title}", "", "", "", "")
                   for k, r in enumerate(scenario.rounds, start=1))
    out: list[Block] = [
        Heading(2, "Score sheet", new_page=True),
        Para("Write down every package tabled (by you or to you) and its points for you."
             if own else "Write down every text you table and each party's answer."),
        Table(("round", "package (one option per issue)", "tabled by",
               "your points" if own else "answers", "notes"), rounds, blank_rows=4),
    ]
    result: tuple[tuple[str, str], ...]
    if own:
        nodeal = " / ".join(f"{100 * sit.parties[p].reservation:.1f}" for p in own)
        result = (("Deal reached? (yes / no)", ""), ("Final package", ""),
                  ("Your points for it", ""), ("Your no-deal value", nodeal),
                  ("Points above your no-deal value", ""))
    else:
        result = (("Deal reached? (yes / no)", ""), ("Final text", ""),
                  ("Parties that signed", ""), ("Your credibility at the end", ""))
    out.append(Table(("result", ""), result))
    return out
