"""Reading scenario files and finding the bundled ones: the file-touching shell around the core."""

from __future__ import annotations

from pathlib import Path

from game.scenario import Parsed, Report, parse_scenario
from game.scenario.yamlsafe import MAX_BYTES

DEFAULT_SCENARIO = "tutorial"


def content_dir() -> Path:
    """The bundled scenarios: game/content in an installed wheel, content/ in a source checkout."""
    return find_content(Path(__file__).resolve().parent)


def find_content(package: Path) -> Path:
    """`package` is the folder of the `game` package. (game.content has no __init__.py: it is a
    namespace package, whose importlib.resources path is not a plain folder, so look directly.)"""
    installed = package / "content"
    return installed if installed.is_dir() else package.parent / "content"


def bundled_paths() -> list[Path]:
    return sorted(content_dir().glob("*.yaml"))


def read_scenario(path: Path | str) -> Parsed:
    """Parse a scenario file; unreadable files become a report, never an exception."""
    name = str(path)
    try:
        data = _read_capped(Path(path))
    except IsADirectoryError:
        return Parsed(None, [Report(name, 1, 1, "is a folder, not a scenario file")])
    except OSError as err:
        return Parsed(None, [Report(name, 1, 1, f"cannot read the file: {err.strerror or err}")])
    return parse_scenario(data, name)


def _read_capped(path: Path) -> bytes:
    """At most one byte over the loader's limit, so a huge file or a device cannot fill memory;
    the loader then refuses the oversize text. Pipes and devices are refused (they may block)."""
    if path.exists() and not path.is_file() and not path.is_dir():
        raise OSError(0, "not a regular file")
    with path.open("rb") as f:
        return f.read(MAX_BYTES + 1)


def resolve(id_or_path: str | None) -> Parsed:
    """A bundled scenario by id, or any file by path."""
    wanted = id_or_path or DEFAULT_SCENARIO
    candidate = Path(wanted)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return read_scenario(candidate)
    for path in bundled_paths():
        if path.stem == wanted:
            return read_scenario(path)
    for path in bundled_paths():
        parsed = read_scenario(path)
        if parsed.scenario is not None and parsed.scenario.id == wanted:
            return parsed
    known = ", ".join(p.stem for p in bundled_paths())
    return Parsed(None, [Report(wanted, 1, 1, f"no such scenario; bundled: {known}")])
