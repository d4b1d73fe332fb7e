"""Computer-played parties: when they accept, why they reject, and what they counter with.

An agent never accepts or tables a package that breaks its own red lines. It estimates the other
seats' priorities from the offers it sees (a frequency model: options a seat keeps asking for and
issues on which it never moves matter to it), and counters with the package near its current
aspiration that the others are likeliest to accept. Large outcome spaces are never enumerated per
answer: each party keeps a pool of its own feasible packages spread over its utility range, built
once per round state and shared by every session (numpy, cached).
"""

from __future__ import annotations

import random
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from game.engine.log import Reason
from game.engine.situation import Package, PartyState, Rule, Situation
from game.engine.strategies import Curve

ENUMERATE_LIMIT = 60_000
"""Outcome spaces up to this size are enumerated once per party state; larger ones are sampled."""
SAMPLES = 24_000
LEVELS = 50
PER_LEVEL = 24
BAND = 0.06
"""Counters are chosen among packages this close above the aspiration."""
SLACK = 1e-9


@dataclass(frozen=True)
class Pool:
    """A party's own feasible packages, best first, spread over its utility range."""

    packages: np.ndarray  # (m, issues) option indices
    utilities: np.ndarray  # (m,) own utility, descending

    @property
    def top(self) -> float:
        return float(self.utilities[0]) if len(self.utilities) else 0.0


_POOLS: OrderedDict[tuple[PartyState, tuple[int, ...]], Pool] = OrderedDict()


def pool_for(party: PartyState, sizes: tuple[int, ...]) -> Pool:
    """The pool of `party` as of its current state (cached: many sessions share a scenario)."""
    key = (party, sizes)
    hit = _POOLS.get(key)
    if hit is not None:
        _POOLS.move_to_end(key)
        return hit
    pool = _build_pool(party, sizes)
    _POOLS[key] = pool
    if len(_POOLS) > 512:
        _POOLS.popitem(last=False)
    return pool


def _build_pool(party: PartyState, sizes: tuple[int, ...]) -> Pool:
    rng = np.random.default_rng(zlib.crc32(party.id.encode()))
    total = int(np.prod(np.array(sizes, dtype=np.float64)))
    if total <= ENUMERATE_LIMIT:
        pkgs = np.indices(sizes).reshape(len(sizes), -1).T
    else:
        pkgs = _sample(party, sizes, rng)
    pkgs = pkgs.astype(np.int16)
    mask = np.ones(len(pkgs), dtype=bool)
    for rule in party.rules:
        broken = np.ones(len(pkgs), dtype=bool)
        for i, opts in rule.literals:
            broken &= np.isin(pkgs[:, i], sorted(opts))
        mask &= ~broken
    pkgs = pkgs[mask]
    utils = _utilities(party, pkgs)
    if len(pkgs) > LEVELS * PER_LEVEL:
        pkgs, utils = _spread(pkgs, utils, rng)
    order = np.lexsort((np.arange(len(utils)), -utils))
    return Pool(pkgs[order], utils[order])


