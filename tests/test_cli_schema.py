"""The committed schema is what `redlines schema` prints; content files point editors at it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.commands.schema import schema_text

ROOT = Path(__file__).parent.parent
HEADER = "# yaml-language-server: $schema=../schema/scenario.schema.json"


def test_committed_schema_matches_the_models() -> None:
    committed = (ROOT / "schema" / "scenario.schema.json").read_text()
    assert committed == schema_text(), "run: redlines schema > schema/scenario.schema.json"


def test_schema_command_prints_a_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False
    assert {"id", "issues", "parties", "rounds", "roles"} <= set(schema["required"])
    assert "description" in schema["$defs"]["RedLine"]


@pytest.mark.parametrize("path", sorted((ROOT / "content").glob("*.yaml")), ids=lambda p: p.name)
def test_content_file_starts_with_the_schema_comment(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == HEADER
    target = first.split("$schema=", 1)[1]
    assert (path.parent / target).resolve() == (ROOT / "schema" / "scenario.schema.json")


def _described(spec: dict, defs: dict) -> bool:
    refs = [spec] + spec.get("allOf", []) + spec.get("anyOf", [])
    if "items" in spec:
        refs.append(spec["items"])
    for node in refs:
        if "description" in node:
            return True
        ref = node.get("$ref")
        if ref and "description" in defs[ref.rsplit("/", 1)[-1]]:
            return True
    return False


def test_every_field_is_described_for_instructors() -> None:
    schema = json.loads(schema_text())
    defs = schema["$defs"]
    missing = [
        f"{name}.{prop}"
        for name, model in [("Scenario", schema), *defs.items()]
        for prop, spec in model.get("properties", {}).items()
        if not _described(spec, defs)
    ]
    assert missing == []
    assert [name for name, model in defs.items() if "description" not in model] == []


GENERIC_ID = "A stable identifier: lower-case letters, digits, '-' and '_'."


def test_every_field_says_what_it_is_for_not_only_its_type() -> None:
    """An editor shows a field's own description on hover: a reference to another model, or
    the generic text of an id, does not say which party or issue an event field names."""
    schema = json.loads(schema_text())
    vague = [
        f"{name}.{prop}"
        for name, model in [("Scenario", schema), *schema["$defs"].items()]
        for prop, spec in model.get("properties", {}).items()
        if "description" not in spec or (spec["description"] == GENERIC_ID and prop != "id")
    ]
    assert vague == []
