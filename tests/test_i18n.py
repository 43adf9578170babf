"""Translation: the `_()`/`_n()` functions, the committed catalogues, and the untranslated-text checker."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from platetrails import catalogue, i18n
from platetrails import untranslated as checker
from platetrails.i18n import _, _n, language, set_language, using_language
from platetrails.untranslated import untranslated
from tests.support import untranslated as fixture

LOCALE = Path(i18n.__file__).parent / "locale"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Every test starts in English, whatever the machine's PLATETRAILS_LANG, and leaves no language behind."""
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    monkeypatch.setattr(i18n, "_chosen", None)


@pytest.fixture
def fixture_spanish(tmp_path, monkeypatch):
    """A Spanish catalogue of the fixture module's texts only, in a folder of its own, used in place of the lab's."""
    catalog = catalogue.extract(package_dir=tmp_path / "no-package", extra=(Path(fixture.__file__),))
    catalog.locale = "es"
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        spanish = fixture.SPANISH.get(key)
        if isinstance(spanish, tuple):  # as many forms as Spanish's plural rule has, the last for all the rest
            spanish = spanish + spanish[-1:] * (catalog.num_plurals - len(spanish))
        if key and spanish:
            message.string = spanish
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "platetrails.mo", "wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n._catalogue.cache_clear()
    yield
    i18n._catalogue.cache_clear()


# ------------------------------------------------------------------------------------------------- run time


def test_english_is_the_default_and_the_source():
    assert language() == "en"
    assert fixture.reads_a_day(40) == "40 reads a day"
    assert fixture.nothing_ticked() == "No network is ticked, so no camera records anything."
    assert _("") == ""


def test_spanish_comes_from_the_catalogue(fixture_spanish):
    with using_language("es"):
        assert language() == "es"
        assert fixture.reads_a_day(40) == "40 lecturas al día"
        assert fixture.nothing_ticked() == "No hay ninguna red marcada, así que ninguna cámara registra nada."
        assert fixture.network_label("city_fixed") == "Cámaras fijas de la ciudad"
        assert fixture.describe_day("CITY-09", 12) == "La cámara CITY-09 leyó 12 placas ese día."
        assert _("") == ""  # not the catalogue's header
    assert language() == "en"
    assert fixture.reads_a_day(40) == "40 reads a day"


def test_a_missing_or_untranslated_text_falls_back_to_english(fixture_spanish):
    with using_language("es"):
        assert _("A sentence no catalogue has.") == "A sentence no catalogue has."
        assert fixture.not_translated_yet() == "This sentence has no Spanish yet."  # in the .po, msgstr empty


@pytest.mark.parametrize("lang", ["xx", "zz_QQ", "", "en", "EN-us"])
def test_an_unknown_language_shows_english_without_an_error(lang):
    with using_language(lang):
        assert fixture.reads_a_day(3) == "3 reads a day"
        assert fixture.cameras_saw(2) == "2 cameras saw this vehicle"


def test_plurals_in_both_languages(fixture_spanish):
    assert [fixture.cameras_saw(n) for n in (0, 1, 2)] == [
        "0 cameras saw this vehicle",
        "1 camera saw this vehicle",
        "2 cameras saw this vehicle",
    ]
    with using_language("es"):
        assert [fixture.cameras_saw(n) for n in (0, 1, 2, 1_000_000)] == [
            "0 cámaras vieron este vehículo",
            "1 cámara vio este vehículo",
            "2 cámaras vieron este vehículo",
            "1000000 cámaras vieron este vehículo",
        ]
        assert _n("{n} apple", "{n} apples", 1) == "{n} apple"  # not in the catalogue: English forms


def test_environment_variable_and_set_language(monkeypatch, fixture_spanish):
    monkeypatch.setenv(i18n.ENV_VAR, "es")
    assert language() == "es"
    assert fixture.reads_a_day(5) == "5 lecturas al día"
    set_language("en")
    assert language() == "en"
    assert fixture.reads_a_day(5) == "5 reads a day"
    with using_language("es"):
        with using_language("xx"):
            assert fixture.reads_a_day(5) == "5 reads a day"
        assert fixture.reads_a_day(5) == "5 lecturas al día"
    assert language() == "en"


def test_using_language_restores_after_an_error():
    with pytest.raises(RuntimeError), using_language("es"):
        raise RuntimeError
    assert language() == "en"


def test_available_languages():
    assert i18n.available_languages()[:1] == ["en"]
    assert "es" in i18n.available_languages()


# ----------------------------------------------------------------------------------------------- catalogues


def po_files() -> list[Path]:
    found = sorted(LOCALE.glob("*/LC_MESSAGES/platetrails.po"))
    assert found, "no catalogue under platetrails/locale"
    return found


