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
        told = _misaligned(lines, where[0])
        if told is not None:
            return told
        return _syntax(text, where, "this line does not line up with the lines above it; the "
                       "keys of one mapping, and the items of one list, start in the same column",
                       "indentation"), where
    if what == "could not find expected ':'" and err.context_mark is not None:
        start = (err.context_mark.line + 1, err.context_mark.column + 1)
        return (
            f"YAML indentation error: line {start[0]} starts in column {start[1]}, where the keys "
            "around it start, so YAML reads it as a key, but finds no ':' after it; if it is more "
            "of the text above, indent it like that text"
        ), start
    if what.startswith("expected '<document start>'"):
        first = next((n for n in range(1, len(lines) + 1) if _KEY.match(lines[n - 1])), None)
        if first is not None and lines[first - 1][:1] == " ":
            col = len(_KEY.match(lines[first - 1]).group(1)) + 1  # type: ignore[union-attr]
            return (
                f"YAML indentation error: the first key starts at column {col}, but the keys of "
                "the scenario all start in column 1: move it to column 1"
            ), (first, col)
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


def _content_above(lines: list[str], line: int) -> int | None:
    """The nearest line above a 1-based line that is neither blank nor a comment."""
    for n in range(line - 1, 0, -1):
        if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#"):
            return n
    return None


def _misaligned(lines: list[str], line: int) -> tuple[str, Mark] | None:
    """A key, item or line of text that lines up with nothing above it. A line left of the level
    above it names the nearest level to its right, its likely home; a line right of a key that
    already has its value, or a list item in the column of a key, names where it should go."""
    if line > len(lines):
        return None
    text = lines[line - 1]
    key, dash = _KEY.match(text), _DASH.match(text)
    levels = _levels(lines, line)
    above = _content_above(lines, line)
    if dash:
        col, name = len(dash.group(1)) + 1, "this list item"
    elif key:
        col, name = len(key.group(1)) + 1, f"'{key.group(2)}'"
    else:
        col = len(text) - len(text.lstrip()) + 1
        prev = lines[above - 1] if above else ""
        prev_col = len(prev) - len(prev.lstrip()) + 1
        if above is None or prev_col <= col:
            return None
        return (
            f"YAML indentation error: this line of text starts at column {col}, left of the "
            f"line above it (line {above}, column {prev_col}); the lines of one text keep the "
            f"indentation of its first line: move it to column {prev_col}"
        ), (line, col)
    if not levels:
        return None
    inner_col, inner_name, inner_line = levels[0]
    if (inner_line == above and inner_name != "-" and col > inner_col
            and _opens_block(lines[above - 1])):
        return _misaligned(lines, above)  # the key that opens this block is the stray one
    right = [lv for lv in levels if lv[0] > col]
    what = "items of one list" if dash else "keys of one mapping"
    if right:
        level_col, level_name, level_line = right[-1]
        other = _or_that(lines, level_line, level_name, col) or (
            " (or further left, if it belongs further out)"
        )
        return (
            f"YAML indentation error: {name} starts at column {col}, left of "
            f"{_named(level_name, level_line)} (column {level_col}); the {what} start in the same "
            f"column: move it to column {level_col}{other}"
        ), (line, col)
    if col > inner_col:
        return (
            f"YAML indentation error: {name} starts at column {col}, right of "
            f"{_named(inner_name, inner_line)} (column {inner_col}), where nothing can be nested; "
            f"move it to column {inner_col}{_or_that(lines, inner_line, inner_name, col)}"
        ), (line, col)
    want = "-" if dash else None
    home = next((lv for lv in levels[1:] if (lv[1] == "-") == (want == "-") and lv[0] < col), None)
    if col == inner_col and (inner_name == "-") != bool(dash) and home is not None:
        return (
            f"YAML indentation error: {name} starts at column {col}, in the column of "
            f"{_named(inner_name, inner_line)}; the {what} start in the same column: move it to "
            f"column {home[0]}, as {_named(home[1], home[2])}"
        ), (line, col)
    return None


def _or_that(lines: list[str], line: int, name: str, col: int) -> str:
    """When the level named is a list item, or the first key of one, that item's line may be
    the one out of place: offer moving it instead."""
    found = _KEY.match(lines[line - 1])
    if name == "-":
        return f" (or, if line {line} is the one out of place, move its '-' to column {col})"
    dash = _DASH.match(lines[line - 1])
    if not dash or not found or found.group(2) != name or col <= len(dash.group(1)) + 1:
        return ""  # not an item's first key, or its '-' would have to move left of column 1
    return (
        f" (or, if line {line} is the one out of place, move it so that '{name}' starts in "
        f"column {col})"
    )


def _opens_block(text: str) -> bool:
    """`key:` with nothing after it but a comment: a nested mapping or list follows."""
    key = _KEY.match(text)
    return key is not None and text[len(key.group(0)):].split("#", 1)[0].strip() == ""


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
