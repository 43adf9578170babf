"""The six case residents whose stories the notebooks tell (Car A to Car F): routine, home, work, worship and
errands, and a line of story. Names never appear in the reads; every person and plate is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

from platetrails.i18n import N_


@dataclass(frozen=True)
class CaseResident:
    """A named resident whose story the notebooks tell; names never appear in the reads."""

    label: str
    name: str
    archetype: str
    home: tuple[int, int]
    work: str | None
    worship: str | None
    extras: tuple[str, ...]
    story: str


CASE_RESIDENTS = [
    CaseResident(
        N_("Car A"),
        "Grace Okafor",
        "day_commuter",
        (13, 1),
        "P23",
        "P12",
        ("legal_aid_weekly",),
        N_(
            "A nurse at the general hospital who lives in Eastfield. She has sung in the choir at "
            "St. Brigid's since she was a girl. On Tuesday evenings she volunteers as an interpreter "
            "at the Riverside Legal Aid Center."
        ),
    ),
    CaseResident(
        N_("Car B"),
        "Sam Delgado",
        "delivery_driver",
        (2, 1),
        "P17",
        None,
        (),
        N_("Drives a van for Swift Parcel, ten or more stops a day all over town, Monday to Saturday."),
    ),
    CaseResident(
        N_("Car C"),
        "Walt Brennan",
        "retiree",
        (14, 10),
        None,
        "P24",
        ("library_twice_weekly",),
        N_(
            "A retired science teacher in Hillcrest. He goes to the synagogue on Saturdays and to the "
            "library on Tuesday and Thursday mornings."
        ),
    ),
    CaseResident(
        N_("Car D"),
        "Priya Nair",
        "night_shift",
        (1, 7),
        "P32",
        "P28",
        (),
        N_(
            "Works the night shift at the county distribution center and sleeps by day. On Sunday "
            "evenings she takes her parents to the temple."
        ),
    ),
    CaseResident(
        N_("Car E"),
        "Tom Kowalski",
        "rotating_shift",
        (4, 2),
        "P16",
        None,
        ("union_steward", "bar_fridays"),
        N_(
            "A machinist at the mill whose shift changes every week. He is the shop steward, so he "
            "goes to the union hall every Wednesday evening, and he meets friends at the Riverside "
            "Bar and Grill on Fridays."
        ),
    ),
    CaseResident(
        N_("Car F"),
        "Aisha Rahman",
        "county_commuter",
        (-7, 5),
        "P31",
        "P09",
        ("clinic_once",),
        N_(
            "A dental hygienist who lives in Larch County and works in Northgate. On Fridays she "
            "drives across town at lunchtime for prayers at the Eastfield Masjid."
        ),
    ),
]
