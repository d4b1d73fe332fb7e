"""The computer seats: one `Agent` per party the computer plays, deciding what the rules ask.

`Computer` decides live (answers, counters, staying or leaving) and learns from every event;
`Recorded` replays a saved game's moves in its place, still asking the computer (so its memory
and the game's random stream stay where an unbroken game would have them) but applying what
the record says, so a save replays to the same outcome even after the computer players change.
"""

from __future__ import annotations

import math
import random
from collections import deque

from game.engine import trades
from game.engine.agents import Agent
from game.engine.book import Book
from game.engine.conditionals import bindings, keep_bindings
from game.engine.events import (
    Accepted,
    Drafted,
    Event,
    Objected,
    Offered,
    Reason,
    Rejected,
    RoundStarted,
    SeatTaken,
)
from game.engine.moves import (
    Accept,
    Conditional,
    Pass,
    Play,
    Propose,
    Reject,
    Reply,
    Stay,
    WalkOut,
)
from game.engine.recall import recall
from game.engine.records import IllegalMove, Offer, Pledge
from game.engine.scoring import at_least
from game.engine.state import MEDIATOR, TableState
from game.engine.strategies import LISTEN, Curve
from game.scenario.models import Scenario

TEMPER = 0.35
"""Computer parties' concession exponents vary by a factor up to e^TEMPER either way per game."""
STEP_TRUST = 0.5
"""A computer party offers confidence steps toward a party at the table it trusts less than this
(easy: unprompted; above: in return for one, `step_to_offer`). Game assumptions, like the two
below."""
TRUST_COLLAPSE = 0.1
"""At the hardest level, trust at or below this in the player's side ..."""
COLLAPSE_STRAIN = 2.0
"""... with at least this much strain (offers ignoring its stated red lines) makes it leave."""
WAIVE = 1.0
"""At the easiest level (live games) a party weighing an offer of the player's side waives this
share of its mistrust premium: it gives the student the benefit of the doubt (a game assumption,
tuned with `redlines tournament`)."""


def level_of(scenario: Scenario, difficulty: str | None) -> float:
    """The difficulty's place among the scenario's levels: 0 the first (easiest), 1 the last."""
    ids = [d.id for d in scenario.difficulties]
    if difficulty not in ids or len(ids) < 2:
        return 0.0
    return ids.index(difficulty) / (len(ids) - 1)


