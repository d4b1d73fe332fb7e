"""Scenario bytes to a `Scenario`, or to every problem found, each with its line and column."""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from game.scenario.advice import advise
from game.scenario.checks import cross_check
from game.scenario.models import Scenario
from game.scenario.renames import collapse
from game.scenario.salvage import data_path, salvage
from game.scenario.yamlhints import BREAKS
from game.scenario.yamlsafe import (
    Located,
    Path,
    Problem,
    YamlProblem,
    compose,
    decode,
    dotted,
)


@dataclass(frozen=True)
class Report:
    """Where a problem is, ready to print as `NAME:LINE:COL: message`."""

    name: str
    line: int
    col: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        message = self.message.replace("\r", " ").replace("\n", " ")  # one problem, one line
        kind = "warning: " if self.warning else ""
        return f"{self.name}:{self.line}:{self.col}: {kind}{message}"


@dataclass(frozen=True)
class Parsed:
    """The scenario when it is valid (else None), its errors, and warnings that never fail it."""

    scenario: Scenario | None
    reports: list[Report]
    warnings: list[Report] = field(default_factory=list)


def parse_scenario(data: bytes, name: str) -> Parsed:
    """Read one scenario file's bytes; `name` is what reports call the file."""
    try:
        text = decode(data)
        located = compose(text)
    except YamlProblem as err:
        mark = err.problem.mark or (1, 1)
        where = dotted(err.problem.path)
        msg = f"{where}: {err.problem.message}" if where else err.problem.message
        return Parsed(None, [Report(name, mark[0], mark[1], msg)])
    if not isinstance(located.data, dict):
        kind = type(located.data).__name__.replace("NoneType", "nothing")
        message = f"a scenario is a mapping of fields, not a {kind}"
        return Parsed(None, [Report(name, 1, 1, message)])
    problems = list(located.problems)
    try:
        scenario = Scenario.model_validate(located.data)
    except ValidationError as err:
        problems += _too_deep(_schema_problems(err.errors(), located.data), located, text)
        part = salvage(located.data, err)
        if part is not None:
            checked = collapse(
                part.scenario, cross_check(part.scenario),
                lambda path: located.mark_of(part.original(path))[0],
            )
            found = (part.relevant(p) for p in checked)
            problems += [p for p in found if p is not None]
        return Parsed(None, _reports(problems, located, name))
    checked = collapse(scenario, cross_check(scenario), lambda path: located.mark_of(path)[0])
    reports = _reports(problems + checked, located, name)
    warnings = _reports(advise(scenario), located, name, warning=True)
    return Parsed(None if reports else scenario, reports, warnings)


def _reports(
    problems: list[Problem], located: Located, name: str, *, warning: bool = False
) -> list[Report]:
    out: list[Report] = []
    seen: set[str] = set()
    for p in problems:
        at_key = p.message.startswith(("unknown field", _TEXT_AS_KEY))
        line, col = p.mark or located.mark_of(p.path, key=at_key)
        where = dotted(p.path[:-1] if p.message.startswith(_TEXT_AS_KEY) else p.path)
        message = p.message
        if p.see is not None:
            message += f" (first at line {located.mark_of(p.see)[0]})"
        report = Report(name, line, col, f"{where}: {message}" if where else message, warning)
        if str(report) not in seen:
            seen.add(str(report))
            out.append(report)
    return sorted(out, key=lambda r: (r.line, r.col))


def _schema_problems(errors: list[Any], data: Any) -> list[Problem]:
    """Pydantic's errors as problems; a misspelt required field is one problem, not two."""
    problems = [_from_pydantic(e, data) for e in errors]
    hinted = {(p.path[:-1], m.group(1)) for p in problems if (m := _DID_YOU_MEAN.search(p.message))}
    # a line of text read as a key leaves the text it belongs to empty: one mistake, one message
    texty = {p.path[:-1] for p in problems if p.message.startswith(_TEXT_AS_KEY)}
    return [
        p for p in problems
        if not ((m := _MISSING.match(p.message)) and (p.path, m.group(1)) in hinted)
        and not (p.path[:-1] in texty and p.message.startswith("String should have at least 1"))
    ]


_TEXT_AS_KEY = "a line of text"


def _too_deep(problems: list[Problem], located: Located, text: str) -> list[Problem]:
    """A required field that is missing where it belongs but written one level in (indented too
    far, under the key above it) is one mistake: say so at the key, and drop what it caused."""
    out = list(problems)
    for p in problems:
        m = _MISSING.match(p.message)
        if m is None:
            continue
        field_name, n = m.group(1), len(p.path)
        inside = [k for k in located.keys if len(k) > n + 1 and k[:n] == p.path
                  and k[-1] == field_name]
        if not inside:
            in_text = _key_in_text(p.path, field_name, located, text)
            if in_text is not None:
                out = [q if q is not p else in_text for q in out]
            continue
        where = min(inside, key=len)
        parent = where[:-1]
        if not isinstance(parent[-1], str):
            continue
        line = located.keys.get(parent, located.mark_of(parent))[0]
        out = [q for q in out if q is not p and q.path[: len(where)] != where]
        out.append(Problem(
            where,
            f"'{field_name}' is indented too far: it sits inside '{parent[-1]}' (line {line}), "
            f"but belongs one level out; line it up with '{parent[-1]}'",
            located.keys[where],
        ))
    return out


