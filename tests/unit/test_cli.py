"""The command line's exit codes: 0 ok, 1 data invalid, 2 usage, 3 environment, 70 a bug (with its traceback)."""
from __future__ import annotations

import time

import pytest

from analysis import cli
from analysis.core.errors import EXIT_CODES, DataError, DataErrors


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "exit codes:" in out and all(f"  {code:<3} {text}" in out for code, text in EXIT_CODES.items())
    with pytest.raises(SystemExit):
        cli.main(["validate", "--help"])
    assert "exit codes:" in capsys.readouterr().out


def test_a_bad_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["validate", "--no-such-option"])
    assert stop.value.code == 2


def test_unknown_country_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["profile", "XQZ", "--out", str(tmp_path / "out")]) == 2
    assert "unknown country code 'XQZ'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_folders_are_environment_errors(tmp_path, capsys):
    assert cli.main(["validate", "--data-dir", str(tmp_path / "nowhere")]) == 3
    assert "data folder" in capsys.readouterr().err
    assert cli.main(["build", "--sources", str(tmp_path / "nowhere"), "--out", str(tmp_path / "d")]) == 3
    assert "sources folder" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("x")
    assert cli.main(["build", "--sources", str(tmp_path), "--out", str(tmp_path / "a-file")]) == 3
    assert "is a file, not a folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]     # nothing written beside it


def test_a_missing_notebook_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["run-notebooks", str(tmp_path / "nope.ipynb")]) == 2
    assert "no such notebook" in capsys.readouterr().err and not (tmp_path / "nope.ipynb").exists()


@pytest.mark.parametrize("command", [["profile", "JPN"], ["report", "--only", "--countries", "JPN"]])
def test_an_unwritable_out_fails_before_anything_runs(tmp_path, capsys, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    started = time.perf_counter()
    assert cli.main([*command, "--out", str(blocker / "report")]) == 3
    assert time.perf_counter() - started < 10          # no notebook was executed
    err = capsys.readouterr().err
    assert f"output folder {blocker / 'report'} is not writable" in err and "Traceback" not in err


def test_invalid_data_is_exit_1(tmp_path, capsys):
    (tmp_path / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    assert cli.main(["validate", "--data-dir", str(tmp_path)]) == 1
    assert "datapackage.json, row 1: not valid JSON" in capsys.readouterr().err


def test_a_bug_prints_its_traceback_and_exits_70(monkeypatch, capsys):
    def broken(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "_validate", broken)
    assert cli.main(["validate"]) == 70
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError" in err and "a bug" in err


def test_a_notebook_stopping_on_data_is_1_and_on_a_bug_70(capsys):
    class Failure(Exception):
        def __init__(self, ename):
            super().__init__(f"cell failed: {ename}")
            self.ename, self.evalue, self.exec_count = ename, "boom", 3

    assert cli._notebook_failure(Failure("DataErrors"), "the profile") == 1
    assert "stopped on invalid data (cell 3): DataErrors: boom" in capsys.readouterr().err
    assert cli._notebook_failure(Failure("KeyError"), "the profile") == 70
    assert "a bug" in capsys.readouterr().err



def test_build_lists_data_errors_and_exits_1(monkeypatch, tmp_path, capsys):
    import analysis.data.build.pipeline as pipeline

    def failing_build(*args, **kwargs):
        raise DataErrors([DataError("undl.csv", "A/RES/75/240 (X75-240): JAPAN (JPN) is 'yes' here", row=7,
                                    column="ms_vote"), DataError("undl.csv", "second", row=9, column="total_yes")])

    monkeypatch.setattr(pipeline, "build", failing_build)
    undl = tmp_path / "undl.csv"
    undl.write_text("undl_id\n")
    code = cli.main(["build", "--sources", str(tmp_path), "--out", str(tmp_path / "out"), "--undl", str(undl)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == ["ERROR undl.csv, row 7, column 'ms_vote': A/RES/75/240 (X75-240): JAPAN (JPN) is 'yes' here",
                   "ERROR undl.csv, row 9, column 'total_yes': second",
                   f"build stopped: 2 problem(s); nothing was written to {tmp_path / 'out'}"]


def test_build_with_a_missing_download_exits_2(tmp_path, capsys):
    code = cli.main(["build", "--sources", str(tmp_path), "--undl", str(tmp_path / "nowhere.csv")])
    assert code == 2 and "nowhere.csv not found" in capsys.readouterr().err
