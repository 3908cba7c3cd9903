"""Matching assistance needs with donors' offers: a score with its reasons.

Score out of 100: areas 40, types 30, geography 20, budget 10. A need and an
offer match only if they share at least one area and one type of assistance.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from poa_reporter.assistance import regions
from poa_reporter.i18n import pick


@dataclass
class Match:
    need: dict
    offer: dict
    score: int
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"state": self.need["state"], "need_id": self.need["need_id"], "need_title": pick(self.need.get("title"), "en"),
                "offer_id": self.offer["id"], "donor": self.offer["donor"], "score": self.score, "reasons": self.reasons,
                "source": self.need.get("source", "")}


def offers_from(document: dict) -> list[dict]:
    """Offers from an offers file, or from a national report's section 15 (the State is the donor)."""
    if "offers" in document:
        return list(document["offers"])
    return list((document.get("assistance") or {}).get("assistance_offered", []))


def _fraction(wanted: list, offered: list) -> tuple[float, list]:
    shared = [x for x in wanted if x in offered]
    return (len(shared) / len(wanted) if wanted else 0.0), shared


def score(need: dict, offer: dict) -> Match | None:
    area_share, areas = _fraction(need["areas"], offer["areas"])
    type_share, types = _fraction(need["types"], offer["types"])
    if not areas or not types:
        return None
    reasons = [f"areas: {', '.join(areas)} ({len(areas)} of {len(need['areas'])})",
               f"types: {', '.join(types)} ({len(types)} of {len(need['types'])})"]
    total = 40 * area_share + 30 * type_share

    state, region = need["state"], need.get("region") or regions().get(need["state"])
    if state in offer.get("states", []):
        total += 20
        reasons.append(f"{state} is a State of interest")
    elif region and region in offer.get("regions", []):
        total += 15
        reasons.append(f"region {region} is of interest")
    elif not offer.get("states") and not offer.get("regions"):
        total += 10
        reasons.append("the offer is open to all regions")
    else:
        reasons.append(f"{state} ({region or 'unknown region'}) is outside the donor's regions and States")

    budget, low, high = need.get("budget"), offer.get("budget_min"), offer.get("budget_max")
    if not budget or not (low or high):
        total += 5
        reasons.append("budget not compared (not given)")
    elif any(b and b["currency"] != budget["currency"] for b in (low, high)):
        total += 5
        reasons.append(f"budget not compared ({budget['currency']} against {(low or high)['currency']})")
    elif (not low or budget["amount"] >= low["amount"]) and (not high or budget["amount"] <= high["amount"]):
        total += 10
        reasons.append(f"budget {budget['amount']:,} {budget['currency']} within the offer's range")
    else:
        side = "below the minimum" if low and budget["amount"] < low["amount"] else "above the maximum"
        reasons.append(f"budget {budget['amount']:,} {budget['currency']} {side} of the offer")
    return Match(need, offer, round(total), reasons)


def best_matches(needs: list[dict], offers: list[dict], top: int = 3) -> list[tuple[dict, list[Match]]]:
    """For each need, its ``top`` best offers, best first (ties: the donor's name)."""
    out = []
    for need in needs:
        matches = [m for m in (score(need, o) for o in offers) if m]
        matches.sort(key=lambda m: (-m.score, m.offer["donor"], m.offer["id"]))
        out.append((need, matches[:top]))
    return out