def _sample(party: PartyState, sizes: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Random packages, half uniform and half biased toward the party's own high values."""
    half = SAMPLES // 2
    cols = []
    for i, k in enumerate(sizes):
        uniform = rng.integers(0, k, size=half)
        weights = (np.array(party.values[i]) + 0.05) ** 3
        biased = rng.choice(k, size=SAMPLES - half, p=weights / weights.sum())
        cols.append(np.concatenate([uniform, biased]))
    best = np.array([int(np.argmax(v)) for v in party.values])
    pkgs = np.vstack([best[None, :], np.stack(cols, axis=1)])
    return np.unique(pkgs, axis=0)


def _utilities(party: PartyState, pkgs: np.ndarray) -> np.ndarray:
    u = np.zeros(len(pkgs))
    for i, (w, vals) in enumerate(zip(party.weights, party.values, strict=True)):
        u += w * np.asarray(vals)[pkgs[:, i]]
    return u


def _spread(pkgs: np.ndarray, utils: np.ndarray, rng: np.random.Generator):
    """Keep at most PER_LEVEL packages per utility level, always keeping the very best."""
    level = np.minimum((utils * LEVELS).astype(int), LEVELS - 1)
    key = rng.random(len(utils))
    order = np.lexsort((key, level))
    keep = np.zeros(len(utils), dtype=bool)
    lv = level[order]
    starts = np.searchsorted(lv, lv, side="left")
    rank = np.arange(len(lv)) - starts
    keep[order[rank < PER_LEVEL]] = True
    keep[int(np.argmax(utils))] = True
    return pkgs[keep], utils[keep]


@dataclass
class FrequencyModel:
    """What one seat seems to want, learnt from the packages it tables."""

    counts: list[np.ndarray]
    steady: np.ndarray  # per issue: how often the seat kept the same option between offers
    last: Package | None = None
    seen: int = 0

    @classmethod
    def empty(cls, sizes: tuple[int, ...]) -> FrequencyModel:
        return cls([np.ones(k) for k in sizes], np.ones(len(sizes)))

    def observe(self, package: Package) -> None:
        for i, o in enumerate(package):
            self.counts[i][o] += 1
            if self.last is not None and self.last[i] == o:
                self.steady[i] += 1
        self.last = package
        self.seen += 1

    def weights(self) -> np.ndarray:
        return self.steady / self.steady.sum()

    def estimate(self, pkgs: np.ndarray) -> np.ndarray:
        """Estimated utility to the seat of each package (0-1)."""
        w = self.weights()
        u = np.zeros(len(pkgs))
        for i, c in enumerate(self.counts):
            u += w[i] * (c / c.max())[pkgs[:, i]]
        return u


@dataclass
class Agent:
    """One computer-played party, with what it has learnt during the session."""

    party: str
    curve: Curve
    sizes: tuple[int, ...]
    models: dict[str, FrequencyModel] = field(default_factory=dict)
    known_rules: dict[str, Rule] = field(default_factory=dict)
    first_u: dict[str, float] = field(default_factory=dict)
    last_u: dict[str, float] = field(default_factory=dict)

    # -- learning -------------------------------------------------------------------------------

    def observe(self, seat: str, package: Package, own: PartyState) -> None:
        """Another seat tabled `package`: update its model and the concession received."""
        if seat == self.party:
            return
        self.models.setdefault(seat, FrequencyModel.empty(self.sizes)).observe(package)
        u = own.utility(package)
        self.first_u.setdefault(seat, u)
        self.last_u[seat] = u

    def learn(self, rule: Rule) -> None:
        """Another party named one of its red lines."""
        if rule.party != self.party:
            self.known_rules[rule.id] = rule

    def received(self, top: float) -> float:
        """How far (0-1) the others' offers have moved toward this party since their first."""
        shares = []
        for seat, first in self.first_u.items():
            room = top - first
            if room > SLACK:
                shares.append(min(1.0, max(0.0, (self.last_u[seat] - first) / room)))
        return sum(shares) / len(shares) if shares else 0.0

    # -- deciding -------------------------------------------------------------------------------

    def pool(self, own: PartyState) -> Pool:
        return pool_for(own, self.sizes)

    def aspiration(self, own: PartyState, t: float, floor: float, round_: int) -> float:
        top = self.pool(own).top
        return self.curve.aspiration(t, top, floor, self.received(top), round_)

    def answer(self, sit: Situation, package: Package, floor: float, asp: float) -> list[Reason]:
        """Reasons to reject `package`; an empty list means the party accepts it."""
        own = sit.parties[self.party]
        broken = [r for r in own.rules if r.broken_by(package)]
        if broken:
            return [red_line_reason(r) for r in broken]
        u = own.utility(package)
        need = max(floor, asp)
        if u >= need - SLACK:
            return []
        return value_reasons(sit, own, package, u, need, floor)

    def counter(
        self, sit: Situation, asp: float, others: list[str], rng: random.Random,
        own: PartyState | None = None,
    ) -> Package | None:
        """The package near the aspiration the others seem likeliest to accept (None: no option).

        `own` replaces the party's state in the situation (a coalition seat played as one)."""
        pool = self.pool(own or sit.parties[self.party])
        if not len(pool.utilities):
            return None
        idx = np.nonzero(pool.utilities >= asp - SLACK)[0]
        if not len(idx):
            return tuple(int(x) for x in pool.packages[0])
        near = idx[pool.utilities[idx] <= asp + BAND]
        if len(near) < 3:
            near = idx[-min(len(idx), 12):]
        cand = pool.packages[near]
        est = np.full(len(near), 1.0)
        for seat in others:
            model = self.models.get(seat)
            if model is not None and model.seen:
                est = np.minimum(est, model.estimate(cand))
        for rule in self.known_rules.values():
            broken = np.ones(len(near), dtype=bool)
            for i, opts in rule.literals:
                broken &= np.isin(cand[:, i], sorted(opts))
            est = np.where(broken, -1.0, est)
        noise = np.random.default_rng(rng.randrange(2**32)).random(len(near)) * 1e-3
        pick = int(np.argmax(est + 0.05 * pool.utilities[near] + noise))
        return tuple(int(x) for x in cand[pick])

    def expected(self, sit: Situation) -> float:
        """The best it still expects from the talks: its best package that breaks no red line
        it knows of the others (0 when it has none at all)."""
        pool = self.pool(sit.parties[self.party])
        if not len(pool.utilities):
            return 0.0
        ok = np.ones(len(pool.utilities), dtype=bool)
        for rule in self.known_rules.values():
            if rule.party not in sit.at_table:
                continue
            broken = np.ones(len(ok), dtype=bool)
            for i, opts in rule.literals:
                broken &= np.isin(pool.packages[:, i], sorted(opts))
            ok &= ~broken
        return float(pool.utilities[ok][0]) if ok.any() else 0.0


def red_line_reason(rule: Rule) -> Reason:
    return Reason(
        text=f"it breaks our red line '{rule.text}'", red_line=rule.id, sources=list(rule.sources)
    )


def value_reasons(
    sit: Situation, own: PartyState, package: Package, u: float, need: float, floor: float
) -> list[Reason]:
    """Why a feasible package is not enough, naming the issue where it costs most."""
    losses = [
        w * (max(vals) - vals[o])
        for w, vals, o in zip(own.weights, own.values, package, strict=True)
    ]
    i = int(np.argmax(losses))
    issue = sit.scenario.issues[i]
    got = issue.options[package[i]]
    want = issue.options[int(np.argmax(own.values[i]))]
    if u < own.reservation:
        head = f"it is worth {u:.2f} to us, less than no deal ({own.reservation:.2f})"
    else:
        head = f"it is worth {u:.2f} to us and we ask at least {need:.2f} now"
    reasons = [
        Reason(
            text=f"{head}; above all, on {issue.title.lower()} we want '{want.label}', "
            f"not '{got.label}'",
            sources=sorted(set(issue.sources) | set(got.sources)),
        )
    ]
    if floor > own.reservation + SLACK and u < floor:
        reasons.append(
            Reason(
                text="we do not trust the other side enough to settle for this: without "
                "confidence-building steps we need more guarantees",
                sources=sorted({s for c in sit.scenario.confidence_steps for s in c.sources}),
            )
        )
    return reasons
