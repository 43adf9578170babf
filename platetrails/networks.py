"""The one ordered registry of camera networks, their owners and the sharing switches: who owns each network,
where its cameras are, how it is drawn, whether a town's database collects it, and which switch lets its reads out.

The generator, the analysis, the figures and the widgets all read these lists at call time, so adding
a network, an owner or a switch is one edit here. The order sets the codes the analysis uses and the order
of every legend and menu. This is the only module that spells a network's, an owner's or a switch's code
(tests/test_registry.py checks the package's source).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from platetrails.i18n import N_
from platetrails.palette import OKABE_ITO


@dataclass(frozen=True)
class Shifts:
    """Camera cars on patrol: each hour, every unit on duty sweeps one neighbourhood, chosen by weight."""

    day_units: int
    night_units: int
    day_hours: tuple[int, int]
    weights: dict[str, float]
    start_spread_minutes: float = 40.0


@dataclass(frozen=True)
class NightSweeps:
    """Camera cars that sweep a few neighbourhoods each night, at random times between two hours."""

    per_night: int
    window_minutes: tuple[float, float]  # minutes after midnight; past 1440 is the next morning
    weights: dict[str, float]


@dataclass(frozen=True)
class Network:
    """One camera network. Fixed networks list their cameras; mobile ones their camera cars and schedule."""

    name: str  # the code in the data files
    label: str  # what students read (translated where it is shown)
    description: str  # one line for the data dictionary and town.json
    owner: str
    kind: str  # "fixed" or "mobile"
    capture: float  # chance that a camera reads a passing car (fixed) or a parked car it passes (mobile)
    color: str
    marker: str
    hatch: str = ""
    line_style: str = "-"
    cameras: tuple[tuple[str, int, int, str], ...] = ()  # fixed: (camera_id, x, y, what the corner is known for)
    units: tuple[str, ...] = ()  # mobile: the camera cars
    unit_label: str = ""  # mobile: how cameras.csv describes a camera car
    schedule: Shifts | NightSweeps | None = None
    extra: dict = field(default_factory=dict, compare=False)
    party: str = ""  # code of the owner in PARTIES (who holds the reads)
    sharing: str = ""  # code of the switch in SWITCHES that lets this network's reads leave its owner
    collects: bool = False  # a town's own database may collect its reads, so a policy or a state law may govern it
    phrase: str = ""  # the network in a data file's sentence ("home found, with {phrase} alone")

    @property
    def mobile(self) -> bool:
        return self.kind == "mobile"


# Eastfield and Riverside get more cameras than Northgate and Hillcrest, as EFF's 2015 look at
# Oakland data suggested happens in poorer neighbourhoods. Two cameras sit on the corner of a sensitive
# place, so that some sensitive visits are truly seen and others (the union hall, the clinic, the masjid,
# the temple, the synagogue) only when a camera car happens to pass: CITY-06 at St. Brigid's Church
# (Sunday mass) and CITY-08 at the legal aid center (Car A's Tuesday evenings; the analyst's rule counts
# only sightings on a place's own corner, so moving it one corner would hide the visits it is there to show).
CITY_CAMERAS = (
    ("CITY-01", 5, 5, N_("Route 9 at 6th Ave")),
    ("CITY-02", 9, 5, N_("Route 9 at 10th Ave")),
    ("CITY-03", 7, 7, N_("City Hall north")),
    ("CITY-04", 8, 4, N_("Old Town south")),
    ("CITY-05", 3, 5, N_("Route 9 in Riverside")),
    ("CITY-06", 2, 2, N_("Riverside centre")),
    ("CITY-07", 4, 1, N_("Riverside south")),
    ("CITY-08", 5, 3, N_("Riverside east, by the legal aid center")),
    ("CITY-09", 12, 5, N_("Route 9 in Eastfield")),
    ("CITY-10", 11, 3, N_("Eastfield west")),
    ("CITY-11", 13, 2, N_("Eastfield centre")),
    ("CITY-12", 14, 0, N_("Eastfield south")),
    ("CITY-13", 15, 3, N_("Eastfield east")),
    ("CITY-14", 7, 2, N_("Mill gate")),
    ("CITY-15", 9, 0, N_("Depot road")),
    ("CITY-16", 7, 9, N_("College entrance")),
    ("CITY-17", 12, 7, N_("Hospital corner")),
    ("CITY-18", 1, 9, N_("Northgate, Juniper St by the temple")),
)
COUNTY_CAMERAS = (
    ("COUNTY-01", 0, 5, N_("West town line on Route 9")),
    ("COUNTY-02", 15, 5, N_("East town line on Route 9")),
    ("COUNTY-03", -2, 5, N_("Route 9 west, in the county")),
    ("COUNTY-04", 17, 5, N_("Route 9 east, in the county")),
)

# The owners the lessons name by their part in the story. Other modules use these names, never the codes.
POLICE = "city_police"  # the town's police department: "the police's own networks", "the city's fixed cameras"
SHERIFF = "county_sheriff"  # the county sheriff, another agency with cameras of its own
COMPANY = "repo_company"  # the private repossession company

DEFAULT_NETWORKS = (
    Network(
        name="city_fixed",
        party=POLICE,
        sharing="city_shares",
        collects=True,
        phrase="the city's fixed cameras",  # i18n: ok (data files, not shown to students)
        label=N_("City fixed cameras"),
        description="City police fixed cameras at intersections",  # i18n: ok (data files, not shown to students)
        owner="Alder Falls Police Department",
        kind="fixed",
        capture=0.9,
        color=OKABE_ITO["blue"],
        marker="s",
        hatch="",
        line_style="-",
        cameras=CITY_CAMERAS,
    ),
    Network(
        name="city_patrol",
        party=POLICE,
        sharing="city_shares",
        collects=True,
        phrase="the police patrol cars",  # i18n: ok (data files, not shown to students)
        label=N_("City patrol cars"),
        description="City police patrol cars with cameras, on shifts",  # i18n: ok (data files, not shown to students)
        owner="Alder Falls Police Department",
        kind="mobile",
        capture=0.12,
        color=OKABE_ITO["vermillion"],
        marker="^",
        hatch="//",
        line_style="--",
        units=("PATROL-1", "PATROL-2", "PATROL-3", "PATROL-4"),
        unit_label="patrol car on shifts",
        schedule=Shifts(
            day_units=3,
            night_units=1,
            day_hours=(7, 19),
            weights={
                "Eastfield": 0.24,
                "Riverside": 0.22,
                "Old Town": 0.20,
                "Mill District": 0.10,
                "College Heights": 0.08,
                "Hillcrest": 0.08,
                "Northgate": 0.08,
            },
        ),
    ),
    Network(
        name="repo_fleet",
        party=COMPANY,
        sharing="private_uploads",
        collects=True,
        phrase="the repossession cars",  # i18n: ok (data files, not shown to students)
        label=N_("Repossession cars (private)"),
        description="Private repossession company cars that sweep home streets at night",  # i18n: ok (data files, not shown to students)
        owner="Lakeland Auto Recovery (a private company)",
        kind="mobile",
        capture=0.35,
        color=OKABE_ITO["purple"],
        marker="D",
        hatch="..",
        line_style=":",
        units=("REPO-1", "REPO-2"),
        unit_label="night sweeps of home streets",
        schedule=NightSweeps(
            per_night=3,
            window_minutes=(21 * 60, 28 * 60),  # 9 pm to 4 am
            weights={
                "Eastfield": 0.32,
                "Riverside": 0.30,
                "College Heights": 0.14,
                "Hillcrest": 0.12,
                "Northgate": 0.12,
            },
        ),
    ),
    Network(
        name="county_fixed",
        party=SHERIFF,
        sharing="county_shares",
        collects=False,  # the county's cameras belong to another agency, not the town's (see notebook 04)
        phrase="the county's fixed cameras",  # i18n: ok (data files, not shown to students)
        label=N_("County fixed cameras"),
        description="Larch County sheriff's fixed cameras at the town's edges and on Route 9",  # i18n: ok (data files, not shown to students)
        owner="Larch County Sheriff",
        kind="fixed",
        capture=0.85,
        color=OKABE_ITO["green"],
        marker="P",
        hatch="xx",
        line_style="-.",
        cameras=COUNTY_CAMERAS,
    ),
)


@dataclass(frozen=True)
class Party:
    """Someone in the story of the reads: an owner of cameras, the commercial database, or the federal agency."""

    code: str
    label: str  # what students read (translated where it is shown)
    role: str  # "owner", "database" or "agency"


@dataclass(frozen=True)
class Switch:
    """One flow of reads between two parties, with who decides it and how it could change."""

    code: str
    label: str  # the control's words
    source: str  # party code the reads come from
    target: str  # party code they go to
    default: bool  # the story's setting
    decided_by: str  # who set it in the town
    how_changed: str  # who could change it, and how


# The database and the agency are fictional stand-ins for the story's commercial database and ICE.
DEFAULT_PARTIES = (
    Party(POLICE, N_("Alder Falls Police"), "owner"),
    Party(SHERIFF, N_("Larch County Sheriff"), "owner"),
    Party(COMPANY, N_("Lakeland Auto Recovery (private)"), "owner"),
    Party("database", N_("PlateVault, a commercial database"), "database"),
    Party("federal_agency", N_("Federal immigration agency"), "agency"),
)
DEFAULT_SWITCHES = (
    Switch(
        "city_shares",
        N_("The city shares its reads"),
        POLICE,
        "database",
        False,
        N_("the city council, within state law (the town is in a sanctuary state)"),
        N_("the council by a vote at a public meeting, or the state legislature by a new law"),
    ),
    Switch(
        "county_shares",
        N_("The county shares its reads"),
        SHERIFF,
        "database",
        True,
        N_("the county sheriff, an elected official"),
        N_("the sheriff, county voters at the next election, or a lawsuit (as in Marin County, settled in 2022)"),
    ),
    Switch(
        "private_uploads",
        N_("The repossession company uploads"),
        COMPANY,
        "database",
        True,
        N_("the company's contract with the database"),
        N_("the two companies, or lawmakers who regulate private plate readers"),
    ),
    Switch(
        "agency_access",
        N_("The federal agency has access"),
        "database",
        "federal_agency",
        True,
        N_("a federal purchase: the agency's contract with the database"),
        N_("the agency or Congress, which funds it; the town cannot"),
    ),
)


_registry: list[Network] = list(DEFAULT_NETWORKS)
_parties: list[Party] = list(DEFAULT_PARTIES)
_switches: list[Switch] = list(DEFAULT_SWITCHES)


def parties() -> list[Party]:
    """Every party (owners, then the database and the agency), in the registry's order."""
    return list(_parties)


