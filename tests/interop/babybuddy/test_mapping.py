"""Baby Buddy's records as journal records: the real CSV export and API bodies, mapped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.interop.babybuddy.fake import DATA, LISTS

from letdown.interop.babybuddy.csvfiles import read_files
from letdown.interop.babybuddy.mapping import record_uuid, to_journal
from letdown.interop.babybuddy.source import MODELS, BabyBuddyProblem, Export, read_records


def api_export(origin: str = "http://127.0.0.1:8123") -> Export:
    export = Export(origin=origin)
    problems: list[str] = []
    for name, file in LISTS.items():
        rows = json.loads((DATA / file).read_bytes())["results"]
        read_records(export, name, rows, where=name, zone=dt.UTC, csv=False, problems=problems)
    assert problems == []
    return export


def test_reference_counts_from_the_csv_export(csv_files: list[Path]) -> None:
    mapped = to_journal(read_files(csv_files, origin="x"), dt.UTC)
    kinds = [s.kind.value for s in mapped.sessions]
    assert (len(mapped.babies), kinds.count("breastfeed"), kinds.count("pump"),
            len(mapped.weights), len(mapped.diapers)) == (1, 20, 30, 10, 20)
    assert sum(mapped.skipped.values()) == 10
    assert mapped.skipped[("feeding", "bottle feeding (what the baby drank, not a let-down)")] == 10


def test_api_and_csv_map_to_the_same_records_but_tags(csv_files: list[Path]) -> None:
    """Same server, both ways: same uuids, same values; only the CSV cannot name tags."""
    from_api = to_journal(api_export("http://bb"), dt.UTC)
    from_csv = to_journal(read_files(csv_files, origin="http://bb"), dt.UTC)
    assert [b.model_dump() for b in from_api.babies] == [b.model_dump()
                                                         for b in from_csv.babies]
    assert from_api.weights == from_csv.weights and from_api.diapers == from_csv.diapers
    api = {s.uuid: s for s in from_api.sessions}
    csv = {s.uuid: s for s in from_csv.sessions}
    assert api.keys() == csv.keys()
    differing = [u for u in api if api[u] != csv[u]]
    assert all("Baby Buddy tags:" in api[u].notes for u in differing)
    assert len(differing) == 16  # 7 tagged breast feedings + 9 tagged pumping sessions


def test_each_kind_maps_as_documented() -> None:
    mapped = to_journal(api_export(), dt.UTC)
    by_uuid = {s.uuid: s for s in mapped.sessions}
    origin = "http://127.0.0.1:8123"
    both = by_uuid[record_uuid(origin, "feeding", 30)]
    assert (both.kind.value, both.sides.value, both.baby_id) == ("breastfeed", "both", 1)
    assert both.start == dt.datetime(2026, 11, 27, 22, 25, tzinfo=dt.UTC)
    assert both.notes == "Baby Buddy tags: night"
    assert by_uuid[record_uuid(origin, "feeding", 27)].notes == "good latch"
    assert by_uuid[record_uuid(origin, "feeding", 28)].sides.value == "right"
    assert record_uuid(origin, "feeding", 29) not in by_uuid  # a bottle feeding
    pump = by_uuid[record_uuid(origin, "pumping", 29)]
    assert (pump.kind.value, pump.sides.value, pump.baby_id) == ("pump", "both", None)
    assert pump.total_volume_ml == 50.0 and pump.volume_left_ml == pump.volume_right_ml == 25.0
    assert pump.notes.splitlines() == [
        "froze 2 bags", "Baby Buddy tags: night, freezer",
        "Baby Buddy amount: 50 mL in all, not split by side (shown as half on each side)"]
    assert [w.grams for w in mapped.weights][:2] == [3896, 3825]
    assert mapped.babies[0].name == "Robin Sample"
    assert mapped.babies[0].birth_date == dt.date(2026, 11, 4)
    day = {d.date: (d.wet, d.dirty) for d in mapped.diapers}
    assert day[dt.date(2026, 11, 24)] == (1, 1)  # wet and solid: counted in both
    assert day[dt.date(2026, 11, 25)] == (0, 1)
    assert sum(w for w, _ in day.values()) == 16 and sum(d for _, d in day.values()) == 7


def test_diaper_days_follow_the_time_zone() -> None:
    """01:25 UTC on 7 November is still 6 November in New York."""
    mapped = to_journal(api_export(), ZoneInfo("America/New_York"))
    days = {d.date for d in mapped.diapers}
    assert dt.date(2026, 11, 6) in days and dt.date(2026, 11, 7) not in days


def test_csv_times_are_read_in_the_given_zone(csv_files: list[Path]) -> None:
    export = read_files(csv_files, origin="x", zone=ZoneInfo("Europe/Berlin"))
    first = next(f for f in export.feedings if f.id == 30)
    assert first.start == dt.datetime(2026, 11, 27, 21, 25, tzinfo=dt.UTC)


def test_records_that_do_not_fit_are_skipped_with_reasons() -> None:
    export = api_export()
    feeding = export.feedings[0]
    export.feedings[0] = type(feeding)(**{**feeding.__dict__,
                                          "end": feeding.start + dt.timedelta(hours=9)})
    export.feedings[1] = type(feeding)(**{**export.feedings[1].__dict__, "method": "self fed"})
    export.weights[0] = type(export.weights[0])(**{**export.weights[0].__dict__,
                                                   "weight": 38.96})  # grams typed as kg
    mapped = to_journal(export, dt.UTC)
    reasons = {reason for _, reason in mapped.skipped}
    assert "longer than 6 hours (the journal's longest session)" in reasons
    assert "self fed (not at the breast)" in reasons
    assert "not possible for the baby's age (read as kg)" in reasons
    assert any("weight 10 (2026-11-27): 38.96 kg" in line for line in mapped.details)


def test_notes_with_control_characters_and_too_long_are_kept_cleanly() -> None:
    export = api_export()
    pumping = export.pumping[0]
    export.pumping[0] = type(pumping)(**{**pumping.__dict__, "notes": "a\x00b" + "x" * 6000})
    session = next(s for s in to_journal(export, dt.UTC).sessions
                   if s.uuid == record_uuid(export.origin, "pumping", pumping.id))
    assert session.notes.startswith("a b") and len(session.notes) == 5000
    assert session.notes.endswith("…")


@pytest.mark.parametrize(("file", "change", "expected"), [
    ("admin_export_weight.csv", lambda t: t.replace("2026-11-20", "20/11/2026"),
     "admin_export_weight.csv, line 5 (id '7'): date: '20/11/2026' is not a date"),
    ("admin_export_feeding.csv", lambda t: t.replace(",end,", ",finish,"),
     "admin_export_feeding.csv (a feeding export): missing column end"),
    ("admin_export_pumping.csv", lambda t: t[:len(t) // 2],
     "admin_export_pumping.csv, line 15: 7 cells, but the header has 9"),
    ("admin_export_diaperchange.csv", lambda t: t.replace(",1,0,,,,", ",yes,0,,,,", 1),
     "admin_export_diaperchange.csv, line 2 (id '20'): wet: 'yes' is not true or false"),
    ("admin_export_child.csv", lambda t: "name,born\r\nRobin,2026\r\n",
     "admin_export_child.csv: not a Baby Buddy admin export"),
])
def test_bad_csv_names_file_line_and_field(
        tmp_path: Path, csv_files: list[Path], file: str, change: object,
        expected: str) -> None:
    files = []
    for path in csv_files:
        text = path.read_text(encoding="utf-8")
        if path.name == file:
            text = change(text)  # type: ignore[operator]
        (tmp_path / path.name).write_bytes(text.encode())
        files.append(tmp_path / path.name)
    with pytest.raises(BabyBuddyProblem) as caught:
        read_files(files, origin="x")
    assert any(line.startswith(expected) for line in caught.value.problems), (
        caught.value.problems)


def test_every_model_has_a_reader() -> None:
    assert set(MODELS) == set(LISTS)
