"""Figures computed from real public data sets, written to data/facts/derived_figures.csv with their sources.

Run `python -m platetrails.derive_facts --realdata PATH/TO/realdata`. The real files stay outside
the project; only the numbers computed here, and where they come from, are checked in.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from statistics import NormalDist

import pandas as pd

from platetrails.data import DATA_DIR

EFF = (
    "Electronic Frontier Foundation and MuckRock",
    "Data Driven: Explore How Cops Are Collecting and Sharing Our Travel Patterns Using Automated License Plate Readers",
    "2020-01-28",
    "https://www.eff.org/pages/automated-license-plate-reader-dataset",
)
NANDO = (
    "The News & Observer (McClatchy)",
    "Private Eyes: Flock Safety transparency portal data, scraped 2024-04-26",
    "2024-04-26",
    "https://github.com/mcclatchy-southeast/private_eyes",
)
COLUMNS = ["figure_id", "what", "value", "unit", "where", "when", "publisher", "title", "source_date", "link", "method"]


def to_number(column: pd.Series) -> pd.Series:
    """'1,034' -> 1034; 'Not Provided', 'n/a' and the like -> NaN; a trailing * (incomplete) is dropped."""
    text = column.astype(str).str.replace(",", "", regex=False).str.replace("*", "", regex=False).str.strip()
    return pd.to_numeric(text, errors="coerce")


def eff_figures(path: Path) -> list[tuple]:
    eff = pd.read_csv(path)
    det = to_number(eff["2016To2017Detections"])
    hits = to_number(eff["2016To2017Hits"])
    both = (det > 0) & hits.notna()
    rate = hits[both] / det[both]
    sharing = to_number(eff["DirectSharing"])
    where, when = "United States (agencies using Vigilant's system)", "2016-2017"
    return [
        (
            "eff_pooled_hit_rate",
            "Hot-list hits as a share of all plate scans, pooled over the agencies that reported both",
            round(100 * hits[both].sum() / det[both].sum(), 3),
            "percent",
            where,
            when,
            *EFF,
            f"sum of hits / sum of detections over {int(both.sum())} agencies",
        ),
        (
            "eff_median_hit_rate",
            "Hot-list hit rate of the middle agency (half the agencies had a lower rate)",
            round(100 * rate.median(), 3),
            "percent",
            where,
            when,
            *EFF,
            f"median of hits / detections over {int(both.sum())} agencies",
        ),
        (
            "eff_agencies_with_rates",
            "Agencies that reported both scans and hits",
            int(both.sum()),
            "agencies",
            where,
            when,
            *EFF,
            "count of agencies with detections > 0 and a number of hits",
        ),
        (
            "eff_median_sharing",
            "Agencies the middle agency shared its plate data with directly",
            float(sharing.median()),
            "agencies",
            where,
            when,
            *EFF,
            f"median of DirectSharing over {int(sharing.notna().sum())} agencies",
        ),
    ]


def flock_figures(path: Path) -> list[tuple]:
    usage = pd.read_csv(path)
    days = pd.to_numeric(usage["data_retention_in_days"].astype(str).str.extract(r"^(\d+)")[0], errors="coerce")
    known = days.notna()
    vehicles = pd.to_numeric(usage["vehicles_detected_in_the_last_30_days"], errors="coerce")
    hits = pd.to_numeric(usage["hotlist_hits_in_the_last_30_days"], errors="coerce")
    both = (vehicles > 0) & hits.notna()
    where, when = "United States (Flock Safety customer agencies with public portals)", "30 days to 2024-04-26"
    return [
        (
            "flock_share_30_day_retention",
            "Share of agencies whose portal states a 30-day retention period",
            round(100 * (days[known] == 30).mean(), 1),
            "percent",
            where,
            when,
            *NANDO,
            f"agencies with 30 days / {int(known.sum())} agencies with a readable retention value",
        ),
        (
            "flock_pooled_hit_rate",
            "Hot-list hits as a share of vehicles detected, pooled over agencies",
            round(100 * hits[both].sum() / vehicles[both].sum(), 3),
            "percent",
            where,
            when,
            *NANDO,
            f"sum of hits / sum of vehicles detected over {int(both.sum())} agencies",
        ),
        (
            "flock_median_vehicles",
            "Vehicles detected in 30 days by the middle agency",
            float(vehicles.median()),
            "vehicles",
            where,
            when,
            *NANDO,
            f"median over {int(vehicles.notna().sum())} agencies",
        ),
    ]


EFF_FILE = ("eff_data_driven_2016_2017", "EFF-MuckRock 2016-2017 ALPR DATA.csv")
FLOCK_EDGES = ("nando_private_eyes", "agency_access20240426.csv")
DEGREE_BINS = [(1, 10), (11, 50), (51, 100), (101, 200), (201, 500), (501, None)]
DEGREE_COLUMNS = ["dataset", "bin", "low", "high", "agencies", "publisher", "title", "source_date", "link", "method"]


def flock_degrees(path: Path) -> pd.Series:
    """For each agency with a public sharing list: how many other agencies it lets search its data."""
    edges = pd.read_csv(path)
    return edges.groupby("src_agency").external_agency.nunique()


def eff_degrees(path: Path) -> pd.Series:
    """For each agency in EFF's table: how many agencies its data-sharing report lists."""
    return to_number(pd.read_csv(path)["DirectSharing"]).dropna()


