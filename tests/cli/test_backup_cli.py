"""``letdown backup`` and ``export``: never onto the live journal; folders made as asked."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from letdown.cli import cli

LOG = ["log", "-k", "pump", "-s", "both", "-m", "15"]


@pytest.fixture
def journal(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal with two sessions; the working directory is the tmp folder."""
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        assert CliRunner().invoke(cli, LOG).exit_code == 0
    return isolated_home / "letdown.sqlite3"


def _sound(path: Path) -> int:
    """Sessions in the journal, after SQLite's own integrity check."""
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(connection.execute("SELECT COUNT(*) FROM session").fetchone()[0])


@pytest.mark.parametrize("spelling", [
    "letdown-data/letdown.sqlite3", "./letdown-data/../letdown-data/letdown.sqlite3",
    "link-to-journal", "letdown-data/letdown.sqlite3-wal", "letdown-data/letdown.sqlite3-shm",
    "hard-link",
])
@pytest.mark.parametrize("command", ["backup", "export"])
def test_the_live_journal_is_never_overwritten(
    journal: Path, tmp_path: Path, spelling: str, command: str
) -> None:
    """Regression: `backup PATH --force` / `export -o PATH --force` onto the journal
    replaced it under running writers (saved records lost, integrity check failing)."""
    (tmp_path / "link-to-journal").symlink_to(journal)
    os.link(journal, tmp_path / "hard-link")
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    args = ["backup", spelling, "--force"] if command == "backup" else [
        "export", "-o", spelling, "--force"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "is the live journal (or one of its files)" in result.stderr
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before
    assert _sound(journal) == 2
    assert CliRunner().invoke(cli, LOG).exit_code == 0  # still a working journal
    assert _sound(journal) == 3


def test_a_trailing_slash_makes_a_folder_backup(journal: Path, tmp_path: Path) -> None:
    """Regression: `backup new/` for a folder not there yet wrote a file named `new`."""
    result = CliRunner().invoke(cli, ["backup", "new/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new").is_dir()
    [made] = list((tmp_path / "new").iterdir())
    assert made.name.startswith("letdown-backup-")
    assert _sound(made / "letdown.sqlite3") == 2


def test_a_trailing_slash_onto_a_file_is_refused(journal: Path, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("mine")
    result = CliRunner().invoke(cli, ["backup", "plain/"])
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr
    assert (tmp_path / "plain").read_text() == "mine"


def test_a_backup_of_a_read_only_copy_in_a_folder_with_odd_characters(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup reads the journal through a URI: `?`, `#` and `%` stay part of the path."""
    odd = tmp_path / "we?ird#dir%41"
    journal.parent.rename(odd)
    monkeypatch.setenv("LETDOWN_DATA_DIR", str(odd))
    result = CliRunner().invoke(cli, ["backup", "copy.sqlite3"])
    assert result.exit_code == 0, result.output
    assert _sound(tmp_path / "copy.sqlite3") == 2


@pytest.mark.parametrize("command", [["backup"], ["doctor", "-o"]])
def test_a_device_or_pipe_is_never_replaced(
    journal: Path, tmp_path: Path, command: list[str]
) -> None:
    """Regression: `backup /dev/null --force` renamed its copy over the device (as root,
    /dev/null became a plain file). A named pipe stands in for the device here."""
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    extra = ["--force"] if command == ["backup"] else []
    result = CliRunner().invoke(cli, [*command, str(pipe), *extra])
    assert result.exit_code == 2, result.output
    assert "is not an ordinary file" in result.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)
