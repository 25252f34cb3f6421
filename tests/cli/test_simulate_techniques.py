"""`letdown simulate` with technique timing and the breast interface."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from letdown.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


def test_hands_on_example_beats_the_calm_pump() -> None:
    res = CliRunner().invoke(cli, ["simulate", "--compare", "--json",
                                   str(EXAMPLES / "calm-pump.toml"),
                                   str(EXAMPLES / "hands-on-pump.toml")])
    assert res.exit_code == 0, res.output
    calm, hands_on = json.loads(res.stdout)
    assert hands_on["metrics"]["volume_ml"] > 1.2 * calm["metrics"]["volume_ml"]
    assert (hands_on["metrics"]["time_to_first_ejection_s"]
            < calm["metrics"]["time_to_first_ejection_s"])


def test_bad_timing_or_interface_names_the_key_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    plot = tmp_path / "out.svg"
    for body, key in (
        ('[techniques]\nwarmth = true\nwarmth_timing = "after"\n', "techniques.warmth_timing"),
        ("[techniques]\nmassage_min = 5\n", "techniques.massage_min"),
        ('[interface]\nflange_mm = 24\n[session]\nkind = "pump"\n', "interface.flange_mm"),
    ):
        bad.write_text(body, encoding="utf-8")
        res = CliRunner().invoke(cli, ["simulate", str(bad), "--plot", str(plot)])
        assert res.exit_code == 2, res.output
        assert key in res.output and "Traceback" not in res.output
        assert not plot.exists()
