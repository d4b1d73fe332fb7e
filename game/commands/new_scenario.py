"""`redlines new-scenario --out FILE`: a small, valid, commented scenario to grow from.

An author who starts from a file that already validates changes one thing at a time and runs
`redlines validate` after each change, so every message points at the last edit. The skeleton
never overwrites a file: an author's work is worth more than a template.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new-scenario", help="write a small valid scenario to start from", description=__doc__
    )
    p.add_argument("--out", metavar="FILE", required=True, help="the new file (.yaml); never "
                   "overwritten")


def scenario_id(path: Path) -> str:
    """An id the format accepts, from the file's name: 'My Talks.yaml' -> 'my-talks'."""
    ident = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_")[:60]
    return ident or "my-scenario"


def skeleton(ident: str) -> str:
    return SKELETON.replace("{ID}", ident)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    try:
        with out.open("x", encoding="utf-8") as fh:
            fh.write(skeleton(scenario_id(out)))
    except FileExistsError:
        print(f"redlines new-scenario: {out} already exists; choose another name (it is never "
              "overwritten)", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"redlines new-scenario: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return 1
    print(
        f"wrote {out}. Next: redlines schema --out {out.parent / 'scenario.schema.json'} (for "
        f"your editor), then edit, and run redlines validate {out} after each change.",
        file=sys.stderr,
    )
    return 0


SKELETON = """\
# yaml-language-server: $schema=scenario.schema.json
# A Red Lines scenario: a small, valid start. Grow it one step at a time and run
#   redlines validate THIS_FILE       after every change (errors name the line to fix)
#   redlines analyze THIS_FILE --round 1   to see whether a deal is possible
# For completion and field help in your editor, write the schema next to this file:
#   redlines schema --out scenario.schema.json
# The guide: docs/authoring.md. Every field is described in the schema.
id: {ID}
title: "A title players choose the game by"
period: "The time the scenario covers"
summary: >-
  One paragraph shown when choosing a game: who negotiates over what, and why it is hard.

# Every item below cites these ids in its `sources: [...]`. List each document once;
# a source that nothing cites gets a warning.
sources:
  - id: S1
    title: "The document this scenario rests on (replace me)"
    date: "2025"
    kind: news               # opinion | news | explainer | analysis | official | dataset
    perspective: "Whose view it takes, shown beside every citation."

# A package picks exactly one option for every issue. Two to four options per issue.
issues:
  - id: ceasefire
    title: Ceasefire
    description: When the fighting stops.
    sources: [S1]
    options:
      - {id: now, label: Ceasefire now, sources: [S1]}
      - {id: later, label: Ceasefire after a settlement, sources: [S1], deferred: true}
  - id: monitoring
    title: Monitoring
    sources: [S1]
    options:
      - {id: none, label: No monitors, sources: [S1]}
      - {id: international, label: International monitors, sources: [S1]}

parties:
  - id: side-a
    name: Side A
    brief: What this side wants and fears, in its own terms (S1).
    sources: [S1]
    public_positions:
      - {text: "What it has said in public; every player sees this.", sources: [S1]}
    weights: {ceasefire: 60, monitoring: 40}        # percentages, summing to 100
    values:                                         # 0 (worst) to 100 (best), every option
      ceasefire: {now: 100, later: 30}
      monitoring: {none: 20, international: 90}
    reservation: 0.4                                # what no deal is worth to it, 0-1
    red_lines:
      - id: side-a-monitors
        text: No ceasefire without monitors to watch it.
        sources: [S1]
        when: {issue: ceasefire, options: [now]}
        then: {issue: monitoring, options: [international]}
    strategy: {name: linear}                        # boulware | conceder | linear | ...
  - id: side-b
    name: Side B
    brief: What this side wants and fears, in its own terms (S1).
    sources: [S1]
    public_positions:
      - {text: "What it has said in public; every player sees this.", sources: [S1]}
    weights: {ceasefire: 50, monitoring: 50}
    values:
      ceasefire: {now: 40, later: 90}
      monitoring: {none: 80, international: 50}
    reservation: 0.35
    trust: {side-a: 0.3}                            # 0-1; unnamed pairs start at 0.5

# The rounds follow the timeline. Events apply as a round starts; for example
#     events:
#       - type: shift_reservation
#         party: side-b
#         delta: -0.1
#         text: What happened, in plain words.
#         sources: [S1]
rounds:
  - id: r1
    title: Opening
    date: "2025"
    briefing:
      - {text: "What the player reads first, in your own words.", sources: [S1]}
  - id: r2
    title: Second round
    date: "2025"
    briefing:
      - {text: "What has changed since the opening.", sources: [S1]}

# Seats a student may take: party ids, coalition ids, or `mediator` (with a `mediators` list).
roles: [side-a, side-b]
"""
