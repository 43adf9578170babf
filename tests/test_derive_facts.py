"""derive_facts' real-log figures (Okaloosa audit log, Seattle's week, Flock portals) on small hand-made files."""

from __future__ import annotations

import math
from pathlib import Path
from statistics import NormalDist

import pandas as pd
import pytest

from platetrails import audit_rules
from platetrails.build import derived_audit, derived_volumes
from platetrails.facts import load_facts

SEARCH = "11/14/2025, 10:00:00 AM UTC"
# (days looked back, reason, networks, devices): ten searches with known answers.
SEARCHES = [
    (0.5, "bolo", 1, 12),
    (1.0, "investigation", 1, 12),
    (1.0, "Stolen vehicle", 840, 17652),
    (2.0, "", 911, 20000),
    (7.0, "warrant 25-138337", 1, 12),
    (7.0, "  Patrol ", 1095, 30000),
    (14.0, "theft", 1, 12),
    (30.5, "agency assist", 6709, 100034),
    (45.0, "missing person", 1, 12),
    (120.0, "inv", 3, 40),
]


def write_audit(folder: Path) -> Path:
    """A CSV in the audit log's own format (times like '11/14/2025, 10:00:00 AM UTC')."""
    searched = pd.Timestamp("2025-11-14 10:00:00")
    rows = []
    for i, (days, reason, networks, devices) in enumerate(SEARCHES):
        start = searched - pd.Timedelta(days=days)
        rows.append(
            {
                "ID": f"id-{i}",
                "Org_Name": "Okaloosa County FL SO",
                "Total_Networks_Searched": networks,
                "Total_Devices_Searched": devices,
                "Time_Frame_Start": start.strftime(derived_audit.AUDIT_TIME_FORMAT),
                "Time_Frame_End": SEARCH,
                "Reason": reason,
                "Search_Time": SEARCH,
                "Search_Type": "lookup",
                "Moderation": "",
            }
        )
    path = folder / "audit.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def figures(rows: list[tuple]) -> dict[str, float]:
    return {row[0]: row[2] for row in rows}


def test_the_look_back_figures_of_a_hand_made_audit_log(tmp_path) -> None:
    got = figures(derived_audit.look_back_figures(write_audit(tmp_path)))
    assert got["okaloosa_searches"] == 10
    assert got["okaloosa_look_back_median"] == pytest.approx(7.0)
    assert got["okaloosa_look_back_over_1_days"] == pytest.approx(70.0)  # 1.0 itself is not "more than"
    assert got["okaloosa_look_back_over_7_days"] == pytest.approx(40.0)
    assert got["okaloosa_look_back_over_14_days"] == pytest.approx(30.0)
    assert got["okaloosa_look_back_over_30_days"] == pytest.approx(30.0)
    assert got["okaloosa_look_back_over_90_days"] == pytest.approx(10.0)
    assert got["okaloosa_past_retention_searches"] == 3
    assert got["okaloosa_longest_look_back"] == pytest.approx(120.0)
    assert got["okaloosa_blank_reasons"] == pytest.approx(10.0)
    # one word, no digit: bolo, investigation, Patrol (trimmed), theft, inv
    assert got["okaloosa_one_word_reasons"] == pytest.approx(50.0)
    # generic list: bolo, investigation, patrol, agency assist, inv
    assert got["okaloosa_generic_reasons"] == pytest.approx(50.0)
    assert got["okaloosa_multi_network_searches"] == pytest.approx(50.0)
    assert got["okaloosa_median_networks_multi"] == 911
    assert got["okaloosa_most_networks"] == 6709 and got["okaloosa_most_devices"] == 100034


def test_the_fitted_lognormal_puts_the_logs_share_beyond_30_days(tmp_path) -> None:
    got = figures(derived_audit.look_back_figures(write_audit(tmp_path)))
    sigma = math.log(got["okaloosa_look_back_lognormal_spread"])
    beyond = 1 - NormalDist(math.log(got["okaloosa_look_back_median"]), sigma).cdf(math.log(30))
    assert beyond == pytest.approx(got["okaloosa_look_back_over_30_days"] / 100, abs=0.002)
    assert derived_audit.lognormal_spread(2.0, 1 - NormalDist().cdf(1.0), 2.0 * math.e) == pytest.approx(1.0)


def test_a_reason_with_a_case_number_or_two_words_is_not_vague() -> None:
    reasons = pd.Series(["bolo", "warrant 25-1", "25-138337", "stolen vehicle", "", "inv"])
    assert audit_rules.vague(reasons).tolist() == [True, False, False, False, False, True]


