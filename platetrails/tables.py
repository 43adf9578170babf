"""Tables of real-world facts as HTML, each row with its source as a link."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from platetrails import local_format
from platetrails.facts import Facts
from platetrails.i18n import _, _n


def text_table(headers: list[str], rows: list[list[str]], bold_first: bool = False) -> str:
    """A table of plain text (typed answers, rules), every cell escaped; `bold_first` sets the first column's
    terms in bold."""
    cell = "text-align:left;padding:2px 8px;vertical-align:top"
    head = "".join(f"<th style='{cell}'>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='{cell}'>{'<b>' + html.escape(c) + '</b>' if bold_first and i == 0 else html.escape(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table style='font-size:1.05em'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_table(table: pd.DataFrame, columns: dict[str, str]) -> str:
    """An HTML table of chosen columns (name -> heading), with each row's source as a link in the last column.

    Every cell is escaped; links are underlined so they are told apart from text without colour.
    """
    heads = [*columns.values(), _("source")]
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in heads)
    rows = []
    for _i, row in table.iterrows():
        cells = "".join(f"<td style='text-align:left'>{html.escape(_(str(row[c])))}</td>" for c in columns)
        source = html.escape(f"{row['publisher']}, {row['source_date']}")
        link = (
            f"<a href='{html.escape(row['link'], quote=True)}' target='_blank' rel='noopener' "
            f"style='text-decoration:underline'>{source}</a>"
        )
        rows.append(f"<tr>{cells}<td style='text-align:left'>{link}</td></tr>")
    return f"<table style='font-size:1.05em'><tr>{head}</tr>{''.join(rows)}</table>"


def figure_words(row: pd.Series) -> str:
    """A fact row's value with its unit, as a student reads it: '65.9%', '911 networks', '1 day'."""
    value = float(row["value"])
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    n = 1 if value == 1 else 2
    unit = row["unit"]
    if unit == "percent":
        return _("{n}%").format(n=text)
    if unit == "networks":
        return _n("{n} network", "{n} networks", n).format(n=text)
    if unit == "devices":
        return _n("{n} camera", "{n} cameras", n).format(n=text)
    if unit == "days":
        return _n("{n} day", "{n} days", n).format(n=text)
    if unit == "searches":
        return _n("{n} search", "{n} searches", n).format(n=text)
    return f"{text} {_(unit)}"


def facts_table(facts: Facts, figure_ids: list[str]) -> HTML:
    """A small table of real published figures, each with its source as a link."""
    chosen = pd.concat([facts.figure(fid).to_frame().T for fid in figure_ids], ignore_index=True)
    chosen["figure"] = [figure_words(row) for _i, row in chosen.iterrows()]
    chosen["where and when"] = [f"{_(w)}, {_(t)}" for w, t in zip(chosen["where"], chosen["when"])]
    columns = {"what": _("what"), "figure": _("figure"), "where and when": _("where and when")}
    return HTML(html_table(chosen, columns))


def timeline_table(facts: Facts) -> HTML:
    """The story in dates, each event with its source."""
    return HTML(html_table(facts.timeline, {"date": _("date"), "event": _("what happened")}))


def cases_table(facts: Facts) -> HTML:
    """The court cases on location tracking, each with a one-sentence holding and its source."""
    columns = {"case": _("case"), "year": _("year"), "holding": _("what the court held")}
    return HTML(html_table(facts.court_cases, columns))


def law_scores_table(scores: pd.DataFrame, facts: Facts) -> HTML:
    """Each coded state law (and no rules) with its rules and what the model says it keeps and costs, with sources.

    `scores` comes from `policy.scoreboard`; the source of each law is its row in the state-laws table (the
    coded rules and the source of each coded column are in data/facts/state_law_rules.csv).
    """
    laws = facts.state_laws.set_index("state")
    table = scores.copy()
    for col in ("publisher", "source_date", "link"):
        table[col] = [laws[col].get(s, "") if s in laws.index else "" for s in table.state]
    table["state"] = [_(s) if s not in laws.index else s for s in table.state]
    columns = {
        "state": _("law"),
        "rules": _("rules, as coded"),
        "help_kept": _("help kept"),
        "reads_exposed": _("reads outsiders could search"),
        "federal_reads": _("reads federal agencies could search"),
        "homes_exposed": _("homes outsiders could name"),
        "innocent_cars": _("innocent cars held"),
        "breach_reads": _("reads a breach would expose"),
    }
    table["help_kept"] = [local_format.percent(v / 100) for v in table.benefits_kept]
    for col in ("reads_exposed", "federal_reads", "homes_exposed", "innocent_cars", "breach_reads"):
        table[col] = [local_format.whole(int(v)) for v in table[col]]
    sourced = table[table.link != ""]
    rows = html_table(sourced, columns)
    unsourced = table[table.link == ""]
    if len(unsourced):
        extra = "".join(
            "<tr>"
            + "".join(f"<td style='text-align:left'>{html.escape(str(r[c]))}</td>" for c in columns)
            + "<td>"
            + html.escape(_("the model's starting point, not a law"))
            + "</td></tr>"
            for _i, r in unsourced.iterrows()
        )
        rows = rows.replace("</table>", extra + "</table>")
    return HTML(rows)


def timeline_events(facts: Facts, dates: list[str]) -> HTML:
    """Chosen events of the timeline (by their `date` as written in timeline.csv), each with its source."""
    chosen = facts.timeline[facts.timeline.date.isin(dates)]
    return HTML(html_table(chosen, {"date": _("date"), "event": _("what happened")}))
