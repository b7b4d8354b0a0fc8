"""Calendar arithmetic for TIMEX3 values: weeks, quarters, seasons, holidays, durations.

Values follow ISO-TimeML: 2025-04-26, 2025-W17, 2025-W16-WE, 2025-Q1, 2024-SU (winter belongs to the
year it starts in: 2024-WI is December 2024 to February 2025), 199 (the 1990s), 19 (the 20th
century), P3Y, PT48H, PXY (an unspecified number of years).
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "AHEAD", "AROUND", "BACK", "FUTURE", "PAST", "PRESENT", "add_months", "duration", "holiday", "iso_week",
    "pick_year", "season", "unit_value", "weekday",
]

PAST, PRESENT, FUTURE = "PAST", "PRESENT", "FUTURE"
# A past clause that looks ahead from its own moment ("planned a demonstration on Saturday"): what it
# times may lie either side of publication, so the nearest occurrence is taken.
AROUND = "AROUND"
BACK = frozenset({"last", "past", "previous", "this past", "latest", "recent"})
AHEAD = frozenset({"next", "coming", "following", "this coming"})
SEASONS = ("SP", "SU", "FA", "WI")  # spring starts the cycle: March, June, September, December


def add_months(d: date, n: int) -> date:
    """The first day of the month n months after d's."""
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def pick_year(dct: date, month: int, day: int, tense: str | None, rel: str | None = None) -> int:
    """The year of a month (day 0: the whole month) written without one.

    "last"/"next" decide; otherwise the tense picks the occurrence before or after publication,
    unless that one lies more than ten months away (a past-tense "invited them to a ceremony on
    March 12" in a February article is this March, not last year's); without a tense, the nearest.
    """
    key, now = (month, day), (dct.month, dct.day if day else 0)
    if rel in BACK:
        return dct.year if key < now else dct.year - 1
    if rel in AHEAD:
        return dct.year if key > now else dct.year + 1
    if rel == "this":
        return dct.year
    before = dct.year if key <= now else dct.year - 1
    after = dct.year if key >= now else dct.year + 1

    def months_away(y: int) -> float:
        return abs((y - dct.year) * 12 + month - dct.month + ((day or 15) - dct.day) / 31)

    nearest = min((before, after), key=months_away)
    if tense == PAST:
        return before if months_away(before) <= 10 else nearest
    if tense == FUTURE:
        return after if months_away(after) <= 10 else nearest
    return nearest


def weekday(dct: date, wd: int, tense: str | None, rel: str | None) -> date:
    """The date of ISO weekday wd (1 = Monday) near publication.

    "last"/"next" exclude the publication day itself; a future clause looks ahead, a past one that
    looks ahead from its own moment (AROUND) to the nearer, anything else back (news mostly reports
    what happened): "said on Saturday" is the Saturday before.
    """
    back = (dct.isoweekday() - wd) % 7
    ahead = (wd - dct.isoweekday()) % 7
    if rel in BACK:
        return dct - timedelta(days=back or 7)
    if rel in AHEAD:
        return dct + timedelta(days=ahead or 7)
    if tense == AROUND and not rel:
        return dct + timedelta(days=ahead) if ahead < back else dct - timedelta(days=back)
    if tense == FUTURE or (rel == "this" and tense != PAST):
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


def _season_index(d: date) -> int:
    """Seasons counted from spring of year 0: 4 * year + (0 spring, 1 summer, 2 fall, 3 winter)."""
    if d.month <= 2:
        return (d.year - 1) * 4 + 3
    return d.year * 4 + (d.month - 3) // 3