class Computer:
    """Plays every party seat the player does not hold, with the scenario's strategies."""

    def __init__(self, scenario: Scenario, role: str, seed: int, book: Book,
                 difficulty: str | None = None, legacy: bool = False) -> None:
        self.scenario = scenario
        self.book = book
        self.rng = random.Random(seed)
        self.sizes = tuple(len(i.options) for i in scenario.issues)
        self.level = 0.0 if legacy else level_of(scenario, difficulty)
        self.legacy = legacy
        self.agents = {p.id: self._agent(p.id) for p in scenario.parties if p.id != role}

    def _agent(self, party: str) -> Agent:
        strategy = next(p.strategy for p in self.scenario.parties if p.id == party)
        temper = math.exp(self.rng.uniform(-TEMPER, TEMPER))
        return Agent(party, Curve(strategy, len(self.scenario.rounds), temper), self.sizes,
                     level=self.level, legacy=self.legacy, pools=self.book.pools, live=True)

    def strategy_of(self, party: str) -> str:
        agent = self.agents.get(party)
        return agent.curve.describe(agent.level) if agent else "played by you"

    def _asp(self, s: TableState, party: str, toward: bool) -> tuple[float, float]:
        """Its aspiration and floor now; `toward`: weighing an offer of the player's side (an easy
        party meets it further: `WAIVE`, `strategies.READY`)."""
        floor = self._floor(s, party) if toward else s.floor(party)
        own = s.sit.parties[party]
        return self.agents[party].aspiration(own, s.progress(), floor, s.round, toward), floor

    def _floor(self, s: TableState, party: str) -> float:
        """The least the party signs of the player's side now: its floor (`TableState.floor`),
        less the share of the mistrust premium an easy party waives (`WAIVE`)."""
        floor = s.floor(party)
        if self.level > 0 or self.legacy or s.round <= LISTEN:  # it hears a round out first
            return floor
        reservation = s.sit.parties[party].reservation
        return floor - WAIVE * max(0.0, floor - reservation)

    # -- decisions ------------------------------------------------------------------------------

    def answer(self, s: TableState, party: str, offer: Offer) -> Accept | Reject:
        pkg = s.pkgs[offer.id]
        # an offer of the player's side; a mediator's draft is weighed as before (taken sooner,
        # a lopsided text would score the student mediator worse, not better)
        asp, floor = self._asp(s, party, people(s, offer.by) and offer.kind != "draft")
        reasons = self.agents[party].answer(s.sit, pkg, floor, asp)
        if reasons:
            return Reject(offer=offer.id, reasons=reasons, aspiration=asp)
        u = round(s.sit.parties[party].utility(pkg), 4)  # float noise: 0.64499.. reads 0.65
        if self.level > 0:
            why = Reason(text="it breaks none of our red lines and gives us enough to sign now")
        else:
            why = Reason(text=f"it breaks none of our red lines and is worth {u:.2f} to us, "
                         f"at least the {max(asp, floor):.2f} we ask now")
        return Accept(offer=offer.id, reasons=[why], aspiration=asp)

    def counter(self, s: TableState, party: str) -> Propose | Pass:
        asp, floor = self._asp(s, party, False)  # it bargains as before in its counters
        pkg = self.agents[party].counter(s.sit, asp, s.others_of(party), self.rng, floor=floor)
        if pkg is not None and bindings(s, party):
            pkg = keep_bindings(s, party, pkg)  # it keeps the conditional offers it agreed
        if pkg is None:
            return Pass()
        mine = next((o for o in s.offers if o.by == party), None)
        if mine is not None and s.pkgs[mine.id] == pkg:
            return Pass()
        return Propose(package=s.sit.named(pkg))

    def weigh(self, s: TableState, party: str, made: Pledge) -> Reply:
        """Answer a conditional offer on the party's own priorities (`game.engine.trades`)."""
        return trades.weigh(s, party, made, self.level)

    def trade(self, s: TableState, party: str, to: str) -> Conditional | Pass:
        """After declining `to`'s conditional offer: a trade back, if its model of `to`
        suggests one both gain from."""
        model = self.agents[party].models.get(to)
        back = trades.trade_back(s, party, to, model, self.level)
        return back if back is not None else Pass()

    def closing(self, s: TableState, party: str) -> WalkOut | Stay:
        """Leave when a hard-liner's deadline has passed, or after two rounds in a row, past
        the first half of the talks, with nothing to expect (events may still move red lines);
        at the hardest level also when trust in the player's side has collapsed (`trust_gone`).
        Staying, a party may offer a confidence step (`step_to_offer`)."""
        agent = self.agents[party]
        rounds = len(self.scenario.rounds)
        expected = agent.expected(s.sit)
        if agent.curve.name == "hardliner" and agent.curve.deadline <= s.round < rounds:
            return WalkOut(why="deadline", expected=expected)
        if not self.legacy and s.round < rounds and trust_gone(s, agent):
            return WalkOut(why="trust", expected=expected)
        strat = next(p.strategy for p in self.scenario.parties if p.id == party)
        step = None if self.legacy or s.round >= rounds else step_to_offer(s, agent)
        if at_least(expected, s.sit.parties[party].reservation - strat.walkout_margin):
            return Stay(step=step)
        if s.hopeless.get(party, 0) + 1 >= 2 and 2 * s.round > rounds:
            return WalkOut(why="hopeless", expected=expected)
        return Stay(hopeless=True, step=step)

    # -- learning -------------------------------------------------------------------------------

    def seen(self, s: TableState, event: Event) -> None:
        """Learn what the table shows: packages tabled, packages the player's side accepted, red
        lines named, a round's new numbers, and a seat handed over."""
        if isinstance(event, Offered | Drafted) and event.offer is not None:
            pkg = s.pkgs[event.offer]
            for agent in self.agents.values():
                if agent.party in s.sit.at_table:
                    agent.observe(event.actor, pkg, s.sit.parties[agent.party],
                                  press=people(s, event.actor))
        elif isinstance(event, Accepted) and event.offer is not None \
                and people(s, event.actor) \
                and s.round < len(self.scenario.rounds):
            for agent in self.agents.values():
                if agent.party in s.sit.at_table:
                    agent.accepted(event.actor, s.pkgs[event.offer], s.sit.parties[agent.party])
        elif isinstance(event, Objected) or (isinstance(event, Rejected)
                                             and event.why != "consent"):
            if event.actor in self.agents and not people(s, event.actor) \
                    and event.offer is not None:
                for agent in self.agents.values():
                    if agent.party != event.actor:
                        agent.refused.add(s.pkgs[event.offer])
            for reason in event.reasons:
                if reason.red_line:
                    self._broadcast(s, event.actor, reason.red_line)
        elif isinstance(event, RoundStarted):
            for agent in self.agents.values():
                agent.refresh(s.sit)
        elif isinstance(event, SeatTaken):
            self._hand_over(s, event.from_seat, event.to_seat)

    def _broadcast(self, s: TableState, party: str, rule_id: str) -> None:
        """A red line named at the table becomes known to every computer party."""
        rule = next((r for r in s.sit.parties[party].rules if r.id == rule_id), None)
        if rule is not None:
            for agent in self.agents.values():
                agent.learn(rule)

    def _hand_over(self, s: TableState, old: str, new: str) -> None:
        """The player moved seats: the computer takes `old` with its scenario strategy and what
        its log shows (`recall`), and stops playing `new`."""
        self.agents.pop(new, None)
        if old in self.agents or all(p.id != old for p in self.scenario.parties):
            return
        agent = self._agent(old)
        rules = {r.id: r for state in s.sit.parties.values() for r in state.rules}
        book = s.book
        recall(agent, s.log, lambda r: book.situation(r, s.fired), rules)
        self.agents[old] = agent


