"""Computer-played parties: when they accept, why they reject, and what they counter with.

An agent never accepts or tables a package that breaks its own red lines. It estimates the other
seats' priorities from the offers it sees (a frequency model: options a seat keeps asking for and
issues on which it never moves matter to it), and counters with the package near its current
aspiration that the others are likeliest to accept, among the packages of its pool (pools.py).
Above the easiest level it does not settle at the other side's edge: it holds out for its share
of the Nash point its model of the player's side suggests until late in the talks (`NASH_FADE`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from game.engine.events import Reason
from game.engine.pools import OPPOSED, Pool, PoolKey, broken_mask, opposed, pool_for
from game.engine.reasons import refusal
from game.engine.situation import Package, PartyState, Rule, Situation
from game.engine.strategies import (
    ANCHOR,
    EAGER,
    GIVEAWAY,
    HOLD,
    LISTEN,
    MIDDLE,
    OPEN_HAND,
    READY,
    SQUEEZE,
    Curve,
    hardening,
)

__all__ = ["OPPOSED", "Agent", "FrequencyModel", "Pool", "broken_mask", "pool_for"]

MAX_CANDIDATES = 300
"""At most this many packages (those nearest the aspiration) are weighed for one counter."""
BAND = 0.06
"""Counters are chosen among packages this close above the aspiration."""
SLACK = 1e-9
TIE = 0.01
"""Counter candidates scoring within this of the best are equally good; the seed picks one."""
NASH_FADE = 30.0
"""Above the easiest level, a party holds out for its share of the estimated Nash point with the
player's side (`nash_share`), scaled by its level, and lets that hold go as 1 - t^NASH_FADE: firm
for most of the talks, gone at the deadline (ending near the Nash point rather than at the other
side's edge, as ANAC agents such as TheFawkes do; a game assumption, 15 on the GENIUS bench,
raised to 30 so the hard level's hold lasts into the last round: at 15 Stalemate's hard parties
let go early enough that tit-for-tat scored only 0.10 below easy)."""
GAMMA = 0.5
"""The Nash estimate reads the frequency model with each option's value share raised to GAMMA:
options the player's side has not asked for yet keep some value, so a side that repeats one
package is not taken to want nothing else (after Tunali, Aydogan & Sanchez-Anguix 2017)."""


def _layout(sizes: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Start of each issue in a flat option array, and the issue of each flat position."""
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    issue = np.repeat(np.arange(len(sizes)), sizes)
    return offsets, issue


@dataclass
class FrequencyModel:
    """What one seat seems to want, learnt from the packages it tables.

    Options are counted in one flat array (issue offsets); `steady` counts, per issue, how often
    the seat kept the same option between two offers: issues it never moves on matter to it."""

    offsets: np.ndarray  # start of each issue's options in the flat arrays
    counts: np.ndarray  # flat: times each option was asked for (+1)
    steady: np.ndarray  # per issue
    last: Package | None = None
    seen: int = 0
    _table: np.ndarray | None = None

    issue: np.ndarray | None = None  # flat position -> issue index

    @classmethod
    def empty(cls, sizes: tuple[int, ...]) -> FrequencyModel:
        offsets, issue = _layout(sizes)
        return cls(offsets, np.ones(len(issue)), np.ones(len(sizes)), issue=issue)

    def observe(self, package: Package) -> None:
        idx = self.offsets + np.asarray(package)
        self.counts[idx] += 1
        if self.last is not None:
            self.steady += np.asarray(package) == np.asarray(self.last)
        self.last = package
        self.seen += 1
        self._table = None

    def weights(self) -> np.ndarray:
        return self.steady / self.steady.sum()

    def table(self) -> np.ndarray:
        """Flat look-up: estimated weight x value of every option of every issue."""
        if self._table is None:
            assert self.issue is not None
            top = np.maximum.reduceat(self.counts, self.offsets)
            self._table = self.weights()[self.issue] * self.counts / top[self.issue]
        return self._table

    def estimate(self, pkgs: np.ndarray) -> np.ndarray:
        """Estimated utility to the seat of each package (0-1)."""
        return self.table()[pkgs + self.offsets].sum(axis=1)

    def soft_estimate(self, pkgs: np.ndarray, gamma: float) -> np.ndarray:
        """As `estimate`, with each option's value share raised to `gamma` < 1: options the
        seat has not asked for yet keep some value (Tunali et al. 2017)."""
        assert self.issue is not None
        top = np.maximum.reduceat(self.counts, self.offsets)
        table = self.weights()[self.issue] * (self.counts / top[self.issue]) ** gamma
        return table[pkgs + self.offsets].sum(axis=1)


