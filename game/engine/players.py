"""Built-in players: strategies that take the player's seat, for `redlines simulate` and bench/.

A party or coalition bot concedes like a computer party of the named strategy (the coalition's
utility is its members' mean, and it respects every member's red lines); unlike one, it keeps
tabling the next package it can sign while its turns last, as a student would. The mediator bot
caucuses, offers confidence-building steps, and drafts the package with the best Nash product of the
parties' estimated utilities it can find, leaning toward the sides that object. Its strategy name
sets its style: linear and tit_for_tat lean by one step per objection, conceder by two, boulware
only listens in the first half of the talks and drafts in the second, hardliner tables one text a
round and never revises it.
It reads only what the mediator's seat knows (its view): what was revealed and what the offers
show, never the parties' true numbers.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from game.engine.agents import TIE, Agent, FrequencyModel, broken_mask, pool_for
from game.engine.moves import Accept, Caucus, Draft, EndRound, Gesture, Move, Propose
from game.engine.scoring import at_least
from game.engine.situation import Package, PartyState, Situation
from game.engine.strategies import DESCRIPTIONS, Curve
from game.scenario.models import Strategy

if TYPE_CHECKING:
    from game.engine.session import Session
    from game.engine.views import SeatView

NAIVE_STRATEGIES = ("naive_ideal", "accept_first")
"""Yardsticks a counterpart should beat: table the ideal every turn, or take the first offer
that beats no deal."""
PLAYER_STRATEGIES = tuple(DESCRIPTIONS) + NAIVE_STRATEGIES
CONSENT_SCAN = 2000
"""How many packages a coalition bot checks for its members' consent before it passes."""
TIED = 4
"""At most this many packages worth within TIE of each other to the seat, one chosen by the
seed: two tables playing the same strategy need not settle on the same text."""
SAMPLE = 3000
"""Packages the mediator bot samples (seeded) besides those tabled, to look for its draft."""
LEAN = {"boulware": 0.5, "conceder": 2.0, "linear": 1.0, "tit_for_tat": 1.0, "hardliner": 0.25}


