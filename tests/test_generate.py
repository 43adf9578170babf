"""The generator: deterministic, and its reads and trips obey the rules of the town."""

from __future__ import annotations

import filecmp
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from platetrails import data, networks, plates, routines, town, traffic
from platetrails.build import calibration, generate


def test_class_data_regenerates_byte_for_byte(tmp_path: Path) -> None:
    written = generate.write(
        generate.simulate(generate.CLASS_SEED, generate.CLASS_VEHICLES, generate.CLASS_DAYS), tmp_path
    )
    assert len(written) >= 9
    for path in written:
        checked_in = data.DATA_DIR / path.relative_to(tmp_path)
        assert checked_in.is_file(), f"{checked_in} is not checked in; run make data"
        assert filecmp.cmp(path, checked_in, shallow=False), f"{checked_in} differs from the generator; run make data"


def test_another_seed_gives_other_data() -> None:
    a = generate.simulate(1, 30, 3)["reads"]
    b = generate.simulate(2, 30, 3)["reads"]
    assert not a.equals(b)


def test_class_data_has_the_size_the_issue_asks_for(town_data, answer_key) -> None:
    assert town_data.meta["vehicles"] >= 200 and town_data.days == 28
    assert answer_key.vehicles.archetype.nunique() >= 8
    assert len(town_data.places.kind.unique()) >= 15
    assert set(town.SENSITIVE_KINDS) <= set(town_data.places.kind)
    assert (town_data.places.kind == "worship").sum() >= 3
    assert town_data.cameras.network.nunique() >= 4
    assert (answer_key.vehicles.case_label != "").sum() == 6


def test_every_fixed_read_lies_at_a_camera_of_its_network(town_data) -> None:
    reads = town_data.reads
    fixed = town_data.cameras[town_data.cameras.kind == "fixed"]
    joined = reads.merge(fixed, on="camera_id", how="inner", suffixes=("", "_cam"))
    assert len(joined) > 10_000
    assert (joined.network.astype(str) == joined.network_cam).all()
    assert (joined.x == joined.x_cam).all() and (joined.y == joined.y_cam).all()
    assert set(reads.camera_id) <= set(town_data.cameras.camera_id)


def test_every_mobile_read_lies_on_a_logged_sweep_of_its_unit(town_data, answer_key) -> None:
    mobile = town_data.reads[town_data.reads.network.isin(["city_patrol", "repo_fleet"])].copy()
    assert len(mobile) > 1000
    mobile["neighbourhood"] = [town.neighbourhood_of(x, y) for x, y in zip(mobile.x, mobile.y)]
    sweeps = answer_key.sweeps.sort_values("start")
    pairs = pd.merge_asof(
        mobile.sort_values("timestamp"),
        sweeps.rename(columns={"unit": "camera_id"}),
        left_on="timestamp",
        right_on="start",
        by=["camera_id", "neighbourhood"],
        direction="backward",
        tolerance=pd.Timedelta(minutes=traffic.SWEEP_MINUTES),
    )
    assert pairs.start.notna().all(), "a mobile read has no sweep of its unit in that neighbourhood"
    assert (pairs.network_x.astype(str) == pairs.network_y).all()
    # A sweep drives only some of the neighbourhood's streets, and reads cars only on those.
    on_street = [town.STREET_NAMES[y] in streets.split(";") for y, streets in zip(pairs.y, pairs.streets)]
    assert all(on_street), "a mobile read lies on a street its sweep did not drive"
    hood_rows = {h.name: h.y_max - h.y_min + 1 for h in town.NEIGHBOURHOODS}
    driven = sweeps.streets.str.count(";") + 1
    assert (driven < sweeps.neighbourhood.map(hood_rows)).all()