def test_plate_repetition_on_a_hand_made_week() -> None:
    # plate A on three days, B twice on one day, C once: 6 reads over exactly 2 days
    stamps = pd.to_datetime(
        [
            "2021-10-01 00:00",
            "2021-10-02 08:00",
            "2021-10-03 00:00",
            "2021-10-01 09:00",
            "2021-10-01 10:00",
            "2021-10-02 12:00",
        ]
    )
    got = derived_volumes.plate_repetition(pd.Series(["A", "A", "A", "B", "B", "C"]), pd.Series(stamps))
    assert got["days"] == pytest.approx(2.0)
    assert got["reads_per_day"] == pytest.approx(3.0)
    assert got["plates"] == 3
    assert got["reads_per_plate_per_day"] == pytest.approx(1.0)
    assert got["share_2_days"] == pytest.approx(1 / 3)


def test_fixed_network_rates_from_a_hand_made_portal_table(tmp_path, monkeypatch) -> None:
    table = pd.DataFrame(
        {
            "agency": ["San Jose CA PD", "San Diego CA PD", "Richmond VA PD", "Newport News VA PD", "Elsewhere PD"],
            "number_of_owned_cameras": [100, 50, 10, 10, 1],
            "vehicles_detected_in_the_last_30_days": [300_000, 30_000, 4_501_560, 30, 5],
        }
    )
    table.to_csv(tmp_path / "usage.csv", index=False)
    got = figures(derived_volumes.fixed_network_figures(tmp_path / "usage.csv"))
    assert got["flock_san_jose_ca_pd_detections_per_day"] == pytest.approx(10_000)
    assert got["flock_san_jose_ca_pd_detections_per_camera_per_day"] == pytest.approx(100)
    assert got["flock_san_diego_ca_pd_detections_per_camera_per_day"] == pytest.approx(20)
    assert "flock_san_jose_ca_pd_detections_per_vehicle_per_day" not in got  # no sourced vehicle count, no row
    # Richmond's sourced count is 150,052 vehicles: 4,501,560 detections in 30 days is one per vehicle per day.
    assert got["flock_richmond_va_pd_place_vehicles"] == 150_052
    assert got["flock_richmond_va_pd_detections_per_vehicle_per_day"] == pytest.approx(1.0)
    source = ("Publisher", "Title", "2024", "https://example.org")
    monkeypatch.setitem(derived_volumes.FIXED_NETWORK_VEHICLES, "San Jose CA PD", (500_000, source, "San Jose", "2022"))
    got = figures(derived_volumes.fixed_network_figures(tmp_path / "usage.csv"))
    assert got["flock_san_jose_ca_pd_detections_per_vehicle_per_day"] == pytest.approx(0.02)


def test_two_fixed_networks_have_a_sourced_vehicle_count_and_a_per_vehicle_rate() -> None:
    facts = load_facts()
    for key in ("richmond_va_pd", "newport_news_va_pd"):
        vehicles = facts.figure(f"flock_{key}_place_vehicles")
        assert vehicles.publisher == "U.S. Census Bureau" and "B25046" in vehicles.title
        assert vehicles.link.startswith("https://api.census.gov/data/2023/acs/acs5")
        rate = float(facts.figure(f"flock_{key}_detections_per_vehicle_per_day").value)
        per_day = float(facts.figure(f"flock_{key}_detections_per_day").value)
        assert rate == pytest.approx(per_day / float(vehicles.value), abs=1e-4)
        seattle = float(facts.figure("seattle_reads_per_vehicle_per_day").value)
        assert 2 < rate / seattle < 20  # fixed networks read each car several times as often as Seattle's cars did


def test_the_checked_in_real_log_figures_match_the_issue_and_each_other() -> None:
    facts = load_facts()

    def value(figure_id: str) -> float:
        return float(facts.figure(figure_id).value)

    # issue 20 quotes: median about one day, 6.4% beyond 30 days, blank reasons 0.12%, about 47% multi-network
    assert value("okaloosa_searches") == 7273
    assert value("okaloosa_look_back_median") == pytest.approx(1.0, abs=0.01)
    assert value("okaloosa_look_back_over_30_days") == pytest.approx(6.4, abs=0.05)
    assert value("okaloosa_blank_reasons") == pytest.approx(0.12, abs=0.01)
    assert value("okaloosa_multi_network_searches") == pytest.approx(47, abs=0.5)
    shares = [value(f"okaloosa_look_back_over_{d}_days") for d in derived_audit.LOOK_BACK_THRESHOLDS]
    assert shares == sorted(shares, reverse=True)
    assert value("okaloosa_past_retention_searches") == round(7273 * value("okaloosa_look_back_over_30_days") / 100)
    assert value("okaloosa_generic_reasons") < value("okaloosa_one_word_reasons")
    per_vehicle = value("seattle_reads_per_day") / value("seattle_vehicles")
    assert value("seattle_reads_per_vehicle_per_day") == pytest.approx(per_vehicle, abs=1e-4)