@dataclass
class PartyBot:
    """Plays a party or coalition seat with a named concession strategy."""

    name: str  # one of PLAYER_STRATEGIES
    rng: random.Random
    agent: Agent | None = None
    seen: int = 0
    tried: set[int] = field(default_factory=set)
    last_round: int = 0
    proposed: list[Package] = field(default_factory=list)

    def move(self, session: Session) -> Move:
        sit = session.situation
        members = session.player_parties() if session.role not in sit.parties else []
        own = session.seat.as_party(sit)
        if self.agent is None:
            strategy = Strategy.model_validate({"name": self.name})  # checks the name
            curve = Curve(strategy, len(session.scenario.rounds))
            # the player's strategies counter as they always did: plausibility binds the
            # computer's delegations, not the yardsticks measured against them
            self.agent = Agent(session.role, curve, tuple(len(o) for o in sit.option_ids),
                               legacy=True, pools=session.book.pools)
        self._learn(session, own)
        if session.round != self.last_round:
            self.last_round, self.proposed = session.round, []
        per = session.scenario.rules.turns_per_round
        t = ((session.round - 1) + (per - session.turns_left) / per) / len(session.scenario.rounds)
        asp = self.agent.aspiration(own, t, own.reservation, session.round)
        kinds = session.legal_moves()
        best = None
        pkg: Package | None
        for offer in session.table:
            if offer.by == session.role or offer.id in self.tried:
                continue
            pkg = sit.package(offer.package)
            if any(r.broken_by(pkg) for r in own.rules):
                continue
            u = own.utility(pkg)
            # at the deadline a delegation takes what beats walking away with no deal
            bar = asp if not self._deadline(session) else min(asp, own.reservation + 1e-6)
            if at_least(u, bar) and (best is None or u > best[0]) and \
                    self._consent(session, members, pkg):
                best = (u, offer.id)
        if best is not None and "accept" in kinds:
            self.tried.add(best[1])
            return Accept(offer=best[1])
        if "gesture" in kinds:
            step = self._step(session)
            if step is not None:
                return Gesture(step=step)
        if "propose" in kinds:
            others = [o.by for o in session.table if o.by != session.role]
            pkg = self.agent.counter(sit, asp, sorted(set(others)), self.rng, own)
            if pkg is None or pkg in self.proposed or not self._consent(session, members, pkg) \
                    or self._breaks_stated(sit, pkg):
                pkg = self._consented(session, members, own, asp)
            if pkg is not None:  # never a repeat: `_consented` skips what was tabled
                self.proposed.append(pkg)
                return Propose(package=sit.named(pkg))
        return EndRound()

    @staticmethod
    def _consent(session: Session, members: list[str], pkg: Package) -> bool:
        """Would every coalition member at the table consent (worth its current demand)?"""
        sit = session.situation
        return all(at_least(sit.parties[m].utility(pkg), session.demand(m))
                   for m in members if m in sit.at_table)

    @staticmethod
    def _deadline(session: Session) -> bool:
        """The last turn of the last round: what is on the table now is all there will be."""
        return session.round >= len(session.scenario.rounds) and session.turns_left <= 1

    def _breaks_stated(self, sit: Situation, pkg: Package) -> bool:
        """Does `pkg` break a red line a party at the table has stated to this seat?"""
        assert self.agent is not None
        return any(r.party in sit.at_table and r.broken_by(pkg)
                   for r in self.agent.known_rules.values())

    def _consented(self, session: Session, members: list[str], own: PartyState,
                   asp: float) -> Package | None:
        """The package nearest the aspiration (above it first, then the best below it that
        still beats no deal) that every member consents to and that breaks no red line stated
        at the table: a delegation does not table what another party has said it refuses."""
        assert self.agent is not None
        sit = session.situation
        pool = self.agent.pool(own)
        clear = self.agent._clear(pool, sit.at_table)
        above = int(np.searchsorted(-pool.utilities, -(asp - 1e-9), side="right"))
        fit = np.nonzero(clear[:above])[0][::-1][:CONSENT_SCAN]
        below = np.nonzero(clear[above:])[0][:CONSENT_SCAN] + above
        found: list[Package] = []
        first = 0.0
        for i in np.concatenate([fit, below]):
            u = float(pool.utilities[i])
            if u <= own.reservation or (found and abs(u - first) > TIE) or len(found) >= TIED:
                break
            pkg = tuple(int(x) for x in pool.packages[i])
            if pkg not in self.proposed and self._consent(session, members, pkg):
                first = first if found else u
                found.append(pkg)
        if found:  # as a delegation would: among packages it values alike, the seed chooses
            return found[self.rng.randrange(len(found))]
        # only when nothing clears the stated lines at all may it open with the fewest broken
        return None if clear.any() else self._least_breach(session, members, own)

    def _least_breach(self, session: Session, members: list[str],
                      own: PartyState) -> Package | None:
        """When no package clears every red line stated at the table (the parties' lines
        contradict each other, as before a trade opens a zone of agreement), the one that
        breaks the fewest, best for the seat first: an opening that keeps talks alive."""
        assert self.agent is not None
        sit = session.situation
        pool = self.agent.pool(own)
        n = min(len(pool.utilities), CONSENT_SCAN)
        rules = [r for r in self.agent.known_rules.values() if r.party in sit.at_table]
        count = np.zeros(n, dtype=int)
        for r in rules:
            count += pool.breaks(r)[:n]
        for i in np.argsort(count, kind="stable"):
            if pool.utilities[i] <= own.reservation:
                continue
            pkg = tuple(int(x) for x in pool.packages[i])
            if pkg not in self.proposed and self._consent(session, members, pkg):
                return pkg
        return None

    def _learn(self, session: Session, own: PartyState) -> None:
        """Feed the agent what the seat has learned: the others' offers, and every red line
        stated to the seat (in its view's stances, or named in an answer)."""
        assert self.agent is not None
        sit = session.situation
        stated = {rid for st in session.stances() for rid, _, _ in st.red_lines}
        self.agent.known_rules = {
            r.id: r for p in sit.at_table for r in sit.parties[p].rules
            if p != self.agent.party and (r.id in stated or r.id in self.agent.known_rules)}
        for entry in session.log[self.seen:]:
            if entry.kind in ("offer", "draft") and entry.actor != session.role and entry.package:
                self.agent.observe(entry.actor, session.situation.package(entry.package), own)
            for reason in entry.reasons:
                if reason.red_line and entry.actor in session.situation.parties:
                    rules = session.situation.parties[entry.actor].rules
                    for rule in rules:
                        if rule.id == reason.red_line:
                            self.agent.learn(rule)
        self.seen = len(session.log)

    def _step(self, session: Session) -> str | None:
        mine = set(session.player_parties())
        for step in session.scenario.confidence_steps:
            if mine & set(step.parties):
                return step.id
        return None


