"""A game as a pure, deterministic state machine.

The TUI, `redlines simulate`, saves and the replay viewer all drive the game through this API only.
The same scenario, role, difficulty, seed and moves always give the same log.

A round: its events apply, every computer-played seat tables its position and the others answer;
then the player moves (propose, accept, gesture, walk out; as mediator: caucus and draft) and the
computer parties answer and counter, until the player ends the round. Agreement = every party at
the table accepts the same package (the player's coalition only when every member consents).

Forking into another seat is a move too (`TakeSeat`): the computer takes over the seat the player
leaves, knowing what its log shows, so `Session.replay(scenario, start_role, moves)` rebuilds a
forked game exactly. `role` is the seat played now; `start_role` the one the game began in.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any, Literal

from game.engine.agents import Agent, recall, red_line_reason
from game.engine.log import Entry, EntryKind, Reason
from game.engine.mediation import MEDIATOR, Mediation
from game.engine.moves import (
    Accept,
    Caucus,
    Draft,
    EndRound,
    Gesture,
    Move,
    Propose,
    TakeSeat,
    WalkOut,
)
from game.engine.records import IllegalMove, Offer, Outcome, PlayerScore, Stance
from game.engine.situation import Package, Situation, situation_at, with_table
from game.engine.strategies import Curve
from game.scenario.models import Coalition, Scenario

__all__ = [
    "MEDIATOR", "IllegalMove", "Offer", "Outcome", "PlayerScore", "Session", "Stance",
]

TEMPER = 0.35
"""Computer parties' concession exponents vary by a factor up to e^TEMPER either way per game."""


_SITUATIONS: dict[tuple[int, int], tuple[Scenario, Situation]] = {}


def _situation(scenario: Scenario, number: int) -> Situation:
    """`situation_at`, shared by the sessions of one scenario object (simulations, bench).

    The entry keeps the scenario alive, so its id cannot be reused while cached."""
    key = (id(scenario), number)
    hit = _SITUATIONS.get(key)
    if hit is not None and hit[0] is scenario:
        return hit[1]
    sit = situation_at(scenario, number)
    _SITUATIONS[key] = (scenario, sit)
    if len(_SITUATIONS) > 256:
        _SITUATIONS.pop(next(iter(_SITUATIONS)))
    return sit


