"""PyYAML's syntax errors retold in an author's words, on the line the author should fix.

PyYAML reports where its parser gave up, in parser terms ("expected <block end>, but found '?'").
An author needs the cause: a key indented less or more than its neighbours, a ': ' inside plain
text, a second document. The layout of the lines around the error is enough to tell these apart.
"""

from __future__ import annotations

import re

import yaml

Mark = tuple[int, int]  # 1-based line and column

_KEY = re.compile(r"^(\s*(?:-\s+)*)([A-Za-z_][\w-]*)\s*:(?=\s|$)")
_DASH = re.compile(r"^(\s*)-(?=\s|$)")
BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as PyYAML counts them

_HINTS = {
    "mapping values are not allowed here": "a ': ' inside plain text? put the text in quotes",
}
_OPENERS = {
    "while scanning a quoted scalar": "a quoted text",
    "while parsing a flow sequence": "a '[' list",
    "while parsing a flow mapping": "a '{' mapping",
}


def key_on_line(text: str, line: int) -> str | None:
    """The mapping key written at the start of a 1-based line, to name it in a message."""
    lines = BREAKS.split(text, maxsplit=line)
    found = _KEY.match(lines[line - 1]) if line <= len(lines) else None
    return found.group(2) if found else None


def explain(err: yaml.MarkedYAMLError, text: str) -> tuple[str, Mark]:
    """The message for a syntax error, and the place to show it."""
    mark = err.problem_mark or err.context_mark
    what = err.problem or "invalid YAML"
    where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = BREAKS.split(text)
    if what == "but found another document":
        return (
            "the file holds a second YAML document, starting at this '---'; a scenario file "
            "holds one: remove the '---', and move what follows to a file of its own if it is "
            "another scenario"
        ), where
    if what.startswith("expected <block end>"):
        told = _dedented(lines, where)
        if told is not None:
            return told
    if what == "mapping values are not allowed here":
        told = _read_as_text(lines, where)
        if told is not None:
            return told
    if "\t" in what or "'\\t'" in what:
        what = "a tab character; YAML indents with spaces only"
    elif what in _HINTS:
        what = f"{what} ({_HINTS[what]})"
    opened = _OPENERS.get(err.context or "")
    if opened and err.context_mark and mark and err.context_mark.line < mark.line:
        what = f"{opened} is never closed ({what} at line {mark.line + 1})"
        where = (err.context_mark.line + 1, err.context_mark.column + 1)
    return _syntax(text, where, what), where


def _syntax(text: str, where: Mark, what: str, kind: str = "syntax") -> str:
    key = key_on_line(text, where[0])
    at = f" in '{key}'" if key else ""
    return f"YAML {kind} error{at}: {what}"


def _levels(lines: list[str], line: int) -> list[tuple[int, str, int]]:
    """The indentation levels open above a 1-based line: (column, key or '-', line), innermost
    first, each further left than the one before."""
    out: list[tuple[int, str, int]] = []
    limit = 10**9
    for n in range(line - 1, 0, -1):
        text = lines[n - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        found = []
        key = _KEY.match(text)
        if key:
            found.append((len(key.group(1)) + 1, key.group(2), n))
        dash = _DASH.match(text)
        if dash:
            found.append((len(dash.group(1)) + 1, "-", n))
        if not found:
            continue
        for col, name, at in sorted(found, reverse=True):
            if col < limit:
                out.append((col, name, at))
                limit = col
        if limit == 1:
            break
    return out


def _named(name: str, line: int) -> str:
    return f"the list item on line {line}" if name == "-" else f"'{name}' on line {line}"


def _dedented(lines: list[str], where: Mark) -> tuple[str, Mark] | None:
    """A key or item that starts left of the mapping or list it follows, but right of the one
    around that: it belongs to neither. Name the nearest level to its right, its likely home."""
    line, _ = where
    if line > len(lines):
        return None
    text = lines[line - 1]
    key, dash = _KEY.match(text), _DASH.match(text)
    if dash:
        col, name = len(dash.group(1)) + 1, "this list item"
    elif key:
        col, name = len(key.group(1)) + 1, f"'{key.group(2)}'"
    else:
        return None
    right = [lv for lv in _levels(lines, line) if lv[0] > col]
    if not right:
        return None
    level_col, level_name, level_line = right[-1]
    what = "items of one list" if name == "this list item" else "keys of one mapping"
    message = (
        f"YAML indentation error: {name} starts at column {col}, left of "
        f"{_named(level_name, level_line)} (column {level_col}); the {what} start in the same "
        f"column: move it to column {level_col} (or further left, if it belongs further out)"
    )
    return message, (line, col)


def _read_as_text(lines: list[str], where: Mark) -> tuple[str, Mark] | None:
    """`key: value` followed by a line indented further: YAML reads that line as more of the
    value's text, and stops at its ': '. Either that line is indented too far, or the line above
    it too little (when the line above that lines up with it)."""
    line, col = where
    if line > len(lines):
        return None
    key = _KEY.match(lines[line - 1])
    if key is None or len(key.group(0)) != col:  # the ': ' is inside text, not after the key
        return None
    own = len(key.group(1)) + 1
    above = [n for n in range(line - 1, 0, -1) if lines[n - 1].strip()
             and not lines[n - 1].lstrip().startswith("#")]
    if not above:
        return None
    prev = _KEY.match(lines[above[0] - 1])
    if prev is None or len(prev.group(1)) + 1 >= own:
        return None
    prev_col, prev_name = len(prev.group(1)) + 1, prev.group(2)
    before = _KEY.match(lines[above[1] - 1]) if len(above) > 1 else None
    if before is not None and len(before.group(1)) + 1 == own and _stray(lines, above[0], prev_col):
        message = (
            f"YAML indentation error: '{prev_name}' starts at column {prev_col}, left of "
            f"'{before.group(2)}' above it and '{key.group(2)}' below it (column {own}); move it "
            f"to column {own}"
        )
        return message, (above[0], prev_col)
    message = (
        f"YAML indentation error: '{key.group(2)}' starts at column {own}, right of "
        f"'{prev_name}' on line {above[0]} (column {prev_col}), so YAML reads it as more of "
        f"{prev_name}'s text; move it to column {prev_col} (or, if the ': ' belongs to the text, "
        "put the text in quotes)"
    )
    return message, (line, own)


def _stray(lines: list[str], line: int, col: int) -> bool:
    """Whether a key at `col` on `line` has left the list item it sits in: going outwards, a
    list item further right comes before any key in its own column."""
    for level_col, name, _ in _levels(lines, line):
        if level_col == col and name != "-":
            return False
        if name == "-" and level_col > col:
            return True
    return False
