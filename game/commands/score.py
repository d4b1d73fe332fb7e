"""`redlines score PATH --package ISSUE=OPTION,... [--round N] [--json]`: one package scored for
every party at the table — utility and its breakdown, reservation value, acceptability, and the
red lines it breaks, with their sources."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.scoring import Score
    from game.engine.situation import Situation


def register(sub: argparse._SubParsersAction) -> None:
    from game.commands.analyze import add_common

    p = sub.add_parser("score", help="score one package for every party", description=__doc__)
    add_common(p)
    p.add_argument("--package", required=True, metavar="ISSUE=OPTION,...",
                   help="one option for every issue, e.g. ceasefire=phased,corridors=open")


def parse_package(text: str) -> dict[str, str]:
    """'a=x,b=y' -> {'a': 'x', 'b': 'y'}; raises ValueError saying what is malformed."""
    choice: dict[str, str] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        issue, sep, option = (x.strip() for x in item.partition("="))
        if not sep or not issue or not option:
            raise ValueError(f"'{item}' is not ISSUE=OPTION")
        if issue in choice:
            raise ValueError(f"issue '{issue}' is given twice")
        choice[issue] = option
    if not choice:
        raise ValueError("no ISSUE=OPTION given")
    return choice


def score_package(situation: Situation,
                  text: str) -> tuple[tuple[int, ...], dict[str, Score]]:
    """Parse ISSUE=OPTION,... and score it for every party; ValueError says what is wrong."""
    from game.engine.scoring import score_all

    try:
        package = situation.package(parse_package(text))
    except KeyError as err:
        raise ValueError(err.args[0] if err.args else str(err)) from None
    return package, score_all(situation, package)


def run(args: argparse.Namespace) -> int:
    from game.commands.analyze import load_situation

    situation = load_situation(args.path, args.round)
    if situation is None:
        return 1
    try:
        package, scores = score_package(situation, args.package)
    except ValueError as err:
        print(f"{args.path}: --package: {err}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(to_json(situation, package, scores), indent=2, ensure_ascii=False))
    else:
        print("\n".join(render(situation, package, scores)))
    return 0


def to_json(situation: Situation, package: tuple[int, ...],
            scores: dict[str, Score]) -> dict[str, object]:
    """The `score --json` contract: the package, and per party its utility, reservation value,
    acceptability and the red lines broken (with text and sources)."""
    return {
        "scenario": situation.scenario.id,
        "round": situation.round,
        "package": situation.named(package),
        "parties": {
            pid: {
                "utility": s.utility,
                "reservation": s.reservation,
                "acceptable": s.acceptable,
                "surplus": s.surplus,
                "breakdown": dict(zip(situation.issue_ids, s.breakdown, strict=True)),
                "violations": [{"id": r.id, "text": r.text, "sources": list(r.sources)}
                               for r in s.violations],
            }
            for pid, s in scores.items()
        },
    }


def render(situation: Situation, package: tuple[int, ...], scores: dict[str, Score]) -> list[str]:
    from game.commands.analyze import _table

    names = {p: situation.parties[p].name for p in scores}
    named = situation.named(package)
    out = [f"{situation.scenario.title} - round {situation.round}",
           "Package: " + ", ".join(f"{i}={o}" for i, o in named.items()), ""]
    rows = [["party", "utility", "reservation", "acceptable", "red lines broken"]]
    for pid, s in scores.items():
        verdict = "yes" if s.acceptable else ("no (red line)" if s.violations else "no (too low)")
        rows.append([names[pid], f"{s.utility:.3f}", f"{s.reservation:.3f}", verdict,
                     ", ".join(r.id for r in s.violations) or "-"])
    out += _table(rows, right={1, 2})
    out += ["", "Utility by issue (weight x value)"]
    rows = [["issue", "option", *names.values()]]
    for k, (issue, option) in enumerate(named.items()):
        rows.append([issue, option, *(f"{s.breakdown[k]:.3f}" for s in scores.values())])
    out += _table(rows, right=set(range(2, 2 + len(names))))
    broken = [(names[pid], r) for pid, s in scores.items() for r in s.violations]
    if broken:
        out += ["", "Red lines broken"]
        out += [f"  - {who}: \u201c{r.text}\u201d ({r.id}; sources: {', '.join(r.sources)})"
                for who, r in broken]
    return out
