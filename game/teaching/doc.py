"""A tiny document model for printed class material, rendered as Markdown or as printable HTML.

Teaching notes and packets are built once as a list of blocks and rendered twice, so the two
formats can never disagree about what a student or an instructor is shown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

FORMATS = ("md", "html")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the document's title
    text: str
    new_page: bool = False  # printed material: start this part on a new sheet


@dataclass(frozen=True)
class Para:
    text: str
    strong: str = ""  # a bold lead-in, e.g. "Contested."
    note: bool = False  # shown as an aside (instructor's notes, warnings)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    blank_rows: int = 0  # empty rows to write in (score sheets)
    right: frozenset[int] = field(default_factory=frozenset)  # columns of figures


Block = Heading | Para | Bullets | Table


def cite(sources: list[str] | tuple[str, ...]) -> str:
    """' (S1, S3)', or nothing for a text that cites no source."""
    return f" ({', '.join(sources)})" if sources else ""


def cited(text: str, sources: list[str] | tuple[str, ...]) -> str:
    """The text with its sources after it, unless it already names every one of them inline
    (scenario descriptions often do: "... (S3)"), so a citation is never printed twice."""
    inline = set(re.findall(r"\bS\d+\b", text))
    return text if sources and set(sources) <= inline else text + cite(sources)


def render(blocks: list[Block], fmt: str, title: str) -> str:
    if fmt == "md":
        return to_markdown(blocks)
    if fmt == "html":
        return to_html(blocks, title)
    raise ValueError(f"unknown format '{fmt}'; use one of: {', '.join(FORMATS)}")


def _md_cell(text: str) -> str:
    """A table cell: pipes escaped, line breaks (a cell's list of options) as <br>."""
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + b.text, ""]
        elif isinstance(b, Para):
            lead = f"**{b.strong}** " if b.strong else ""
            out += [(("> " if b.note else "") + lead + b.text).rstrip(), ""]
        elif isinstance(b, Bullets):
            out += [(f"{k}. " if b.numbered else "- ") + item
                    for k, item in enumerate(b.items, start=1)] + [""]
        else:
            out.append("| " + " | ".join(_md_cell(h) for h in b.header) + " |")
            out.append("|" + "|".join("---:" if c in b.right else "---"
                                      for c in range(len(b.header))) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows]
            out += ["|" + "|".join(" " for _ in b.header) + "|"] * b.blank_rows
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
h1 { font-size: 1.7em; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
table { border-collapse: collapse; margin: .6em 0 1em; width: 100%; }
th, td { border: 1px solid #666; padding: .25em .45em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.blank td { height: 2.2em; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: .9em; }
.note { border-left: 4px solid #888; padding: .2em .8em; background: #f5f5f5; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  .new-page { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, li, .note { break-inside: avoid; }
  th { background: #ddd !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { size: A4; margin: 16mm 14mm; }
"""


def _inline(text: str) -> str:
    """Escaped text; `command` spans in code type, line breaks kept."""
    escaped = html.escape(text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped).replace("\n", "<br>")


def to_html(blocks: list[Block], title: str) -> str:
    e = _inline
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    for b in blocks:
        if isinstance(b, Heading):
            cls = ' class="new-page"' if b.new_page else ""
            out.append(f"<h{b.level}{cls}>{e(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            lead = f"<strong>{e(b.strong)}</strong> " if b.strong else ""
            cls = ' class="note"' if b.note else ""
            out.append(f"<p{cls}>{lead}{e(b.text)}</p>")
        elif isinstance(b, Bullets):
            tag = "ol" if b.numbered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{e(i)}</li>" for i in b.items) + f"</{tag}>")
        else:
            head = "".join(f"<th>{e(h)}</th>" for h in b.header)
            rows = [
                "<tr>" + "".join(
                    f'<td class="num">{e(c)}</td>' if k in b.right else f"<td>{e(c)}</td>"
                    for k, c in enumerate(row)
                ) + "</tr>"
                for row in b.rows
            ]
            rows += ['<tr class="blank">' + "<td></td>" * len(b.header) + "</tr>"] * b.blank_rows
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
                       "</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
