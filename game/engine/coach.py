"""The coach: from what the seat knows, a package better for it and no worse for the others.

It reads only the seat's view: its own numbers, and for every other party the estimate the
scorecard shows (`game.engine.views.estimate`, a range; the coach uses its middle). It tries every
change of one issue and every trade of two issues, keeps those that break no red line the seat
knows, gain the seat something and cost no other party anything by that estimate, and returns
the best with its reasoning in two lines. For a mediator, "better" means more for the party that
gains least. The coach is advice, not a move at the table: asking is recorded (so the debrief
says how often a student asked) and changes nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations

from game.engine.coach_exact import better_for_all, exact_rows, searchable
from game.engine.scoring import at_least, exceeds
from game.engine.situation import Rule
from game.engine.state import TableState
from game.engine.views import SeatView, estimate, view


@dataclass(frozen=True)
class Advice:
    package: dict[str, str] | None
    """The package the coach suggests (None: it found nothing better)."""
    changes: tuple[tuple[str, str, str], ...]
    """(issue, option now, option suggested) for each issue it changes."""
    gain: float
    """What the change adds for the seat (its utility, or the least-served party's estimate)."""
    reasoning: tuple[str, str]


def _candidates(s: TableState, package: dict[str, str]) -> Iterator[dict[str, str]]:
    issues = s.scenario.issues
    for i in issues:
        for o in i.options:
            if o.id != package[i.id]:
                yield {**package, i.id: o.id}
    for a, b in combinations(issues, 2):
        for oa in a.options:
            for ob in b.options:
                if oa.id != package[a.id] and ob.id != package[b.id]:
                    yield {**package, a.id: oa.id, b.id: ob.id}


def _known_rules(s: TableState, v: SeatView) -> list[Rule]:
    """The red lines the seat must respect: its own parties', and those it knows of others."""
    known = {rid for st in v.stances for rid, _t, _s in st.red_lines}
    rules = [r for p in v.seat.members for r in s.sit.parties[p].rules]
    rules += [r for p in s.sit.at_table for r in s.sit.parties[p].rules if r.id in known]
    return rules


def advise(s: TableState, seat_id: str, package: dict[str, str]) -> Advice:
    """The coach's suggestion for `package` at `seat_id`, from that seat's view alone: first
    fewer broken red lines (the seat's own and those it knows), then more for the seat."""
    v = view(s, seat_id)
    others = [st.party for st in v.stances if st.party not in v.seat.members]
    rules = _known_rules(s, v)

    def middles(pkg: dict[str, str]) -> dict[str, float]:
        out = {}
        for p in others:
            e = estimate(v, s.scenario, p, pkg)
            out[p] = (e.low + e.high) / 2
        return out

    def worth(pkg: dict[str, str], mids: dict[str, float]) -> float:
        if v.seat.members:
            return v.seat.utility(s.sit, s.sit.package(pkg))
        return min(mids.values()) if mids else 0.0

    def broken(pkg: dict[str, str]) -> int:
        indices = s.sit.package(pkg)
        return sum(r.broken_by(indices) for r in rules)

    now_mids = middles(package)
    now, now_broken = worth(package, now_mids), broken(package)
    best: tuple[tuple[int, float, int], dict[str, str]] | None = None
    for cand in _candidates(s, package):
        lines = broken(cand)
        if lines > now_broken:
            continue
        mids = middles(cand)
        if not all(at_least(mids[p], now_mids[p]) for p in others):
            continue
        gain = worth(cand, mids) - now
        if lines == now_broken and not exceeds(gain, 0.0):
            continue  # neither clears a red line nor gains anything
        key = (-lines, gain, -sum(cand[k] != package[k] for k in cand))
        if best is None or key > best[0]:
            best = (key, cand)
    if best is None:
        rows = exact_rows(v, s.sit)
        if rows is not None:
            return _exact_advice(s, v, package, rows, broken, now_broken)
        learn = ("a caucus, a draft to test an issue, or their objections" if v.seat.is_mediator
                 else "an offer to test an issue, and their answers")
        return Advice(None, (), 0.0, (
            "Nothing you know of the others points to a better package from here.",
            f"Learn more first: {learn}."))
    (neg_lines, gain, _size), cand = best
    cleared = now_broken + neg_lines
    return Advice(cand, _changes(s, package, cand), gain,
                  _reasoning(s, v, package, cand, gain, cleared))


def _exact_advice(s: TableState, v: SeatView, package: dict[str, str],
                  rows: dict[str, list[list[float]]], broken: Callable[[dict[str, str]], int],
                  now_broken: int) -> Advice:
    """With every party's numbers known there is nothing left to learn: search every package,
    and if none is better for all, say so plainly."""
    found = better_for_all(s.sit, rows, package, v.seat.members, broken) \
        if searchable(s.sit) else []
    if found:
        cand, gain = found[0]
        first, _ = _reasoning(s, v, package, cand, gain, now_broken - broken(cand),
                              who="every party together" if v.seat.is_mediator else "you")
        return Advice(cand, _changes(s, package, cand), gain, (
            first, "By the exact worths you see, no party loses by it, and no smaller change "
                   "does as well: a trade across issues, not a concession."))
    idx = s.sit.package(package)
    worths = {p: sum(r[k][o] for k, o in enumerate(idx)) for p, r in rows.items()
              if p not in v.seat.members}
    if v.seat.is_mediator and worths:
        least = min(worths, key=lambda p: worths[p])
        name = next(p.name for p in s.scenario.parties if p.id == least)
        second = (f"{name} gains least here ({worths[least]:.2f}): raising it now means another "
                  "party gives something up, so ask who will, and for what.")
    else:
        second = ("Any gain for you from here costs another party something: a concession to "
                  "trade for, not a free improvement.")
    first = ("No package is better for every party than this one (by the exact worths you "
             "see, breaking no more red lines)." if searchable(s.sit) else
             "No change of one or two issues is better for every party than this one (by the "
             "exact worths you see; this scenario has too many packages to try them all).")
    return Advice(None, (), 0.0, (first, second))


def _label(s: TableState, issue: str, option: str) -> str:
    i = next(x for x in s.scenario.issues if x.id == issue)
    return next(o.label for o in i.options if o.id == option)


def _title(s: TableState, issue: str) -> str:
    return next(x.title for x in s.scenario.issues if x.id == issue)


def _changes(s: TableState, before: dict[str, str], after: dict[str, str]
             ) -> tuple[tuple[str, str, str], ...]:
    return tuple((k, before[k], after[k]) for k in after if after[k] != before[k])


def _reasoning(s: TableState, v: SeatView, before: dict[str, str], after: dict[str, str],
               gain: float, cleared: int, who: str = "") -> tuple[str, str]:
    moves = "; ".join(f"{_title(s, k)}: '{_label(s, k, b)}' instead of '{_label(s, k, a)}'"
                      for k, a, b in _changes(s, before, after))
    who = who or ("you" if v.seat.members else "the party that gains least")
    effect = [f"{gain:+.2f} for {who}"]
    if cleared:
        effect.insert(0, f"{cleared} red line{'s' if cleared != 1 else ''} no longer broken")
    first = f"Try {moves} ({', '.join(effect)})."
    second = ("By what you know of the others (their answers, stated red lines and any revealed "
              "priorities), none of them loses by it: a trade across issues, not a concession.")
    return first, second