@dataclass
class MediatorBot:
    """Plays the mediator: caucus, a confidence step, then drafts that balance the gains."""

    name: str
    rng: random.Random
    met: set[tuple[int, str]] = field(default_factory=set)
    drafted: list[Package] = field(default_factory=list)
    draft_round: int = 0

    def move(self, session: Session) -> Move:
        sit = session.situation
        kinds = session.legal_moves()
        if "caucus" in kinds:
            for party in sit.at_table:
                if (session.round, party) not in self.met:
                    self.met.add((session.round, party))
                    return Caucus(party=party)
        if "gesture" in kinds and session.scenario.confidence_steps:
            return Gesture(step=session.scenario.confidence_steps[0].id)
        if session.round != self.draft_round:
            self.draft_round, self.drafted = session.round, []
        rounds = len(session.scenario.rounds)
        waiting = self.name == "boulware" and 2 * session.round <= rounds and rounds > 1
        once = self.name == "hardliner" and self.drafted
        if "draft" in kinds and not waiting and not once:
            pkg = self._best(session)
            if pkg is not None:
                self.drafted.append(pkg)
                return Draft(package=sit.named(pkg))
        return EndRound()

    def _best(self, session: Session) -> Package | None:
        """The draft with the best Nash product of the parties' estimated utilities, leaning
        toward the sides that objected this round: from the mediator's view only."""
        sit = session.situation
        seen = session.view()
        cands, utils = believed(seen, sit, self.rng)
        if not len(cands):
            return None
        objections = {p: 0 for p in sit.at_table}
        for e in seen.log:
            if e.kind in ("objection", "credibility") and e.round == session.round \
                    and e.actor in objections:
                objections[e.actor] += 1
        lean = LEAN.get(self.name, 1.0)
        score = np.zeros(len(cands))
        for p, u in utils.items():
            score += (1 + lean * objections[p]) * np.log(np.maximum(u, 1e-4))
        if self.drafted:  # never the same text twice in a row
            score[np.all(cands == np.array(self.drafted[-1]), axis=1)] = -math.inf
        pick = int(np.argmax(score))
        if not math.isfinite(score[pick]):
            return None
        return tuple(int(x) for x in cands[pick])


