"""The end of a game: every party's final utility, and the player's score with its explanation.

A party (or coalition: its seat's aggregate) is scored on what the deal is worth against its
reservation value and against the best it could have had inside the zone of agreement. A mediator
is scored on whether a deal was reached, how close it is to the Nash point, how evenly the gains
are shared, and the credibility it kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.records import Outcome, PlayerScore
from game.engine.scoring import at_least, exceeds

if TYPE_CHECKING:
    from game.engine.analysis import Analysis
    from game.engine.state import TableState


def final_outcome(s: TableState, package: dict[str, str] | None) -> Outcome:
    """The outcome of a game ending now, with `package` agreed (None: no deal)."""
    utilities = deal_utilities(s, package)
    score = player_score(s, package, utilities)
    return Outcome(agreement=package is not None, package=dict(package) if package else None,
                   utilities=utilities, player=score, walked_out=list(s.walked))


def deal_utilities(s: TableState, package: dict[str, str] | None) -> dict[str, float]:
    """What `package` is worth to every party now (None, no deal: each falls back on its
    reservation value; so does a party that has left the table)."""
    final = s.sit
    if package is None:
        return {p.id: final.parties[p.id].reservation for p in s.scenario.parties}
    pkg = final.package(package)
    return {p.id: (final.parties[p.id].utility(pkg) if p.id in final.at_table
                   else final.parties[p.id].reservation)
            for p in s.scenario.parties}


def nash_score(s: TableState) -> float | None:
    """The seat's score had the talks ended at the Nash point of the last round as played
    (None: that round has no Nash point). A par for the tournament: against parties that hold
    out for their share of it, a seat scoring near this has played the table well, however low
    the figure."""
    nash = _final_analysis(s).nash
    if nash is None:
        return None
    package = s.sit.named(nash.package)
    return player_score(s, package, deal_utilities(s, package)).value


def player_score(s: TableState, package: dict[str, str] | None,
                 utilities: dict[str, float]) -> PlayerScore:
    if s.seat.is_mediator:
        return _mediator_score(s, package, utilities)
    return _party_score(s, package, utilities)


def _party_score(s: TableState, package: dict[str, str] | None,
                 utilities: dict[str, float]) -> PlayerScore:
    seat = s.seat
    u = seat.aggregate(utilities)
    r = seat.reservation(s.sit)
    who = "your coalition's members (their mean)" if len(seat.members) > 1 else "you"
    lines = [f"Your alternative to a deal (reservation value) is worth {r:.2f} to {who}."]
    if package is None:
        lines.append(f"No deal: {who} fall back on it, {r:.2f}.")
    else:
        lines.append(f"The deal is worth {u:.2f} to {who}: {u - r:+.2f} against no deal.")
    best = _best_in_zone(_final_analysis(s), seat.members)
    if best is None and package is None:
        opened = _best_in_zone(_opened_analysis(s), seat.members)
        if opened is not None and exceeds(opened, r):
            lines.append("No package was acceptable to every party as the talks went, but the "
                         "scenario's events that play sets off (trust built, a trade put on the "
                         f"table) would have opened a zone of agreement worth up to {opened:.2f} "
                         "to you: a deal was within reach and was missed: score 0.00.")
            return PlayerScore(0.0, lines)
    if best is None:
        if package is None:
            value = 1.0
            lines.append("No package was acceptable to every party (the zone of agreement was "
                         "empty, and no play could have opened it), so no deal lost you "
                         "nothing: score 1.00.")
        else:
            value = 1.0 if at_least(u, r) else 0.0
            lines.append("The zone of agreement was empty by the end, so the deal is judged "
                         f"against your reservation value only: score {value:.2f}.")
        return PlayerScore(value, lines)
    lines.append(f"The best you could have had inside the zone of agreement: {best:.2f}.")
    if package is None:
        value = 0.0
        lines.append("A deal better than no deal existed and was missed: score 0.00.")
    elif not exceeds(best, r):
        value = 1.0 if at_least(u, r) else 0.0
        lines.append(f"Nothing in the zone beat your alternative: score {value:.2f}.")
    else:
        value = min(1.0, max(0.0, (u - r) / (best - r)))
        lines.append(f"Score = (deal - reservation) / (best - reservation) = {value:.2f}.")
    return PlayerScore(value, lines)


def _mediator_score(s: TableState, package: dict[str, str] | None,
                    utilities: dict[str, float]) -> PlayerScore:
    sit = s.sit
    cred = s.credibility
    kept = sum(cred.values()) / len(cred) if cred else 0.0
    lines = [f"Credibility kept (mean over the parties): {kept:.2f}."]
    analysis = _final_analysis(s)
    if package is None:
        value = 0.2 * kept
        zone = analysis.zopa > 0
        lines.append("No deal was reached" + (
            " although a zone of agreement existed." if zone else
            "; no package was acceptable to every party by the end."))
        lines.append(f"Score = 0.2 x credibility = {value:.2f}.")
        return PlayerScore(value, lines)
    table = list(sit.at_table)
    gains = [utilities[p] - sit.parties[p].reservation for p in table]
    spread = max(gains) - min(gains) if gains else 0.0
    even = max(0.0, 1.0 - spread)
    nash = dict(analysis.nash.utilities) if analysis.nash is not None else None
    if nash is None:
        close = 0.5
        lines.append("No Nash point to compare with (no package beats every alternative).")
    else:
        dist = sum((utilities[p] - nash[p]) ** 2 for p in table) ** 0.5 / len(table) ** 0.5
        close = max(0.0, 1.0 - dist)
        lines.append(f"Closeness to the Nash point: {close:.2f} (1 = the Nash point itself).")
    lines.append(f"Evenness of the gains over each party's alternative: {even:.2f} "
                 f"(largest minus smallest gain {spread:.2f}).")
    value = 0.4 + 0.2 * close + 0.2 * even + 0.2 * kept
    lines.append("Score = 0.4 for the deal + 0.2 x closeness + 0.2 x evenness + 0.2 x credibility "
                 f"= {value:.2f}.")
    return PlayerScore(min(1.0, value), lines)


def _final_analysis(s: TableState) -> Analysis:
    """The analysis of the last round played, with its full table (walk-outs are play, not the
    zone), from the game's book of rounds."""
    return s.book.analysis(s.round, s.fired)


def _opened_analysis(s: TableState) -> Analysis:
    """The last round's analysis had play set off every conditional event of the rounds so far
    (what the table could have opened: the zone a no-deal game is judged against when the zone
    as played was empty)."""
    every = frozenset((n, k) for n, rnd in enumerate(s.scenario.rounds[:s.round], 1)
                      for k, e in enumerate(rnd.events) if e.when is not None)
    return s.book.analysis(s.round, every)


def _best_in_zone(analysis: Analysis, parties: tuple[str, ...]) -> float | None:
    """Best mean utility of `parties` over the zone of agreement (None: the zone is empty).

    The best of any mix of utilities over the zone lies on the Pareto frontier, inside the zone."""
    deals = analysis.deals()
    if not deals or any(p not in deals[0].utilities for p in parties):
        return None
    return max(sum(pt.utilities[p] for p in parties) / len(parties) for pt in deals)