def test_cars_parked_out_of_sight_are_never_read_by_camera_cars_at_home(town_data, answer_key) -> None:
    vehicles = answer_key.vehicles
    assert 0.2 < vehicles.parks_out_of_sight.mean() < 0.6
    truth = answer_key.read_truth.merge(town_data.reads, on="read_id").merge(vehicles, on="vehicle_id")
    mobile = truth[truth.network.isin(networks.mobile_names())]
    at_home = (mobile.x == mobile.home_x) & (mobile.y == mobile.home_y)
    assert not (at_home & mobile.parks_out_of_sight).any()
    assert (at_home & ~mobile.parks_out_of_sight).sum() > 500
    # More cars are out of sight where houses have driveways and garages than in the apartment blocks.
    share = vehicles.groupby("home_neighbourhood").parks_out_of_sight.mean()
    assert share["Northgate"] > share["Eastfield"] and share["Hillcrest"] > share["Riverside"]


def test_some_nights_are_spent_away_and_thanksgiving_empties_some_homes(answer_key) -> None:
    away = answer_key.nights_away
    cars = answer_key.vehicles
    assert set(away.vehicle_id) <= set(cars.vehicle_id)
    assert not set(away.vehicle_id) & set(cars.vehicle_id[cars.case_label != ""]), "the six stories stay as told"
    ordinary = away[~away.holiday_trip]
    assert 0.015 < len(ordinary) / (len(cars) * 28) < 0.05
    assert set(away["where"]) == {"friend or family in town", "out of town"}
    holiday = away[away.holiday_trip]
    assert set(holiday.night) == {"2025-11-26", "2025-11-27", "2025-11-28", "2025-11-29"}
    assert 0.08 < holiday.vehicle_id.nunique() / len(cars) < 0.25
    # Out of town lies beyond every camera on Route 9.
    out = away[away["where"] == "out of town"]
    assert set(zip(out.x, out.y)) <= set(town.OUT_OF_TOWN)


def test_the_realism_dial_keeps_a_subset_of_the_sweeps() -> None:
    town_level = generate.simulate(4, 40, 3)
    low = generate.simulate(4, 40, 3, traffic.ReadSettings.at_level("one tenth"))
    assert len(low["sweeps"]) < 0.3 * len(town_level["sweeps"])
    keys = ["unit", "neighbourhood", "start"]
    assert set(map(tuple, low["sweeps"][keys].to_numpy())) <= set(map(tuple, town_level["sweeps"][keys].to_numpy()))
    assert low["trips"].equals(town_level["trips"])
    assert low["meta"]["realism_level"] == "one tenth"
    with pytest.raises(ValueError, match="Seattle-like"):
        traffic.ReadSettings.at_level("Seattle")


def test_friction_off_is_the_frictionless_town() -> None:
    tables = generate.simulate(5, 60, 7, friction=routines.Friction.off())
    assert not tables["vehicles"].parks_out_of_sight.any()
    assert tables["nights_away"].empty
    hood_rows = {h.name: h.y_max - h.y_min + 1 for h in town.NEIGHBOURHOODS}
    driven = tables["sweeps"].streets.str.count(";") + 1
    assert (driven == tables["sweeps"].neighbourhood.map(hood_rows)).all()


def test_reads_fall_inside_the_time_window(town_data) -> None:
    ts = town_data.reads.timestamp
    assert ts.min() >= town_data.start
    assert ts.max() < town_data.start + pd.Timedelta(days=town_data.days)
    assert ts.is_monotonic_increasing


def test_every_trip_starts_and_ends_at_the_residents_places(answer_key, town_data) -> None:
    trips = answer_key.trips
    vehicles = answer_key.vehicles.set_index("vehicle_id")
    places = town_data.places.set_index("place_id")
    away = answer_key.nights_away
    sleeps_at = {vid: set(zip(g.x, g.y)) for vid, g in away.groupby("vehicle_id")}
    assert len(trips) > 5000
    for vid, own in trips.groupby("vehicle_id", sort=False):
        v = vehicles.loc[vid]
        home = (v.home_x, v.home_y)
        nights = sleeps_at.get(vid, set())
        regular = set(str(v.regular_place_ids).split(";")) - {""}
        # Continuity: each trip leaves from where the last one arrived, and the first from home.
        starts = list(zip(own.from_x, own.from_y))
        ends = list(zip(own.to_x, own.to_y))
        assert starts[0] == home
        assert starts[1:] == ends[:-1]
        assert (own.depart.to_numpy()[1:] >= own.arrive.to_numpy()[:-1]).all()
        for (x, y), pid in zip(ends, own.to_place_id):
            if pid:
                delivery = v.archetype == "delivery_driver"  # drivers also deliver to shops and offices
                assert pid in regular or delivery, f"{vid} drove to {pid}, not one of its places"
                assert (places.loc[pid, "x"], places.loc[pid, "y"]) == (x, y)
            else:
                ok = (x, y) == home or (x, y) in nights or v.archetype == "delivery_driver"
                assert ok, f"{vid} stopped at a street corner that is not home or a night away"


