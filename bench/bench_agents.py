"""Our computer parties against outside agents, in bilateral alternating offers on GENIUS/ANAC
domains (issue 13, "Against outside agents").

Run by hand (NegMAS is in the `bench` extra only: `pip install -e '.[test,bench]'`):

    python bench/bench_agents.py --domains DIR [--steps 100] [--reps 1] [--json OUT]

DIR holds one folder per GENIUS domain (a template and two profiles, XML), kept outside this
repository. Every outside agent (NegMAS's own negotiators and the Python ports of ANAC agents in
`negmas-genius-agents`) meets every outside agent, and each of our configurations meets every
outside agent, on both sides of each domain, within a deadline of `--steps` steps; utilities are
undiscounted (the step deadline stands in for GENIUS's real-time clock) and a failed negotiation
is worth each side its reservation value. Prints Markdown for bench/RESULTS.md.

Our side sees only its own utility function and the offers made to it (bench/counterpart.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
sys.path.insert(0, str(ROOT))

from counterpart import Counterpart, game_clock  # noqa: E402
from genius import Domain, DomainError, Profile, domains_in, party_state  # noqa: E402

from game.scenario.models import StrategyName  # noqa: E402

try:
    import negmas_genius_agents as genius_agents
    from negmas import make_issue
    from negmas.outcomes import make_os
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun
    from negmas.sao import ResponseType, SAOMechanism, SAONegotiator, SAOState
    from negmas.sao import negotiators as negmas_negotiators
except ImportError:  # pragma: no cover - the message is the point
    sys.exit("bench_agents needs NegMAS: pip install -e '.[test,bench]'")

NEGMAS = ("AspirationNegotiator", "NaiveTitForTatNegotiator", "MiCRONegotiator",
          "BoulwareTBNegotiator", "ConcederTBNegotiator")
"""NegMAS's own negotiators (its NiceTitForTatNegotiator is left out: 15 s per negotiation)."""
GENIUS = ("AgentK", "HardHeaded", "CUHKAgent", "TheFawkes", "AgentM", "Atlas3", "Caduceus",
          "PonPokoAgent", "AgreeableAgent2018", "AgentGG")
"""Ports of ANAC winners, 2010 to 2019, one per year."""


@dataclass(frozen=True)
class Ours:
    """One configuration of our counterpart."""

    strategy: StrategyName
    level: float
    endgame: bool = False
    late_best: bool = False

    @property
    def label(self) -> str:
        lv = {0.0: "easy", 0.5: "normal", 1.0: "hard"}.get(self.level, f"level {self.level}")
        extra = " +endgame" if self.endgame else ""
        return f"ours {self.strategy} ({lv}){extra}"


OURS = (
    Ours("tit_for_tat", 1.0), Ours("boulware", 1.0), Ours("boulware", 0.5), Ours("linear", 0.0),
    Ours("boulware", 1.0, endgame=True, late_best=True),
)
"""The engine's counterparts as the game plays them, and one with the bench's end game (for
comparison only: it is not the game's)."""


