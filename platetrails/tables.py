"""Tables of real-world facts as HTML, each row with its source as a link."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from platetrails.facts import Facts
from platetrails.i18n import _


def html_table(table: pd.DataFrame, columns: dict[str, str]) -> str:
    """An HTML table of chosen columns (name -> heading), with each row's source as a link in the last column.

    Every cell is escaped; links are underlined so they are told apart from text without colour.
    """
    heads = [*columns.values(), _("source")]
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in heads)
    rows = []
    for _i, row in table.iterrows():
        cells = "".join(f"<td style='text-align:left'>{html.escape(str(row[c]))}</td>" for c in columns)
        source = html.escape(f"{row['publisher']}, {row['source_date']}")
        link = (
            f"<a href='{html.escape(row['link'], quote=True)}' target='_blank' rel='noopener' "
            f"style='text-decoration:underline'>{source}</a>"
        )
        rows.append(f"<tr>{cells}<td style='text-align:left'>{link}</td></tr>")
    return f"<table style='font-size:1.05em'><tr>{head}</tr>{''.join(rows)}</table>"


def facts_table(facts: Facts, figure_ids: list[str]) -> HTML:
    """A small table of real published figures, each with its source as a link."""
    chosen = pd.concat([facts.figure(fid).to_frame().T for fid in figure_ids], ignore_index=True)
    chosen["figure"] = [f"{v:,.3f}".rstrip("0").rstrip(".") + f" {u}" for v, u in zip(chosen.value, chosen.unit)]
    chosen["where and when"] = chosen["where"] + ", " + chosen["when"]
    columns = {"what": _("what"), "figure": _("figure"), "where and when": _("where and when")}
    return HTML(html_table(chosen, columns))


def timeline_table(facts: Facts) -> HTML:
    """The story in dates, each event with its source."""
    return HTML(html_table(facts.timeline, {"date": _("date"), "event": _("what happened")}))


def cases_table(facts: Facts) -> HTML:
    """The court cases on location tracking, each with a one-sentence holding and its source."""
    columns = {"case": _("case"), "year": _("year"), "holding": _("what the court held")}
    return HTML(html_table(facts.court_cases, columns))
