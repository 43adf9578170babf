"""A stand-in for a lab module, for tests/test_i18n.py.

tests/test_i18n.py extracts its wrapped texts into a catalogue of its own, with the Spanish in SPANISH, so the
students' catalogue ships no test text; `left_in_english()` holds the texts the untranslated() checker must
report (lines marked FLAG).
"""

from __future__ import annotations

from platetrails.i18n import N_, _, _n

SPANISH = {
    "{reads} reads a day": "{reads} lecturas al día",
    "{n} camera saw this vehicle": ("{n} cámara vio este vehículo", "{n} cámaras vieron este vehículo"),
    "No network is ticked, so no camera records anything.": (
        "No hay ninguna red marcada, así que ninguna cámara registra nada."
    ),
    "City fixed cameras": "Cámaras fijas de la ciudad",
    "City patrol cars": "Patrullas de la ciudad",
    "Camera {camera} read {reads} plates that day.": "La cámara {camera} leyó {reads} placas ese día.",
}  # "This sentence has no Spanish yet." stays untranslated on purpose

NETWORK_LABELS = {"city_fixed": N_("City fixed cameras"), "city_patrol": N_("City patrol cars")}


def reads_a_day(reads: int) -> str:
    return _("{reads} reads a day").format(reads=reads)


def cameras_saw(n: int) -> str:
    return _n("{n} camera saw this vehicle", "{n} cameras saw this vehicle", n).format(n=n)


def nothing_ticked() -> str:
    return _("No network is ticked, so no camera records anything.")


def network_label(network: str) -> str:
    return _(NETWORK_LABELS[network])


def not_translated_yet() -> str:
    return _("This sentence has no Spanish yet.")


def describe_day(camera: str, reads: int) -> str:
    # TRANSLATORS: camera is a code such as CITY-09.
    return _("Camera {camera} read {reads} plates that day.").format(camera=camera, reads=reads)


def left_in_english(ax, w, n: int):
    """Texts nobody wrapped yet: the checker reports each FLAG line, and nothing else."""
    ax.set_title("Reads per hour")  # FLAG
    ax.set_xlabel(f"{n} days")  # FLAG
    ax.plot([0, 1], color="#E69F00", marker="o", label="time")
    ax.text(0.5, 0.5, "Route 9", ha="center")  # FLAG
    ax.set_ylabel("Plates seen")  # i18n: ok
    box = w.Checkbox(description="Show cameras")  # FLAG
    return box, w.HTML(f"<b>{n}</b>")