@dataclass
class Agent:
    """One computer-played party, with what it has learnt during the session."""

    party: str
    curve: Curve
    sizes: tuple[int, ...]
    level: float = 0.0
    """Difficulty, 0 (the scenario's first, easiest level) to 1 (its last): above 0 the party
    states no numbers; at 1 it names the clause in the way but not the option it wants."""
    legacy: bool = False
    """Counter as before plausible offers were required (format-2 saves replay with it)."""
    live: bool = False
    """A computer delegation in a live game (not a player's bot): the easiest level makes it
    eager (`EAGER`)."""
    models: dict[str, FrequencyModel] = field(default_factory=dict)
    known_rules: dict[str, Rule] = field(default_factory=dict)
    first_u: dict[str, float] = field(default_factory=dict)
    last_u: dict[str, float] = field(default_factory=dict)
    stated: dict[str, Rule] = field(default_factory=dict)
    """Its own red lines it has named at the table."""
    pressure: dict[str, float] = field(default_factory=dict)
    """Per seat: offers that broke a red line this party had stated (1 each), or repeated the
    seat's previous package word for word (0.5 each): take-it-or-leave-it hardens it."""
    yielded: dict[Package, float] = field(default_factory=dict)
    """Packages the player's side has accepted, each with how far (0-1, see `GIVEAWAY`) it was
    above what that side's own last offer gave this party. Above the easiest level a party then
    asks for about as much (`HOLD`): a side that says yes to more than it asks for shows what it
    would settle for, and a patient party pockets it instead of conceding further."""
    giving: dict[str, float] = field(default_factory=dict)
    """Per seat of the player's side: the most it gave away by one acceptance (0-1, as in
    `yielded`). At the hardest level a party stops paying for that seat's consent in its
    counters and tables, among equally good packages for itself and the others, those that
    seem worth least to it (`SQUEEZE`): it will sign anyway."""
    refused: set[Package] = field(default_factory=set)
    """Packages another computer party has turned down: the player's yes to one of them does
    not make a deal, so it is not held against the player."""
    pools: dict[PoolKey, Pool] | None = field(
        default=None, repr=False, compare=False)
    """Pools already built for the game's scenario (its book's), shared by its games."""
    _own: PartyState | None = field(default=None, repr=False)
    _pool: Pool | None = field(default=None, repr=False)
    _clear_pool: Pool | None = field(default=None, repr=False)
    _clear_key: tuple[str, ...] | None = field(default=None, repr=False)
    _clear_mask: np.ndarray | None = field(default=None, repr=False)

    # -- learning -------------------------------------------------------------------------------

    def observe(self, seat: str, package: Package, own: PartyState, press: bool = False) -> None:
        """Another seat tabled `package`: update its model and the concession received;
        `press`: the seat is one whose pressure counts (the player's, not a fellow computer's)."""
        if seat == self.party:
            return
        model = self.models.setdefault(seat, FrequencyModel.empty(self.sizes))
        if press:  # the seat's pressure counts from its first offer (its key marks it)
            self.pressure.setdefault(seat, 0.0)
            if any(r.broken_by(package) for r in self.stated.values()):
                self.pressure[seat] += 1.0
            elif model.last == package:
                self.pressure[seat] += 0.5
        model.observe(package)
        u = own.utility(package)
        self.first_u.setdefault(seat, u)
        self.last_u[seat] = u

    def accepted(self, seat: str, package: Package, own: PartyState) -> None:
        """`seat` (the player's side) said yes to `package` before the last round (see
        `yielded`; a yes in the last round closes a deal rather than giving ground); with no
        offer of its own yet, it said yes without asking for anything."""
        u = own.utility(package)
        gap = u - self.last_u[seat] if seat in self.last_u else GIVEAWAY
        weight = min(1.0, max(0.0, gap / GIVEAWAY))
        self.yielded[package] = max(weight, self.yielded.get(package, 0.0))
        self.giving[seat] = max(weight, self.giving.get(seat, 0.0))

    def hold(self, own: PartyState, asp: float) -> float:
        """`asp` raised toward the packages the player's side has accepted (`yielded`), as
        worth to this party now, those breaking its own red lines left out."""
        top = self.pool(own).top
        out = asp
        for pkg, weight in self.yielded.items():
            if weight > 0 and pkg not in self.refused \
                    and not any(r.broken_by(pkg) for r in own.rules):
                u = min(top, own.utility(pkg))
                out = max(out, asp + HOLD * self.level * weight * (u - asp))
        return out

    def learn(self, rule: Rule) -> None:
        """A party named one of its red lines (its own: it now expects them respected)."""
        if rule.party != self.party:
            self.known_rules[rule.id] = rule
        else:
            self.stated[rule.id] = rule

    def refresh(self, sit: Situation) -> None:
        """A new round: forget red lines the others have dropped, take their current wording."""
        current = {r.id: r for p in sit.parties.values() for r in p.rules}
        self.known_rules = {i: current[i] for i in self.known_rules if i in current}
        self.stated = {i: current[i] for i in self.stated if i in current}
        self.pressure = {seat: p / 2 for seat, p in self.pressure.items()}  # a new round cools
        self.refused = set()  # a new round's numbers may make them acceptable

    def received(self, top: float, seats: Iterable[str] | None = None) -> float:
        """How far (0-1) the others' offers (of `seats`; None: all) have moved toward this
        party since their first."""
        shares = []
        for seat, first in self.first_u.items():
            if seats is not None and seat not in seats:
                continue
            room = top - first
            if room > SLACK:
                shares.append(min(1.0, max(0.0, (self.last_u[seat] - first) / room)))
        return sum(shares) / len(shares) if shares else 0.0

    # -- deciding -------------------------------------------------------------------------------

    def pool(self, own: PartyState) -> Pool:
        if own is not self._own:
            self._own, self._pool = own, pool_for(own, self.sizes, self.pools)
        assert self._pool is not None
        return self._pool

    def aspiration(self, own: PartyState, t: float, floor: float, round_: int,
                   toward: bool = False) -> float:
        """The least it asks for now; `toward`: weighing an offer of the player's side (an easy
        party meets it further, see READY)."""
        top = self.pool(own).top
        received = self.received(top)
        # a hard party answers the player's seat only (None: the player mediates): how far its
        # offers have moved (`pace`), and how far they come, by movement or by level (`player`)
        pace = self.received(top, self.pressure) if self.pressure else None
        player = None
        if pace is not None and top - floor > SLACK:
            level = [min(1.0, max(0.0, (self.last_u[s] - floor) / (top - floor)))
                     for s in self.pressure if s in self.last_u]
            player = max(pace, sum(level) / len(level)) if level else pace
        if self.level > 0 and self.first_u:  # the others' opening offers anchor its hopes
            top -= ANCHOR * max(0.0, top - min(self.first_u.values()))
        eager = EAGER if self.level <= 0 and not self.legacy and self.live else 0.0
        if eager:  # an easy party opens nearer the middle of its range
            open_hand = toward and round_ > LISTEN
            eager, middle = (READY, OPEN_HAND) if open_hand else (eager, MIDDLE)
            top -= middle * max(0.0, top - floor)
        asp = self.curve.aspiration(t, top, floor, received, round_, self.level,
                                    self.strain(), player, pace, eager)
        nash = None if self.legacy or self.level <= 0 else self.nash_share(own, floor)
        if nash is not None and nash > floor:
            hold = floor + (nash - floor) * self.level * (1.0 - min(1.0, max(0.0, t)) ** NASH_FADE)
            if hold > asp:  # holding at the Nash share, it still hardens under pressure
                best = self.pool(own).top
                asp = min(best, hold + hardening(self.level, self.strain()) * (best - floor))
        return self.hold(own, asp) if self.level > 0 and self.yielded else asp

    def nash_share(self, own: PartyState, floor: float) -> float | None:
        """Its own utility at the estimated Nash point with the player's side: the package of
        its pool maximising (its gain over its floor) x (the least the player's seats seem to
        get, by their frequency models), among those breaking no red line it knows of. None
        before the player's side has tabled anything."""
        seats = [s for s in self.pressure if s in self.models and self.models[s].seen]
        pool = self.pool(own)
        if not seats or not len(pool.utilities):
            return None
        est = np.ones(len(pool.utilities))
        for seat in seats:
            est = np.minimum(est, self.models[seat].soft_estimate(pool.packages, GAMMA))
        for rule in self.known_rules.values():
            est[pool.breaks(rule)] = 0.0
        # the others' alternative to a deal is unknown: it is taken to be worth to them what
        # the party's own is worth to it (a game assumption, symmetric by default)
        gain = np.maximum(pool.utilities - floor, 0.0) * np.maximum(est - own.reservation, 0.0)
        if not gain.max() > 0.0:  # no package seems to leave both sides better off
            return None
        return float(pool.utilities[int(np.argmax(gain))])

    def strain(self) -> float:
        """The worst pressure any seat has put on it (see `pressure`)."""
        return max(self.pressure.values(), default=0.0)

    def answer(self, sit: Situation, package: Package, floor: float, asp: float) -> list[Reason]:
        """Reasons to reject `package`; an empty list means the party accepts it."""
        stated = tuple(r for r in self.known_rules.values() if r.party in sit.at_table)
        return refusal(sit, self.party, package, floor, asp, numbers=self.level <= 0,
                       hints=self.level < 1, stated=stated)

    def counter(
        self, sit: Situation, asp: float, others: list[str], rng: random.Random,
        own: PartyState | None = None, floor: float = 0.0,
    ) -> Package | None:
        """The package near the aspiration the others seem likeliest to accept (None: no option).

        `own` replaces the party's state in the situation (a coalition seat played as one).
        Among candidates within TIE of the best, the seed's `rng` picks one."""
        state = own or sit.parties[self.party]
        pool = self.pool(state)
        if not len(pool.utilities):
            return None
        # a delegation tables nothing that breaks a red line another party at the table has
        # stated (their consent is needed), nor an option it opposes itself (`OPPOSED`)
        clear = self._clear(pool, sit.at_table)
        # utilities run best first: packages at or above the aspiration are a prefix
        above = int(np.searchsorted(-pool.utilities, -(asp - SLACK), side="right"))
        if self.legacy:
            return self._legacy_counter(pool, clear, asp, above, others, rng)
        clear = clear & ~opposed(state, pool)
        ok = np.nonzero(clear[:above])[0]
        if not len(ok):  # none at its aspiration: its best plausible one, if it beats its floor
            best = np.nonzero(clear)[0]
            if not len(best) or pool.utilities[best[0]] < floor - SLACK:
                return None
            return tuple(int(x) for x in pool.packages[best[0]])
        start = int(np.searchsorted(-pool.utilities, -(asp + BAND), side="left"))
        near = ok[ok >= start]
        if len(near) < 3:  # too few in the band: the plausible ones nearest above it
            near = ok[-12:]
        if len(near) > MAX_CANDIDATES:
            near = near[-MAX_CANDIDATES:]
        soft = {o: w for o, w in self.giving.items() if o in others and w > 0} \
            if self.level >= 1 else {}
        est = self._estimate(pool.packages[near], [o for o in others if o not in soft])
        for seat, weight in soft.items():  # a side that accepts anything is not paid for
            model = self.models.get(seat)
            if model is not None and model.seen:
                est = est - SQUEEZE * weight * model.estimate(pool.packages[near])
        return self._pick(pool, near, est, rng)

    def _legacy_counter(self, pool: Pool, clear: np.ndarray, asp: float, above: int,
                        others: list[str], rng: random.Random) -> Package:
        """The counter of save format 2: it fell back on packages breaking named red lines."""
        if not above:
            return tuple(int(x) for x in pool.packages[0])
        start = int(np.searchsorted(-pool.utilities, -(asp + BAND), side="left"))
        near = np.arange(start, above)
        near = near[clear[start:above]]
        if len(near) < 3:
            ok = np.nonzero(clear[:above])[0]
            near = ok[-12:] if len(ok) else np.arange(max(0, above - 12), above)
        if len(near) > MAX_CANDIDATES:
            near = near[-MAX_CANDIDATES:]
        est = self._estimate(pool.packages[near], others)
        return self._pick(pool, near, np.where(clear[near], est, -1.0), rng)

    def _estimate(self, cand: np.ndarray, others: list[str]) -> np.ndarray:
        """The least any of `others` seems to get from each candidate (1 with no model yet)."""
        est = np.ones(len(cand))
        for seat in others:
            model = self.models.get(seat)
            if model is not None and model.seen:
                est = np.minimum(est, model.estimate(cand))
        return est

    def _pick(self, pool: Pool, near: np.ndarray, est: np.ndarray,
              rng: random.Random) -> Package:
        """Among candidates within TIE of the best score, the seed's `rng` picks one."""
        score = est + 0.05 * pool.utilities[near]
        top = np.nonzero(score >= score.max() - TIE)[0]
        pick = int(top[rng.randrange(len(top))])
        return tuple(int(x) for x in pool.packages[near[pick]])

    def expected(self, sit: Situation) -> float:
        """The best it still expects from the talks: its best package that breaks no red line
        it knows of the others (0 when it has none at all)."""
        pool = self.pool(sit.parties[self.party])
        if not len(pool.utilities):
            return 0.0
        ok = self._clear(pool, sit.at_table)
        return float(pool.utilities[ok][0]) if ok.any() else 0.0

    def _clear(self, pool: Pool, at_table: tuple[str, ...]) -> np.ndarray:
        """Pool packages that break no red line it knows of the parties at the table (cached)."""
        rules = [r for r in self.known_rules.values() if r.party in at_table]
        key = tuple(r.id for r in rules)
        if self._clear_pool is not pool or self._clear_key != key:
            ok = np.ones(len(pool.utilities), dtype=bool)
            for rule in rules:
                ok &= ~pool.breaks(rule)
            self._clear_pool, self._clear_key, self._clear_mask = pool, key, ok
        assert self._clear_mask is not None
        return self._clear_mask

