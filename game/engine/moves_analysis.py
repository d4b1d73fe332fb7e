"""Labelling the moves of a negotiation by their effect on both sides (pure, no I/O).

The six labels follow the move classes of Hindriks, Jonker and Tykhonov's negotiation dynamics
analysis: a party's new offer is compared with its previous one, by the change in its own utility
(`own`) and in the others' (`other`, the mean over the other parties at the table):

| label       | own    | other  | what it teaches                                   |
|-------------|--------|--------|---------------------------------------------------|
| silent      | = 0    | = 0    | nothing moved                                     |
| nice        | = 0    | > 0    | a free gift: better for them, no cost to you      |
| fortunate   | > 0    | > 0    | both gain: value was left on the table before     |
| selfish     | > 0    | <= 0   | you took more                                     |
| concession  | < 0    | >= 0   | you gave ground                                   |
| unfortunate | <= 0   | < 0    | both lose: a wasted move                          |

A mediator has no utility of its own, so its drafts are labelled with `own` = 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from game.engine.situation import Package, Situation

Label = Literal["silent", "nice", "fortunate", "selfish", "concession", "unfortunate", "opening"]
EPS = 1e-6


def classify(own: float, other: float, eps: float = EPS) -> Label:
    """The label of a move from the change in the mover's and the others' utilities."""
    up_own, down_own = own > eps, own < -eps
    up_other, down_other = other > eps, other < -eps
    if up_own:
        return "fortunate" if up_other else "selfish"
    if down_own:
        return "unfortunate" if down_other else "concession"
    if up_other:
        return "nice"
    if down_other:
        return "unfortunate"
    return "silent"


@dataclass(frozen=True)
class Labelled:
    """One offer with its label and the utility changes behind it."""

    mover: str
    label: Label
    own: float  # change in the mover's utility (0 for a mediator)
    other: float  # mean change for the other parties at the table


def label_move(situation: Situation, mover: str, before: Package | None, after: Package,
               members: Iterable[str] | None = None) -> Labelled:
    """Label `after` against the mover's previous offer `before` (None: an opening offer).

    `members` lists the parties a seat speaks for (default: the mover itself); their mean is the
    mover's utility. An empty `members` (a mediator) means no utility of its own.
    """
    if before is None:
        return Labelled(mover, "opening", 0.0, 0.0)
    chosen = (mover,) if members is None else tuple(members)
    own_ids = [m for m in chosen if m in situation.parties]
    others = [p for p in situation.at_table if p not in own_ids]

    def mean_delta(ids: list[str]) -> float:
        if not ids:
            return 0.0
        ps = [situation.parties[p] for p in ids]
        return sum(p.utility(after) - p.utility(before) for p in ps) / len(ps)

    own, other = mean_delta(own_ids), mean_delta(others)
    return Labelled(mover, classify(own, other), own, other)


def label_offers(situations: Mapping[int, Situation],
                 offers: Iterable[tuple[str, int, dict[str, str]]],
                 seats: Mapping[str, tuple[str, ...]] | None = None) -> list[Labelled]:
    """Label a sequence of (mover, round, package) offers, each against the mover's previous one.

    `situations` maps a round number to the numbers as of that round; `seats` maps a coalition or
    mediator id to the parties it speaks for (a mediator maps to nothing).
    """
    seats = seats or {}
    last: dict[str, Package] = {}
    out = []
    for mover, rnd, named in offers:
        sit = situations[rnd]
        pkg = sit.package(named)
        lab = label_move(sit, mover, last.get(mover), pkg, members=seats.get(mover))
        last[mover] = pkg
        out.append(lab)
    return out


# --- what the player could believe --------------------------------------------------------------


def believed_utility(situation: Situation, player_parties: tuple[str, ...], party: str,
                     package: Package, reveal: Iterable[str],
                     priorities: Mapping[str, float] | None = None) -> float | None:
    """The utility the player could estimate for `party`, from what it was shown.

    Weights: revealed priorities, else equal weights. Values: the true ones if the difficulty
    reveals values, else the fixed-pie guess (the other side wants the reverse of what I want:
    1 - my value). None when the player has no values of its own to reverse (a mediator).
    """
    reveal = set(reveal)
    truth = situation.parties[party]
    if party in player_parties:
        return truth.utility(package)
    n = len(situation.issue_ids)
    if "priorities" in reveal or "values" in reveal:
        weights = truth.weights
    elif priorities:
        total = sum(priorities.get(i, 0.0) for i in situation.issue_ids) or 1.0
        weights = tuple(priorities.get(i, 0.0) / total for i in situation.issue_ids)
    else:
        weights = tuple(1 / n for _ in range(n))
    if "values" in reveal:
        values = truth.values
    else:
        mine = [situation.parties[p] for p in player_parties if p in situation.parties]
        if not mine:
            return None
        values = tuple(
            tuple(1 - sum(m.values[i][o] for m in mine) / len(mine)
                  for o in range(len(situation.option_ids[i])))
            for i in range(n)
        )
    return sum(w * v[o] for w, v, o in zip(weights, values, package, strict=True))