@pytest.mark.parametrize("po_path", po_files(), ids=lambda p: p.parent.parent.name)
def test_every_mo_is_what_its_po_compiles_to(po_path):
    with open(po_path, "rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run python -m platetrails.catalogue compile"
    assert mo_path.read_bytes() == buffer.getvalue(), "stale .mo: run python -m platetrails.catalogue compile"


def test_the_spanish_catalogue_ships_no_test_text_and_keeps_placeholders():
    with open(LOCALE / "es" / "LC_MESSAGES" / "platetrails.po", "rb") as f:
        catalog = read_po(f)
    assert catalog.locale_identifier == "es"
    assert catalog.num_plurals == 2
    assert catalog["{town}: the cameras of the ticked networks"].string == "{town}: las cámaras de las redes marcadas"
    shipped = {path for message in catalog for path, _line in message.locations}
    assert shipped and all(path.startswith(("platetrails/", "data/facts/")) for path in shipped), sorted(shipped)[:5]
    for message in catalog:
        assert not catalogue._placeholder_errors(message), message.id


def test_check_passes_on_the_committed_catalogues():
    out = io.StringIO()
    assert catalogue.check_catalogues(out=out) == 0, out.getvalue()
    assert "es:" in out.getvalue()


def test_extract_update_compile_are_deterministic(tmp_path):
    pot = tmp_path / "platetrails.pot"
    catalogue.write_template(pot)
    first = pot.read_bytes()
    catalogue.write_template(pot)
    assert pot.read_bytes() == first
    assert b"POT-Creation-Date: 2025-01-01 00:00+0000" in first
    assert b"tests/" not in first  # no test text reaches the students' catalogues
    assert b'msgid "Reveal the truth"' in first
    assert b'msgid_plural "{n} sightings"' in first

    locale = tmp_path / "locale"
    (locale / "es" / "LC_MESSAGES").mkdir(parents=True)
    po = locale / "es" / "LC_MESSAGES" / "platetrails.po"
    po.write_bytes((LOCALE / "es" / "LC_MESSAGES" / "platetrails.po").read_bytes())
    catalogue.update_catalogues(locale, pot)
    catalogue.compile_catalogues(locale)
    once = po.read_bytes(), po.with_suffix(".mo").read_bytes()
    assert catalogue.update_catalogues(locale, pot) == []
    assert catalogue.compile_catalogues(locale) == []
    assert (po.read_bytes(), po.with_suffix(".mo").read_bytes()) == once
    assert catalogue.check_catalogues(locale, pot, out=io.StringIO()) == 0


def test_check_fails_on_a_stale_mo_a_missing_text_and_a_broken_placeholder(tmp_path):
    locale = tmp_path / "locale"
    folder = locale / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    pot = tmp_path / "platetrails.pot"
    catalogue.write_template(pot)
    po = folder / "platetrails.po"
    po.write_bytes((LOCALE / "es" / "LC_MESSAGES" / "platetrails.po").read_bytes())
    catalogue.compile_catalogues(locale)
    assert catalogue.check_catalogues(locale, pot, out=io.StringIO()) == 0

    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("{town}: las cámaras", "{ciudad}: las cámaras"), encoding="utf-8")
    catalogue.compile_catalogues(locale)
    out = io.StringIO()
    assert catalogue.check_catalogues(locale, pot, out=out) == 1
    assert "unknown placeholders ['ciudad']" in out.getvalue()

    po.write_text(text.replace("las redes marcadas", "las redes elegidas"), encoding="utf-8")
    out = io.StringIO()
    assert catalogue.check_catalogues(locale, pot, out=out) == 1
    assert "differs from what platetrails.po compiles to" in out.getvalue()

    catalogue.compile_catalogues(locale)
    with open(pot, "ab") as f:
        f.write(b'\nmsgid "A text the Spanish catalogue lacks"\nmsgstr ""\n')
    out = io.StringIO()
    assert catalogue.check_catalogues(locale, pot, out=out) == 1
    assert "1 texts of the .pot are missing" in out.getvalue()


# ------------------------------------------------------------------------------------------------- checker

