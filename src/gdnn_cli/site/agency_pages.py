"""What an agency's page shows: for each plan that names it, its duties, its tasks, the reports it owes
and receives and their state; compact rows when many plans name it (a ministry, a national corpus)."""

from __future__ import annotations

from collections import Counter

from gdnn_cli.common.numbers import fmt_short_date
from gdnn_cli.common.vocab import ROLES, spoken
from gdnn_cli.site import pages  # the thresholds, read at call time (a test lowers them)
from gdnn_cli.site.pages import (
    SiteData,
    agency_href,
    agency_link,
    issuer_href,
    kicker,
    plan_href,
    plan_label,
    progress_rows,
    reporter_cells,
    walk_assignments,
)


def agency_page(sd: SiteData, agency_id: str) -> dict:
    """An agency's page: per plan that names it, what it must do and report, and what it has reported;
    one row per plan beyond AGENCY_FULL plans, one row per issuer beyond AGENCY_ROWS."""
    reg = sd.ds.registry
    a = reg.agencies[agency_id]
    plans = []
    for plan in sd.plans_of.get(agency_id, []):
        duties = [{"role": spoken(ROLES, x.role), "heading": x.heading, "duties": [d.text for d in x.duties] + x.text,
                   "with": [agency_link(sd, o) for o in x.agencies if o != agency_id]}
                  for x in walk_assignments(plan.assignments) if agency_id in x.agencies]
        tasks = [{"text": t.text, "role": "chủ trì" if t.lead == agency_id else "phối hợp", "group": g.title,
                  "when": fmt_short_date(t.deadline) if t.deadline else t.timing}
                 for g in plan.all_task_groups() for t in g.tasks if t.lead == agency_id or agency_id in t.partners]
        owes = [reporter_cells(sd, r) for r in sd.reporters_of(plan.id) if r.agency == agency_id]
        receives = [reporter_cells(sd, r) for r in sd.reporters_of(plan.id) if r.to == agency_id]
        progress = [p for p in progress_rows(sd, plan) if p["agency"]["href"] == agency_href(agency_id)]
        if duties or tasks or owes or receives or progress or plan.issuer == agency_id:
            plans.append({"id": plan.id, "issuer_id": plan.issuer, "label": plan_label(plan), "title": plan.title,
                          "href": plan_href(plan.id), "kicker": kicker(plan),
                          "issuer": plan.issuer == agency_id, "duties": duties, "tasks": tasks, "owes": owes,
                          "receives": receives, "progress": progress})
    for p in plans:  # what a compact page (an agency named by many plans) shows in one row per plan
        p["roles"] = ", ".join(dict.fromkeys([d["role"] for d in p["duties"]] + [t["role"] for t in p["tasks"]]
                                             + (["ban hành"] if p["issuer"] else [])))
        p["n_duties"] = sum(len(d["duties"]) for d in p["duties"]) + len(p["tasks"])
        p["owes_text"], p["receives_text"] = state_summary(p["owes"]), state_summary(p["receives"])
    succ = [{"link": agency_link(sd, s.id), "scope": s.scope} for s in a.successors]
    by_issuer: list[dict] = []
    if len(plans) > pages.AGENCY_ROWS:  # a ministry named by every province's plans: one row per issuer
        groups: dict[str, list] = {}
        for p in plans:
            groups.setdefault(p["issuer_id"], []).append(p)
        by_issuer = [{"name": reg.agency_name(i), "href": issuer_href(i), "n": len(ps),
                      "roles": ", ".join(dict.fromkeys(r for p in ps for r in p["roles"].split(", ") if r)),
                      "n_duties": sum(p["n_duties"] for p in ps),
                      "owes_text": state_summary([o for p in ps for o in p["owes"]]),
                      "receives_text": state_summary([o for p in ps for o in p["receives"]])}
                     for i, ps in groups.items()]
    return {"a": a, "ceased": fmt_short_date(a.ceased) if a.ceased else None, "successors": succ, "plans": plans,
            "compact": len(plans) > pages.AGENCY_FULL, "by_issuer": by_issuer,
            "illustrative": any("*" in o["reported"] for p in plans for o in p["owes"] + p["receives"])
            or any("*" in x["reported"] for p in plans for x in p["progress"])}


def state_summary(cells: list[dict]) -> str:
    """'2 đúng hạn, 1 muộn' for a list of reporter cells; '—' when there are none."""
    n = Counter(c["state_text"] for c in cells)
    return ", ".join(f"{k}: {v}" for k, v in n.items()) or "—"
