"""The debrief of a session: what a class discusses after playing.

`build(session)` gathers the facts (outcome, scores and how they were computed, the final deal
against the Nash point and the Pareto frontier, packages every party would have preferred,
rejections and the red lines behind them, turning points, sources cited) into a `Debrief`, a
pydantic model, so the JSON export is its dump. Markdown and HTML are renderings of the same
model (`game.debrief.render`); the charts are inline SVG (`game.debrief.svg`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.debrief.model import (
    Account,
    Debrief,
    GuessRow,
    OfferRow,
    PartyResult,
    Point,
    Prompt,
    Rejection,
    SourceRow,
    TurningPoint,
)
from game.debrief.strategies import strategy_rows
from game.debrief.trades import trade_rows
from game.engine.events import Event, Guessed
from game.engine.moves_analysis import label_offers
from game.engine.scoring import score_all
from game.engine.seats import speaks_for
from game.engine.situation import EventKey, Package, Situation, situation_at
from game.narrate import Narrator
from game.scenario.models import Scenario

if TYPE_CHECKING:
    from game.engine.session import Session


# --- helpers ------------------------------------------------------------------------------------


def role_parties(scenario: Scenario, role: str) -> tuple[str, ...]:
    """The parties a role speaks for (see `game.engine.seats.speaks_for`)."""
    return speaks_for(scenario, role)


def seats(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Who each actor in the log speaks for (for move labels)."""
    out: dict[str, tuple[str, ...]] = {c.id: tuple(c.members) for c in scenario.coalitions}
    out.update({m.id: () for m in scenario.mediators})
    out["mediator"] = ()
    return out


def _named_points(sit: Situation, points: list[Any]) -> list[Point]:
    return [Point(package=sit.named(p.package), utilities=dict(p.utilities)) for p in points]


def _frontier(
    sit: Situation, deal: Package | None
) -> tuple[list[Point], Point | None, list[Point]]:
    """Pareto frontier, Nash point and the frontier packages that improve on the deal for some
    party and worsen it for none (post-settlement), from the analysis module, named."""
    from game.engine.analysis import analyze

    result = analyze(sit)
    pareto = _named_points(sit, list(result.pareto))
    nash = _named_points(sit, [result.nash])[0] if result.nash is not None else None
    better = _named_points(sit, result.improvements(deal)) if deal is not None else []
    return pareto, nash, better


def _utilities(sit: Situation, package: Package) -> dict[str, float]:
    # exact, not rounded: a verdict (dominated, on the frontier) compares these with the frontier
    return {p: sit.parties[p].utility(package) for p in sit.at_table}


def _situations(scenario: Scenario, log: list[Event],
                fired: frozenset[EventKey] = frozenset()) -> dict[int, Situation]:
    """Each round's numbers as this game played it (with the conditional events it fired)."""
    rounds = sorted({e.round for e in log} | {1})
    last = len(scenario.rounds)
    return {r: situation_at(scenario, min(max(r, 0), last),
                            frozenset(k for k in fired if k[0] <= min(max(r, 0), last)))
            for r in rounds}


def _offers(scenario: Scenario, log: list[Event], sits: dict[int, Situation]) -> list[OfferRow]:
    entries = [e for e in log if e.kind in ("offer", "draft") and e.package]
    labels = label_offers(
        sits, [(e.actor, e.round, dict(e.package or {})) for e in entries], seats(scenario)
    )
    from game.engine.analysis import analyze

    analyses: dict[int, Any] = {}
    rows = []
    for e, lab in zip(entries, labels, strict=True):
        sit = sits[e.round]
        pkg = sit.package(dict(e.package or {}))
        scores = score_all(sit, pkg)
        clear = all(sc.feasible for sc in scores.values())
        on = None
        if clear:  # one verdict for every screen and export: the analysis's, on exact numbers
            if e.round not in analyses:
                analyses[e.round] = analyze(sit)
            on = not analyses[e.round].improvements(pkg)
        ok = all(sc.acceptable for sc in scores.values())
        rows.append(OfferRow(
            seq=e.seq, offer=e.offer, round=e.round, by=e.actor, kind=e.kind,
            package=dict(e.package or {}),
            # the numbers the event carries (its table then), not a re-scoring
            utilities=dict(getattr(e, "utilities", None) or _utilities(sit, pkg)),
            label=lab.label, own_change=round(lab.own, 4),
            other_change=round(lab.other, 4), acceptable_to_all=ok, feasible=clear,
            on_frontier=on,
        ))
    return rows


def _red_line_texts(scenario: Scenario) -> dict[str, tuple[str, str]]:
    """Every red line id -> (party, text), including those drawn by events."""
    out = {r.id: (p.id, r.text) for p in scenario.parties for r in p.red_lines}
    for rnd in scenario.rounds:
        for e in rnd.events:
            if e.type == "add_red_line":
                out[e.red_line.id] = (e.party, e.red_line.text)
    return out