class Session(Mediation):
    """One game. Build with `Session.start`; change only through `play`."""

    scenario: Scenario
    role: str  # party id, coalition id, or "mediator": the seat the player holds now
    start_role: str  # the seat the game began in (what a save stores; forks may change `role`)
    mediator: str | None  # which mediator, when role == "mediator"
    difficulty: str
    seed: int
    moves: list[Move]  # every player move so far, in order (what a save stores)
    log: list[Entry]  # everything that happened, in order
    _gestured: bool  # a confidence-building step was offered this round (set by _open_round)

    # -- building ---------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        role: str,
        *,
        seed: int = 0,
        difficulty: str | None = None,
        mediator: str | None = None,
    ) -> Session:
        """A new game; raises `IllegalMove` naming the role, difficulty or mediator not offered."""
        self = cls.__new__(cls)
        self._setup(scenario, role, seed, difficulty, mediator)
        self._open_round(1)
        return self

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        role: str,
        moves: list[Move],
        *,
        seed: int = 0,
        difficulty: str | None = None,
        mediator: str | None = None,
    ) -> Session:
        """Rebuild a session exactly by replaying its moves (saves, forks). `role` is the seat
        the game began in: a `TakeSeat` among the moves moves the player to another seat."""
        session = cls.start(scenario, role, seed=seed, difficulty=difficulty, mediator=mediator)
        for move in moves:
            session.play(move)
        return session

    def _setup(
        self, scenario: Scenario, role: str, seed: int, difficulty: str | None,
        mediator: str | None,
    ) -> None:
        if role not in scenario.roles:
            raise IllegalMove(
                f"'{role}' is not a role of scenario '{scenario.id}'; roles: "
                + ", ".join(scenario.roles)
            )
        levels = [d.id for d in scenario.difficulties]
        difficulty = difficulty or levels[0]
        if difficulty not in levels:
            raise IllegalMove(
                f"unknown difficulty '{difficulty}'; choose one of: {', '.join(levels)}"
            )
        if role == MEDIATOR:
            ids = [m.id for m in scenario.mediators]
            if not ids:
                raise IllegalMove(f"scenario '{scenario.id}' has no mediator to play")
            mediator = mediator or ids[0]
            if mediator not in ids:
                raise IllegalMove(f"unknown mediator '{mediator}'; choose one of: {', '.join(ids)}")
        else:
            mediator = None
        self.scenario, self.role, self.mediator = scenario, role, mediator
        self.start_role = role
        self.difficulty, self.seed = difficulty, seed
        self.moves, self.log = [], []
        self._rng = random.Random(seed)
        self._coalition: Coalition | None = next(
            (c for c in scenario.coalitions if c.id == role), None
        )
        self._members = list(self._coalition.members) if self._coalition else []
        sizes = tuple(len(i.options) for i in scenario.issues)
        n_rounds = len(scenario.rounds)
        self._agents = {
            p.id: Agent(p.id, Curve(p.strategy, n_rounds, self._temper()), sizes)
            for p in scenario.parties
            if p.id != role
        }
        self._round = 0
        self._walked: list[str] = []
        self._hopeless: dict[str, int] = {}
        self._trust_extra: dict[frozenset[str], float] = {}
        self._offers: list[Offer] = []
        self._accepts: dict[int, list[str]] = {}
        self._pkgs: dict[int, Package] = {}
        self._next_offer = 1
        self._finished = False
        self._outcome: Outcome | None = None
        med = next((m for m in scenario.mediators if m.id == mediator), None)
        self._credibility = dict(med.credibility) if med else {}
        self._revealed_rules: dict[str, list[str]] = {}
        self._revealed_priorities: list[str] = []
        self._draft_accepts: list[int] = []

    def _temper(self) -> float:
        """How much a computer party's concession curve varies from game to game (the seed)."""
        return math.exp(self._rng.uniform(-TEMPER, TEMPER))

    # -- the public view --------------------------------------------------------------------------

    @property
    def round(self) -> int:
        """1-based number of the current round."""
        return self._round

    @property
    def situation(self) -> Situation:
        """The numbers as of the current round (for scoring in the package builder)."""
        return self._sit

    @property
    def table(self) -> list[Offer]:
        """Offers and drafts open in the current round."""
        return list(self._offers)

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def outcome(self) -> Outcome | None:
        return self._outcome

    @property
    def credibility(self) -> dict[str, float]:
        """Mediator role: the mediator's credibility with each party (0-1)."""
        return dict(self._credibility)

    @property
    def turns_left(self) -> int:
        """Offers (or drafts) the player may still make this round."""
        return max(0, self.scenario.rules.turns_per_round - (self._turns - self._turn_base))

    @property
    def caucuses_left(self) -> int:
        return max(0, self.scenario.rules.caucuses_per_round - self._caucuses)

    def trust(self, a: str, b: str) -> float:
        """Trust between two parties now: the scenario's figure plus confidence steps taken."""
        key = frozenset((a, b))
        return min(1.0, max(0.0, self._sit.trust_between(a, b) + self._trust_extra.get(key, 0.0)))

    def demand(self, party: str) -> float:
        """The least a party at the table accepts now: its reservation value raised by the
        mistrust premium (Rules.mistrust_premium x (1 - its mean trust in the others))."""
        return self._floor(party)

    def strategy_of(self, party: str) -> str:
        """How the computer plays `party`, in plain words (for the debrief and the help)."""
        agent = self._agents.get(party)
        return agent.curve.describe() if agent else "played by you"

    def player_parties(self) -> list[str]:
        """The parties whose interests the player's seat carries (none for the mediator)."""
        if self.role == MEDIATOR:
            return []
        return list(self._members) if self._coalition else [self.role]

    def player_utility(self, package: dict[str, str]) -> float | None:
        """The player's utility for a package: its party's, or its coalition members' mean."""
        parties = self.player_parties()
        if not parties:
            return None
        pkg = self._sit.package(package)
        return sum(self._sit.parties[p].utility(pkg) for p in parties) / len(parties)

    def stances(self) -> list[Stance]:
        """What the player may know of each other party (difficulty, caucuses, answers)."""
        reveal = next(d.reveal for d in self.scenario.difficulties if d.id == self.difficulty)
        out = []
        for party in self.scenario.parties:
            if party.id == self.role:
                continue
            own_side = party.id in self._members
            state = self._sit.parties[party.id]
            named = self._named_rules(party.id)
            rules = [
                (r.id, r.text, list(r.sources))
                for r in state.rules
                if own_side or "red_lines" in reveal or r.id in named
            ]
            show_w = own_side or "priorities" in reveal or party.id in self._revealed_priorities
            priorities = (
                dict(zip(self._sit.issue_ids, state.weights, strict=True)) if show_w else None
            )
            last = next(
                (
                    e for e in reversed(self.log)
                    if e.actor == party.id and e.kind in ("accept", "reject", "objection")
                ),
                None,
            )
            values = None
            if own_side or "values" in reveal:
                values = {
                    issue: dict(zip(self._sit.option_ids[i], state.values[i], strict=True))
                    for i, issue in enumerate(self._sit.issue_ids)
                }
            reservation = state.reservation if own_side or "reservation" in reveal else None
            out.append(
                Stance(
                    party.id, party.name,
                    [(c.text, list(c.sources)) for c in party.public_positions],
                    rules, priorities, last, values, reservation,
                )
            )
        return out

    def legal_moves(self) -> list[str]:
        """The kinds of move allowed now (e.g. ['propose', 'accept', 'end_round', 'walk_out'])."""
        if self._finished:
            return []
        kinds = []
        if self.role == MEDIATOR:
            if self.turns_left:
                kinds.append("draft")
            if self.caucuses_left:
                kinds.append("caucus")
        else:
            if self.turns_left:
                kinds.append("propose")
            if any(o.by != self.role for o in self._offers):
                kinds.append("accept")
        if self.scenario.confidence_steps and not self._gestured:
            kinds.append("gesture")
        kinds.append("end_round")
        if self.role != MEDIATOR:
            kinds.append("walk_out")
        return kinds

    # -- playing ----------------------------------------------------------------------------------

    def play(self, move: Move) -> list[Entry]:
        """Apply one player move; computer parties answer. Returns the new log entries.

        Raises `IllegalMove` (with a message for the player) when the move is not allowed now.
        """
        if self._finished:
            raise IllegalMove("the talks are over")
        start = len(self.log)
        handlers: dict[str, Callable[[Any], None]] = {
            "propose": self._play_propose, "accept": self._play_accept,
            "end_round": self._play_end_round, "walk_out": self._play_walk_out,
            "caucus": self._play_caucus, "draft": self._play_draft, "gesture": self._play_gesture,
            "take_seat": self._play_take_seat,
        }
        handlers[move.kind](move)
        self.moves.append(move)
        return self.log[start:]

    def _check_role(self, mediator: bool, what: str) -> None:
        if (self.role == MEDIATOR) != mediator:
            who = "the mediator" if mediator else "a party or coalition"
            raise IllegalMove(f"only {who} may {what}")

    def _parse(self, package: dict[str, str]) -> Package:
        try:
            return self._sit.package(package)
        except KeyError as err:
            raise IllegalMove(f"this package cannot be tabled: {err.args[0]}") from None

    def _own_red_lines(self, pkg: Package) -> None:
        if self._coalition is None and self.role != MEDIATOR:
            broken = [r for r in self._sit.parties[self.role].rules if r.broken_by(pkg)]
            if broken:
                rule = broken[0]
                raise IllegalMove(f"it breaks your own red line '{rule.text}' ({rule.id})")

    def _play_propose(self, move: Propose) -> None:
        self._check_role(False, "table a package (the mediator drafts)")
        if not self.turns_left:
            raise IllegalMove("you have made all your offers this round; end the round")
        pkg = self._parse(move.package)
        self._own_red_lines(pkg)
        self._turns += 1
        if not self._members_consent(pkg):
            return
        offer = self._table(self.role, pkg, "offer")
        if not self._agreed(offer):
            self._counters()

    def _play_accept(self, move: Accept) -> None:
        self._check_role(False, "accept an offer (the mediator drafts)")
        offer = next((o for o in self._offers if o.id == move.offer), None)
        if offer is None:
            raise IllegalMove(f"there is no offer {move.offer} on the table this round")
        if offer.by == self.role:
            raise IllegalMove("that is your own offer")
        pkg = self._pkgs[offer.id]
        self._own_red_lines(pkg)
        if not self._members_consent(pkg):
            return
        self._add(self.role, "accept", f"{self._name(self.role)} accepts offer {offer.id}.",
                  offer=offer.id, package=offer.package)
        self._accepts[offer.id].append(self.role)
        for party in self._responders(offer.by):
            if party not in self._accepts[offer.id]:
                self._answer(party, offer)
        self._agreed(offer)

    def _play_end_round(self, move: EndRound) -> None:
        self._close_round()

    def _play_walk_out(self, move: WalkOut) -> None:
        self._check_role(False, "walk out")
        self._add(self.role, "walk_out", f"{self._name(self.role)} walks out of the talks.")
        self._walked.append(self.role)
        self._finish(None)

    def _play_gesture(self, move: Gesture) -> None:
        step = next((c for c in self.scenario.confidence_steps if c.id == move.step), None)
        if step is None:
            ids = ", ".join(c.id for c in self.scenario.confidence_steps) or "none"
            raise IllegalMove(f"unknown confidence-building step '{move.step}'; steps: {ids}")
        if self._gestured:
            raise IllegalMove("you have already offered a confidence-building step this round")
        self._gestured = True
        self._gesture(self._seat, step.id)

    def _play_caucus(self, move: Caucus) -> None:
        self._check_role(True, "hold a private meeting")
        if not self.caucuses_left:
            raise IllegalMove("no private meetings left this round")
        if move.party not in self._sit.at_table:
            raise IllegalMove(f"'{move.party}' is not at the table")
        self._caucuses += 1
        self._caucus(move.party)

    def _play_draft(self, move: Draft) -> None:
        self._check_role(True, "table a draft of the single text")
        if not self.turns_left:
            raise IllegalMove("you have tabled all your drafts this round; end the round")
        pkg = self._parse(move.package)
        self._turns += 1
        offer = self._table(MEDIATOR, pkg, "draft")
        self._credibility_after(offer, pkg)
        self._agreed(offer)

    def seat_refusal(self, seat: str) -> str | None:
        """Why the player may not take `seat` now (None: it may). Only a party's or coalition's
        seat changes hands: the computer never plays a mediator, and a party game has none."""
        if self._finished:
            return "the talks are over"
        if seat not in self.scenario.roles:
            return (f"'{seat}' is not a role of scenario '{self.scenario.id}'; roles: "
                    + ", ".join(self.scenario.roles))
        if seat == self.role:
            return "you already hold that seat"
        if MEDIATOR in (seat, self.role):
            return "the mediator's seat cannot change hands: the computer never plays a mediator"
        members = next((c.members for c in self.scenario.coalitions if c.id == seat), [seat])
        if not any(m in self._sit.at_table for m in members):
            return f"'{seat}' is not at the table now"
        return None

    def _play_take_seat(self, move: TakeSeat) -> None:
        refusal = self.seat_refusal(move.party)
        if refusal:
            raise IllegalMove(refusal)
        old = self.role
        self.role = move.party
        self._coalition = next((c for c in self.scenario.coalitions if c.id == move.party), None)
        self._members = list(self._coalition.members) if self._coalition else []
        self._agents.pop(move.party, None)
        if old not in self._agents and any(p.id == old for p in self.scenario.parties):
            self._hand_over(old)
        self._turn_base = self._turns  # the new seat has the round's offers to make
        how = (f"({self.strategy_of(old)})" if old in self._agents
               else "(each member with its own strategy)")
        self._add("scenario", "event",
                  f"You take the seat of {self._name(move.party)}; the computer now plays "
                  f"{self._name(old)} {how}, from what it has seen.",
                  data={"type": "take_seat", "from": old, "to": move.party})

    def _hand_over(self, party: str) -> None:
        """The computer takes `party`'s seat with its scenario strategy and what its log shows."""
        strategy = next(p.strategy for p in self.scenario.parties if p.id == party)
        sizes = tuple(len(i.options) for i in self.scenario.issues)
        agent = Agent(party, Curve(strategy, len(self.scenario.rounds), self._temper()), sizes)
        rules = {r.id: r for state in self._sit.parties.values() for r in state.rules}
        recall(agent, self.log, lambda n: _situation(self.scenario, n), rules)
        self._agents[party] = agent

    # -- the machinery ----------------------------------------------------------------------------

    @property
    def _seat(self) -> str:
        return MEDIATOR if self.role == MEDIATOR else self.role

    def _name(self, actor: str) -> str:
        if actor == MEDIATOR:
            med = next(m for m in self.scenario.mediators if m.id == self.mediator)
            return med.name
        for group in (self.scenario.parties, self.scenario.coalitions):
            for item in group:
                if item.id == actor:
                    return item.name
        return actor

    def _add(self, actor: str, kind: EntryKind, text: str, **kw: Any) -> Entry:
        entry = Entry(seq=len(self.log) + 1, round=self._round, actor=actor, kind=kind, text=text,
                      **kw)
        self.log.append(entry)
        return entry

    def _t(self) -> float:
        """How far the talks have gone, 0-1, counting the player's offers within the round."""
        per = self.scenario.rules.turns_per_round
        return ((self._round - 1) + min(self._turns, per) / per) / len(self.scenario.rounds)

    def _floor(self, party: str) -> float:
        """Reservation value raised by the mistrust premium toward the others at the table."""
        hit = self._floors.get(party)
        if hit is None:
            hit = self._floors[party] = self._compute_floor(party)
        return hit

    def _compute_floor(self, party: str) -> float:
        others = [p for p in self._sit.at_table if p != party]
        trust = sum(self.trust(party, o) for o in others) / len(others) if others else 1.0
        state = self._sit.parties[party]
        return min(1.0, state.reservation + self.scenario.rules.mistrust_premium * (1 - trust))

    def _asp(self, party: str) -> float:
        own = self._sit.parties[party]
        return self._agents[party].aspiration(own, self._t(), self._floor(party), self._round)

    def _computer_seats(self) -> list[str]:
        """Parties at the table played by the computer, which table and answer on their own."""
        return [p for p in self._sit.at_table if p != self.role and p not in self._members]

    def _responders(self, by: str) -> list[str]:
        return [p for p in self._computer_seats() if p != by]

    def _others_of(self, party: str) -> list[str]:
        """The seats a computer party must win over (the player's seat counts as one)."""
        seats = [s for s in self._computer_seats() if s != party]
        if self.role != MEDIATOR and self.role not in self._walked:
            seats.append(self.role)
        return seats

    def _utilities(self, pkg: Package) -> dict[str, float | str | int | bool | None]:
        return {f"u:{p}": round(self._sit.parties[p].utility(pkg), 4) for p in self._sit.at_table}

    def _table(self, seat: str, pkg: Package, kind: Literal["offer", "draft"]) -> Offer:
        """Put a package on the table (replacing the seat's previous one) and collect answers."""
        named = self._sit.named(pkg)
        offer = Offer(self._next_offer, seat, self._round, named, kind)
        self._next_offer += 1
        self._offers = [o for o in self._offers if o.by != seat] + [offer]
        self._pkgs[offer.id] = pkg
        self._accepts[offer.id] = [seat] if seat != MEDIATOR else []
        if seat == self.role:
            self._accepts[offer.id].extend(self._members)
        what = "a draft of the single text" if kind == "draft" else "a package"
        self._add(seat, kind, f"{self._name(seat)} tables {what} (offer {offer.id}).",
                  offer=offer.id, package=named, data=self._utilities(pkg))
        for agent in self._agents.values():
            if agent.party in self._sit.at_table:
                agent.observe(seat, pkg, self._sit.parties[agent.party])
        for party in self._responders(seat):
            self._answer(party, offer)
        if seat != self.role:
            self._player_red_lines(offer, pkg)
        return offer

    def _player_red_lines(self, offer: Offer, pkg: Package) -> None:
        """An offer breaking the player's own red lines can never be accepted (`Accept` refuses
        it), so the player's seat says so at once, naming them: the table learns them as it
        learns every other party's."""
        for party in self.player_parties():
            if party not in self._sit.at_table:
                continue
            broken = [r for r in self._sit.parties[party].rules if r.broken_by(pkg)]
            if not broken:
                continue
            reasons = [red_line_reason(r) for r in broken]
            for rule in broken:
                self._broadcast_rule(party, rule.id)
            text = (f"{self._name(party)} cannot accept offer {offer.id}: "
                    + "; ".join(r.text for r in reasons) + ".")
            self._add(party, "reject", text, offer=offer.id, package=offer.package,
                      reasons=reasons,
                      data={"utility": round(self._sit.parties[party].utility(pkg), 4)})

    def _answer(self, party: str, offer: Offer) -> None:
        pkg = self._pkgs[offer.id]
        asp = self._asp(party)
        reasons = self._agents[party].answer(self._sit, pkg, self._floor(party), asp)
        u = round(self._sit.parties[party].utility(pkg), 4)
        data = {"utility": u, "aspiration": round(asp, 4)}
        name = self._name(party)
        if not reasons:
            self._accepts[offer.id].append(party)
            why = Reason(text=f"it breaks none of our red lines and is worth {u:.2f} to us, "
                         f"at least the {max(asp, self._floor(party)):.2f} we ask now")
            self._add(party, "accept", f"{name} accepts offer {offer.id}: {why.text}.",
                      offer=offer.id, package=offer.package, reasons=[why], data=data)
            return
        for reason in reasons:
            if reason.red_line:
                self._broadcast_rule(party, reason.red_line)
        kind: EntryKind = "objection" if offer.kind == "draft" else "reject"
        verb = "objects to" if kind == "objection" else "rejects"
        text = f"{name} {verb} offer {offer.id}: " + "; ".join(r.text for r in reasons) + "."
        self._add(party, kind, text, offer=offer.id, package=offer.package, reasons=reasons,
                  data=data)

    def _broadcast_rule(self, party: str, rule_id: str) -> None:
        """A red line named at the table becomes known to every computer party."""
        rule = next((r for r in self._sit.parties[party].rules if r.id == rule_id), None)
        if rule is None:
            return
        for agent in self._agents.values():
            agent.learn(rule)

    def _members_consent(self, pkg: Package) -> bool:
        """Coalition role: every member must consent to what the player tables or accepts."""
        refused = False
        for member in self._members:
            if member not in self._sit.at_table:
                continue
            reasons = self._agents[member].answer(self._sit, pkg, self._floor(member), 0.0)
            if reasons:
                refused = True
                text = (f"{self._name(member)} does not consent: "
                        + "; ".join(r.text for r in reasons) + ".")
                self._add(member, "reject", text, package=self._sit.named(pkg), reasons=reasons,
                          data={"utility": round(self._sit.parties[member].utility(pkg), 4)})
        return not refused

    def _counters(self) -> None:
        """Every computer party that still disagrees tables a counter, if it has a new one."""
        for party in self._computer_seats():
            if self._finished:
                return
            self._counter(party)

    def _counter(self, party: str) -> None:
        pkg = self._agents[party].counter(self._sit, self._asp(party), self._others_of(party),
                                          self._rng)
        if pkg is None:
            return
        mine = next((o for o in self._offers if o.by == party), None)
        if mine is not None and self._pkgs[mine.id] == pkg:
            return
        offer = self._table(party, pkg, "offer")
        self._agreed(offer)

    def _agreed(self, offer: Offer) -> bool:
        """Agreement when every party at the table (the player's seat included) accepts."""
        if self._finished:
            return True
        accepted = self._accepts[offer.id]
        needed = list(self._computer_seats())
        if self.role != MEDIATOR:
            needed.append(self.role)
        if all(p in accepted for p in needed):
            self._finish(offer)
            return True
        return False

    # -- rounds -----------------------------------------------------------------------------------

    def _open_round(self, number: int) -> None:
        self._round = number
        base = _situation(self.scenario, number)
        self._sit = with_table(base, tuple(p for p in base.at_table if p not in self._walked))
        self._offers, self._turns, self._gestured, self._caucuses = [], 0, False, 0
        self._turn_base = 0
        self._floors: dict[str, float] = {}
        for agent in self._agents.values():
            agent.refresh(self._sit)
        rnd = self.scenario.rounds[number - 1]
        self._add("scenario", "round_start", f"Round {number}: {rnd.title} ({rnd.date}).",
                  reasons=[Reason(text=c.text, sources=list(c.sources)) for c in rnd.briefing],
                  data={"date": rnd.date, "title": rnd.title})
        for event in rnd.events:
            self._add("scenario", "event", event.text,
                      reasons=[Reason(text=event.text, sources=list(event.sources))],
                      data={"type": event.type})
        if self._table_too_small():
            self._finish(None)
            return
        for party in self._computer_seats():
            if self._finished:
                return
            self._counter(party)

    def _table_too_small(self) -> bool:
        seats = set(self._computer_seats())
        if self.role != MEDIATOR:
            seats.add(self.role)
        return len(seats) < 2 or (self._coalition is not None and not any(
            m in self._sit.at_table for m in self._members))

    def _close_round(self) -> None:
        for party in self._computer_seats():
            if self._wants_to_leave(party):
                self._add(party, "walk_out", self._walk_text(party),
                          data={"expected": round(self._agents[party].expected(self._sit), 4)})
                self._walked.append(party)
        self._sit = with_table(self._sit, tuple(p for p in self._sit.at_table
                                                if p not in self._walked))
        self._floors.clear()
        if self._table_too_small() or self._round >= len(self.scenario.rounds):
            self._finish(None)
        else:
            self._open_round(self._round + 1)

    def _wants_to_leave(self, party: str) -> bool:
        agent = self._agents[party]
        strat = self.scenario.parties[[p.id for p in self.scenario.parties].index(party)].strategy
        if agent.curve.name == "hardliner" and self._round >= agent.curve.deadline \
                and self._round < len(self.scenario.rounds):
            return True
        hopeless = agent.expected(self._sit) < self._sit.parties[party].reservation \
            - strat.walkout_margin - 1e-9
        if not hopeless:
            self._hopeless.pop(party, None)
            return False
        # Events may still move red lines: a party stays through the first half of the talks,
        # and leaves only after two rounds in a row with nothing to expect.
        self._hopeless[party] = self._hopeless.get(party, 0) + 1
        return self._hopeless[party] >= 2 and 2 * self._round > len(self.scenario.rounds)

    def _walk_text(self, party: str) -> str:
        agent = self._agents[party]
        if agent.curve.name == "hardliner" and self._round >= agent.curve.deadline:
            return (f"{self._name(party)} walks out: its deadline (round {agent.curve.deadline}) "
                    "has passed without a deal it can accept.")
        return (f"{self._name(party)} walks out: no package it can accept respects the red lines "
                "the others have named, so the talks are worth less to it than no deal.")

    def _deferred(self, package: dict[str, str]) -> list[str]:
        """Titles of the issues a package leaves for later (options marked `deferred`)."""
        return [
            issue.title.lower() for issue in self.scenario.issues
            if any(o.deferred and o.id == package[issue.id] for o in issue.options)
        ]

    def _finish(self, offer: Offer | None) -> None:
        from game.engine.scorecard import player_score

        self._finished = True
        final = self._sit
        if offer is not None:
            pkg = final.package(offer.package)
            utilities = {
                p.id: (final.parties[p.id].utility(pkg) if p.id in final.at_table
                       else final.parties[p.id].reservation)
                for p in self.scenario.parties
            }
        else:
            utilities = {p.id: final.parties[p.id].reservation for p in self.scenario.parties}
        score = player_score(self, offer.package if offer else None, utilities)
        self._outcome = Outcome(
            agreement=offer is not None,
            package=dict(offer.package) if offer else None,
            utilities=utilities,
            player=score,
            walked_out=list(self._walked),
        )
        data: dict[str, float | str | int | bool | None] = {
            f"u:{p}": round(u, 4) for p, u in utilities.items()
        }
        data["score"] = round(score.value, 4)
        if offer is not None:
            later = self._deferred(offer.package)
            phased = f" A phased deal: {', '.join(later)} left for later." if later else ""
            data["phased"] = bool(later)
            self._add("scenario", "agreement",
                      f"Agreement: every party at the table accepts offer {offer.id}.{phased}",
                      offer=offer.id, package=offer.package, data=data)
        else:
            self._add("scenario", "no_deal",
                      "The talks end without agreement: every party falls back on its "
                      "alternative to a deal.", data=data)
