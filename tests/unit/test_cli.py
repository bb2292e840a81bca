"""The command line turns data problems into listed errors and an exit code, never a traceback."""
from analysis import cli
from analysis.core.errors import DataError, DataErrors


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