def party(code: str) -> Party:
    for p in _parties:
        if p.code == code:
            return p
    raise KeyError(f"no party called '{code}'")


def owners() -> list[Party]:
    """The parties that own cameras, in registry order."""
    return [p for p in _parties if p.role == "owner"]


def _the_one(role: str) -> Party:
    (found,) = [p for p in _parties if p.role == role]
    return found


def database() -> Party:
    """The commercial database the owners' switches send reads to."""
    return _the_one("database")


def agency() -> Party:
    """The federal agency, which holds no cameras and sees only what reaches the database."""
    return _the_one("agency")


def switches() -> list[Switch]:
    """Every sharing switch, in the registry's order (the order of the sharing map's controls)."""
    return list(_switches)


def switch_codes() -> list[str]:
    """The switches' codes, in order (the keys of `sharing.Switches`)."""
    return [s.code for s in _switches]


def switch_from(party_code: str) -> Switch:
    """The switch on the flow of reads out of one party (an owner's sharing, or the database's to the agency)."""
    (found,) = [s for s in _switches if s.source == party_code]
    return found


def access_switch() -> Switch:
    """The switch that lets the federal agency query the database."""
    return switch_from(database().code)


def networks_of(party_code: str, kind: str | None = None) -> list[str]:
    """The networks an owner holds, in registry order (only its "fixed" or "mobile" ones if `kind` says)."""
    return [n.name for n in _registry if n.party == party_code and kind in (None, n.kind)]