def sharing_figures(realdata: Path) -> list[tuple]:
    """How many agencies a typical agency shares with, in the Flock portals (2024) and EFF's records (2016-2017)."""
    flock = flock_degrees(realdata.joinpath(*FLOCK_EDGES))
    edges = pd.read_csv(realdata.joinpath(*FLOCK_EDGES))
    eff = pd.read_csv(realdata.joinpath(*EFF_FILE))
    pooled = eff["NVLS"].astype(str).str.strip() == "Y"
    where, when = "United States (Flock Safety customer agencies with public portals)", "as of 2024-04-26"
    return [
        (
            "flock_median_sharing",
            "Other agencies the middle agency lets search its Flock plate data",
            float(flock.median()),
            "agencies",
            where,
            when,
            *NANDO,
            f"median over {flock.size} agencies of the distinct external agencies listed for each in agency_access",
        ),
        (
            "flock_agencies_with_sharing_lists",
            "Agencies whose portal lists who may search their data",
            int(flock.size),
            "agencies",
            where,
            when,
            *NANDO,
            "distinct src_agency values in agency_access",
        ),
        (
            "flock_share_over_100",
            "Share of those agencies that let more than 100 other agencies search their data",
            round(100 * float((flock > 100).mean()), 1),
            "percent",
            where,
            when,
            *NANDO,
            f"agencies with more than 100 external agencies / {flock.size}",
        ),
        (
            "flock_distinct_recipients",
            "Different agencies that can search at least one of those agencies' data",
            int(edges.external_agency.nunique()),
            "agencies",
            where,
            when,
            *NANDO,
            f"distinct external_agency values over {len(edges)} sharing links",
        ),
        (
            "eff_agencies_nvls",
            "Agencies in EFF's table that sent their data to the vendor's national pool (NVLS)",
            int(pooled.sum()),
            "agencies",
            "United States (agencies using Vigilant's system)",
            "2016-2017",
            *EFF,
            "count of NVLS == Y",
        ),
    ]


def degree_table(realdata: Path) -> pd.DataFrame:
    """How many agencies share with 1-10, 11-50, ... others, in each data set, each row with its source."""
    rows = []
    sets = [
        (
            "Flock portals, 2024",
            flock_degrees(realdata.joinpath(*FLOCK_EDGES)),
            NANDO,
            "agency_access: distinct external agencies per src_agency",
        ),
        (
            "EFF records, 2016-2017",
            eff_degrees(realdata.joinpath(*EFF_FILE)),
            EFF,
            "DirectSharing per agency (agencies sharing with none left out)",
        ),
    ]
    for name, degrees, source, method in sets:
        for low, high in DEGREE_BINS:
            inside = (degrees >= low) & (degrees <= high if high else True)
            label = f"{low}-{high}" if high else f"over {low - 1}"
            rows.append((name, label, low, high if high else "", int(inside.sum()), *source, method))
    table = pd.DataFrame(rows, columns=DEGREE_COLUMNS)
    table["confidence"] = "high"
    return table