def season(dct: date, code: str, tense: str | None, rel: str | None) -> str:
    """ "last summer" on 2025-04-27 -> 2024-SU; "this winter", "the fall" by tense."""
    now = _season_index(dct)
    target = SEASONS.index(code)
    before = now - 1 - ((now - 1 - target) % 4)  # the latest such season before the current one
    after = now + 1 + ((target - now - 1) % 4)
    if rel in BACK:
        pick = before
    elif rel in AHEAD:
        pick = after
    elif now % 4 == target:
        pick = now
    elif tense == PAST:
        pick = before
    elif tense == FUTURE:
        pick = after
    else:
        pick = min((before, after), key=lambda i: abs(i - now))
    return f"{pick // 4}-{SEASONS[pick % 4]}"


def holiday(code: str, year: int) -> date:
    """The date of a holiday code of `data/time_words.tsv` in a year."""
    if code.startswith("easter"):
        offset = int(code.split(":")[1]) if ":" in code else 0
        return _easter(year) + timedelta(days=offset)
    if code == "election":  # the Tuesday after the first Monday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(7 - first.weekday()) % 7 + 1)
    if code.startswith("nth:"):
        _, mm, wd, n, *moved = code.split(":")  # "nth:11:4:4:1", Black Friday: the day after Thanksgiving
        month, day_of_week, nth = int(mm), int(wd), int(n)
        later = timedelta(days=int(moved[0]) if moved else 0)
        if nth > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(day_of_week - first.isoweekday()) % 7 + 7 * (nth - 1)) + later
        last = add_months(date(year, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - day_of_week) % 7) + later
    mm, dd = code.split("-")
    return date(year, int(mm), int(dd))


def _easter(y: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, day + 1)


def unit_value(d: date, unit: str, step: int) -> str | None:
    """The calendar unit (D, W, WE, M, Q, Y, DE, CE) containing d, moved `step` units."""
    if unit == "D":
        return (d + timedelta(days=step)).isoformat()
    if unit in ("W", "WE"):
        w = iso_week(d + timedelta(weeks=step))
        return w + "-WE" if unit == "WE" else w
    if unit == "M":
        x = add_months(d, step)
        return f"{x.year:04d}-{x.month:02d}"
    if unit == "Q":
        q = d.year * 4 + (d.month - 1) // 3 + step
        return f"{q // 4}-Q{q % 4 + 1}"
    if unit == "Y":
        return str(d.year + step)
    if unit == "DE":
        return str(d.year // 10 + step)
    if unit == "CE":
        return str(d.year // 100 + step)
    return None


TIME_UNITS = ("H", "TM", "S")  # TM: minutes, to tell them from months
SMALLER = {"Y": (12, "M"), "Q": (3, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "TM"),
           "TM": (60, "S")}


def duration(n: float | None, unit: str) -> str:
    """ISO 8601 duration: (3, 'Y') -> P3Y, (1.5, 'H') -> PT1H30M, (2, 'DE') -> P20Y, (None, 'Y') -> PXY."""
    if unit == "2W":  # fortnight
        n, unit = (n * 2 if n is not None else None), "W"
    if n is None:
        return f"PTX{unit[-1]}" if unit in TIME_UNITS else f"PX{unit}"
    if unit in ("DE", "CE", "ML"):
        n, unit = n * {"DE": 10, "CE": 100, "ML": 1000}[unit], "Y"
    whole, frac = int(n), n - int(n)
    if frac and unit not in SMALLER:  # seconds: the fraction stays a decimal, "23.49 seconds" -> PT23.49S
        return f"PT{n:g}{unit[-1]}" if unit in TIME_UNITS else f"P{n:g}{unit}"
    parts = [(whole, unit)]
    if frac and unit in SMALLER:
        k, sub = SMALLER[unit]
        parts.append((round(frac * k), sub))
    date_part = "".join(f"{v}{u}" for v, u in parts if v and u not in TIME_UNITS)
    time_part = "".join(f"{v}{u[-1]}" for v, u in parts if v and u in TIME_UNITS)
    if not date_part and not time_part:
        return f"PT0{unit[-1]}" if unit in TIME_UNITS else f"P0{unit}"
    return "P" + date_part + ("T" + time_part if time_part else "")
