"""Notebook 05's policy scoreboard: set the rules, and watch what the policy keeps and what it costs."""

from __future__ import annotations

import ipywidgets as w

from platetrails import networks as registry
from platetrails import policy_rules, score_chart
from platetrails.i18n import _
from platetrails.policy import PolicyData
from platetrails.states.policy import LOOK_BACK_OPTIONS, compute_policy_score, describe_policy_score
from platetrails.widgets.base import WIDE, LabWidget

RETENTION_WORDS = {value: key for key, value in policy_rules.RETENTION_OPTIONS.items()}


class PolicyScoreboard(LabWidget):
    compute = staticmethod(compute_policy_score)
    draw = staticmethod(score_chart.draw_policy_score)
    describe = staticmethod(describe_policy_score)

    def __init__(self, data: PolicyData, warrant_days_max: float) -> None:
        self.start_from = w.Dropdown(
            options=[(_("choose to copy a state law"), "")]
            + [(str(p.name), str(i)) for i, p in enumerate(data.law_policies)]
            + [(_("no rules"), "none")],
            value="",
            description=_("Start from:"),
            style=WIDE,
        )
        self.retention = w.SelectionSlider(
            options=[(_(k), k) for k in policy_rules.RETENTION_OPTIONS],
            value="no limit",
            description=_("Keep reads:"),
            continuous_update=False,
            style=WIDE,
        )
        self.hits_only = w.Checkbox(value=False, description=_("Keep only hits"), indent=False)
        self.who_heading = w.HTML("<b>" + _("Who may search the reads:") + "</b>")
        self.who = {
            group: w.Dropdown(
                options=[(_(v), k) for k, v in policy_rules.ACCESS.items()],
                value="yes",
                description=label,
                style={"description_width": "185px"},
            )
            for group, label in (
                ("in_state", _("In-state police:")),
                ("out_of_state", _("Out-of-state police:")),
                ("federal", _("Federal agencies:")),
            )
        }
        self.history = w.Dropdown(
            options=[(_(v), k) for k, v in policy_rules.HISTORY_NEEDS.items()],
            value="nothing",
            description=_("Old reads need:"),
            style=WIDE,
        )
        self.audit = w.Checkbox(value=False, description=_("Log every search"), indent=False)
        self.network_boxes = {
            n: w.Checkbox(value=True, description=_(policy_rules.network_label(n)), indent=False)
            for n in registry.collecting()
        }
        pair = w.Layout(width="auto", flex="0 0 auto")
        self.look_back = w.Dropdown(
            options=[(_(k), k) for k in LOOK_BACK_OPTIONS],
            value="1 day",  # the median of a real sheriff's audit log (data/facts/derived_figures.csv)
            description=_("Assume searches look back:"),
            style=WIDE,
        )
        self.warrant_days = w.IntSlider(
            value=3,
            min=0,  # 0: the same day, as the Colorado bill's sponsor said most warrants come back
            max=int(warrant_days_max),
            description=_("Assume a warrant takes (days):"),
            continuous_update=False,
            style=WIDE,
        )
        rules = [self.retention, self.hits_only, *self.who.values(), self.history, self.audit]
        rules += list(self.network_boxes.values())
        assumptions = [self.look_back, self.warrant_days]
        heading = w.HTML("<b>" + _("Assumptions:") + "</b>")
        ticks = w.HBox([self.hits_only, self.audit], layout=w.Layout(justify_content="space-between"))
        boxes = list(self.network_boxes.values())  # two to a line; an odd one out on a line of its own
        twos = [boxes[i : i + 2] for i in range(0, len(boxes), 2)]
        cameras = [
            w.HBox(two, layout=w.Layout(justify_content="space-between")) if len(two) == 2 else two[0] for two in twos
        ]
        layout = [self.start_from, self.retention, ticks, self.who_heading, *self.who.values(), self.history]
        super().__init__(data, [*layout, *cameras, heading, *assumptions])
        for box in (self.hits_only, self.audit, *(b for two in twos if len(two) == 2 for b in two)):
            box.layout = pair
        for menu in self.who.values():  # label and choice share one line: three short rows
            menu.remove_class("platetrails-stacked")
        self.watch(*rules, *assumptions)
        self.start_from.observe(self.copy_law, names="value")
        self.update()

    def copy_law(self, change: dict | None = None) -> None:
        """Set every rule control from a coded state law (or no rules), then redraw once."""
        choice = self.start_from.value
        if choice == "":
            return
        policy = policy_rules.no_rules() if choice == "none" else self.data.law_policies[int(choice)]
        retention = RETENTION_WORDS.get(policy.retention_days)
        self.live = False
        try:
            if retention is None:  # a law whose limit is not one of the menu's options: take the nearest
                days = [v if v is not None else float("inf") for v in policy_rules.RETENTION_OPTIONS.values()]
                nearest = min(range(len(days)), key=lambda i: abs(days[i] - policy.retention_days))
                retention = list(policy_rules.RETENTION_OPTIONS)[nearest]
            self.retention.value = retention
            self.hits_only.value = policy.hits_only
            for group, menu in self.who.items():
                menu.value = policy.access(group)
            self.history.value = policy.history_needs
            self.audit.value = policy.audit_log
            for n, box in self.network_boxes.items():
                box.value = n in policy.networks
        finally:
            self.live = True
        self.update()

    def choices(self) -> dict:
        return {
            "retention": self.retention.value,
            "hits_only": self.hits_only.value,
            **{group: menu.value for group, menu in self.who.items()},
            "history_needs": self.history.value,
            "audit_log": self.audit.value,
            "networks": [n for n, box in self.network_boxes.items() if box.value],
            "look_back": self.look_back.value,
            "warrant_days": self.warrant_days.value,
        }
