"""`redlines validate`: exit 0 valid, 1 invalid, 2 usage; PATH:LINE:COL problems; no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "base.yaml"
BROKEN = FIXTURES / "broken"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def test_valid_file_exits_0_and_prints_no_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BASE)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "ok (A small valid scenario)" in err


def test_all_problems_of_all_files_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [BROKEN / "wrong_type.yaml", BASE, BROKEN / "unknown_role.yaml"]
    assert main(["validate", *map(str, paths)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{paths[0]}:39:18: parties[0].reservation: Input should be a valid number, "
        "unable to parse string as a number (got 'high')",
        f"{paths[2]}:118:15: roles[1]: 'wset' is not a party, a coalition or 'mediator'",
    ]


def test_a_folder_is_validated_file_by_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(BASE, tmp_path / "a.yaml")
    shutil.copy(BROKEN / "tab_indent.yaml", tmp_path / "b.yml")
    (tmp_path / "notes.txt").write_text("not a scenario")
    assert main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{tmp_path / 'b.yml'}:10:1: YAML syntax error in 'kind': "
                                "a tab character; YAML indents with spaces only"]
    assert "2 file(s) checked, 1 invalid, 1 problem(s)" in err


def test_a_folder_without_scenarios_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert capsys.readouterr().out == f"{tmp_path}:1:1: a folder with no .yaml files in it\n"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "missing.yaml", "No such file or directory"),
        (lambda d: d, "a folder with no .yaml files"),
        (lambda d: _write(d / "prog.yaml", b"\x7fELF\x02\x01\x01\x00\x00" * 50), "binary file"),
        (lambda d: _write(d / "latin.yaml", "title: caf\xe9\n".encode("latin-1")), "0xe9"),
        (lambda d: _write(d / "list.yaml", b"- id: x\n- id: y\n"), "mapping of fields, not a list"),
        (lambda d: _write(d / "scalar.yaml", b"just words\n"), "mapping of fields, not a str"),
        (lambda d: _sparse(d / "huge.yaml", 4 * 2**30), "larger than the 1,000,000-byte limit"),
        (lambda d: Path("/dev/zero"), "not a regular file"),
        (lambda d: _write(d / "deep.yaml", b"a: " + b"[" * 100_000 + b"]" * 100_000), "deeper"),
        (lambda d: _write(d / "loop.yaml", b"a: &x [*x]\n"), "deeper"),
    ],
    ids=["missing", "folder", "binary", "latin1", "top-level-list", "scalar", "huge", "device",
         "deep-brackets", "self-alias"],
)
def test_bad_input_gives_a_located_message_and_no_traceback(
    tmp_path: Path, make, words: str
) -> None:
    path = make(tmp_path)
    done = _run("validate", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    first = done.stdout.splitlines()[0]
    assert first.startswith(f"{path}:")
    assert words in first


def _sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space: only the first megabyte may be read."""
    with path.open("wb") as f:
        f.truncate(size)
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("args", [["validate"], ["validate", "--strict", "x"], ["nonsense"]])
def test_wrong_usage_exits_2_with_usage_text(args: list[str]) -> None:
    done = _run(*args)
    assert done.returncode == 2
    assert "usage: redlines" in done.stderr
    assert "Traceback" not in done.stderr


def test_bundled_content_is_valid() -> None:
    content = sorted(str(p) for p in (Path(__file__).parent.parent / "content").glob("*.yaml"))
    assert content
    done = _run("validate", *content)
    assert done.returncode == 0, done.stdout
    assert [line for line in done.stdout.splitlines() if ": warning: " not in line] == []


def test_warnings_are_printed_but_do_not_fail(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "warnings" / "source_never_cited.yaml"
    assert main(["validate", str(path), str(BROKEN / "role_twice.yaml")]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith(f"{path}:17:9: warning: sources[2].id: source 'S3'")
    assert len(out.splitlines()) == 2
    assert "2 file(s) checked, 1 invalid, 1 problem(s), 1 warning(s)" in err
    assert main(["validate", str(path)]) == 0


def test_an_internal_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.files

    def boom(path: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(game.files, "read_scenario", boom)
    monkeypatch.delenv("REDLINES_DEBUG", raising=False)
    assert main(["validate", str(BASE)]) == 70
    err = capsys.readouterr().err
    assert "redlines validate: internal error: RuntimeError: simulated bug" in err
    monkeypatch.setenv("REDLINES_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["validate", str(BASE)])