def people(s: TableState, actor: str) -> bool:
    """Did a student make this move (any human seat at a hosted table, or a member it speaks
    for), not a computer delegation or the mediator? `Computer.agents` holds every party but the
    first player's, so at a table of two students it could not tell."""
    return actor != MEDIATOR and actor in s.human_parties()


def player_side(s: TableState) -> set[str]:
    """The parties the people at the table speak for (the player's seat and its members)."""
    return {p for p in s.human_parties() if p in s.sit.parties}


def step_to_offer(s: TableState, agent: Agent) -> str | None:
    """The confidence step a computer party offers as a round closes, if any. Easy parties
    offer one unprompted; above that only in return for a step offered this round
    (reciprocity, `_repays`). It is a step involving the party and another at the table it
    trusts less than STEP_TRUST, the least taken so far."""
    if not s.scenario.confidence_steps:
        return None
    if agent.level > 0 and not _repays(s, agent):
        return None
    low = {p for p in s.sit.at_table
           if p != agent.party and s.trust(agent.party, p) < STEP_TRUST}
    steps = [c for c in s.scenario.confidence_steps
             if agent.party in c.parties and low & set(c.parties)]
    if not steps:
        return None
    taken = [getattr(e, "step", None) for e in s.log if e.kind == "gesture"]
    return min(steps, key=lambda c: (taken.count(c.id), -c.trust)).id


def _repays(s: TableState, agent: Agent) -> bool:
    """Was the party given a confidence step this round that it owes one for? A step that
    involved it counts whoever offered it, a computer delegation included (reciprocity runs
    between the parties, not only toward the student); on the middle levels any step of the
    player's side counts too. The hardest repay only steps that involved them."""
    side = player_side(s) | {s.role}
    involved = {c.id for c in s.scenario.confidence_steps if agent.party in c.parties}
    return any(e.kind == "gesture" and e.round == s.round and e.actor != agent.party
               and (getattr(e, "step", None) in involved
                    or (agent.level < 1 and e.actor in side)) for e in s.log)


