"""Figures on how often cars are read: Seattle's week of reads (plate repetition) and fixed networks' reads per
vehicle. Part of `python -m platetrails.build.derive_facts`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from platetrails.build.real_sources import NANDO

UWCHR = (
    "University of Washington Center for Human Rights",
    "spd-alpr: Seattle Police Department ALPR reads, 2021-10-01 to 2021-10-08 (public records request; plates hashed)",
    "2021-10",
    "https://github.com/UWCHR/spd-alpr",
)
UWCHR_FILE = ("uwchr_spd_alpr", "spd-alpr-pub.csv.gz")
SEATTLE_WHERE = "Seattle, Washington (Seattle Police Department readers, all on cars)"
SEATTLE_WHEN = "2021-10-01 to 2021-10-08"
# Cars owned or leased by Seattle residents (American Community Survey estimates reported by Gene Balk of
# The Seattle Times): about 461,000 in 2017 and about 463,000 in 2023, flat in between.
SEATTLE_VEHICLES = 460_000
SEATTLE_VEHICLES_SOURCE = (
    "Seattle Transit Blog, reporting Gene Balk (The Seattle Times) on American Community Survey data",
    "Coming down from peak car",
    "2025-01-15",
    "https://seattletransitblog.com/2025/01/15/coming-down-from-peak-car",
)


def plate_repetition(plate: pd.Series, timestamp: pd.Series) -> dict[str, float]:
    """Reads per day, distinct plates, reads per plate per day and the share of plates seen on 2+ calendar days."""
    days = (timestamp.max() - timestamp.min()).total_seconds() / 86400
    plates = plate.nunique()
    days_seen = pd.DataFrame({"plate": plate, "day": timestamp.dt.normalize()}).drop_duplicates().plate.value_counts()
    return {
        "days": days,
        "reads": len(plate),
        "reads_per_day": len(plate) / days,
        "plates": plates,
        "reads_per_plate_per_day": len(plate) / plates / days,
        "share_2_days": float((days_seen >= 2).mean()),
    }


def seattle_figures(path: Path) -> list[tuple]:
    """The density of Seattle's police readers in one week: reads, plates, repetition, reads per vehicle."""
    reads = pd.read_csv(path, sep="|", usecols=["dt", "plate_hash"], dtype=str)
    stamp = pd.to_datetime(reads.dt, format="%m/%d/%Y - %H:%M:%S")
    f = plate_repetition(reads.plate_hash, stamp)
    where, when = SEATTLE_WHERE, SEATTLE_WHEN
    span = f"{f['reads']} reads over {f['days']:.3f} days (first read to last)"
    return [
        (
            "seattle_reads_per_day",
            "Plate reads per day by all of Seattle's police readers",
            round(f["reads_per_day"], 1),
            "reads per day",
            where,
            when,
            *UWCHR,
            span,
        ),
        (
            "seattle_distinct_plates",
            "Different plates read in the week (misreads and signs read as plates included)",
            int(f["plates"]),
            "plates",
            where,
            when,
            *UWCHR,
            "distinct plate_hash values",
        ),
        (
            "seattle_reads_per_plate_per_day",
            "Reads per plate per day, over the plates read at least once",
            round(f["reads_per_plate_per_day"], 4),
            "reads per plate per day",
            where,
            when,
            *UWCHR,
            f"reads / distinct plates / days; {span}",
        ),
        (
            "seattle_share_plates_2_days",
            "Share of plates read on 2 or more different days of the week",
            round(100 * f["share_2_days"], 1),
            "percent",
            where,
            when,
            *UWCHR,
            "distinct plates read on 2 or more calendar days (from dt) / distinct plates",
        ),
        (
            "seattle_vehicles",
            "Cars owned or leased by Seattle residents (about 461,000 in 2017 and 463,000 in 2023)",
            SEATTLE_VEHICLES,
            "vehicles",
            "Seattle, Washington",
            "2017 to 2023",
            *SEATTLE_VEHICLES_SOURCE,
            "as published (American Community Survey estimates), rounded down to 460,000; not computed here",
        ),
        (
            "seattle_reads_per_vehicle_per_day",
            "Plate reads per Seattle-owned vehicle per day by Seattle's police readers",
            round(f["reads_per_day"] / SEATTLE_VEHICLES, 4),
            "reads per vehicle per day",
            where,
            when,
            *UWCHR,
            f"reads per day / {SEATTLE_VEHICLES:,} vehicles (row seattle_vehicles: Seattle Transit Blog reporting "
            "The Seattle Times on ACS data). Cars from outside the city are read too, so this overstates reads per "
            "Seattle car",
        ),
    ]


