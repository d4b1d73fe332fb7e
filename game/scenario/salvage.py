"""Cross-checking what passed the schema, so one typo does not hide every other mistake.

When the schema rejects some items, the smallest enclosing list items (or optional top-level
fields) are set aside and the rest is validated again, then cross-checked. Paths found in the
pruned document are mapped back to the original one, and problems naming an id that was set aside
are dropped: they would only echo the schema error already reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from game.scenario.models import Scenario
from game.scenario.yamlsafe import Path, Problem

MAX_PASSES = 5

_EVENT_TAGS = {
    "set_weight", "set_value", "shift_reservation", "add_red_line", "drop_red_line",
    "shift_trust", "join", "leave",
}


def data_path(loc: tuple[Any, ...], data: Any) -> Path:
    """A pydantic error location as a path into the document, without union-tag steps."""
    path: list[str | int] = []
    node = data
    for step in loc:
        if _has(node, step):
            node = node[step]
            path.append(step)
        elif isinstance(node, dict | list):
            if isinstance(step, str) and not _is_tag(step):
                path.append(step)  # a missing field: name it under its parent
                break
        else:
            break
    return tuple(path)


def _has(node: Any, step: Any) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _is_tag(step: str) -> bool:
    return step in _EVENT_TAGS or "[" in step or step.startswith("function-")


@dataclass(frozen=True)
class Salvaged:
    """The valid part of a scenario, and how to find its items in the original document."""

    scenario: Scenario
    kept: dict[Path, list[int]]  # original path of a list -> original indices still in it
    dropped_ids: frozenset[str]
    cut_fields: frozenset[str] = frozenset()  # top-level fields some items were set aside from

    def original(self, path: Path) -> Path:
        return _original(path, self.kept)

    def relevant(self, problem: Problem) -> Problem | None:
        """The problem in original paths, or None when it only echoes an item set aside."""
        if any(f"'{ident}'" in problem.message for ident in self.dropped_ids):
            return None
        if problem.needs in self.cut_fields:  # "needs a mediator", when one was set aside
            return None
        see = self.original(problem.see) if problem.see is not None else None
        return replace(problem, path=self.original(problem.path), see=see)


def salvage(data: dict[str, Any], error: ValidationError) -> Salvaged | None:
    """The largest schema-valid part of `data` found by setting aside failing items, if any."""
    drop: set[Path] = set()
    errors = error.errors()
    kept: dict[Path, list[int]] = {}
    pruned: Any = data
    for _ in range(MAX_PASSES):
        for e in errors:
            path = _original(data_path(tuple(e["loc"]), pruned), kept)
            cut = _cut(path)
            if cut is None:
                return None
            drop.add(cut)
        kept = {}
        pruned = _prune(data, (), drop, kept)
        try:
            scenario = Scenario.model_validate(pruned)
        except ValidationError as again:
            errors = again.errors()
            continue
        ids = frozenset(i for cut in drop for i in _ids(_at(data, cut)))
        return Salvaged(scenario, kept, ids, frozenset(str(cut[0]) for cut in drop))
    return None


def _original(path: Path, kept: dict[Path, list[int]]) -> Path:
    """A path into the pruned document as a path into the original one."""
    out: list[str | int] = []
    for step in path:
        indices = kept.get(tuple(out))
        out.append(indices[step] if isinstance(step, int) and indices is not None else step)
    return tuple(out)


def _cut(path: Path) -> Path | None:
    """What to set aside for an error at `path`: its innermost list item, else a top-level
    field that may be left out; None when the error sits in a required top-level field."""
    for k in range(len(path) - 1, -1, -1):
        if isinstance(path[k], int):
            return path[: k + 1]
    if not path:
        return None
    field = Scenario.model_fields.get(str(path[0]))
    if field is None or not field.is_required():
        return path[:1]
    return None


def _prune(node: Any, path: Path, drop: set[Path], kept: dict[Path, list[int]]) -> Any:
    if isinstance(node, dict):
        return {
            k: _prune(v, (*path, k), drop, kept) for k, v in node.items() if (*path, k) not in drop
        }
    if isinstance(node, list):
        keep = [i for i in range(len(node)) if (*path, i) not in drop]
        kept[path] = keep
        return [_prune(node[i], (*path, i), drop, kept) for i in keep]
    return node


def _at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _ids(node: Any) -> list[str]:
    """Every 'id' in a subtree: references to them would fail only because it was set aside."""
    if isinstance(node, dict):
        own = [node["id"]] if isinstance(node.get("id"), str) else []
        return own + [i for v in node.values() for i in _ids(v)]
    if isinstance(node, list):
        return [i for v in node for i in _ids(v)]
    return []
