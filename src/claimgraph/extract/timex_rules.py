"""The grammar of time expressions: words from `data/time_words.tsv`, patterns over raw text.

`scan(text)` yields every candidate `Hit` (rule name, span, named groups) of every rule;
`extract/times.py` filters them against the parse, keeps the longest where they overlap and works
out their values (`timex_values`). Span conventions follow TempEval-3: prepositions ("on", "in",
"since") stay outside the span, modifiers that change the meaning stay inside ("last summer",
"three years ago", "the past week", "early next year", "more than two decades").

Patterns are written with two shorthands: a space is a gap between words (never a line break) and
`~` an optional gap; `{name}` inserts a fragment of `_fragments()`. Matching ignores case; month
and weekday names are checked for capitals afterwards.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["ORDER", "Hit", "Words", "number", "scan", "words"]

GAP = r"[ \t\u00a0]+"


@dataclass(frozen=True)
class Words:
    """Each kind of time word (month, weekday, unit, ...) as a map from lower-case word to value."""

    kinds: dict[str, dict[str, str]]

    def get(self, kind: str, word: str) -> str | None:
        return self.kinds.get(kind, {}).get(" ".join(word.lower().replace("’", "'").split()))

    def alternation(self, *kinds: str) -> str:
        """A regex alternation of the words of these kinds, longest first (spaces stay gaps)."""
        found = {w for k in kinds for w in self.kinds.get(k, {})}
        ordered = sorted(found, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", " ").replace("'", "['’]") for w in ordered) + ")"


@lru_cache(maxsize=1)
def words() -> Words:
    text = resources.files("claimgraph").joinpath("data", "time_words.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    kinds: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        kinds.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return Words(kinds)


def number(text: str) -> float | None:
    """'three' -> 3, 'twenty-five' -> 25, '5 1/2' -> 5.5, 'a couple of' -> 2; 'several' -> None."""
    t = " ".join(text.lower().replace("-", " ").replace(",", "").split())
    table = words().kinds["number"]
    if t in table:
        return None if table[t] == "X" else float(table[t])
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t)
    if m := re.fullmatch(r"(\d+) (\d)/(\d)", t):
        return int(m[1]) + int(m[2]) / int(m[3])
    total = current = 0.0
    seen = False
    for w in t.split():
        v = w if w[0].isdigit() else table.get(w)
        if v is None or v == "X":
            return None
        n = float(v)
        if n in (100, 1000):
            current = (current or 1) * n
            if n == 1000:
                total, current = total + current, 0.0
        else:
            current += n
        seen = True
    return total + current if seen else None


def _fragments() -> dict[str, str]:
    w = words()
    numword = ("(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:{hy}(?:one|two|three|four|five|six"
               "|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
               "|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
    return {
        "hy": "(?:-| )",  # a hyphen or a gap: "third-quarter", "third quarter"
        "end": r"(?![\w-])",  # no word goes on: "two weeks" but not "two weeks-old"
        "month": w.alternation("month"),
        "wday": w.alternation("weekday"),
        "season": w.alternation("season"),
        "holiday": w.alternation("holiday"),
        "ref": w.alternation("ref"),
        "set": w.alternation("set"),
        "ordinal": "(?:" + w.alternation("ordinal") + r"|\d{1,2}(?:st|nd|rd|th))",
        "daypart": "(?:morning|afternoon|evening|night)",
        "units": ("(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?"
                  "|decades?|centuries|century|millenni(?:um|a))"),
        "plural_units": "(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)",
        "long_units": "(?:months?|quarters?|years?|decades?|centuries|century)",
        "numword": numword,
        "num": (rf"(?:\d+(?:\.\d+)?(?: 1/2)?|{numword}(?: (?:hundred|thousand))?|(?:a|one) (?:hundred|thousand)"
                "|a half|a dozen|an?|(?:a )?couple(?: of)?|(?:a )?few|several|some|many|a number of"
                "|another|an additional|a further)"),
        "vague": ("(?:about|around|roughly|approximately|nearly|almost|some|more than|less than|fewer than|at least"
                  "|at most|over|under|up to|no more than|just|only|barely|well over|the better part of)"),
        "day": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
        "year": r"(?:1[0-9]\d\d|20\d\d)(?![\d,]\d|%|-\d|\.\d)",
        "rel": "(?:this past|this coming|last|next|this|coming|past|previous|following|current|that)",
        # a year in words: "nineteen ninety-four", "two thousand and one"
        "yearword": "(?:nineteen{hy}(?:hundred|{numword})|two thousand(?: (?:and )?{numword})?)",
        "edge": ("(?:(?:early|late|mid|earlier|later)(?:-| )"
                 "|(?:the )?(?:end|beginning|start|middle|rest|remainder) of (?:the )?)"),
        "clock": (r"(?:(?P<hour>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?~(?P<ampm>[ap]\.m\.?|[ap]m\b)"
                  r"|(?P<hour2>[01]?\d|2[0-3]):(?P<min2>[0-5]\d)"
                  rf"|(?P<oclock>[01]?\d|{numword}) o['’]clock|(?P<named>noon|midnight|midday))"
                  "(?: (?P<tz>[A-Z]{2}T|GMT|UTC))?"),
    }


# name -> pattern. The order is the priority between hits of equal span (longer spans always win).
RULES: dict[str, str] = {
    # "the last week of March", "the week of March 6"
    "week_of": ("the (?:(?P<nth>first|second|third|fourth|last|final) )?(?P<unit>week|weekend) of (?P<mon>{month})"
                "(?: (?P<day>{day}))?(?:,? (?P<year>{year}))?"),
    # "Monday, Oct. 26, 1998", "December 4, 2024", "Aug. 7", "last Oct. 23"
    "mdy": "(?:(?P<rel>last|this|next) )?(?:(?P<wd>{wday}),? )?(?P<mon>{month}) (?P<day>{day})"
           r"(?:(?:,~|~(?=\d{4}(?!\s*\w)))(?P<year>{year}))?",  # no comma: "March 12 2009."
    # the 25 of "April 24 and 25", the 10 of "May 8–10"
    "and_day": ("(?P<mon>{month}) {day}(?: (?:and|or|to|through) |~[-–]~)(?P<core>(?P<day>{day}))"
                "(?:,~(?P<year>{year}))?(?! (?:{month}|percent|%|per))"),
    # "26 April 2025", "the 4th of July"
    "dmy": "(?:(?P<wd>{wday}),? )?(?:the )?(?P<day>{day})(?: of)? (?P<mon>{month})(?:,? (?P<year>{year}))?",
    "iso": r"(?P<year>(?:19|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d-])",
    "slash": r"(?P<mon>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>(?:19|20)?\d\d)(?![\d/])",
    # "3 p.m.", "10:35 a.m. EDT Thursday", "noon Saturday", "midnight Friday"
    "clock": ("(?:(?:around|about|shortly (?:before|after)) )?{clock}"
              "(?:,? (?P<dayword>today|yesterday|tomorrow|tonight|(?P<wd>{wday})|(?P<mon>{month}) (?P<day>{day})))?"),
    "clock_in_the": "(?P<hour>[01]?\\d|{numword}) in the (?P<dp>morning|afternoon|evening)",
    # "the first quarter", "third-quarter", "the 1988 second quarter", "the quarter"
    "quarter": ("(?:(?:the )?(?:(?P<qyear>{year}|this year['’]s|last year['’]s|next year['’]s|year-ago|year-earlier) )?"
                "(?:fiscal{hy})?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|latest|current|last|previous|next"
                "|year-ago|year-earlier){hy}(?:fiscal )?quarter(?: of (?:fiscal )?(?P<qyear2>{year}|this year|last year"
                "|next year))?|the (?:(?P<qyear3>{year}) )?(?P<bare>quarter)){end}"
                "(?! of (?:a|an|the|its|their|all)\\b)"),
    "q_code": "(?P<qn>Q[1-4]) (?P<qyear>{year})",
    "half": ("(?:the )?(?P<h>first|second|last|latter) half of (?:the year|(?P<hyear>{year})"
             "|(?P<hrel>this|last|next) year){end}"),
    # "three years ago", "a year earlier", "about two weeks ago"
    "ago": ("(?:(?P<vague>{vague}) )?(?P<num>{num}) (?:(?P<unit>{units})(?: or so)? (?P<dir>ago|hence|from now)"
            "|(?P<unit2>{long_units})(?: or so)? (?P<dir2>earlier|later|afterwards?)){end}"),
    "year_ago": "(?P<unit>year|month|week|day)-(?P<dir>ago|earlier)",
    # "the past two weeks", "the next few days", "the first nine months"
    "span_units": ("(?:(?P<vague>(?!over|under){vague}) )?(?:the )?(?P<rel>past|last|next|first|coming|previous"
                   "|following|final|initial|latest|remaining) (?P<num>{num}) (?P<unit>{units})(?: or so)?{end}"),
    # "the next day", "that week", "the same day"
    "day_anaphor": ("(?:(?P<edge>early|late|earlier|later) )?"
                    "(?:the (?P<rel>next|following|previous|same)|that|that same) (?P<unit>day|week|month|year)"),
    # "last week", "earlier this month", "next year", "the past year"
    "relunit": ("(?P<edge>{edge})?(?:the )?(?P<rel>{rel}) (?:fiscal )?"
                "(?P<unit>week|month|year|quarter|decade|century){end}"),
    "this_unit_end": ("(?P<edge>(?:the )?(?:end|beginning|start|middle|rest|remainder) of )(?:the|this)"
                      " (?P<unit>week|month|year|quarter|decade|century)"),
    "year_end": "(?P<unit>year|month|quarter)-end",
    # the April of "broke out three years ago in April": that year's April
    "ago_month": "(?P<num>{num}) (?P<unit>years?) ago in (?P<core>(?P<mon>{month}))(?!,? \\d)",
    # the September of "between September and October of 2007": the year written after the second month
    "month_and": ("(?P<core>(?P<edge>{edge})?(?P<mon>{month})) (?:and|or|to|through|until) (?:{edge})?{month}"
                  "(?:,? | of )(?P<year>{year})"),
    # "January 1998", "late November", "last April", "January of this year"
    "month": ("(?P<edge>{edge})?(?:(?P<rel>{rel}) )?(?P<mon>{month})"
              "(?:(?:,? | of )(?:(?P<year>{year})|(?P<yw>{yearword}){end})|(?: of)? (?P<yrel>last|this|next) year)?"),
    # "last summer", "the summer of 1998", "this past spring"
    "season": ("(?P<edge>{edge})?(?:(?P<rel>{rel}|the) )?(?P<season>{season})"
               "(?:(?: of)? (?:(?P<year>{year})|(?P<yw>{yearword}){end}))?"),
    # "Christmas Eve", "last Easter", "Independence Day 2022", "the 2022 Independence Day parade"
    "holiday": ("(?:(?P<rel>{rel}) |(?P<year_before>{year}) )?(?P<holiday>{holiday})(?: (?P<week>week|weekend))?"
                "(?:,? (?P<year>{year}))?"),
    # "Friday", "last Friday", "Friday night", "early Tuesday"
    "weekday": ("(?:(?P<edge>early|late|earlier|later) )?(?:(?:the )?(?P<rel>{rel}|preceding) )?(?P<wd>{wday})"
                "(?: (?P<dp>{daypart}))?"),
    # "the day before last Tuesday's hearing", "the day after Oct. 23": a day next to a date
    "day_next_to": ("the day (?P<dir>before|after) (?:(?P<rel>last|next|this) )?"
                    "(?:(?P<wd>{wday})|(?P<mon>{month}) (?P<day>{day})(?:,~(?P<year>{year}))?)"),
    # "today", "late yesterday", "tonight", "this morning", "the next morning"
    "deictic": ("(?:(?P<edge>early|late|earlier|later|mid-?)~)?(?P<dword>today|yesterday|tomorrow|tonight|overnight"
                "|last night|(?:this|yesterday|tomorrow|the next|the following|the previous) (?P<dp>{daypart}))"),
    # "its fourth year", "the third year of the war"
    "its_nth": ("(?:(?P<det>its|their) (?P<ord>{ordinal}) (?P<unit>year|month|week|day){end}"
                "|the (?P<ord2>{ordinal}) (?P<unit2>year)(?= of (?:the|its|their) ))"),
    "recent_units": ("(?:the )?(?P<rel>recent|coming|past|next|last|previous|following|ensuing|intervening|later|final)"
                     " (?P<unit>{plural_units}){end}"),
    # "the 1990s", "the early '80s", "the nineties", "the 20th century"
    "decade": ("(?:the )?(?P<edge>(?:early|late|mid){hy})?(?:(?P<dec>1[0-9]\\d0|20\\d0)['’]?s|['’](?P<dec2>\\d0)['’]?s"
               "|(?:nineteen-?)?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){end}"),
    "century": "(?:the )?(?P<edge>(?:early|late|mid){hy})?(?P<ord>{ordinal}){hy}century",
    # "1998", "fiscal 1999", "mid-1996", "the end of 1990", "the post-1959 politics" (TimeML: 1959, mod AFTER)
    "year": "(?P<edge>{edge}|(?:pre|post)-)?(?P<fiscal>fiscal (?:year )?|FY~)?(?P<year>{year})",
    # "two weeks", "more than 40 years", "five-hour", "a year and a half", "two more weeks"
    "duration": ("(?:(?P<vague>{vague}) )?(?P<num>{num})(?P<half1>{hy}and{hy}a{hy}half)?(?: more)?{hy}"
                 "(?P<unit>{units})(?P<half> and a half)?(?: or (?:so|more|longer))?(?:-long)?{end}"),
    # "for years", "in decades"
    "for_units": "(?:for|in) (?P<core>(?P<unit>{plural_units})){end}(?! (?:ago|before|after|later|earlier))",
    "weekend": "(?:(?P<rel>{rel})|the) (?P<unit>weekend){end}",
    "ahead": "the (?:coming )?(?P<unit>days|weeks|months|years) (?:ahead|to come){end}",
    "year_words": "(?:the year )?(?P<yw>{yearword}){end}",
    "units_adj": "(?P<unit>days?|weeks?|months?|years?|decades?|centuries|hours?)-long",
    # "every week", "each Thursday", "twice a year", "daily"
    "set_every": ("(?:every|each|per) (?:(?P<num>other|{num}) )?"
                  "(?P<unit>{units}|{wday}|{month}|{season}|{daypart}s?){end}"),
    "set_times": "(?:once|twice|times) (?P<core>(?:a|an|per) (?P<unit>day|week|month|year|hour|minute|quarter)){end}",
    "set_word": "(?P<set>{set})",
    # "now", "currently", "recently", "the near future"
    "ref": "(?:(?P<edge>the (?:near|foreseeable|distant|immediate)) )?(?P<ref>{ref}){end}",
}
ORDER = list(RULES)


@dataclass(frozen=True)
class Hit:
    rule: str
    start: int
    end: int
    text: str
    groups: dict[str, str]


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    for _ in range(3):  # fragments may use fragments
        pattern = re.sub(r"\{(\w+)\}", lambda m: fragments.get(m[1], m[0]), pattern)
    return pattern.replace(" ", GAP).replace("~", f"(?:{GAP})?")


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    fragments = _fragments()
    return [(name, re.compile(rf"(?<![\w$£€'’/-])(?:{_expand(p, fragments)})(?!\w)", re.IGNORECASE))
            for name, p in RULES.items()]


# A word each rule cannot match without (any one of them, lower case; DIGIT: any digit): a rule whose
# words are all absent from a text is not run on it, which gives the same hits for less (most rules
# never match a given article). "{kind}" stands for the words of a kind of time_words.tsv; rules not
# listed always run. Only single words: a space in a pattern is any gap, so "in the" is no anchor.
DIGIT = "0123456789"
_A_DIGIT = re.compile(r"\d")
_UNITS = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "decade",
          "centur", "millenni")
_ANCHORS: dict[str, tuple[str, ...]] = {
    "week_of": ("week",), "mdy": ("{month}",), "and_day": ("{month}",), "dmy": ("{month}",), "slash": ("/",),
    "clock": (DIGIT, "clock", "noon", "midnight", "midday"), "clock_in_the": ("morning", "afternoon", "evening"),
    "quarter": ("quarter",), "q_code": ("q1", "q2", "q3", "q4"), "half": ("half",),
    "ago": ("ago", "hence", "from", "earlier", "later", "afterward"), "year_ago": ("-ago", "-earlier"),
    "span_units": _UNITS, "day_anaphor": ("day", "week", "month", "year"),
    "relunit": ("week", "month", "year", "quarter", "decade", "century"),
    "this_unit_end": ("week", "month", "year", "quarter", "decade", "century"), "year_end": ("-end",),
    "month": ("{month}",), "month_and": ("{month}",), "ago_month": ("ago",), "season": ("{season}",),
    "holiday": ("{holiday}",), "weekday": ("{weekday}",),
    "day_next_to": ("day",),
    "deictic": ("today", "yesterday", "tomorrow", "tonight", "overnight", "night", "morning", "afternoon", "evening"),
    "its_nth": ("year", "month", "week", "day"), "recent_units": _UNITS, "decade": (DIGIT, "ties"),
    "century": ("century",), "year": (DIGIT,), "duration": _UNITS, "for_units": _UNITS, "weekend": ("weekend",),
    "ahead": ("ahead", "come"), "year_words": ("nineteen", "thousand"), "units_adj": ("-long",),
    "set_every": ("every", "each", "per"), "set_times": ("once", "twice", "times"), "set_word": ("{set}",),
    "iso": (DIGIT,),
}


@lru_cache(maxsize=1)
def _anchors() -> dict[str, tuple[str, ...]]:
    """`_ANCHORS` with each "{kind}" replaced by the first word of each of that kind's entries in
    time_words.tsv, up to an apostrophe or a full stop ("new year's day" -> "new")."""
    kinds = words().kinds
    out = {}
    for rule, anchors in _ANCHORS.items():
        found: set[str] = set()
        for a in anchors:
            if a.startswith("{"):
                found |= {re.split(r"[ '’.]", w)[0] for w in kinds[a.strip("{}")]}
            else:
                found.add(a)
        out[rule] = tuple(sorted(found))
    return out


def scan(text: str) -> Iterator[Hit]:
    """Every match of every rule, unfiltered (several rules may match the same stretch)."""
    low = text.lower()
    digits = _A_DIGIT.search(text) is not None
    anchors = _anchors()
    for name, pattern in _compiled():
        need = anchors.get(name)
        if need is not None and not any(digits if a == DIGIT else a in low for a in need):
            continue
        for m in pattern.finditer(text):
            s, e = m.span("core") if m.groupdict().get("core") else m.span()
            while e > s and text[e - 1] in " \t,":
                e -= 1
            if e > s:
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                yield Hit(name, s, e, text[s:e], groups)