def trust_gone(s: TableState, agent: Agent) -> bool:
    """At the hardest level a party leaves when its trust in the player's side has fallen to
    TRUST_COLLAPSE or below and that side keeps ignoring the red lines it named (its strain).
    Fallen: below the scenario's own figure before any event. Trust that starts that low and
    stays there has not collapsed; leaving on it in the first round would only free the others
    to settle without the party, which a patient delegation does not hand them."""
    if agent.level < 1 or agent.strain() < COLLAPSE_STRAIN:
        return False
    start = s.book.situation(0)
    trust = [(s.trust(agent.party, p), start.trust_between(agent.party, p))
             for p in player_side(s) if p in s.sit.at_table]
    return bool(trust) and max(now for now, _ in trust) <= TRUST_COLLAPSE + 1e-9 \
        and all(now < was - 1e-9 for now, was in trust)


class ReplayMismatch(IllegalMove):
    """A recorded move that does not fit the game being rebuilt (a foreign or edited save)."""


class Recorded:
    """Feeds a record's computer moves to the rules; live decisions once the record runs out."""

    def __init__(self, computer: Computer, plays: list[Play]) -> None:
        self.computer = computer
        self.queue: deque[Play] = deque(plays)
        self.used = 0

    def _take(self, party: str, kinds: tuple[str, ...], live: object) -> object:
        if not self.queue:
            return live
        play = self.queue[0]
        if play.seat != party or play.move.kind not in kinds:
            raise ReplayMismatch(
                f"recorded move {self.used + 1} is '{play.move.kind}' by '{play.seat}', but "
                f"the game asks '{party}' for {' or '.join(kinds)}"
            )
        self.queue.popleft()
        self.used += 1
        return play.move

    def answer(self, s: TableState, party: str, offer: Offer) -> Accept | Reject:
        move = self._take(party, ("accept", "reject"), self.computer.answer(s, party, offer))
        assert isinstance(move, Accept | Reject)
        if move.offer != offer.id:
            raise ReplayMismatch(f"recorded answer by '{party}' is to offer {move.offer}, "
                                 f"not to offer {offer.id}")
        return move

    def counter(self, s: TableState, party: str) -> Propose | Pass:
        move = self._take(party, ("propose", "pass"), self.computer.counter(s, party))
        assert isinstance(move, Propose | Pass)
        return move

    def closing(self, s: TableState, party: str) -> WalkOut | Stay:
        move = self._take(party, ("walk_out", "stay"), self.computer.closing(s, party))
        assert isinstance(move, WalkOut | Stay)
        return move

    def weigh(self, s: TableState, party: str, made: Pledge) -> Reply:
        move = self._take(party, ("reply",), self.computer.weigh(s, party, made))
        assert isinstance(move, Reply)
        if move.conditional != made.id:
            raise ReplayMismatch(f"recorded reply by '{party}' is to conditional offer "
                                 f"{move.conditional}, not to {made.id}")
        return move

    def trade(self, s: TableState, party: str, to: str) -> Conditional | Pass:
        move = self._take(party, ("conditional", "pass"), self.computer.trade(s, party, to))
        assert isinstance(move, Conditional | Pass)
        return move

    def seen(self, s: TableState, event: Event) -> None:
        self.computer.seen(s, event)

    def next_player_play(self, seats: tuple[str, ...]) -> Play | None:
        """The record's next move if it is a player's: the one player's seat, or any human
        seat at a hosted table (None when the record is used up)."""
        if not self.queue:
            return None
        play = self.queue[0]
        if play.seat not in seats:
            raise ReplayMismatch(f"recorded move {self.used + 1} is by '{play.seat}', but it is "
                                 f"the player's ('{', '.join(seats)}') turn")
        self.queue.popleft()
        self.used += 1
        return play