FLAGGED = [
    ('ax.set_title("Hello world")', "Hello world"),
    ('w.Checkbox(description="Show cameras")', "Show cameras"),
    ('ax.set_xlabel(f"{n} days")', "f'{n} days'"),
    ('ax.set_ylabel("plate reads")', "plate reads"),
    ('ax.plot(x, y, label="City patrol cars")', "City patrol cars"),
    ('ax.legend(title="Networks")', "Networks"),
    ('fig.suptitle("How fast the picture forms")', "How fast the picture forms"),
    ('ax.text(0.5, 0.9, "One character apart", ha="center")', "One character apart"),
    ('ax.annotate("Home", xy=(1, 2))', "Home"),
    ('self.say("Type a plate above")', "Type a plate above"),
    ('w.HTML("<b>Camera networks to show:</b>")', "<b>Camera networks to show:</b>"),
    ('HTML(value="Pick a car")', "Pick a car"),
    ('w.Label("Days of data")', "Days of data"),
    ('w.Text(placeholder="type a plate, e.g. 4KXT218")', "type a plate, e.g. 4KXT218"),
    ('w.Button(tooltip="Draw another")', "Draw another"),
    ('w.Dropdown(options=[("Car A", "p")])', "Car A"),
    ('w.Dropdown(options=[(f"Car {c}", c) for c in cars])', "f'Car {c}'"),
    ("def describe_x(s):\n    return f'{s.n} reads'", "f'{s.n} reads'"),
    ("def describe(self, s):\n    return 'Nothing to show.'", "Nothing to show."),
    ('style.describe(fig, "A map")', "A map"),
    ('describe(fig, text="A map")', "A map"),
    ('Alert(message="No alert fired.")', "No alert fired."),
    ('message = "Tick a network."', "Tick a network."),
    ('self.message = "Tick a network."', "Tick a network."),
    ('self.message.value = "Tick a network."', "Tick a network."),
    ('ax.set_title("Reads {n}".format(n=n))', "Reads {n}"),
    ('ax.set_title("Plate: " + plate)', "Plate: "),
    ('ax.set_title("Some" if x else "None at all")', ["Some", "None at all"]),
    ('STYLE = {"city_fixed": {"color": "#0072B2", "label": "City fixed cameras"}}', "City fixed cameras"),
    ('title = "Reads per hour"\nax.set_title(title)', "Reads per hour"),
    (
        "def describe_x(s):\n    parts = []\n    parts.append('Seen at home.')\n    return ' '.join(parts)",
        "Seen at home.",
    ),
    ("def sentence():\n    return 'It sleeps near the park.'\nself.say(sentence())", "It sleeps near the park."),
    ("WENT_WRONG = '<b>Something went wrong.</b>'\nself.message.value = WENT_WRONG", "<b>Something went wrong.</b>"),
]

PASSING = [
    'ax.set_title(_("Hello world"))',
    '_("{n} days").format(n=3)',
    'ax.set_xlabel(_("{n} days").format(n=n))',
    'ax.set_title(_n("{n} day", "{n} days", n).format(n=n))',
    'ax.plot(color="#E69F00")',
    'ax.plot(x, y, color="#E69F00", marker="o", linestyle="--")',
    'w.ToggleButtons(options=[(_("Time"), "time")])',
    'w.Dropdown(options=[("city_fixed", 1)])',
    'def f():\n    """A docstring is for programmers, not students."""\n    return 1',
    'raise ValueError("bad thing")',
    'assert x, "the list is empty"',
    'logging.warning("Could not draw the figure")',
    'logger.info("Loaded %d reads", n)',
    'x = "city_fixed"',
    'ax.set_title("time")',
    'ax.set_title("")',
    'ax.set_title("1, 2, 3 ...")',
    'ax.set_title(f"{plate}: {count:,.0f}")',
    'self.message.value = f"<b>{text}</b>"',
    'ax.legend(loc="upper center")',
    'ax.bar_label(bars, fmt="%.0f reads")',
    'print("Hello world")',
    'ax.set_title("Hello world")  # i18n: ok',
    'STYLE = {"label": N_("City fixed cameras")}',
    'title = _("Reads per hour")\nax.set_title(title)',
    'def describe_x(s):\n    return _("{n} reads").format(n=s.n)',
    'argparse.ArgumentParser(description="Build the data set.")',
    "describe(fig)",
]


@pytest.mark.parametrize(("source", "text"), FLAGGED)
def test_checker_flags_untranslated_student_text(source, text):
    found = untranslated(source)
    assert [t for _line, t in found] == (text if isinstance(text, list) else [text]), found


@pytest.mark.parametrize("source", PASSING)
def test_checker_passes_translated_and_non_student_text(source):
    assert untranslated(source) == []


def test_checker_reports_lines():
    source = textwrap.dedent(
        """
        def draw(ax):
            ax.set_title(_("Fine"))
            ax.set_xlabel(
                "hour of the day"
            )
        """
    )
    assert untranslated(source, "draw.py") == [(5, "hour of the day")]


def test_checker_on_the_fixture_module():
    path = Path(fixture.__file__)
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = [n for n, line in enumerate(lines, start=1) if line.endswith("# FLAG")]
    found = untranslated(path.read_text(encoding="utf-8"), str(path))
    assert [line for line, _text in found] == expected
    assert [text for _line, text in found] == ["Reads per hour", "f'{n} days'", "Route 9", "Show cameras"]


def test_checker_over_a_package_folder(tmp_path):
    (tmp_path / "ok.py").write_text('ax.set_title(_("Fine"))\n')
    (tmp_path / "bad.py").write_text('\n\nw.Checkbox(description="Show cameras")\n')
    (tmp_path / "i18n.py").write_text('ax.set_title("skipped: the translation module itself")\n')
    assert checker.untranslated_in_package(tmp_path) == {"bad.py": [(3, "Show cameras")]}
