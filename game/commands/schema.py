"""`redlines schema`: the JSON Schema of the scenario format, for editors."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("schema", help="print the scenario format's JSON Schema", description=__doc__)


def schema_text() -> str:
    from game.scenario.models import Scenario

    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Red Lines scenario"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return 0