# Okaloosa County (Florida) Sheriff's Office: its Flock search audit log for 2025-11-01 to 2025-12-08,
# released under the Florida Public Records Act and parsed from the PDF into CSV by a third party.
OKALOOSA = (
    "Okaloosa County Sheriff's Office (Florida), Flock Safety search audit log released under the Florida "
    "Public Records Act; parsed and published by the GitHub repository HistoryJunkie/OkaloosaALPR_AUDIT",
    "Flock search audit 2025-11-01 to 2025-12-08 (11_1_2025-12_8_2025-Okaloosa_County_FL_SO-Audit.pdf) "
    "and its CSV parse",
    "2026-01",
    "https://github.com/HistoryJunkie/OkaloosaALPR_AUDIT",
)
OKALOOSA_FILE = ("okaloosa_flock_audit", "audit_2025-11-01_2025-12-08.csv")
OKALOOSA_WHERE = "Okaloosa County, Florida (one sheriff's office)"
OKALOOSA_WHEN = "2025-11-01 to 2025-12-08 (five weeks)"
AUDIT_TIME_FORMAT = "%m/%d/%Y, %I:%M:%S %p UTC"
# The office's retention promise: the data dictionary of the parse lists "30-day rolling deletion" in the
# Flock contract (recitals, order form), and the repository quotes the office's FAQ ("deletes its data every
# 30 days on a rolling basis").
OKALOOSA_RETENTION_DAYS = 30
LOOK_BACK_THRESHOLDS = (1, 7, 14, 30, 90)
LOOK_BACK_QUANTILES = (0.25, 0.75, 0.9, 0.95)
# "Vague": a reason of one word with no digit in it (so no case number), e.g. "bolo", "investigation",
# "warrant", "stolen". "Generic": a reason, lowercased and trimmed, that is exactly one of these words or
# phrases, which say only that police work is going on, naming no offence, person or case.
GENERIC_REASONS = (
    "investigation",
    "investigations",
    "inv",
    "criminal investigation",
    "active case",
    "bolo",
    "patrol",
    "suspicious",
    "suspect",
    "agency assist",
    "training",
    "test",
)


def audit_log(path: Path) -> pd.DataFrame:
    """The audit log with its times parsed, the look-back in days and the reason trimmed and lowercased."""
    log = pd.read_csv(path, dtype=str, keep_default_na=False)
    start = pd.to_datetime(log["Time_Frame_Start"], format=AUDIT_TIME_FORMAT)
    searched = pd.to_datetime(log["Search_Time"], format=AUDIT_TIME_FORMAT)
    log["look_back_days"] = (searched - start).dt.total_seconds() / 86400
    log["reason"] = log["Reason"].str.strip().str.lower()
    log["networks"] = pd.to_numeric(log["Total_Networks_Searched"])
    log["devices"] = pd.to_numeric(log["Total_Devices_Searched"])
    return log


def vague(reason: pd.Series) -> pd.Series:
    """True for a reason of exactly one word with no digit (no case number): 'bolo', 'investigation'."""
    words = reason.str.split().str.len().fillna(0)
    return (words == 1) & ~reason.str.contains(r"\d", regex=True)


def lognormal_spread(median_days: float, share_beyond: float, days: float) -> float:
    """Sigma of the lognormal with this median that puts `share_beyond` of its mass beyond `days`."""
    return math.log(days / median_days) / NormalDist().inv_cdf(1.0 - share_beyond)


