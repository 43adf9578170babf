"""The sharing lesson's tables: a page of a simulated search log, the real log's figures beside it, the sources,
the deciders, the four cases and the state laws, each as HTML made from a table.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from platetrails import local_format, networks, tables
from platetrails.audit_rules import OKALOOSA_RETENTION_DAYS
from platetrails.facts import SOURCE_COLUMNS, Facts
from platetrails.i18n import _, _n
from platetrails.states.sharing import SCENARIOS

# A block shown as it is, measured like a widget (tests/support/fit.py).
PAGE_CLASS = "platetrails-page"  # i18n: ok (a CSS class, not shown)


def window_words(days: float) -> str:
    """How far back a search looked, as a log shows a menu window: 'last 12 hours', 'last 7 days'."""
    if days < 1:
        hours = round(days * 24)
        return _n("last {n} hour", "last {n} hours", hours).format(n=hours)
    n = int(round(days))
    return _n("last {n} day", "last {n} days", n).format(n=n)


def typed_reason(reason: str) -> str:
    """A reason as typed, in the current language (a case number stays as it is); a blank one says so."""
    if not reason.strip():
        return _("(blank)")
    words, _space, last = reason.rpartition(" ")
    if words and any(c.isdigit() for c in last):
        return f"{_(words)} {last}"
    return _(reason)


def audit_page(
    log: pd.DataFrame, start: int = 0, rows: int | None = None, retention_days: int = OKALOOSA_RETENTION_DAYS
) -> str:
    """One page of the county's search log as an escaped HTML table, with the columns a real log has; the caption
    says how long the county keeps its own reads (the real office's limit)."""
    heads = [
        _("when"),
        _("officer"),
        _("plate"),
        _("window searched"),
        _("networks"),
        _("cameras"),
        _("reason as typed"),
    ]
    right = {4, 5}
    head = "".join(
        f"<th style='text-align:{'right' if i in right else 'left'};padding:2px 0.8em 2px 0'>{html.escape(h)}</th>"
        for i, h in enumerate(heads)
    )
    body = []
    for r in log.iloc[start : start + rows if rows else None].itertuples():
        cells = [
            local_format.day_and_time(r.when),
            r.officer,
            r.plate,
            window_words(r.look_back_days),
            local_format.whole(r.networks),
            local_format.whole(r.cameras),
            typed_reason(r.reason),
        ]
        body.append(
            "<tr>"
            + "".join(
                f"<td style='text-align:{'right' if i in right else 'left'};padding:2px 0.8em 2px 0'>"
                f"{html.escape(c)}</td>"
                for i, c in enumerate(cells)
            )
            + "</tr>"
        )
    caption = _(
        "The county sheriff's search log (simulated: made-up officer IDs, the town's plates). "
        "The county deletes its own reads after {days} days."
    ).format(days=retention_days)
    return (
        f"<div class='{PAGE_CLASS}'><table style='font-size:1.05em;font-family:monospace'>"
        f"<caption style='text-align:left;font-weight:bold'>{html.escape(caption)}</caption>"
        f"<tr>{head}</tr>{''.join(body)}</table></div>"
    )


def real_log_table(facts: Facts, figure_ids: list[str]) -> HTML:
    """The real log's figures beside the simulated page: what each says, its value, and its source as a link.

    Rows that share a source share one numbered note under the table, so the table stays short; the heading
    says where and when (from the rows) and that the windows are search windows, not the age of the reads found.
    """
    rows = [facts.figure(fid) for fid in figure_ids]
    sources: list[tuple[str, str, str]] = []
    body = []
    for row in rows:
        source = (str(row["publisher"]), str(row["source_date"]), str(row["link"]))
        if source not in sources:
            sources.append(source)
        number = sources.index(source) + 1
        body.append(
            f"<tr><td style='text-align:left'>{html.escape(_(str(row['what'])))}</td>"
            f"<td style='text-align:right;white-space:nowrap'>{html.escape(tables.figure_words(row))}</td>"
            f"<td style='text-align:left'>[{number}]</td></tr>"
        )
    places = list(dict.fromkeys(f"{_(r['where'])}, {_(r['when'])}" for r in rows))
    heading = _(
        "The real log: {places}. A window is how far back a search was allowed to look, not the age of the reads it found."
    ).format(places="; ".join(places))
    notes = "".join(
        f"<li><a href='{html.escape(link, quote=True)}' target='_blank' rel='noopener' "
        f"style='text-decoration:underline'>{html.escape(f'{publisher}, {date}')}</a></li>"
        for publisher, date, link in sources
    )
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in (_("what"), _("figure"), _("source")))
    return HTML(
        f"<div style='font-size:1.05em'><p style='margin:0.2em 0'>{html.escape(heading)}</p>"
        f"<table><tr>{head}</tr>{''.join(body)}</table>"
        f"<p style='margin:0.3em 0 0 0'>{html.escape(_('Sources:'))}</p><ol style='margin-top:0'>{notes}</ol></div>"
    )


def sources_table(sources: pd.DataFrame, ids: list[str]) -> HTML:
    """Chosen sourced statements, laws or cases (from sharing.load_sources), each with its source as a link."""
    return HTML(tables.html_table(sources.loc[ids], {"who": _("who or what"), "wording": _("what it says")}))


def deciders_table() -> HTML:
    """Who set each switch in the town, and who could change it (from the network registry)."""
    rows = [
        f"<tr><td>{html.escape(_(s.label))}</td><td>{html.escape(_(s.decided_by))}</td>"
        f"<td>{html.escape(_(s.how_changed))}</td></tr>"
        for s in networks.switches()
    ]
    head = "".join(
        f"<th style='text-align:left'>{html.escape(h)}</th>"
        for h in (_("switch"), _("who decided it in Alder Falls"), _("who could change it"))
    )
    return HTML(f"<table style='font-size:1.05em'><tr>{head}</tr>{''.join(rows)}</table>")


def scenarios_table(table: pd.DataFrame) -> HTML:
    """The four cases as a table: homes a federal query could guess, and homes the agency loses."""
    head = "".join(
        f"<th style='text-align:left'>{html.escape(h)}</th>"
        for h in (_("case"), _("homes it could guess"), _("share of cars"), _("homes lost against all flows on"))
    )
    rows = [
        f"<tr><td>{html.escape(_(SCENARIOS[r.scenario]))}</td><td>{r.homes_found} / {r.cars}</td>"
        f"<td>{local_format.percent(r.share)}</td><td>{r.lost}</td></tr>"
        for r in table.itertuples()
    ]
    return HTML(f"<table style='font-size:1.05em'><tr>{head}</tr>{''.join(rows)}</table>")


def show_audit_page(log: pd.DataFrame, start: int = 0, rows: int | None = None) -> HTML:
    """One page of the county's search log, for a notebook."""
    return HTML(audit_page(log, start, rows))


def laws_table(facts: Facts, sources: pd.DataFrame) -> HTML:
    """California's plate-data sharing law (SB 34, from the state laws table) and its sanctuary law (SB 54), with sources."""
    laws = facts.state_laws[facts.state_laws.statute.str.contains("SB 34", regex=False)]
    sb34 = laws.assign(who=laws.statute, wording=laws.rule)[["who", "wording", *SOURCE_COLUMNS]]
    both = pd.concat([sb34, sources.loc[["ag_bulletin_2023", "sb54"], ["who", "wording", *SOURCE_COLUMNS]]])
    return HTML(tables.html_table(both, {"who": _("law"), "wording": _("what it says")}))
