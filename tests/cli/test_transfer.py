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


def test_importing_an_export_into_its_own_journal_changes_nothing_and_says_so(
    tmp_path: Path,
) -> None:
    fill()
    target = tmp_path / "journal.json"
    assert run("export", "-o", str(target)).exit_code == 0
    before = run("export").output
    for _ in range(2):
        result = run("import", str(target))
        assert result.exit_code == 0, result.output
        assert result.output == "nothing new: all 6 records are already in this journal\n"
    assert run("export").output == before
    assert run("baby", "list").output.count("Ada") == 1


def test_importing_a_newer_export_adds_only_what_is_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    older, newer = tmp_path / "older.zip", tmp_path / "newer.zip"
    assert run("export", "-f", "csv", "-o", str(older)).exit_code == 0
    run("log", "-k", "pump", "-s", "left", "--start", "2026-11-02 05:00", "-m", "10")
    assert run("export", "-f", "csv", "-o", str(newer)).exit_code == 0
    use_fresh_journal(monkeypatch, tmp_path, "second")
    assert run("import", str(older)).exit_code == 0
    result = run("import", str(newer))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("imported 1 sessions, 0 babies, 0 weights, 0 diaper counts")
    assert "; 6 records were already in this journal and were skipped" in result.output
    assert len(json.loads(run("export").output)["sessions"]) == 3


def test_import_keeps_your_profile_unless_told_to_replace_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill()
    target = tmp_path / "sam.json"
    run("export", "-o", str(target))
    use_fresh_journal(monkeypatch, tmp_path, "second")
    run("profile", "--pseudonym", "Alex")
    result = run("import", str(target))
    assert result.exit_code == 0, result.output
    assert "added alongside" in result.output.splitlines()[0]
    assert "a profile" not in result.output.splitlines()[0]
    assert result.output.splitlines()[1] == (
        "kept your profile (Alex); the file's profile (Sam) was not imported: add "
        "--replace-profile to use it")
    assert json.loads(run("export").output)["profile"]["pseudonym"] == "Alex"
    result = run("import", "--replace-profile", str(target))
    assert result.exit_code == 0
    assert "replaced your profile (Alex) with the file's (Sam)" in result.output
    assert json.loads(run("export").output)["profile"]["pseudonym"] == "Sam"


def test_a_record_changed_since_the_export_is_a_conflict_and_nothing_is_imported(
    tmp_path: Path,
) -> None:
    fill()
    target = tmp_path / "journal.json"
    run("export", "-o", str(target))
    exported = json.loads(target.read_text())
    session = exported["sessions"][0]
    assert run("edit", str(session["id"]), "--pain", "7").exit_code == 0
    text = target.read_text().replace('"techniques": []', '"techniques": ["massage"]', 1)
    text = text.replace('"wet": 6', '"wet": 5')
    target.write_text(text)
    before = run("export").output
    result = run("import", str(target))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].startswith(f"error: conflict: session {session['uuid']} (id ")
    assert "pain: empty in the file, 7 here" in lines[0]
    assert "techniques: ['massage'] in the file, empty here" in lines[0]
    diaper = exported["diapers"][0]
    assert lines[1].startswith(f"error: conflict: diaper count {diaper['uuid']} (id ")
    assert lines[1].endswith("wet: 5 in the file, 6 here")
    assert "Nothing was imported" in lines[2]
    assert run("export").output == before


def test_two_babies_with_one_name_are_refused_and_never_picked_by_guess(
    isolated_home: Path,
) -> None:
    fill()
    again = run("baby", "add", " ada ", "--born", "2026-10-02")
    assert again.exit_code == 2
    assert "error: name: there is already a baby called 'Ada' (id 1)" in again.output
    # a journal from before names had to differ may still hold two
    with sqlite3.connect(isolated_home / "letdown.sqlite3") as connection:
        connection.execute("INSERT INTO baby (name, birth_date) VALUES ('ADA', '2026-10-02')")
    result = run("weight", "add", "4200", "--baby", "Ada", "--date", "2026-11-21")
    assert result.exit_code == 2
    assert ("--baby: 2 babies are called 'Ada' (id 1, born 2026-10-01, id 2, born 2026-10-02); "
            "give the id instead") in result.output
    assert run("weight", "add", "4200", "--baby", "2", "--date", "2026-11-21").exit_code == 0