def believed(seen: SeatView, sit: Situation, rng: random.Random
             ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Candidate drafts and each party's utility as the mediator can estimate it.

    Candidates: every package tabled so far and a seeded sample of others, less those breaking
    a red line the mediator has heard (their wording is public). Utilities: revealed values and
    priorities where the difficulty or a caucus gave them, else what the party's own offers show
    (a frequency model: options it keeps asking for, issues on which it never moves)."""
    sizes = tuple(len(o) for o in sit.option_ids)
    offers = [(e.actor, sit.package(e.package)) for e in seen.log
              if e.kind in ("offer", "draft") and e.package is not None]
    sample = np.array([[rng.randrange(k) for k in sizes] for _ in range(SAMPLE)])
    tabled = np.array([pk for _, pk in offers], dtype=np.int64).reshape(-1, len(sizes))
    cands = np.unique(np.vstack([tabled, sample]), axis=0)
    known = {rid for st in seen.stances for rid, _, _ in st.red_lines}
    ok = np.ones(len(cands), dtype=bool)
    for p in sit.at_table:
        for rule in sit.parties[p].rules:
            if rule.id in known:
                ok &= ~broken_mask(rule, cands)
    cands = cands[ok]
    stance = {st.party: st for st in seen.stances}
    utils = {}
    for p in sit.at_table:
        model = FrequencyModel.empty(sizes)
        for actor, pk in offers:
            if actor == p:
                model.observe(pk)
        assert model.issue is not None
        st = stance.get(p)
        weights = model.weights()
        if st is not None and st.priorities:
            weights = np.array([st.priorities.get(i, 0.0) for i in sit.issue_ids])
        top = np.maximum.reduceat(model.counts, model.offsets)
        flat = model.counts / top[model.issue]
        if st is not None and st.values:
            flat = np.array([st.values[i][o] for i, opts in
                             zip(sit.issue_ids, sit.option_ids, strict=True) for o in opts])
        utils[p] = (weights[model.issue] * flat)[cands + model.offsets].sum(axis=1)
    return cands, utils


@dataclass
class NaiveBot:
    """A naive party player: `naive_ideal` tables its ideal package every turn and accepts
    nothing below it; `accept_first` tables its ideal once a round and accepts the first offer
    worth more than its no-deal value. Good counterparts should make both score poorly."""

    name: str
    last_round: int = 0
    tried: set[int] = field(default_factory=set)

    def move(self, session: Session) -> Move:
        sit = session.situation
        own = session.seat.as_party(sit)
        members = session.player_parties() if session.role not in sit.parties else []
        pool = pool_for(own, tuple(len(o) for o in sit.option_ids), session.book.pools)
        if not len(pool.utilities):
            return EndRound()
        top = float(pool.utilities[0])
        bar = top if self.name == "naive_ideal" else own.reservation
        kinds = session.legal_moves()
        for offer in session.table:
            if offer.by == session.role or "accept" not in kinds or offer.id in self.tried:
                continue
            pkg = sit.package(offer.package)
            if any(r.broken_by(pkg) for r in own.rules):
                continue
            u = own.utility(pkg)
            if at_least(u, bar) and (self.name == "naive_ideal" or u > own.reservation) and \
                    PartyBot._consent(session, members, pkg):
                self.tried.add(offer.id)
                return Accept(offer=offer.id)
        fresh = session.round != self.last_round
        if "propose" in kinds and (self.name == "naive_ideal" or fresh):
            self.last_round = session.round
            return Propose(package=sit.named(tuple(int(x) for x in pool.packages[0])))
        return EndRound()


def player_bot(name: str, role: str, seed: int) -> PartyBot | MediatorBot | NaiveBot:
    """A built-in player for the seat; `name` is one of PLAYER_STRATEGIES (a mediator plays
    the naive ones as its linear style: they are party yardsticks)."""
    if name not in PLAYER_STRATEGIES:
        known = ", ".join(PLAYER_STRATEGIES)
        raise ValueError(f"unknown strategy '{name}'; choose one of: {known}")
    rng = random.Random(seed * 7919 + 17)
    if role == "mediator":
        return MediatorBot(name, rng)
    return NaiveBot(name) if name in NAIVE_STRATEGIES else PartyBot(name, rng)


MAX_MOVES = 400


def run_game(session: Session, bot: PartyBot | MediatorBot | NaiveBot) -> None:
    """Play a session to its end with a bot in the player's seat."""
    for _ in range(MAX_MOVES):
        if session.finished:
            return
        session.play(bot.move(session))
    raise RuntimeError("the game did not end within the move limit")
