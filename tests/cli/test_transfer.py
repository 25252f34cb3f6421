"""export, import and backup from the command line."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from letdown.cli import cli


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def fill() -> None:
    assert run("baby", "add", "Ada", "--born", "2026-10-01").exit_code == 0
    run("profile", "--pseudonym", "Sam")
    run("log", "-k", "pump", "-s", "both", "-m", "20", "--letdown", "1:35", "--left-ml", "40",
        "--notes", 'line one\nline "two", with comma')
    run("log", "-k", "breastfeed", "-s", "left", "--start", "2026-11-01 03:10", "-m", "15")
    run("weight", "add", "4100", "--date", "2026-11-20")
    run("diapers", "add", "--wet", "6", "--dirty", "2")


def use_fresh_journal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(tmp_path / name))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_empty_journal_is_identical(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    before = run("export").output
    target = tmp_path / f"out.{'json' if fmt == 'json' else 'zip'}"
    result = run("export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0 and "exported 2 sessions, 1 babies" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert run("export", "--format", fmt, "-o", str(target)).exit_code == 2  # no overwrite
    use_fresh_journal(monkeypatch, tmp_path, "second")
    result = run("import", str(target))
    assert result.exit_code == 0, result.output
    assert "imported 2 sessions, 1 babies, 1 weights, 1 diaper counts, a profile" in (
        result.output)
    assert run("export").output == before
    assert json.loads(before)["sessions"][1]["notes"] == 'line one\nline "two", with comma'


def test_bad_file_is_refused_whole_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    lines = run("export").output.splitlines()
    index = next(i for i, line in enumerate(lines) if '"kind": "breastfeed"' in line)
    lines[index] = lines[index].replace('"pain": null', '"pain": 14')
    bad = tmp_path / "bad.json"
    bad.write_text("\n".join(lines))
    use_fresh_journal(monkeypatch, tmp_path, "second")
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert (f"error: bad.json line {index + 1}, session #1 (id 2), field pain: Input should "
            "be less than or "
            "equal to 10 (allowed: 0 to 10)") in result.output
    assert "Nothing was imported." in result.output
    assert json.loads(run("export").output)["sessions"] == []
    assert run("import", "--dry-run", str(bad)).exit_code == 2


def test_import_dry_run_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill()
    target = tmp_path / "x.zip"
    run("export", "-f", "csv", "-o", str(target))
    use_fresh_journal(monkeypatch, tmp_path, "second")
    result = run("import", "--dry-run", str(target))
    assert result.exit_code == 0 and "x.zip is fine: 2 sessions" in result.output
    assert "No sessions yet" in run("sessions").output


def test_backup_to_a_file_is_a_verified_private_copy_of_the_journal(tmp_path: Path) -> None:
    fill()
    (tmp_path / "out").mkdir()
    copy = tmp_path / "out" / "journal.sqlite3"
    result = run("backup", str(copy))
    assert result.exit_code == 0, result.output
    assert "backed up 2 sessions" in result.output and "integrity check: ok" in result.output
    assert [p.name for p in copy.parent.iterdir()] == [copy.name]  # no temporary left
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT COUNT(*) FROM session").fetchone() == (2,)
    assert run("backup", str(copy)).exit_code == 2  # no silent overwrite
    assert run("backup", str(copy), "--force").exit_code == 0
    nowhere = run("backup", str(tmp_path / "missing" / "copy.sqlite3"))
    assert nowhere.exit_code == 2 and "PATH: there is no folder" in nowhere.output


def test_backup_to_a_directory_keeps_photos_sounds_and_answers_and_opens_as_a_data_dir(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    media = isolated_home / "media"
    media.mkdir()
    (media / "a1b2.jpg").write_bytes(b"\xff\xd8\xff photo")
    (media / "a1b2.jpg.label").write_text("Ada asleep")
    (media / "c3d4.m4a").write_bytes(b"sound")
    (media / ".e5f6.png.part").write_bytes(b"half an upload")
    (isolated_home / "advisor-answers.json").write_text('{"feeding_mode": "pumping"}')
    backups = tmp_path / "backups"
    backups.mkdir()
    result = run("backup", str(backups))
    assert result.exit_code == 0, result.output
    assert "backed up 2 sessions, 2 photo, video or sound files, the advisor's answers" in (
        result.output)
    [folder] = backups.iterdir()
    assert folder.name.startswith("letdown-backup-")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in (folder / "media").iterdir()) == [
        "a1b2.jpg", "a1b2.jpg.label", "c3d4.m4a"]
    assert (folder / "media" / "a1b2.jpg.label").read_text() == "Ada asleep"
    assert (folder / "advisor-answers.json").read_text() == '{"feeding_mode": "pumping"}'
    before = run("sessions").output
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(folder))  # the backup opens as it is
    assert run("sessions").output == before
    assert "Ada" in run("baby", "list").output


def test_backup_explains_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LETDOWN_DATABASE_URL", "postgresql+psycopg://u@/db?host=/nowhere")
    result = run("backup", "x.sqlite3")
    assert result.exit_code == 2
    assert "use the server's tools (pg_dump) or `letdown export`" in result.output