def test_misread_rate_is_close_to_the_configured_rate(answer_key, town_data) -> None:
    truth = answer_key.read_truth
    cars = truth[truth.kind != "sign"]
    rate = cars.misread.mean()
    configured = town_data.meta["misread_rate"]
    assert abs(rate - configured) <= 0.2 * configured, rate
    merged = truth.merge(town_data.reads, on="read_id")
    wrong = merged[merged.misread]
    # Every misread differs from the true plate in exactly one confusable character.
    for seen, true in zip(wrong.plate, wrong.true_plate):
        diffs = [(a, b) for a, b in zip(seen, true) if a != b]
        assert len(diffs) == 1 and plates.CONFUSIONS[diffs[0][1]] == diffs[0][0]


def test_artefacts_are_present(answer_key, town_data) -> None:
    kinds = answer_key.read_truth.kind.value_counts()
    assert kinds["duplicate"] > 100 and kinds["sign"] > 10
    signs = answer_key.read_truth[answer_key.read_truth.kind == "sign"].merge(town_data.reads, on="read_id")
    assert set(signs.plate) <= set(traffic.SIGN_WORDS)
    dups = answer_key.read_truth[answer_key.read_truth.kind == "duplicate"].merge(town_data.reads, on="read_id")
    assert dups.network.isin(["city_fixed", "county_fixed"]).all()


def test_names_and_answer_key_stay_out_of_the_reads(answer_key) -> None:
    text = (data.DATA_DIR / "reads.csv").read_text()
    for name in answer_key.vehicles.owner_name:
        if name:
            assert name not in text
    assert list(pd.read_csv(data.DATA_DIR / "reads.csv", nrows=1).columns) == list(data.SCHEMAS["reads.csv"])


def test_plates_are_distinct_and_of_the_town_format(answer_key) -> None:
    plates_ = answer_key.vehicles.plate
    assert plates_.is_unique
    assert plates_.str.fullmatch(r"[1-9][A-Z]{3}[0-9]{3}").all()


def test_the_week_has_a_shape(town_data) -> None:
    reads = town_data.reads
    hours = reads.timestamp.dt.hour
    # Repossession sweeps happen at night, patrol reads around the clock, fixed reads follow traffic.
    repo = hours[reads.network == "repo_fleet"]
    assert ((repo >= 21) | (repo < 5)).all()
    fixed = hours[reads.network == "city_fixed"]
    assert (fixed.between(7, 18)).mean() > 0.6


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda p: p.unlink(), "is missing"),
        (lambda p: p.write_text(""), "is empty"),
        (lambda p: p.write_text("read_id,plate\nR1,ABC\n"), "lacks the column"),
        (lambda p: p.write_bytes(b"\x00\xff\xfe" * 50), "damaged"),
        (
            lambda p: p.write_text(p.read_text().replace("2025-11-03T0", "yesterday-", 1)),
            "column 'timestamp'",
        ),
        (lambda p: p.write_text(p.read_text().splitlines()[0] + "\n"), "has no rows"),
    ],
)
def test_a_damaged_reads_file_gets_a_plain_message(tmp_path: Path, damage, words: str) -> None:
    generate.write(generate.simulate(7, 20, 2), tmp_path)
    damage(tmp_path / "reads.csv")
    with pytest.raises(data.DataFileError) as err:
        data.load_town(tmp_path)
    message = str(err.value)
    assert words in message
    assert "reads.csv" in message and data.REBUILD_COMMAND in message