def _rejections(scenario: Scenario, log: list[Event], narrator: Narrator) -> list[Rejection]:
    texts = _red_line_texts(scenario)
    out = []
    for e in log:
        if e.kind not in ("reject", "objection", "walk_out"):
            continue
        lines = []
        for r in e.reasons:
            if r.red_line:
                party, text = texts.get(r.red_line, ("?", r.text))
                lines.append({"id": r.red_line, "party": party, "text": text})
        out.append(Rejection(
            seq=e.seq, round=e.round, by=e.actor, offer=e.offer, text=narrator.line(e),
            red_lines=lines, sources=sorted({s for r in e.reasons for s in r.sources}),
        ))
    return out


TALK = ("signal", "message", "time_up")
"""What people said at a hosted table (the debrief lists it apart from the turning points)."""


def _turning_points(log: list[Event], offers: list[OfferRow], names: dict[str, str],
                    narrator: Narrator) -> list[TurningPoint]:
    """Events, walk-outs and the end; the first offer inside the zone; each side's biggest step."""
    points = [
        TurningPoint(seq=e.seq, round=e.round, text=narrator.line(e))
        for e in log if e.kind in ("event", "walk_out", "agreement", "no_deal", "caucus")
    ]
    first = next((o for o in offers if o.acceptable_to_all), None)
    if first is not None:
        points.append(TurningPoint(
            seq=first.seq, round=first.round,
            text=f"First package acceptable to every party, tabled by "
                 f"{names.get(first.by, first.by)}.",
        ))
    biggest: dict[str, OfferRow] = {}
    for o in offers:
        if o.label == "concession" and o.own_change < biggest.get(o.by, o).own_change + 1e-12:
            biggest[o.by] = o
    for by, o in biggest.items():
        points.append(TurningPoint(
            seq=o.seq, round=o.round,
            text=f"Biggest concession by {names.get(by, by)}: it gave up "
                 f"{-o.own_change:.2f} of its utility; the others gained {o.other_change:+.2f}.",
        ))
    return sorted(points, key=lambda p: p.seq)


def zone_by_round(scenario: Scenario, log: list[Event],
                  fired: frozenset[EventKey] = frozenset()) -> dict[int, int]:
    """How many packages every party at the table would accept, for each round played, as this
    game played it (with the conditional events its play set off)."""
    from game.engine.analysis import analyze

    rounds = sorted({e.round for e in log if e.kind == "round_start"})
    return {r: analyze(situation_at(scenario, r, frozenset(k for k in fired if k[0] <= r))).zopa
            for r in rounds if 1 <= r <= len(scenario.rounds)}


def _zone_changes(zones: dict[int, int], log: list[Event]) -> list[TurningPoint]:
    """Rounds whose events open, close or reshape the zone of possible agreement."""
    starts = {e.round: e.seq for e in log if e.kind == "round_start"}
    out = []
    before: int | None = None
    for rnd, zone in sorted(zones.items()):
        if before is not None and zone != before:
            if before == 0:
                text = f"The zone of agreement opens: {zone} package(s) acceptable to every party."
            elif zone == 0:
                text = f"The zone of agreement closes: no package is acceptable to every party " \
                       f"any more (it had {before})."
            else:
                text = f"The zone of agreement changes from {before} to {zone} package(s)."
            out.append(TurningPoint(seq=starts[rnd], round=rnd, text=text))
        before = zone
    return out


def _sources(scenario: Scenario, log: list[Event]) -> list[SourceRow]:
    """Sources behind what the session showed: reasons, briefings and events of rounds reached."""
    cited = {s for e in log for r in e.reasons for s in r.sources}
    reached = max((e.round for e in log), default=1)
    for rnd in scenario.rounds[:reached]:
        cited.update(s for b in rnd.briefing for s in b.sources)
        cited.update(s for ev in rnd.events for s in ev.sources)
    return [
        SourceRow(id=s.id, title=s.title, date=s.date, kind=s.kind, perspective=s.perspective,
                  author=s.author, reliability=s.reliability)
        for s in scenario.sources if s.id in cited
    ]


# --- the debrief --------------------------------------------------------------------------------


