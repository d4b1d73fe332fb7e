"""docs/protocol.md shows every message's JSON Schema as the models generate it today, and every
message type the server speaks (the instructor's included) has its section."""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.server.instructor import instructor_schemas
from game.server.protocol import schemas

DOC = (Path(__file__).parent.parent / "docs" / "protocol.md").read_text(encoding="utf-8")


def test_every_schema_in_the_doc_is_the_models() -> None:
    blocks = dict(re.findall(r"<!-- schema:(\w+) -->\n```json\n(.*?)\n```", DOC, re.S))
    current = {**schemas(), **instructor_schemas()}
    assert set(blocks) == set(current)
    for name, text in blocks.items():
        assert json.loads(text) == current[name], (
            f"docs/protocol.md: the '{name}' schema differs from game/server/protocol.py")


def test_every_message_has_a_section() -> None:
    for name in {**schemas(), **instructor_schemas()}:
        assert f"### `{name}`" in DOC
