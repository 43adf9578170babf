"""The fictional town of Alder Falls: its street grid, neighbourhoods and public places (cameras: networks.py).

Everything here is public knowledge in the story (like a map), so it is written
out by hand rather than drawn at random. Positions are street corners on a grid
measured in blocks: x counts avenues from the west, y counts streets from the south.
"""

from __future__ import annotations

from dataclasses import dataclass

TOWN_NAME = "Alder Falls"
COUNTY_NAME = "Larch County"
STATE_NAME = "Lakeland"  # a fictional state, so no plate in the lab belongs to a real car

GRID_WIDTH = 16  # avenues x = 0 .. 15
GRID_HEIGHT = 12  # streets y = 0 .. 11

AVENUE_NAMES = [f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'} Ave" for n in range(1, 17)]
STREET_NAMES = [
    "Alder St",
    "Birch St",
    "Cedar St",
    "Dogwood St",
    "Elm St",
    "Fir St (Route 9)",
    "Ginkgo St",
    "Hawthorn St",
    "Ironwood St",
    "Juniper St",
    "Linden St",
    "Maple St",
]


@dataclass(frozen=True)
class Neighbourhood:
    """A named rectangle of street corners, inclusive at both ends."""

    name: str
    x_min: int
    x_max: int
    y_min: int
    y_max: int
    residential: bool
    description: str
    income_level: str  # "lower", "middle" or "higher": fictional, from the back-story
    median_income: int  # fictional median household income in dollars a year, rounded to the thousand


# Incomes are fictional, like the town: they follow the back-story (renters and apartment blocks in
# Riverside and Eastfield, large houses in Northgate and Hillcrest) so that the lab can ask whose
# streets are scanned most. They are round numbers, not data about any real place.
NEIGHBOURHOODS = [
    Neighbourhood("Riverside", 0, 5, 0, 5, True, "Older houses and flats by the river; many renters.", "lower", 41_000),
    Neighbourhood("Northgate", 0, 5, 6, 11, True, "Large houses with driveways and quiet streets.", "higher", 112_000),
    Neighbourhood(
        "Mill District", 6, 9, 0, 3, False, "The mill, the parcel depot and the union hall.", "middle", 55_000
    ),
    Neighbourhood("Old Town", 6, 9, 4, 7, False, "City hall, the courthouse, shops and offices.", "middle", 63_000),
    Neighbourhood("College Heights", 6, 9, 8, 11, True, "The community college and student flats.", "middle", 48_000),
    Neighbourhood("Eastfield", 10, 15, 0, 5, True, "Apartment blocks and working families.", "lower", 37_000),
    Neighbourhood("Hillcrest", 10, 15, 6, 11, True, "Suburban streets around the hospital.", "higher", 96_000),
]

SENSITIVE_KINDS = {
    "clinic": "health",
    "worship": "religion",
    "legal_aid": "legal help",
    "union_hall": "union",
}

# (place_id, name, kind, detail, x, y). Places outside the grid lie on Route 9 in Larch County.
PLACES: list[tuple[str, str, str, str, int, int]] = [
    ("P01", "City Hall Plaza", "city_hall", "city offices and the public square", 7, 6),
    ("P02", "Alder Falls Courthouse", "courthouse", "county and city courts", 8, 6),
    ("P03", "Police Headquarters", "police", "city police", 6, 5),
    ("P04", "Public Library", "library", "", 8, 5),
    ("P05", "Main Street Cafe", "restaurant", "", 7, 5),
    ("P06", "Old Town Offices", "office", "insurance and law offices", 9, 6),
    ("P07", "Corner Pharmacy", "pharmacy", "", 6, 6),
    ("P08", "Eastfield Community Health Clinic", "clinic", "family and women's health", 11, 2),
    ("P09", "Eastfield Masjid", "worship", "mosque; Friday prayers", 14, 2),
    ("P10", "FreshMart Eastfield", "grocery", "", 12, 1),
    ("P11", "Eastfield Elementary School", "school", "", 14, 4),
    ("P12", "St. Brigid's Church", "worship", "Catholic church; Sunday mass", 2, 4),
    ("P13", "Riverside Legal Aid Center", "legal_aid", "free immigration and housing legal help", 5, 3),
    ("P14", "Riverside Bar and Grill", "bar", "", 3, 1),
    ("P15", "Riverside Market", "grocery", "", 1, 2),
    ("P16", "Alder Falls Mill", "factory", "paper mill, three shifts", 7, 1),
    ("P17", "Swift Parcel Depot", "depot", "delivery vans", 9, 2),
    ("P18", "Machinists Union Hall, Local 212", "union_hall", "meetings and training", 6, 2),
    ("P19", "Mill Hardware", "shop", "", 8, 3),
    ("P20", "Alder Falls Community College", "college", "", 7, 10),
    ("P21", "The Tap Room", "bar", "", 8, 9),
    ("P22", "Iron Gym", "gym", "", 6, 9),
    ("P23", "Alder Falls General Hospital", "hospital", "open day and night", 12, 8),
    ("P24", "Beth Shalom Synagogue", "worship", "synagogue; Saturday service", 11, 10),
    ("P25", "Hillcrest High School", "school", "", 14, 9),
    ("P26", "Hillcrest Mall", "mall", "", 13, 7),
    ("P27", "FitLife Gym", "gym", "", 10, 7),
    ("P28", "Sri Ganesha Temple", "worship", "Hindu temple; Sunday evening puja", 1, 9),
    ("P29", "Northgate Elementary School", "school", "", 3, 8),
    ("P30", "Northgate Grocery", "grocery", "", 4, 10),
    ("P31", "Northgate Dental", "office", "dentists' practice", 2, 7),
    ("P32", "Larch County Distribution Center", "warehouse", "outside town on Route 9, night shifts", -4, 5),
    ("P33", "Route 9 Outlet Mall", "mall", "outside town on Route 9", 19, 5),
    ("P34", "Eastfield Laundromat", "shop", "", 10, 4),
    ("P35", "Hillcrest Park", "park", "", 15, 11),
]

# Homes of residents who live in Larch County, outside the grid along Route 9.
COUNTY_HOMES = [(-9, 5), (-8, 5), (-7, 5), (-6, 5), (-3, 5), (17, 5), (18, 5), (20, 5), (21, 5)]

# Where a car goes when it leaves for a night or a holiday out of town: far out on Route 9, past every camera.
OUT_OF_TOWN = [(-16, 5), (28, 5)]


def neighbourhood_of(x: int, y: int) -> str:
    """Name of the neighbourhood that holds a corner, or the county for corners outside the grid."""
    for hood in NEIGHBOURHOODS:
        if hood.x_min <= x <= hood.x_max and hood.y_min <= y <= hood.y_max:
            return hood.name
    return COUNTY_NAME


def corner_name(x: int, y: int) -> str:
    """A readable address for a corner, such as 'Cedar St & 4th Ave'."""
    if 0 <= x < GRID_WIDTH and 0 <= y < GRID_HEIGHT:
        return f"{STREET_NAMES[y]} & {AVENUE_NAMES[x]}"
    side = "west" if x < 0 else "east"
    return f"Route 9, {abs(x if x < 0 else x - GRID_WIDTH + 1)} blocks {side} of town"