def _key_in_text(path: Path, field_name: str, located: Located, text: str) -> Problem | None:
    """A missing field written inside the item, indented so far that YAML took it for more of
    the text value above it: a line of the item's span that reads `field_name: ...` but is no key.
    """
    start = located.mark_of(path)[0]
    ends = [m[0] for q, m in located.values.items() if m[0] > start and q[: len(path)] != path]
    end = min(ends, default=start + 200)
    lines = BREAKS.split(text)
    keyed = {m[0] for q, m in located.keys.items() if q[: len(path)] == path}
    for n in range(start, min(end, len(lines) + 1)):
        line = lines[n - 1]
        if line.lstrip().startswith(f"{field_name}:") and n not in keyed:
            col = len(line) - len(line.lstrip()) + 1
            owner = max((q for q, m in located.keys.items() if q[: len(path)] == path
                         and m[0] < n), key=lambda q: located.keys[q], default=None)
            what = f"more of the text of '{owner[-1]}'" if owner else "more of the text above it"
            return Problem(
                (*path, field_name),
                f"'{field_name}' is indented too far: YAML reads it as {what}; line it up with "
                f"the keys of this item",
                (n, col),
            )
    return None


_DID_YOU_MEAN = re.compile(r"^unknown field .*; did you mean '([^']+)'\?$")
_MISSING = re.compile(r"^missing required field '([^']+)'$")


def _from_pydantic(error: Any, data: Any) -> Problem:
    path = data_path(tuple(error["loc"]), data)
    kind = error["type"]
    if kind == "extra_forbidden":
        field = str(path[-1]) if path else "?"
        if " " in field.strip():
            shown = field if len(field) <= 40 else field[:37] + "..."
            return Problem(path, f"{_TEXT_AS_KEY} ('{shown}') starts in the column of the keys, "
                           "so YAML reads it as a key: indent it like the text above it")
        allowed = _allowed_fields(path[:-1], data)
        hint = difflib.get_close_matches(field, allowed, n=1)
        tip = f"; did you mean '{hint[0]}'?" if hint else ""
        if allowed and not hint:
            tip = f"; allowed here: {', '.join(sorted(allowed))}"
        return Problem(path, f"unknown field '{field}'{tip}")
    if kind == "missing" and path:
        return Problem(path[:-1], f"missing required field '{path[-1]}'")
    message = error["msg"]
    if kind == "union_tag_invalid":
        tags = ", ".join(sorted(error["ctx"]["expected_tags"].replace("'", "").split(", ")))
        given = error["ctx"]["tag"]
        return Problem((*path, "type"), f"unknown event type '{given}'; use one of: {tags}")
    if kind == "union_tag_not_found":
        return Problem(path, "an event needs a 'type' field")
    if kind.startswith("value_error"):
        return Problem(_form_key(path, error.get("input")), message.removeprefix("Value error, "))
    return Problem(path, message + _given(kind, error.get("input")))


_FORMS = ("forbid", "require", "when", "then")


def _form_key(path: Path, node: Any) -> Path:
    """For a red line using too many forms (or 'when' without 'then'), point at the last form
    written, the likeliest addition, rather than at the start of the red line."""
    if not isinstance(node, dict):
        return path
    present = [k for k in node if k in _FORMS]
    return (*path, present[-1]) if present else path


def _given(kind: str, value: Any) -> str:
    """What was written, when the schema names only what it expected."""
    if isinstance(value, dict | list) or value is None:
        return ""
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
    tip = "; put it in quotes" if kind == "string_type" and isinstance(value, int | float) else ""
    return f" (got {shown}{tip})"


def _allowed_fields(path: Path, data: Any) -> list[str]:
    """The field names the model at `path` accepts, for 'did you mean' hints."""
    model: Any = Scenario
    node: Any = data
    for step in path:
        model = _unwrap(model, node)
        if isinstance(model, type) and issubclass(model, BaseModel):
            field = model.model_fields.get(str(step))
            if field is None:
                return []
            model = field.annotation
        elif get_origin(model) in (list, dict):
            model = get_args(model)[-1]
        else:
            return []
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    model = _unwrap(model, node)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _unwrap(model: Any, node: Any) -> Any:
    """Strip Annotated/Optional, and pick the union member an event's 'type' names."""
    while True:
        origin = get_origin(model)
        if origin is typing.Annotated:
            model = get_args(model)[0]
        elif origin in (Union, types.UnionType):
            members = [m for m in get_args(model) if m is not type(None)]
            picked = members[0]
            if isinstance(node, dict):
                for m in members:
                    tag = getattr(m, "model_fields", {}).get("type")
                    if tag is not None and node.get("type") in get_args(tag.annotation):
                        picked = m
            model = picked
        else:
            return model