def test_a_damaged_town_file_names_that_file(tmp_path: Path) -> None:
    generate.write(generate.simulate(7, 20, 2), tmp_path)
    (tmp_path / "town" / "town.json").write_text("{not json")
    with pytest.raises(data.DataFileError, match="town.json"):
        data.load_town(tmp_path)
    (tmp_path / "town" / "town.json").unlink()
    with pytest.raises(data.DataFileError, match="town.json.*missing"):
        data.load_town(tmp_path)


def test_generator_cost_grows_with_vehicles_times_days() -> None:
    small = generate.simulate(3, 100, 4)
    bigger = generate.simulate(3, 100, 8)
    ratio = len(bigger["reads"]) / len(small["reads"])
    assert 1.6 < ratio < 2.4
    assert len(bigger["trips"]) > 1.6 * len(small["trips"])


def test_cli_writes_a_small_town(tmp_path: Path, capsys) -> None:
    generate.main(["--seed", "5", "--vehicles", "12", "--days", "2", "--out", str(tmp_path)])
    assert "reads of 12 vehicles over 2 days" in capsys.readouterr().out
    loaded = data.load_town(tmp_path)
    assert loaded.meta["vehicles"] == 12 and np.isin(loaded.reads.network.unique(), networks.names()).all()


def test_calibration_table_matches_the_class_data() -> None:
    table = pd.read_csv(data.DATA_DIR / "calibration.csv")
    town_now = calibration.town_week()
    assert set(table.figure) == set(town_now)
    for row in table.itertuples():
        assert row.alder_falls_week == pytest.approx(town_now[row.figure], abs=1e-5), row.figure
    assert table.seattle_source.str.contains("UWCHR").all()
    by = table.set_index("figure")
    assert by.loc["share of plates read only once", "seattle_week"] > 0.5
    assert by.loc["reads per vehicle per day", "note"].count("460,000") == 1


def test_calibration_seattle_like_column_matches_the_dial() -> None:
    table = pd.read_csv(data.DATA_DIR / "calibration.csv").set_index("figure")
    simulated = calibration.simulated_mean_week("Seattle-like")
    for figure, value in simulated.items():
        assert table.loc[figure, "alder_falls_seattle_like_week"] == pytest.approx(value, abs=1e-5), figure
    rate = "reads per vehicle per day"  # every reader counted: the dial thins fixed cameras and camera cars alike
    seattle, like, town_level = table.loc[rate, ["seattle_week", "alder_falls_seattle_like_week", "alder_falls_week"]]
    assert seattle / 1.5 < like < seattle * 1.5
    assert town_level > 100 * seattle


def test_neighbourhoods_carry_a_fictional_income_level(town_data) -> None:
    hoods = town_data.neighbourhoods.set_index("neighbourhood")
    assert set(hoods.income_level) == {"lower", "middle", "higher"}
    assert set(hoods.index[hoods.income_level == "lower"]) == {"Eastfield", "Riverside"}
    assert set(hoods.index[hoods.income_level == "higher"]) == {"Northgate", "Hillcrest"}
    lower = hoods.median_income[hoods.income_level == "lower"]
    higher = hoods.median_income[hoods.income_level == "higher"]
    assert lower.max() < hoods.median_income.median() < higher.min()


def test_realism_table_is_checked_in_with_every_level() -> None:
    table = data.read_table("realism.csv")
    assert list(table.level.unique()) == list(traffic.REALISM_LEVELS)
    assert {2018} < set(table.seed) and table.days.max() >= 365
    month = table[table.days == 28].pivot(index="seed", columns="level", values="home_within_1_block")
    assert (month["town"] > month["Seattle-like"]).all()
    reach = table.days_to_reach_town_28_day_share
    assert (reach.str.isdigit() | (reach == "not reached")).all()


def test_cli_takes_a_realism_level(tmp_path: Path, capsys) -> None:
    generate.main(["--seed", "5", "--vehicles", "12", "--days", "2", "--realism", "one third", "--out", str(tmp_path)])
    assert data.load_meta(tmp_path)["realism_level"] == "one third"
    with pytest.raises(SystemExit):
        generate.main(["--days", "29", "--out", str(tmp_path)])
