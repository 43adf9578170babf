"""The questions a student can send to the teacher: each prediction, "Now try" task and exit ticket, by id.

An id reads `NN-kind-topic` (`02-predict-home`): the notebook, then predict, try or exit. The notebooks place
one send box per question (`widgets.answer_box("02-predict-home")`); the class-answers service on the hub
(hub/class_answers.py) shows the teacher each question's text, its choices, and for a prediction with choices
the one the class data supports, computed from the same functions the widgets use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from platetrails.i18n import N_, _

ID_PATTERN = re.compile(r"[0-9]{2}-(predict|try|exit)(-[a-z0-9]+)*")
KINDS = {"predict": N_("Prediction"), "try": N_("Now try"), "exit": N_("Exit ticket")}
# A share of the town's homes, put in the words of notebook 04's prediction (a quarter and two thirds split them)
SHARE_WORDS = ((0.25, "none"), (2 / 3, "half"), (1.01, "most"))


@dataclass(frozen=True)
class Question:
    """One question: its id, its text (English, translated when shown) and, for a choice, the choices."""

    id: str
    text: str
    choices: tuple[tuple[str, str], ...] = ()  # (key, English label)
    shows: Callable[[], str] | None = None  # the key of the choice the class data supports

    @property
    def notebook(self) -> str:
        return self.id[:2]

    @property
    def kind(self) -> str:
        return self.id.split("-")[1]

    def prompt(self) -> str:
        """The question's text in the current language."""
        return _(self.text)

    def kind_label(self) -> str:
        return _(KINDS[self.kind])

    def choice_label(self, key: str) -> str:
        """A choice's words in the current language (KeyError for a key the question does not have)."""
        return _(dict(self.choices)[key])

    def data_shows(self) -> str | None:
        """For a prediction with choices, the key of the choice the class data supports; else None."""
        return _data_shows(self.id) if self.shows else None


@functools.cache
def _data_shows(question_id: str) -> str:
    shows = find(question_id).shows
    assert shows is not None
    return shows()


def busiest_network() -> str:
    """Notebook 00: the network that records the most reads a day in the class data (as the tour counts them)."""
    from platetrails.data import load_town

    reads = load_town().reads
    return str(reads.network.value_counts().idxmax())


def share_guessed_city_off() -> str:
    """Notebook 04: the words for the share of homes a federal query could guess with the city's sharing off."""
    from platetrails import answer_key, sharing
    from platetrails.data import load_town
    from platetrails.facts import load_facts
    from platetrails.states.sharing import SharingData, compute_sharing_map

    key = answer_key.class_key()
    years = load_facts().figure("ice_history_years").value
    data = SharingData(load_town(), key, years, answer_key.case_plates(key))
    share = compute_sharing_map(data, sharing.story_switches()).share
    return next(word for limit, word in SHARE_WORDS if share < limit)


def _networks() -> tuple[tuple[str, str], ...]:
    from platetrails import networks

    return tuple((net.name, net.label) for net in networks.all_networks())