def guess_rows(scenario: Scenario, log: list[Event], situation_of: Callable[[int], Situation]
               ) -> list[GuessRow]:
    """Each recorded guess against the party's true top issue and no-deal value in the round
    it was made (`situation_of(round)`: that round's numbers as the game played it)."""
    titles = {i.id: i.title for i in scenario.issues}
    out = []
    for e in log:
        if not isinstance(e, Guessed):
            continue
        sit = situation_of(e.round)
        state = sit.parties[e.party]
        top = max(range(len(state.weights)), key=lambda i: (state.weights[i], -i))
        out.append(GuessRow(round=e.round, party=e.party, top_guess=titles.get(e.top, e.top),
                            top_true=titles[sit.issue_ids[top]],
                            reservation_guess=e.guessed_reservation,
                            reservation_true=state.reservation))
    return out


def teaching_parts(scenario: Scenario) -> tuple[list[Prompt], list[Account]]:
    """The scenario's debrief questions and epilogue, for the end of every debrief."""
    kit = scenario.teaching
    if kit is None:
        return [], []
    questions = [
        Prompt(text=q.text, sources=list(q.sources),
               about=f"Round {q.round}" if q.round is not None
               else f"turning point: {str(q.turning_point).replace('_', ' ')}")
        for q in kit.debrief
    ]
    epilogue = [
        Account(text=e.text, sources=list(e.sources), contested=e.contested,
                counter_accounts=[Prompt(text=c.text, sources=list(c.sources), about="another "
                                         "account") for c in e.counter_accounts])
        for e in kit.epilogue
    ]
    return questions, epilogue


def build(session: Session, minutes: float | None = None) -> Debrief:
    """Gather the debrief of a session (finished or not); `minutes` played, when known."""
    scenario: Scenario = session.scenario
    log = list(session.log)
    sit = session.situation
    fired = session.state.fired
    sits = _situations(scenario, log, fired)
    zones = zone_by_round(scenario, log, fired)
    names = {p.id: p.name for p in scenario.parties}
    names.update({c.id: c.name for c in scenario.coalitions})
    names.update({m.id: m.name for m in scenario.mediators})
    narrator = Narrator(scenario, session.mediator)
    outcome = session.outcome
    deal = dict(outcome.package) if outcome and outcome.package else None
    deal_pkg = sit.package(deal) if deal else None
    pareto, nash, better = _frontier(sit, deal_pkg)
    if outcome is not None:
        utils = dict(outcome.utilities)
    else:
        utils = {p.id: p.reservation for p in sit.table}
    # the parties that walked out are scored too (on their no-deal value): a debrief that
    # left them out showed a four-party game as if the student had sat alone
    gone = [sit.parties[p] for p in (outcome.walked_out if outcome else [])
            if p in sit.parties and p not in sit.at_table]
    parties = [
        PartyResult(id=p.id, name=p.name, utility=utils.get(p.id, p.reservation),
                    reservation=p.reservation,
                    surplus=utils.get(p.id, p.reservation) - p.reservation)
        for p in [*sit.table, *gone]
    ]
    deal_u = _utilities(sit, deal_pkg) if deal_pkg is not None else {}
    on_frontier = None if not deal else not better
    vs_nash = {
        k: round(deal_u.get(k, utils.get(k, 0.0)) - v, 4) for k, v in nash.utilities.items()
    } if nash else {}
    offers = _offers(scenario, log, sits)
    questions, epilogue = teaching_parts(scenario)
    return Debrief(
        scenario=scenario.title, scenario_id=scenario.id, role=session.role,
        student=session.student, minutes=minutes, questions=questions, epilogue=epilogue,
        coached=sum(e.kind == "coached" for e in log),
        guesses=guess_rows(scenario, log, sits.__getitem__), zone_by_round=zones,
        strategies=strategy_rows(scenario, session.role),
        role_parties=list(role_parties(scenario, session.role)),
        difficulty=session.difficulty, seed=session.seed, moves=len(session.moves),
        finished=bool(session.finished), agreement=bool(outcome and outcome.agreement),
        deal=deal, walked_out=list(outcome.walked_out) if outcome else [],
        parties=parties, score=round(outcome.player.value, 4) if outcome else None,
        score_explanation=list(outcome.player.explanation) if outcome else
        ["The game is not finished: no score yet."],
        nash=nash, deal_vs_nash=vs_nash, pareto=pareto, deal_on_frontier=on_frontier,
        better_for_all=better, offers=offers, rejections=_rejections(scenario, log, narrator),
        turning_points=sorted(_turning_points(log, offers, names, narrator)
                              + _zone_changes(zones, log), key=lambda t: t.seq),
        sources=_sources(scenario, log),
        issue_labels={i.id: i.title for i in scenario.issues},
        option_labels={i.id: {o.id: o.label for o in i.options} for i in scenario.issues},
        party_names=names, log=log, trades=trade_rows(log, narrator),
        talk=[TurningPoint(seq=e.seq, round=e.round, text=narrator.line(e)) for e in log
              if e.kind in TALK or (e.kind == "offer" and getattr(e, "note", None))],
    )