@pytest.mark.parametrize("where", ["missing-folder", "folder", "proc", "dev-full"])
def test_export_to_a_place_it_cannot_write_says_why_and_leaves_nothing(
    where: str, tmp_path: Path
) -> None:
    fill()
    target = {
        "missing-folder": tmp_path / "nowhere" / "x.json", "folder": tmp_path,
        "proc": Path("/proc/letdown-export.json"), "dev-full": Path("/dev/full"),
    }[where]
    listing = sorted(tmp_path.iterdir())
    # No --force onto /dev/full: the code before this fix replaced the device, as root, by
    # renaming its temporary file over it.
    assert where != "dev-full" or stat.S_ISCHR(target.stat().st_mode)
    force = [] if where == "dev-full" else ["--force"]
    result = run("export", "-o", str(target), *force)
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("error: --output: ")
    assert {
        "missing-folder": f"there is no folder {tmp_path / 'nowhere'}",
        "folder": "is a folder; give a file name in it",
        "proc": "could not write /proc/letdown-export.json: ",
        "dev-full": "the disk is full",
    }[where] in line
    assert sorted(tmp_path.iterdir()) == listing


def test_export_onto_a_full_disk_says_so_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    fill()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("json", "csv"):
        result = run("export", "-f", fmt, "-o", str(out / "x"))
        assert result.exit_code == 2
        assert result.output == (f"error: --output: could not write {out / 'x'}: the disk "
                                 "is full; free some space and try again; nothing was written\n")
        assert list(out.iterdir()) == []


def test_import_onto_a_full_disk_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's max_page_count makes the journal "full" exactly as a full disk does."""
    from sqlalchemy import event

    from letdown.journal import store

    fill()
    run("export", "-o", str(tmp_path / "mine.json"))
    lines = (tmp_path / "mine.json").read_text().splitlines()
    session = next(line for line in lines if '"kind": "pump"' in line)
    data = json.loads(run("export").output)
    many = [json.loads(session) | {"id": 100 + i, "uuid": None,
                                   "notes": f"copy {i} " + "x" * 2000} for i in range(300)]
    data["sessions"] = many
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data))
    before = run("export").output
    create = store.create_journal_engine

    def small_disk(url: str, **kwargs: object) -> object:
        engine = create(url)

        @event.listens_for(engine, "connect")
        def _cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

        return engine

    monkeypatch.setattr(store, "create_journal_engine", small_disk)
    result = run("import", str(big))
    assert result.exit_code == 2
    assert result.output == "error: the disk is full; nothing was imported\n"
    monkeypatch.setattr(store, "create_journal_engine", create)
    assert run("export").output == before


def test_dry_run_says_what_an_import_would_do_and_changes_nothing(tmp_path: Path) -> None:
    fill()
    target = tmp_path / "journal.json"
    run("export", "-o", str(target))
    run("log", "-k", "pump", "-s", "left", "--start", "2026-11-02 05:00", "-m", "10")
    newer = tmp_path / "newer.json"
    run("export", "-o", str(newer))
    newest = max(session["id"] for session in json.loads(newer.read_text())["sessions"])
    assert run("delete", str(newest), "--yes").exit_code == 0
    before = run("export").output
    result = run("import", "--dry-run", str(newer))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "  imported 1 sessions, 0 babies, 0 weights, 0 diaper counts (added alongside the "
        "records already there, with new ids); 6 records were already in this journal and were "
        "skipped",
        "Nothing was imported (--dry-run)."]
    assert run("edit", "1", "--pain", "3").exit_code == 0
    changed = run("export").output
    conflict = run("import", "--dry-run", str(target))
    assert conflict.exit_code == 2 and "error: conflict: session " in conflict.output
    assert run("export").output == changed != before