QUESTIONS: tuple[Question, ...] = (
    # 00 Start here
    Question(
        "00-predict-network",
        N_(
            "which network do you think records the most reads: the fixed city cameras, the patrol cars, "
            "the repossession cars or the county cameras? Write your guess, then try it."
        ),
        _networks(),
        busiest_network,
    ),
    Question("00-try-network", N_("Which single network records the most reads a day? Was your prediction right?")),
    Question(
        "00-exit",
        N_(
            "in one sentence each, say what a plate read records, and one thing each of the three people in the "
            "story said."
        ),
    ),
    # 01 What a reader sees
    Question(
        "01-predict-hotlist",
        N_(
            "if only the city's own cameras check the hot list, how long will it take to find Car B, the delivery "
            "van? And Car C, who rarely drives?"
        ),
    ),
    Question("01-try-hotlist", N_("Does the typical wait get shorter with more networks, and for which cars?")),
    Question("01-try-misreads", N_("At a 1% misread rate, about how many alerts a day on the wrong car?")),
    Question(
        "01-predict-case",
        N_(
            "if reads are kept 21 days, can a search run one month after the car is listed still see where it was "
            "in the week before? Does the live alert depend on the rule?"
        ),
    ),
    Question("01-try-case", N_("Under which rules does a search one month later still find the car?")),
    Question(
        "01-exit",
        N_(
            "give one piece of evidence that plate readers help police and one reason to worry about the reads "
            "that are not hits."
        ),
    ),
    # 02 The mosaic
    Question(
        "02-predict-home",
        N_("with only one day of data, do you think the analyst can find Car A's home? How many days will it take?"),
    ),
    Question("02-try-mosaic", N_("When does the analyst first guess Car A's home, work and routine?")),
    Question(
        "02-exit",
        N_(
            "in two sentences, say what the analyst can learn about a car from four weeks of reads in this town, "
            "and one reason that picture might be wrong."
        ),
    ),
    # 03 Public anyway?
    Question(
        "03-predict-public",
        N_('do you agree that plate reads are "public anyway"? Write yes, no or it depends, and one reason.'),
    ),
    Question(
        "03-predict-corners",
        N_(
            "how many different corners will the networks know for Car A after 28 days? How many does the person "
            "on the corner know?"
        ),
    ),
    Question("03-try-corners", N_("When can the analyst first guess Car A's home, with a person or a network?")),
    Question(
        "03-predict-cameras",
        N_("how many cameras do you think it takes before the record holds most of a person's week?"),
    ),
    Question("03-try-cameras", N_("Where would you draw the line on how many cameras, and why?")),
    Question(
        "03-predict-single",
        N_("how many sightings do you think it takes to single out most cars in Alder Falls?"),
    ),
    Question("03-predict-names", N_("will one public list of names be enough to put a name on Car A?")),
    Question("03-try-names", N_("How many households live at Car A's guessed home, and what could pick one?")),
    Question(
        "03-exit",
        N_(
            "Plate-reader data is / is not 'public anyway', because ___ (one piece of evidence from this notebook). "
            "A rule I would support: ___."
        ),
    ),
    # 04 Who shares with whom
    Question(
        "04-predict-share",
        N_(
            "the city has switched off its own sharing. What share of the town's homes do you think a federal "
            "query could still guess: almost none, about half, or most?"
        ),
        (("none", N_("almost none")), ("half", N_("about half")), ("most", N_("most"))),
        share_guessed_city_off,
    ),
    Question("04-try-share", N_("How many homes could the agency guess with the city off, and with it on?")),
    Question("04-try-audit", N_("Read the audit page as an auditor would: what did you find?")),
    Question(
        "04-exit",
        N_(
            "Alder Falls' council votes to stop sharing. Name one path by which the federal agency can still see "
            "reads of the town's cars, and one change that would close it. Who would have to make that change?"
        ),
    ),
    # 05 The policy lab
    Question(
        "05-predict-keep",
        N_(
            "what do you think happens to the help kept if reads are deleted after 3 minutes unless they are a hit? "
            "What happens to the reads open to outsiders?"
        ),
    ),
    Question("05-try-keep", N_("With reads kept 3 minutes unless a hit, which kinds of help stay?")),
    Question(
        "05-exit",
        N_(
            "Write one rule you would keep in Alder Falls's policy, one number from the scoreboard that supports "
            "it, and one thing your rule gives up."
        ),
    ),
    # 06 Take a stand
    Question(
        "06-predict-stand",
        N_("before you look at the evidence again, where do you think you stand? What is your main reason?"),
    ),
    Question("06-try-strongest", N_("For each side, which piece of evidence is the strongest?")),
    Question(
        "06-exit",
        N_(
            "In one sentence, state your claim and the single piece of evidence that matters most to it. In a "
            "second sentence, name the best point against you."
        ),
    ),
)
_BY_ID = {q.id: q for q in QUESTIONS}


def find(question_id: str) -> Question:
    """The question with this id (KeyError if there is none)."""
    return _BY_ID[question_id]


def of_notebook(notebook: str) -> tuple[Question, ...]:
    """The questions of one notebook ("02"), in order."""
    return tuple(q for q in QUESTIONS if q.notebook == notebook)
