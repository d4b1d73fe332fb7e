"""Plain `redlines` and `redlines --option ...` both mean `redlines play`."""

from __future__ import annotations

import pytest

from game import cli


@pytest.mark.parametrize(
    ("argv", "expected"),
    [([], ["play"]), (["--seed", "3"], ["play", "--seed", "3"]), (["scenarios"], ["scenarios"])],
)
def test_options_without_a_command_go_to_play(
    argv: list[str], expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = cli.build_parser

    def spy() -> object:
        parser = real()
        original = parser.parse_args

        def parse(args: list[str]) -> object:
            seen.extend(args)
            return original(args)

        parser.parse_args = parse  # type: ignore[method-assign]
        return parser

    monkeypatch.setattr(cli, "build_parser", spy)
    monkeypatch.setattr("game.commands.play.run", lambda args: 0)
    monkeypatch.setattr("game.commands.scenarios.run", lambda args: 0)
    assert cli.main(argv) == 0
    assert seen == expected


def test_unknown_role_is_a_clear_error_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--role", "nobody"]) == 1
    err = capsys.readouterr().err
    assert "no role 'nobody'" in err
    assert "Traceback" not in err