class OurNegotiator(SAONegotiator):
    """A NegMAS negotiator whose every decision is our Counterpart's."""

    def __init__(self, domain: Domain, counterpart: Counterpart, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.domain = domain
        self.cp = counterpart

    def clock(self, state: SAOState) -> float:
        """The clock the game would show (`counterpart.game_clock`)."""
        return game_clock(state.step, self.nmi.n_steps, state.relative_time)

    def propose(self, state: SAOState, dest: str | None = None) -> tuple[str, ...]:
        return self.domain.labels(self.cp.offer(self.clock(state)))

    def respond(self, state: SAOState, source: str | None = None) -> ResponseType:
        offer = state.current_offer
        if offer is None:
            return ResponseType.REJECT_OFFER
        pkg = self.domain.package(tuple(offer))
        self.cp.observe(pkg)
        if self.cp.accepts(pkg, self.clock(state)):
            return ResponseType.ACCEPT_OFFER
        return ResponseType.REJECT_OFFER


def ufun(domain: Domain, profile: Profile, os_: Any) -> Any:
    values = [TableFun(dict(zip(vals, profile.values[i], strict=True)))
              for i, (_, vals) in enumerate(domain.issues)]
    return LinearAdditiveUtilityFunction(values=values, weights=list(profile.weights),
                                         outcome_space=os_, reserved_value=profile.reservation)


Maker = Callable[[Domain, int, Any, int], Any]
"""(domain, side, utility function, seed) -> a negotiator."""


def outside(name: str) -> Maker:
    cls = getattr(negmas_negotiators, name, None) or getattr(genius_agents, name)
    return lambda _d, side, u, _seed: cls(name=f"{name}-{side}", ufun=u)


def ours(cfg: Ours) -> Maker:
    def make(d: Domain, side: int, u: Any, seed: int) -> Any:
        cp = Counterpart(party_state(d.profiles[side]), d.sizes, cfg.strategy, cfg.level, seed,
                         cfg.endgame, cfg.late_best)
        return OurNegotiator(d, cp, name=f"ours-{side}", ufun=u)
    return make


def play(d: Domain, os_: Any, a: Maker, b: Maker, side: int, steps: int,
         seed: int) -> tuple[bool, float, float]:
    """`a` holds profile `side` and opens; `b` the other. (agreed, a's utility, b's utility)."""
    ua, ub = ufun(d, d.profiles[side], os_), ufun(d, d.profiles[1 - side], os_)
    m = SAOMechanism(outcome_space=os_, n_steps=steps)
    m.add(a(d, side, ua, seed))
    m.add(b(d, 1 - side, ub, seed))
    agreement = m.run().agreement
    return agreement is not None, float(ua(agreement)), float(ub(agreement))


def run(domains: list[Domain], steps: int, reps: int, log: Callable[[str], None],
        ours_only: bool = False) -> list[dict[str, Any]]:
    """One row per (domain, player, opponent): games, agreement rate, mean social welfare and
    mean own utility of `player`, over both sides and `reps` seeds."""
    opponents = NEGMAS + GENIUS
    players: dict[str, Maker] = {} if ours_only else {n: outside(n) for n in opponents}
    players.update({c.label: ours(c) for c in OURS})
    makers = {n: outside(n) for n in opponents}
    rows = []
    for d in domains:
        os_ = make_os([make_issue(list(vals), name) for name, vals in d.issues])
        start = time.time()
        for pname, pmake in players.items():
            for oname in opponents:
                res = [play(d, os_, pmake, makers[oname], side, steps, seed)
                       for side in (0, 1) for seed in range(reps)]
                rows.append({
                    "domain": d.name, "player": pname, "opponent": oname, "games": len(res),
                    "agreement_rate": sum(r[0] for r in res) / len(res),
                    "welfare": statistics.mean(r[1] + r[2] for r in res),
                    "own": statistics.mean(r[1] for r in res),
                })
        log(f"{d.name}: {time.time() - start:.0f} s")
    return rows


def report(rows: list[dict[str, Any]], command: str) -> list[str]:
    """Per domain, each player's means over the opponents; then the target checked."""
    by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[r["domain"], r["player"]].append(r)
    domains = list(dict.fromkeys(r["domain"] for r in rows))
    players = list(dict.fromkeys(r["player"] for r in rows))

    def mean(d: str, p: str, key: str) -> float:
        return statistics.mean(r[key] for r in by[d, p])

    out = [f"`{command}`", "",
           f"Each player against the same {len(by[domains[0], players[0]])} opponents: "
           "agreement rate, mean social welfare, mean own utility (means over the opponents).",
           "", "| player | " + " | ".join(domains) + " |", "|---|" + "---|" * len(domains)]
    for p in players:
        out.append(f"| {p} | " + " | ".join(
            f"{mean(d, p, 'agreement_rate'):.0%} {mean(d, p, 'welfare'):.3f} "
            f"{mean(d, p, 'own'):.3f}" for d in domains) + " |")
    out.append("")
    out += overall(rows, domains, players, mean)
    out += ["", "**Our configurations against each opponent** (agreement rate, mean social "
            "welfare, mean own utility)", ""]
    out += per_opponent(rows, domains, [p for p in players if p.startswith("ours")])
    return out


def per_opponent(rows: list[dict[str, Any]], domains: list[str], ours_: list[str]) -> list[str]:
    """Domain x opponent rows, one column per configuration of ours."""
    cell = {(r["domain"], r["player"], r["opponent"]): r for r in rows}
    opponents = list(dict.fromkeys(r["opponent"] for r in rows))
    out = ["| domain | opponent | " + " | ".join(p.removeprefix("ours ") for p in ours_) + " |",
           "|---|---|" + "---|" * len(ours_)]
    for d in domains:
        for o in opponents:
            cells = []
            for p in ours_:
                r = cell.get((d, p, o))
                cells.append("-" if r is None else
                             f"{r['agreement_rate']:.0%} {r['welfare']:.2f} {r['own']:.2f}")
            out.append(f"| {d} | {o} | " + " | ".join(cells) + " |")
    return out


def overall(rows: list[dict[str, Any]], domains: list[str], players: list[str],
            mean: Callable[[str, str, str], float]) -> list[str]:
    """All domains together, with the best outside agent on each measure."""
    outsiders = [p for p in players if not p.startswith("ours")]
    keys = ("agreement_rate", "welfare", "own")
    avg = {p: {k: statistics.mean(mean(d, p, k) for d in domains) for k in keys}
           for p in players}
    out = ["**All domains** (mean of the domain means)", "",
           "| player | agreement | social welfare | own utility |", "|---|---:|---:|---:|"]
    for p in players:
        out.append(f"| {p} | {avg[p]['agreement_rate']:.1%} | {avg[p]['welfare']:.3f} | "
                   f"{avg[p]['own']:.3f} |")
    if not outsiders:  # --ours-only without --merge: nothing to compare with
        return out + ["", "No outside agent's rows to compare with: give --merge FILE, the "
                      "--json of a run that played them."]
    best = {k: max(outsiders, key=lambda p, k=k: avg[p][k]) for k in keys}
    out += ["", f"Best outside agent: agreement {best['agreement_rate']} "
            f"({avg[best['agreement_rate']]['agreement_rate']:.1%}), social welfare "
            f"{best['welfare']} ({avg[best['welfare']]['welfare']:.3f}), own utility "
            f"{best['own']} ({avg[best['own']]['own']:.3f}).", ""]
    for p in players:
        if p.startswith("ours"):
            ok_a = avg[p]["agreement_rate"] >= avg[best["agreement_rate"]]["agreement_rate"]
            ok_w = avg[p]["welfare"] >= avg[best["welfare"]]["welfare"]
            per = [d for d in domains
                   if mean(d, p, "agreement_rate") >= max(mean(d, o, "agreement_rate")
                                                          for o in outsiders)
                   and mean(d, p, "welfare") >= max(mean(d, o, "welfare") for o in outsiders)]
            out.append(f"- {p}: agreement {'meets' if ok_a else 'below'} the best, welfare "
                       f"{'meets' if ok_w else 'below'} the best; both met in "
                       f"{len(per)}/{len(domains)} domains ({', '.join(per) or 'none'})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--domains", type=Path, help="folder of GENIUS domains (one per folder)")
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--reps", type=int, default=1, help="seeds per side and pairing")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    ap.add_argument("--load", type=Path, help="report rows a --json run wrote, without playing")
    ap.add_argument("--ours-only", action="store_true",
                    help="play only our configurations; take the outside agents' rows from the "
                    "--merge file")
    ap.add_argument("--merge", type=Path, help="rows of an earlier --json run (outside agents)")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")
    command = "python bench/bench_agents.py " + " ".join(argv if argv is not None else sys.argv[1:])
    if args.load is not None:
        rows = json.loads(args.load.read_text())
    elif args.domains is None:
        ap.error("give --domains DIR (or --load FILE)")
    else:
        try:
            domains = domains_in(args.domains)
        except DomainError as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        rows = run(domains, args.steps, args.reps, lambda s: print(s, file=sys.stderr),
                   args.ours_only)
        if args.merge is not None:
            rows = [r for r in json.loads(args.merge.read_text())
                    if not r["player"].startswith("ours")] + rows
        if args.json is not None:
            args.json.write_text(json.dumps(rows, indent=1))
    print("\n".join(report(rows, command)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