def look_back_figures(path: Path) -> list[tuple]:
    """How far back one sheriff's searches looked, and what their reasons and reach were (see docs/research)."""
    log = audit_log(path)
    n = len(log)
    days = log.look_back_days
    where, when = OKALOOSA_WHERE, OKALOOSA_WHEN
    window = "look-back = Search_Time - Time_Frame_Start (the search window, not the age of the read used)"
    median = float(days.median())
    rows = [
        (
            "okaloosa_searches",
            "Searches in the audit log",
            n,
            "searches",
            where,
            when,
            *OKALOOSA,
            "rows of the parsed log",
        ),
        (
            "okaloosa_look_back_median",
            "How far back the middle search looked (half the searches looked back less)",
            round(median, 3),
            "days",
            where,
            when,
            *OKALOOSA,
            f"median over {n} searches; {window}",
        ),
    ]
    for threshold in LOOK_BACK_THRESHOLDS:
        rows.append(
            (
                f"okaloosa_look_back_over_{threshold}_days",
                f"Share of searches that looked back more than {threshold} day{'s' if threshold > 1 else ''}",
                round(100 * float((days > threshold).mean()), 2),
                "percent",
                where,
                when,
                *OKALOOSA,
                f"searches with look-back > {threshold} days / {n}; {window}",
            )
        )
    for q in LOOK_BACK_QUANTILES:
        rows.append(
            (
                f"okaloosa_look_back_p{round(100 * q)}",
                f"Look-back that {round(100 * q)}% of searches did not exceed",
                round(float(days.quantile(q)), 3),
                "days",
                where,
                when,
                *OKALOOSA,
                f"{q:.2f} quantile (linear interpolation) over {n} searches; {window}",
            )
        )
    beyond = float((days > OKALOOSA_RETENTION_DAYS).mean())
    sigma = lognormal_spread(median, beyond, OKALOOSA_RETENTION_DAYS)
    rows += [
        (
            "okaloosa_look_back_lognormal_spread",
            "Spread of a lognormal fitted to the look-backs (its median is the log's median): one standard "
            "deviation multiplies the look-back by this factor",
            round(math.exp(sigma), 3),
            "times as many",
            where,
            when,
            *OKALOOSA,
            f"exp(sigma), sigma = ln(30 / median) / z, z the standard normal quantile of 1 - (share beyond 30 days);"
            f" sigma = {sigma:.4f}, so the fitted lognormal puts the same share beyond 30 days as the log",
        ),
        (
            "okaloosa_past_retention_searches",
            f"Searches that looked back further than the office's own {OKALOOSA_RETENTION_DAYS}-day retention",
            int((days > OKALOOSA_RETENTION_DAYS).sum()),
            "searches",
            where,
            when,
            *OKALOOSA,
            f"searches with look-back > {OKALOOSA_RETENTION_DAYS} days; the 30-day rolling deletion is in the "
            "data dictionary (Flock contract) and the office's FAQ quoted by the repository. A window past 30 days "
            "can still return reads from other agencies' networks that keep data longer",
        ),
        (
            "okaloosa_longest_look_back",
            "Longest look-back of any search",
            round(float(days.max()), 1),
            "days",
            where,
            when,
            *OKALOOSA,
            f"maximum over {n} searches; {window}",
        ),
    ]
    blank = log.reason == ""
    one_word = vague(log.reason)
    generic = log.reason.isin(GENERIC_REASONS)
    multi = log.networks > 1
    rows += [
        (
            "okaloosa_blank_reasons",
            "Share of searches with a blank reason",
            round(100 * float(blank.mean()), 3),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(blank.sum())} searches with an empty Reason after trimming / {n}",
        ),
        (
            "okaloosa_one_word_reasons",
            "Share of searches whose reason is one word with no case number (such as 'bolo', 'investigation', "
            "'warrant', 'stolen')",
            round(100 * float(one_word.mean()), 1),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(one_word.sum())} / {n}: Reason of exactly one word containing no digit",
        ),
        (
            "okaloosa_generic_reasons",
            "Share of searches whose whole reason names no offence, person or case (such as 'investigation', "
            "'bolo', 'patrol')",
            round(100 * float(generic.mean()), 1),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(generic.sum())} / {n}: Reason, lowercased and trimmed, is one of: " + "; ".join(GENERIC_REASONS),
        ),
        (
            "okaloosa_multi_network_searches",
            "Share of searches that queried more than one camera network",
            round(100 * float(multi.mean()), 1),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(multi.sum())} / {n} searches with Total_Networks_Searched > 1",
        ),
        (
            "okaloosa_median_networks_multi",
            "Networks queried by the middle one of those multi-network searches",
            float(log.networks[multi].median()),
            "networks",
            where,
            when,
            *OKALOOSA,
            f"median of Total_Networks_Searched over the {int(multi.sum())} searches with more than one",
        ),
        (
            "okaloosa_most_networks",
            "Most camera networks queried by one search",
            int(log.networks.max()),
            "networks",
            where,
            when,
            *OKALOOSA,
            "maximum of Total_Networks_Searched",
        ),
        (
            "okaloosa_most_devices",
            "Most cameras queried by one search",
            int(log.devices.max()),
            "devices",
            where,
            when,
            *OKALOOSA,
            "maximum of Total_Devices_Searched",
        ),
    ]
    return rows


# Seattle Police Department plate reads, 2021-10-01 to 2021-10-08, from UWCHR's public records request.
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


def derive(realdata: Path) -> pd.DataFrame:
    rows = eff_figures(realdata.joinpath(*EFF_FILE))
    rows += flock_figures(realdata / "nando_private_eyes" / "latest_usage04262023.csv")
    rows += sharing_figures(realdata)
    rows += look_back_figures(realdata.joinpath(*OKALOOSA_FILE))
    rows += seattle_figures(realdata.joinpath(*UWCHR_FILE))
    rows += fixed_network_figures(realdata / "nando_private_eyes" / "latest_usage04262023.csv")
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["confidence"] = "high"
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--realdata", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "facts" / "derived_figures.csv")
    parser.add_argument("--degrees-out", type=Path, default=DATA_DIR / "facts" / "sharing_degrees.csv")
    args = parser.parse_args(argv)
    table = derive(args.realdata)
    table.to_csv(args.out, index=False, lineterminator="\n")
    degree_table(args.realdata).to_csv(args.degrees_out, index=False, lineterminator="\n")
    print(table[["figure_id", "value", "unit"]].to_string(index=False))


if __name__ == "__main__":
    main()