# City police departments with large fixed Flock camera networks in the N&O portal scrape: the two with the most
# detections (San Jose, San Diego; no city vehicle count found), and the two Virginia city police departments with
# the most detections (Richmond, Newport News). Virginia's cities are independent of any county, so the Census
# Bureau counts each city as a county and its household vehicles are published for exactly the police's city.
FIXED_NETWORK_AGENCIES = ("San Jose CA PD", "San Diego CA PD", "Richmond VA PD", "Newport News VA PD")


def acs_vehicles_source(county_fips: str, place: str) -> tuple[str, str, str, str]:
    """The source of an ACS 2019-2023 five-year count of household vehicles (table B25046) for one county or
    Virginia city, read from a public copy of the Census API's answer (retrieved 2026-04-16)."""
    return (
        "U.S. Census Bureau",
        f"American Community Survey 2019-2023 5-year estimates, table B25046 (aggregate number of vehicles "
        f"available), {place}; read from the Census API copy in GitHub none-below/sm-alpr, "
        "data/census/population_counties.tsv (retrieved 2026-04-16)",
        "2024-12",
        f"https://api.census.gov/data/2023/acs/acs5?get=NAME,B25046_001E&for=county:{county_fips[2:]}"
        f"&in=state:{county_fips[:2]}",
    )


# Vehicles of the place each agency covers, with their source: {agency: (count, source tuple as EFF above,
# where, when)}. Without an entry no per-vehicle row is written (no guessed counts). ACS B25046 counts the
# vehicles kept at home by the place's households (cars, vans and trucks up to one ton), not fleets.
FIXED_NETWORK_VEHICLES: dict[str, tuple[int, tuple[str, str, str, str], str, str]] = {
    "Richmond VA PD": (
        150_052,
        acs_vehicles_source("51760", "Richmond city, Virginia"),
        "Richmond, Virginia (households' vehicles)",
        "2019-2023",
    ),
    "Newport News VA PD": (
        127_166,
        acs_vehicles_source("51700", "Newport News city, Virginia"),
        "Newport News, Virginia (households' vehicles)",
        "2019-2023",
    ),
}


def fixed_network_figures(path: Path) -> list[tuple]:
    """Detections per day and per camera per day for agencies' fixed camera networks (Flock portals), and per
    vehicle of the place where its vehicle count is sourced (FIXED_NETWORK_VEHICLES)."""
    usage = pd.read_csv(path)
    rows = []
    for agency in FIXED_NETWORK_AGENCIES:
        row = usage[usage.agency == agency].iloc[0]
        detected = float(row["vehicles_detected_in_the_last_30_days"])
        cameras = int(row["number_of_owned_cameras"])
        key = agency.lower().replace(" ", "_")
        where, when = f"{agency} (its own fixed Flock cameras)", "30 days to 2024-04-26"
        rows += [
            (
                f"flock_{key}_detections_per_day",
                f"Vehicle detections per day by the {agency}'s {cameras} Flock cameras",
                round(detected / 30, 1),
                "detections per day",
                where,
                when,
                *NANDO,
                f"vehicles_detected_in_the_last_30_days ({int(detected)}) / 30; the portal's count is of detections "
                "(a car passing several cameras, or one camera on several days, counts each time)",
            ),
            (
                f"flock_{key}_detections_per_camera_per_day",
                f"Vehicle detections per camera per day, {agency}",
                round(detected / 30 / cameras, 1),
                "detections per camera per day",
                where,
                when,
                *NANDO,
                f"vehicles_detected_in_the_last_30_days / 30 / number_of_owned_cameras ({cameras})",
            ),
        ]
        if agency in FIXED_NETWORK_VEHICLES:
            vehicles, source, place, year = FIXED_NETWORK_VEHICLES[agency]
            rows.append(
                (
                    f"flock_{key}_place_vehicles",
                    f"Vehicles kept by the households of the place the {agency} polices",
                    vehicles,
                    "vehicles",
                    place,
                    year,
                    *source,
                    "the source's figure as published (an estimate from a survey, with a margin of error)",
                )
            )
            rows.append(
                (
                    f"flock_{key}_detections_per_vehicle_per_day",
                    f"Detections per day by the {agency}'s cameras per vehicle of {place}",
                    round(detected / 30 / vehicles, 4),
                    "reads per vehicle per day",
                    where,
                    when,
                    *NANDO,
                    f"detections per day / {vehicles:,} vehicles ({place}, {year}: {source[0]}, '{source[1]}', "
                    f"{source[2]}, {source[3]}). Detections, not distinct cars; cars from outside the city are "
                    "read too, so this overstates how often one of the city's own cars is read",
                )
            )
    return rows
