"""`redlines schema [--out FILE]`: the JSON Schema of the scenario format, for editors.

The same schema ships inside the package (game/schema, beside game/content), so the bundled
scenarios' `# yaml-language-server: $schema=../schema/scenario.schema.json` line works in an
installed copy as in a checkout; `--out` writes it next to an author's own files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema", help="print the scenario format's JSON Schema", description=__doc__
    )
    p.add_argument("--out", metavar="FILE", help="write the schema to FILE instead of printing it")


def schema_text() -> str:
    from game.scenario.models import Scenario

    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Red Lines scenario"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.out is None:
        print(text, end="")
        return 0
    out = Path(args.out)
    if out.is_dir():
        example = out / "scenario.schema.json"
        print(f"redlines schema: {out} is a folder; name a file, e.g. {example}", file=sys.stderr)
        return 1
    from game.commands.output import write_text

    if not write_text("schema", out, text, quiet=True):
        return 1
    print(
        f"wrote {out}; start each scenario file with\n"
        f"# yaml-language-server: $schema=<path from that file to {out.name}>",
        file=sys.stderr,
    )
    return 0
