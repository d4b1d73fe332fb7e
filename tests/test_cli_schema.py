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


def test_schema_out_writes_the_same_schema_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scenario.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "yaml-language-server: $schema=" in captured.err


@pytest.mark.parametrize("where", ["folder", "missing-folder"])
def test_schema_out_to_a_bad_place_is_a_message_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    target = tmp_path if where == "folder" else tmp_path / "nope" / "s.json"
    assert main(["schema", "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("redlines schema: ")
    assert str(target) in err


def test_the_schema_ships_beside_the_content_in_the_package() -> None:
    """In a wheel, content/ becomes game/content and schema/ game/schema: the header's
    '../schema/...' then names the packaged schema, as it names schema/ in a checkout."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert {"game.content", "game.schema"} <= set(config["packages"])
    assert config["package-dir"] == {"game.content": "content", "game.schema": "schema"}
    assert "*.json" in config["package-data"]["game.schema"]
    installed = ROOT / "site" / "game" / "content" / "x.yaml"
    target = HEADER.split("$schema=", 1)[1]
    assert (installed.parent / target).resolve() == ROOT / "site" / "game" / "schema" / (
        "scenario.schema.json"
    )
