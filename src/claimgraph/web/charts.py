"""Chart geometry for the story page, computed here so templates only draw (no JavaScript chart library).

Both charts put time on x. Points carry their own data (claim id, text) for the template's tooltips.
"""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = ["estimates_chart", "positions_chart"]

WIDTH, LEFT, RIGHT = 760, 170, 20
ROW = 26
MAX_PARTIES = 25
MAX_SERIES = 8


def _days(dates: list[str | None]) -> tuple[int, int]:
    ords = [date.fromisoformat(d[:10]).toordinal() for d in dates if d and _iso(d)]
    if not ords:
        return 0, 1
    lo, hi = min(ords), max(ords)
    return lo, max(hi, lo + 1)


def _iso(value: str) -> bool:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _x(value: str | None, lo: int, hi: int) -> float | None:
    if not value or not _iso(value):
        return None
    return round(LEFT + (date.fromisoformat(value[:10]).toordinal() - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT), 1)


def _ticks(lo: int, hi: int, n: int = 4) -> list[dict[str, Any]]:
    if hi - lo <= 1 and lo == 0:
        return []
    out = []
    for i in range(n + 1):
        day = lo + round((hi - lo) * i / n)
        out.append({"x": round(LEFT + (day - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT), 1),
                    "label": date.fromordinal(day).isoformat()})
    return out


def positions_chart(positions: list[dict[str, Any]]) -> dict[str, Any]:
    """One row per party (most claims first), a dot per claim at its article's date, classed by stance."""
    parties = sorted(positions, key=lambda p: (-len(p["points"]), p["party"]))[:MAX_PARTIES]
    lo, hi = _days([pt["date"] for p in parties for pt in p["points"]])
    rows = []
    for i, p in enumerate(parties):
        y = 20 + i * ROW
        dots = [{**pt, "x": x, "y": y} for pt in p["points"] if (x := _x(pt["date"], lo, hi)) is not None]
        rows.append({"party": p["party"], "y": y, "dots": dots, "undated": len(p["points"]) - len(dots)})
    return {"width": WIDTH, "height": 40 + len(rows) * ROW, "left": LEFT, "rows": rows, "ticks": _ticks(lo, hi),
            "axis_y": 20 + len(rows) * ROW, "hidden": max(0, len(positions) - len(parties))}


def estimates_chart(estimates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One panel per unit: each source's numbers over time, as points joined by a line per source."""
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for e in estimates:
        if e["value"] is not None and e["date"]:
            by_unit.setdefault(e["unit"] or "(count)", []).append(e)
    panels = []
    height = 180
    for unit, points in sorted(by_unit.items(), key=lambda kv: -len(kv[1])):
        lo, hi = _days([p["date"] for p in points])
        vmax = max(p["value"] for p in points) or 1.0
        vmin = min(0.0, min(p["value"] for p in points))
        sources = sorted({p["source"] for p in points}, key=lambda s: -sum(p["source"] == s for p in points))
        series = []
        for k, source in enumerate(sources[:MAX_SERIES]):
            dots = []
            for p in sorted((p for p in points if p["source"] == source), key=lambda p: p["date"]):
                x = _x(p["date"], lo, hi)
                y = round(height - 20 - (p["value"] - vmin) / (vmax - vmin) * (height - 40), 1)
                dots.append({**p, "x": x, "y": y})
            series.append({"source": source, "n": k, "dots": dots,
                           "line": " ".join(f"{d['x']},{d['y']}" for d in dots)})
        panels.append({"unit": unit, "width": WIDTH, "height": height, "left": LEFT, "series": series,
                       "ticks": _ticks(lo, hi), "max": vmax, "min": vmin, "axis_y": height - 20})
    return panels