def collecting() -> list[str]:
    """The networks a town's own database may collect from, so a policy or a state law may govern (notebook 05)."""
    return [n.name for n in _registry if n.collects]


def all_networks() -> list[Network]:
    """Every network, in the registry's order."""
    return list(_registry)


def names() -> list[str]:
    """The networks' codes, in order (the analysis numbers networks by this order)."""
    return [n.name for n in _registry]


def get(name: str) -> Network:
    """One network by its code."""
    for net in _registry:
        if net.name == name:
            return net
    raise KeyError(f"no camera network called '{name}'")


def fixed_names() -> list[str]:
    return [n.name for n in _registry if not n.mobile]


def mobile_names() -> list[str]:
    return [n.name for n in _registry if n.mobile]


def fixed_cameras() -> list[tuple[str, str, int, int, str]]:
    """Every fixed camera as (camera_id, network, x, y, label), network by network in registry order."""
    return [(cam_id, n.name, x, y, label) for n in _registry for cam_id, x, y, label in n.cameras]


@contextmanager
def registered(*added: Network | Party | Switch) -> Iterator[list[Network]]:
    """Add networks, parties (new owners go after the last owner) and switches (new owners' switches go before
    the database's) to the registry for the length of a `with` block (for tests and experiments)."""
    saved = list(_registry), list(_parties), list(_switches)
    for item in added:
        if isinstance(item, Network):
            _registry.append(item)
        elif isinstance(item, Party):
            _parties.insert(len(owners()) if item.role == "owner" else len(_parties), item)
        else:
            _switches.insert(switch_codes().index(access_switch().code), item)
    try:
        yield all_networks()
    finally:
        _registry[:], _parties[:], _switches[:] = saved
