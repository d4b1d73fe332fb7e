"""Strict, bounded YAML reading that remembers where every value came from.

PyYAML's own loaders construct objects, keep the last of duplicate keys and expand aliases without
limit. Here the text is only *composed* into nodes (no object construction), then walked by hand:
duplicate keys are errors (the first value is kept so that checking goes on), the walk is capped so
an alias bomb cannot exhaust memory or time, and every mapping key and value records its line and
column for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from yaml._yaml import Mark as CMark  # libyaml's mark: the fast parser's events carry it

from game.scenario.controls import describe, first_control, strip
from game.scenario.yamlhints import BREAKS as _BREAKS
from game.scenario.yamlhints import explain
from game.scenario.yamlhints import key_on_line as _key_on_line

MAX_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64

Path = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line and column

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (a path into the document, or a mark) and what."""

    path: Path
    message: str
    mark: Mark | None = None
    see: Path | None = None  # another place the message refers to ("first given at line N")
    needs: str | None = None  # a top-level list the problem is about: moot if items were set aside
    ref: tuple[str, str, str] | None = None  # ("unknown" or "missing", kind, id), see renames.py


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Located:
    """A plain Python document with the position of each value and each mapping key."""

    data: Any
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading, not fatal

    def mark_of(self, path: Path, *, key: bool = False) -> Mark:
        """The position of `path`, or of its nearest ancestor that exists in the document."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


def dotted(path: Path) -> str:
    """('parties', 0, 'weights') -> 'parties[0].weights'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def decode(data: bytes) -> str:
    """Bytes to text, refusing oversize and binary files and naming the field of a bad byte."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(
            Problem((), f"the file is larger than the {MAX_BYTES:,}-byte limit", (1, 1))
        )
    if b"\0" in data:
        raise YamlProblem(
            Problem((), "this is a binary file (or UTF-16 text), not UTF-8 YAML", (1, 1))
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        col = len(data[start : err.start].decode("utf-8", "replace")) + 1
        path = _path_at(data.decode("utf-8", "replace"), (line, col))
        raise YamlProblem(
            Problem(
                path,
                f"byte 0x{data[err.start]:02x} is not valid UTF-8; save the file as UTF-8",
                (line, col),
            )
        ) from None
    return text.removeprefix("\ufeff")


def _path_at(text: str, mark: Mark) -> Path:
    """The deepest value starting at or before `mark`, to name the field a bad byte sits in."""
    try:
        located = compose(text)
    except YamlProblem:
        return ()
    before = [(m, len(p), p) for p, m in located.values.items() if m <= mark]
    return max(before)[2] if before else ()


def _reader_problem(err: yaml.reader.ReaderError, text: str) -> Problem:
    """A control character YAML refuses, located by its position in the text."""
    before = _BREAKS.split(text[: err.position])
    where = (len(before), len(before[-1]) + 1)
    key = _key_on_line(text, where[0])
    at = f" in '{key}'" if key else ""
    code = err.character if isinstance(err.character, int) else ord(err.character)
    return Problem((), f"character U+{code:04X}{at} is not allowed in YAML text", where)


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> Problem:
    """A PyYAML error as a Problem on the line to fix, in the author's words."""
    message, where = explain(err, text)
    return Problem((), message, where)


def compose(text: str, *, fast: bool = True) -> Located:
    """Parse YAML text into plain data with marks; raise YamlProblem on the first syntax error.

    libyaml (when PyYAML has it) composes valid files several times faster; a file it refuses is
    parsed again by PyYAML's own parser, whose error messages the hints above are written for.
    """
    _check_depth(text, fast=fast)
    try:
        node = _compose_fast(text) if fast else None
        if node is None:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        raise YamlProblem(_syntax_problem(err, text)) from None
    except yaml.reader.ReaderError as err:
        raise YamlProblem(_reader_problem(err, text)) from None
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks nearly everything
        raise YamlProblem(Problem((), f"YAML error: {err}", (1, 1))) from None
    located = Located(data=None)
    if node is None:
        raise YamlProblem(Problem((), "the file is empty; a scenario is a mapping of fields"))
    located.data = _Walker(located).walk(node, (), 0)
    return located


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_depth(text: str, *, fast: bool) -> None:
    """Refuse deep nesting before composing: both composers recurse once per level, and 100,000
    nested brackets would overflow the stack (libyaml crashes the interpreter). The event parsers
    keep their own stacks, so they can walk any nesting; this stops at the first level too deep."""
    loaders: list[type[yaml.SafeLoader] | type[yaml.CSafeLoader]] = [yaml.SafeLoader]
    if fast and hasattr(yaml, "CSafeLoader"):
        loaders.insert(0, yaml.CSafeLoader)
    for loader in loaders:
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, _OPEN):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise YamlProblem(_too_deep(text, event.start_mark))
                elif isinstance(event, _CLOSE):
                    depth -= 1
            return
        except yaml.YAMLError:
            continue  # depth was checked up to the error; the other parser may stop later


def _too_deep(text: str, mark: yaml.Mark | CMark | None) -> Problem:
    if mark is None:  # both parsers mark every event; the stubs allow for none
        return Problem((), f"nested deeper than {MAX_DEPTH} levels")
    key = _key_on_line(text, mark.line + 1)
    at = f"{key}: " if key else ""
    where = (mark.line + 1, mark.column + 1)
    return Problem((), f"{at}nested deeper than {MAX_DEPTH} levels", where)


def _compose_fast(text: str) -> yaml.Node | None:
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None or not text.strip():
        return None
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return None


class _Walker:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def walk(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            top = path[:1]
            raise YamlProblem(
                Problem(top, f"expands to over {MAX_NODES:,} values; aliases ('*name') repeat "
                        "too much (an alias bomb?)", self.located.keys.get(top, _mark(node)))
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(
                Problem(path[:1], f"nested deeper than {MAX_DEPTH} levels", _mark(node))
            )
        self.located.values.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag not in ("tag:yaml.org,2002:seq",):
                raise YamlProblem(Problem(path, f"tag {node.tag!r} is not allowed", _mark(node)))
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            raise YamlProblem(Problem(path, f"tag {node.tag!r} is not allowed", _mark(node)))
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    Problem(path, "a mapping key must be plain text", _mark(key_node))
                )
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    Problem(path, "merge keys ('<<') are not supported", _mark(key_node))
                )
            key = str(key_node.value)
            if key in out:  # reported, and the first value kept, so checking goes on
                first = self.located.keys[(*path, key)]
                message = f"duplicate key '{key}' (first given at line {first[0]})"
                self.located.problems.append(Problem((*path, key), message, _mark(key_node)))
                continue
            self.located.keys[(*path, key)] = _mark(key_node)
            out[key] = self.walk(value_node, (*path, key), depth + 1)
        return out

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise YamlProblem(Problem(path, f"tag {node.tag!r} is not allowed", _mark(node)))
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text: the format stores them as written
        if node.tag == "tag:yaml.org,2002:str" and first_control(str(node.value)) is not None:
            # Reported where it is, and removed so that checking goes on without a second report.
            line, col = _mark(node)
            self.located.problems.append(Problem(path, describe(node.value), (line, col)))
            return strip(node.value)
        try:
            return self.constructor.construct_object(node)
        except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
            raise YamlProblem(Problem(path, f"the number {str(node.value)[:12]}… is too long "
                                      "(no value in a scenario needs more than a few digits)",
                                      _mark(node))) from None
