"""Quantities on real news sentences: numbers, ranges, qualifiers, changes and units.

Sentences are quoted from the Wikipedia Current Events Portal (CC BY-SA 4.0, "Wikipedia contributors,
Portal:Current events"; `samples/wcep-north-korea-russia-ukraine.jsonl` and
`../shared/corpus/wcep_portal_2025_2026/events.jsonl`, by event id) and from Wikinews (CC BY 2.5,
"Wikinews contributors"; `samples/wikinews/` and `../shared/corpus/wikinews_timeline_semeval2015/`,
by article id). The founding article is read from ../shared by the `seed_text` fixture.
"""

from __future__ import annotations

import pytest

from claimgraph.extract.numbers import lex, parse_number, read_number
from claimgraph.extract.quantities import EXTRACTOR, VERSION, find_quantities
from claimgraph.models import Article, Quantity

model = pytest.mark.model


def quantities(nlp, text: str) -> list[Quantity]:
    return find_quantities(nlp(text), Article.from_text(text))


def one(qs: list[Quantity], text: str) -> Quantity:
    """The quantity whose span holds `text`."""
    found = [q for q in qs if text in q.text]
    assert found, f"no quantity over {text!r}; found {[(q.text, q.value) for q in qs]}"
    return found[0]


# --- number words and digits, without the model ---------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("11,000", 11000), ("eleven thousand", 11000), ("1.5 million", 1.5e6), ("a dozen", 12), ("3/4", 0.75),
    ("-5", -5), ("twenty-one", 21), ("Twenty-seven", 27), ("one hundred and sixty-one", 161), ("two thirds", 2 / 3),
    ("one-third", 1 / 3), ("one and a half", 1.5), ("half a million", 5e5), ("five and a half million", 5.5e6),
    ("3 million and a half", 3.5e6), ("10k", 1e4), ("1,674.5 million", 1.6745e9), ("two-million", 2e6),
    ("12,34,567.89", 1234567.89), ("1 234 567", 1234567), ("three quarters", 0.75), ("10½", 10.5),
    ("minus five point five", -5.5), ("two hundred point zero three", 200.03), ("three lakh crore", 3e12),
])
def test_numbers_parse_digits_and_words(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "value"), [
    # powers and scientific notation
    ("10^6", 1e6), ("1.1^23", 1.1 ** 23), ("2.5^-1", 0.4), ("1.3x10^6", 1.3e6), ("6.23 × 10^-4", 6.23e-4),
    ("-2500^-1", -0.0004),
    # a fraction read aloud
    ("one over three", 1 / 3), ("1 over twenty-one", 1 / 21), ("2000 over 3", 2000 / 3),
    ("negative one over 20", -0.05),
    # compound ordinal denominators
    ("a twenty-first", 1 / 21), ("one twenty-fifth", 1 / 25), ("three twenty-firsts", 3 / 21),
    ("twenty twenty fifths", 20 / 25), ("one hundred thirty-fifths", 100 / 35),
    # mixed numbers: a proper fraction after "and" adds, an improper one takes the whole numerator
    ("two and fifty-four hundredths", 2.54), ("one hundred and three quarters", 100.75),
    ("one hundred and thirty-two fifths", 132 / 5),
    # a smaller scale or a dozen after "and"
    ("one billion and a half million", 1.0005e9), ("one billion and three quarters million", 1.00075e9),
    ("three hundred and two dozen", 324), ("two hundred and two thousand", 202000),
    # abbreviations of dozen
    ("3 doz", 36), ("five dzs", 60),
])
def test_numbers_parse_notation_fractions_and_compounds(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "value"), [
    ("3 hundred and 2 hundred", 300), ("two million and three million", 2e6),  # two numbers, not 302 or 2000003
    ("5 over 3 rivals", 5),  # "over" before a noun is no fraction
])
def test_numbers_stop_before_a_second_number(text, value):
    num = read_number(lex(text), 0)
    assert num is not None and num.value == value


@pytest.mark.parametrize("text", ["1st", "first", "twenty-first", "a", "a third time", "thousand", "5/17/2018",
                                  "a third-party", "a twenty-first-century"])
def test_numbers_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("thousands", 1000), ("hundreds", 100), ("dozens", 12), ("tens of thousands", 1e4),
    ("hundreds of thousands", 1e5), ("several hundred", 100), ("a few thousand", 1000),
])
def test_numbers_vague_amounts_are_lower_bounds(text, value):
    num = read_number(lex(text), 0)
    assert num is not None and num.vague and num.value == value


@pytest.mark.parametrize(("text", "kind"), [
    ("5/17/2018", "code"), ("11:00", "code"), ("192.168.1.2", "code"), ("2014-15", "code"), ("3/4", "frac"),
    ("9/11", "code"), ("6 . 2", "num"),
])
def test_numbers_lex_marks_codes(text, kind):
    assert [p.kind for p in lex(text)] == [kind]


# --- quantities in news sentences -----------------------------------------------------------------

# (sentence, span text, value, qualifier, unit, vague), source in the comment before each group.
CASES = [
    # WCEP 2025-04-30_002 (samples)
    ("South Korean intelligence claims North Korean troops have suffered around 4,700 casualties, including "
     "about 600 fatalities among 15,000 soldiers.", "4,700", 4700, "~", "casualties", False),
    ("South Korean intelligence claims North Korean troops have suffered around 4,700 casualties, including "
     "about 600 fatalities among 15,000 soldiers.", "15,000", 15000, "=", "soldiers", False),
    # WCEP 2025-03-24_002 (samples): a number in words
    ("Ninety people are injured, including 17 children, in a Russian missile attack on a hospital, a school, "
     "and a residential area in Sumy, Ukraine.", "Ninety", 90, "=", "people", False),
    # WCEP 2025-01-01_006: hyphenated words
    ("Twenty-seven migrants from sub-Saharan Africa are killed, and 83 others are rescued after two boats "
     "capsize off the Kerkennah Islands near Tunisia.", "Twenty-seven", 27, "=", "migrants", False),
    # WCEP 2025-01-05_004: a scale word, "nearly"
    ("The National Weather Service issues winter storm alerts for areas covering nearly 70 million people from "
     "the Great Plains to the East Coast of the United States, with nearly 4 million currently under blizzard "
     "warnings.", "70 million", 7e7, "~", "people", False),
    # WCEP 2025-03-06_003 (samples): currencies
    ("Dutch Prime Minister Dick Schoof announces US$3.8 billion in national military funding for Ukraine in "
     "2026, including $700 million in Dutch drone manufacturing.", "US$3.8 billion", 3.8e9, "=", "US dollar", False),
    ("Dutch Prime Minister Dick Schoof announces US$3.8 billion in national military funding for Ukraine in "
     "2026, including $700 million in Dutch drone manufacturing.", "$700 million", 7e8, "=", "dollar", False),
    # WCEP 2025-04-14_002 (samples)
    ("The United Kingdom sends £752 million ($990 million) to Ukraine for the purchase of surface-to-air "
     "missiles.", "£752 million", 7.52e8, "=", "pound", False),
    # WCEP 2025-04-13_003: "a dozen" (of "a dozen others": people, counted before it)
    ("Eight people are killed and a dozen others are injured after a roadside bomb suspected to be planted by "
     "Islamic extremists hits a bus on the Damboa-Maiduguri highway in Borno State, Nigeria.",
     "a dozen", 12, "=", "people", False),
    # WCEP 2025-05-21_007
    ("More than a dozen governments condemn the Israeli military firing in the direction of a diplomatic "
     "delegation with representatives from 31 countries.", "More than a dozen", 12, ">", "governments", False),
    # WCEP 2025-02-22_003: vague amounts are lower bounds
    ("Hundreds of Congolese police officers join the M23 movement in Bukavu, Democratic Republic of the Congo, "
     "as the rebel group consolidates its control of the city.", "Hundreds", 100, ">", "officers", True),
    # WCEP 2025-03-14_009 (samples)
    ('President Donald Trump publicly asks Russian President Vladimir Putin to spare the lives of "thousands of '
     'Ukrainian soldiers" said to be surrounded in Kursk Oblast.', "thousands", 1000, ">", "soldiers", True),
    # WCEP 2025-03-25_003
    ("A wildfire in Uiseong County, South Korea, spreads uncontrollably to the north and east, resulting in at "
     "least 16 deaths and forcing tens of thousands of civilians to evacuate.",
     "tens of thousands", 1e4, ">", "civilians", True),
    # WCEP 2025-03-23_006 (samples): "dozens" of the people counted before it, in the same role
    ("Seven people are killed and dozens are injured across Ukraine by overnight Russian drone strikes, "
     "including three civilians killed in Kyiv.", "dozens", 12, ">", "people", True),
    # WCEP 2026-02-04_004: a fraction
    ("American newspaper The Washington Post announces that it will lay off about 300 journalists, roughly "
     "one-third of its employees.", "one-third", 1 / 3, "~", "employees", False),
    # Wikinews 114904 (corpus, stock market): negative numbers; after "or", the change restated (was "=")
    ("The NASDAQ also took heavy losses to close down 74.15 points or -2.64%, closing at 2,725.16.",
     "-2.64%", -2.64, "down", "percent", False),
    # WCEP 2025-01-14_002 (samples): qualifiers
    ("Ukraine strikes targets in the Republic of Tatarstan and Bryansk, Saratov, and Tula oblasts, Russia, with "
     "more than 200 drones and five ATACMS ballistic missiles.", "more than 200", 200, ">", "drones", False),
    # WCEP 2025-04-13_000 (samples)
    ("During Palm Sunday, two Russian Iskander-M ballistic missiles carrying cluster munitions strike the centre "
     "of Sumy, Ukraine, killing at least 35 people and wounding 117 others.", "at least 35", 35, ">", "people",
     False),
    # WCEP 2025-01-24_019 (samples)
    ("Over 60,000 people demonstrate across Slovakia in protest of Prime Minister Robert Fico's policies.",
     "Over 60,000", 60000, ">", "people", False),
    # WCEP 2025-02-11_016
    ("The Government of Spain announces it will grant residency and work permits to up to 25,000 immigrants "
     "affected by the floods in the Valencian Community in 2024.", "up to 25,000", 25000, "<", "immigrants",
     False),
    # WCEP 2026-06-18_014
    ("The American Automobile Association reports that gas prices in the United States are at $3.999 per "
     "gallon, making it the first time gas prices have gone below $4 since March 30.", "below $4", 4, "<",
     "dollar", False),
    # WCEP 2025-04-27_014 (samples)
    ("It contains victims of the Volhynia massacres, when Ukrainian nationalists murdered around 100,000 "
     "civilians who were predominantly Polish.", "around 100,000", 1e5, "~", "civilians", False),
    # WCEP 2025-03-07_004
    ("A UNMISS helicopter operator and approximately 27 South Sudanese soldiers are killed after being fired on "
     "by a local militia group while evacuating Nasir, South Sudan.", "approximately 27", 27, "~", "soldiers",
     False),
    # WCEP 2025-06-09_006
    ("president Donald Trump orders the deployment of roughly 500 Marines to Los Angeles to protect federal "
     "buildings.", "roughly 500", 500, "~", "marines", False),
    # Wikinews 123881 (samples): changes
    ("As a result of this announcement Chrysler's auto sales volume in Canada dropped 23% compared to March of "
     "2008.", "23%", 23, "down", "percent", False),
    # Wikinews 16983 (samples)
    ("In the last financial quarter, Mac sales increased 22 percent, comprising 24 percent of total revenue for "
     "Apple.", "22 percent", 22, "up", "percent", False),
    ("In the last financial quarter, Mac sales increased 22 percent, comprising 24 percent of total revenue for "
     "Apple.", "24 percent", 24, "=", "percent", False),
    # WCEP 2026-06-14_010
    ("Oil prices, including crude oil, fall by 5% after U.S. president Donald Trump announced that a deal has "
     "been reached to end the war.", "5%", 5, "down", "percent", False),
    # WCEP 2025-04-04_007: a bound beats the change
    ("Over the past two days, the S&P 500 is down over 10%, while the FTSE 100 is down 6.97% for the week.",
     "over 10%", 10, ">", "percent", False),
    ("Over the past two days, the S&P 500 is down over 10%, while the FTSE 100 is down 6.97% for the week.",
     "6.97%", 6.97, "down", "percent", False),
    # Wikinews 112579 (corpus, stock market): the unit written once serves both numbers
    ("Shares of energy companies ExxonMobil and Chevron fell by 1.5 and 3 percent, respectively.", "1.5", 1.5,
     "down", "percent", False),
    # Wikinews 114613 (corpus, stock market)
    ("It went up by 0.16% (16.03 points), but stayed below 5000 mark at 4605.22.", "0.16%", 0.16, "up", "percent",
     False),
    # Wikinews 114613 and 115064: the change restated in brackets, or continued after "and", is the same change
    # (both were "=")
    ("It went up by 0.16% (16.03 points), but stayed below 5000 mark at 4605.22.", "16.03 points", 16.03, "up",
     "points", False),
    ("The Brazilian Bovespa index today went up by 14,66%, while the Hang Seng and Singapore Straits Times went up "
     "by 10.24% and 6.57% respectively.", "6.57%", 6.57, "up", "percent", False),
    # WCEP 2025-03-08_004: units
    ("Al Shabaab seizes the town of Cadale and some villages including Bushra Sheekh, Ceel Xarar and Xaruur, "
     "around 70 km (43 mi) of Mogadishu.", "70 km", 70, "~", "kilometer", False),
    ("Al Shabaab seizes the town of Cadale and some villages including Bushra Sheekh, Ceel Xarar and Xaruur, "
     "around 70 km (43 mi) of Mogadishu.", "43 mi", 43, "=", "mile", False),
    # WCEP 2026-01-07_008
    ("State Department suspends all ongoing assistance programs to Somalia, alleging that the Somali government "
     "stole 76 tonnes of food aid.", "76 tonnes", 76, "=", "tonne", False),
    # WCEP 2025-02-21_006
    ("South Sudan orders the closure of all schools in the country for two weeks due to a heat wave, with "
     "temperatures expected to reach 42 °C (108 °F).", "42 °C", 42, "=", "celsius", False),
    ("South Sudan orders the closure of all schools in the country for two weeks due to a heat wave, with "
     "temperatures expected to reach 42 °C (108 °F).", "two weeks", 2, "=", "week", False),
    # WCEP 2025-01-24_011
    ("A wind gust provisionally measured at 183 km/h (114 mph) was recorded in Connemara in County Galway, "
     "Ireland.", "183 km/h", 183, "=", "kilometer per hour", False),
    # WCEP 2025-01-01_018 and 2025-03-20_012 (samples): ages
    ("A 32-year-old suspect is arrested.", "32-year-old", 32, "=", "year", False),
    ("Vitold Fokin, the first prime minister of modern-day Ukraine, dies at age 92.", "age 92", 92, "=", "year",
     False),
    # WCEP 2025-09-22_007, 2025-02-28_014, 2026-06-29_002: a participle between number and noun
    ("Nature Medicine publishes a report that Europe had over 62,700 heat-related deaths in 2024, with women and "
     "elderly people representing the largest part of the death toll.", "62,700", 62700, ">", "deaths", False),
    ("Mexico extradites 29 alleged cartel members to the United States, including Rafael Caro Quintero.", "29",
     29, "=", "members", False),
    ("The National News Agency reports that over 40,000 displaced people have returned to Lebanon since the "
     "ceasefire.", "40,000", 40000, ">", "people", False),
    # WCEP 2025-12-27_008 and 2025-12-25_004: a count whose noun is left out takes the one counted before it
    # in the same role (subjects "are killed" / "more injured", objects "killing" / "injuring")
    ("Fifteen people are killed and 19 more injured as a bus plunges in to a ravine while driving on the "
     "Inter-American Highway in Sololá Department, Guatemala.", "19", 19, "=", "people", False),
    ("A bus falls into a ravine in Del Gallego, Camarines Sur, Philippines, killing six passengers and injuring "
     "more than 20.", "more than 20", 20, ">", "passengers", False),
    # WCEP 2026-01-31_003, 2026-06-19_002 and 2025-05-23_008: an elided clause, "N more", a part after "including"
    ("Five people are killed and eight injured after a truck rams motorcycles in Ganjam district, India.", "eight",
     8, "=", "people", False),
    ("At least 47 people are killed and 97 more injured by Israeli airstrikes across southern Lebanon.", "97", 97,
     "=", "people", False),
    ("Seventeen people are injured, including four critically, in a mass stabbing at the main train station in "
     "Hamburg, Germany.", "four", 4, "=", "people", False),
    # WCEP 2025-04-05_004: not in another role ("Three vehicles collided, ... killing 15": no vehicles)
    ("Three vehicles collided in Bomet County, Kenya, killing 15 and injuring 14.", "15", 15, "=", None, False),
    # WCEP 2025-01-02_016: the cedi sign; a scaled value without binary noise (not 68099999999.99999)
    ("The Parliament of Ghana prevents a potential government shutdown by approving a provisional budget of "
     "₵68.1 billion ($4.65 billion) to fund government operations through March.", "₵68.1 billion", 6.81e10, "=",
     "cedi", False),
    # WCEP 2025-11-20_001 and 2025-10-30_003: metres written with a space, as Wikipedia converts units
    ("Israeli forces and tanks move 300 m (980 ft) beyond the Yellow Line in Gaza City, violating the ceasefire.",
     "300 m", 300, "=", "meter", False),
    ("The Sagrada Família church in Barcelona, Spain, becomes the world's tallest church at 162.91 m (534.5 ft) "
     "after a part of its central tower was added during construction.", "162.91 m", 162.91, "=", "meter", False),
    # WCEP 2025-04-23_001, 2025-02-25_011 and 2025-02-08_004: earthquake magnitudes, before and after the number
    ("A Mw 6.2 earthquake with an epicenter in the Sea of Marmara strikes Istanbul, Turkey, injuring at least 359 "
     "people.", "Mw 6.2", 6.2, "=", "magnitude", False),
    ("A magnitude 5.9 earthquake hits near the Dominican Republic and Puerto Rico, with no damage reported.",
     "magnitude 5.9", 5.9, "=", "magnitude", False),
    ("A 7.6 magnitude earthquake strikes the Caribbean Sea southwest of the Cayman Islands.", "7.6 magnitude", 7.6,
     "=", "magnitude", False),
    # Wikinews 4678, Apple_releases_program_to_limit_iPod_volume: decibels as a symbol (had no unit)
    ("The American Speech Language Hearing Association published a study where it appears that iPod's (and mp3 "
     "players's) power is 120 dB, comparable to a live concert.", "120", 120, "=", "decibel", False),
    # numbers joined by "and" before the noun they both count (the first had no unit)
    # Wikinews 62929, A380_makes_maiden_flight_to_US
    ("France will lose 4,300 jobs, followed by Germany having a loss of 3,700 jobs, while the United Kingdom and "
     "Spain will see 1,600 and 400 jobs cut respectively.", "1,600", 1600, "=", "jobs", False),
    # Wikinews 87805, Indonesia's_transport_minister_tells_airlines_not_to_buy_European_aircraft_due_to_EU_ban
    ("The EU made the decision to ban the Indonesian air traffic due to a string of accidents in the country, "
     "including two major disasters this year - the losses of Adam Air Flight 574 and Garuda Indonesia Flight 200, "
     "which killed 102 and 21 people respectively.", "102", 102, "=", "people", False),
    # a part counted with "of its", "of the": the noun after it (had none)
    # WCEP 2025-04-03_006 and 2026-01-04_002
    ("Multinational car manufacturer Stellantis announces it will lay off 900 workers across five of its U.S. "
     "factories and will pause production at assembly plants in Canada and Mexico in response to the tariffs.",
     "five", 5, "=", "factories", False),
    ("Cuba confirms that 32 of its citizens were killed during the attacks while carrying out missions. Two days of "
     "national mourning are declared.", "32", 32, "=", "citizens", False),
    # Wikinews 121134, US_automakers_GM_and_Chrysler_seek_more_government_aid: a sum whose currency was
    # written once before it in the sentence (had none)
    ("The United States auto manufacturer Chrysler, which has been badly affected by the ongoing recession, has "
     "asked the US government for an additional US$ 5 billion in aid on top of the four billion it has already "
     "received, saying that it plans to fire three thousand employees.", "four billion", 4e9, "=", "US dollar",
     False),
    # Wikinews 115064, Global_markets_surge_in_value: a decimal comma before a per cent sign (was 8, and 26%)
    ("The FTSE 100 has today gone up in value by 8,26%, to take the index back over the four thousand mark.",
     "8,26%", 8.26, "up", "percent", False),
    # WCEP 2025-05-17_001 and 2025-12-09_003: a name between the count and its noun (had no unit), and a
    # left-out noun after it
    ("Thirteen Taliban fighters are killed and four others are injured in a bombing at a military base in Darah "
     "District, Panjshir Province, Afghanistan.", "Thirteen", 13, "=", "fighters", False),
    ("Three Thai soldiers are killed and 29 more injured during clashes with Cambodian soldiers.", "29", 29, "=",
     "soldiers", False),
    # WCEP 2025-08-21_005: adjectives joined by "and" between the count and its noun (had no unit)
    ("The Russian Armed Forces conduct a combined attack overnight, launching at least 570 drones and 40 hypersonic, "
     "ballistic, and cruise missiles across Ukraine, with two cruise missiles striking an American electronics "
     "factory in Mukachevo, Zakarpattia Oblast, injuring over a dozen people.", "40", 40, "=", "missiles", False),
    # WCEP 2026-03-28_016: the second of two parts counts what the first does (had no unit)
    ("Around 18 people are arrested during anti-war protests held across Israel against the Iran war, including 13 "
     "in Tel Aviv and 5 in Haifa. Protests are also held in Jerusalem and Beersheba.", "5", 5, "=", "people", False),
    # WCEP 2025-05-17_001, 2025-02-25_010, 2025-05-08_003: "N others" counts what was counted before it in the
    # sentence (the unit was "others", in 1,044 of the Current Events summaries)
    ("Thirteen Taliban fighters are killed and four others are injured in a bombing at a military base in Darah "
     "District, Panjshir Province, Afghanistan.", "four others", 4, "=", "fighters", False),
    ("Four workers are killed and six others are injured when an elevated highway under construction collapses in "
     "Cheonan, South Chungcheong Province, South Korea.", "six others", 6, "=", "workers", False),
    ("One hundred and twenty-three vultures are killed, more than 80 others are rescued, and an elephant is also "
     "poisoned in a mass poisoning at Kruger National Park in South Africa.", "more than 80 others", 80, ">",
     "vultures", False),
    # WCEP 2026-07-30_021 and 2025-07-22_001: a subject the parser hangs on the "are" of "are missing" (had no
    # unit; "one" had been dropped as a pronoun)
    ("Five people are critically injured and six are missing after a residential building collapses during a gas "
     "leak explosion in Messina, Sicily, Italy.", "six", 6, "=", "people", False),
    ("Three Haitian National Police officers are killed and one is missing after a gang attack in Liancourt, "
     "Artibonite department, Haiti.", "one", 1, "=", "officers", False),
    # WCEP 2025-05-12_005: but not where "others" is listed with the count ("one Malian and two others from Ghana")
    ("Unknown gunmen attack a Chinese artisanal gold mine in Narena, Koulikoro Region, Mali, killing one Malian and "
     "two others from Ghana, and abducting two Chinese nationals.", "two others", 2, "=", "others", False),
    # WCEP 2025-12-07_008: a participle the parser hangs on the number, then a name (had no unit)
    ("Thirteen suspected Los Lobos gang members are killed in a prison riot following two explosions in Machala, "
     "El Oro Province, Ecuador.", "Thirteen", 13, "=", "members", False),
    # WCEP 2025-06-18_008: the Czech koruna (had no unit)
    ("The Czech government survives a vote of no-confidence called by the opposition ANO party after the justice "
     "ministry accepted a bitcoin donation and sold them for nearly 1 billion Kč (US$47 million).", "1 billion",
     1e9, "~", "Czech koruna", False),
    # WCEP 2025-10-27_004
    ("Malta introduces tax cuts exempting parents of two or more children from income tax on up to €18,500 "
     "(US$21,574) of earnings from 2026, rising to €30,000 ($34,985) by 2028, as part of efforts to address its low "
     "fertility rate.", "two or more", 2, ">", "children", False),
    # WCEP 2025-01-25_000, 2026-04-05_007, 2026-04-01_007, 2026-04-25_014: the plural noun after a name
    # between the count and it, read from the words where the parse makes the name the head (had no unit,
    # or the noun after the phrase)
    ("Eighty-four National Liberation Army (ELN) combatants surrender to Colombian authorities as offensive "
     "operations resume in the Catatumbo region.", "Eighty-four", 84, "=", "combatants", False),
    ("Two American C-130 transport aircraft and 4 MH-6 Little Bird helicopters are destroyed at a temporary U.S. "
     "base in Iran by withdrawing U.S. troops to prevent them from being captured by Iranian forces.", "4", 4, "=",
     "helicopters", False),
    ("As confirmed by the U.S. defense department and international media, two more MQ-9 Reaper unmanned "
     "reconnaissance drones have been shot down over Iranian territory.", "two", 2, "=", "drones", False),
    ("Somali pirates attack and seize an oil tanker off Mogadishu, taking 11 Pakistani crew members hostage.",
     "11 Pakistani crew members", 11, "=", "members", False),
    # WCEP 2025-11-26_004, 2025-08-18_001: "N more" and a count joined to a count take the noun counted
    # before them in any role (had none)
    ("A fire at a housing estate in Tai Po, Hong Kong, leaves at least 94 people dead, dozens injured, and 279 "
     "more missing.", "279", 279, "=", "people", False),
    ("Russian missile strikes kill at least seven people in Kharkiv and three in Zaporizhzhia.", "three", 3, "=",
     "people", False),
    # Wikinews 61389, Airbus_announces_job_cuts_of_10,000, and WCEP 2025-01-29_011: counts in a list that
    # goes on after a count of something ("N in X, N in Y") take its noun (had none)
    ("Louis Gallois, the Airbus chief executive, said the company expects to cut approximately 4,300 jobs in "
     "France, 3,700 in Germany, 1,600 in UK and 400 in Spain.", "1,600", 1600, "=", "jobs", False),
    ("Five people, four from Norway and one from Switzerland, are killed in two separate avalanches while "
     "off-piste skiing in the French Alps.", "four", 4, "=", "people", False),
    # WCEP 2025-09-03_010: not "from another", which counts what "one" did
    ("Seven migrants are found dead on beaches after several boats from Algeria sink off the coast of Andalusia, "
     "Spain, as authorities rescue 26 people from one vessel and 38 from another and continue searching for "
     "additional victims.", "38", 38, "=", None, False),
    # WCEP 2026-03-06_012: a count after "including" is a part, not the noun "N more" takes
    ("At least 41 people are killed, including three soldiers, and 40 more injured in Israeli air and ground raids "
     "on Al-Nabi Shayth, Beqaa Valley.", "40", 40, "=", "people", False),
    # WCEP 2026-04-08_032: a part after "including" counts the whole the parse hangs it on (had none)
    ("Around 50,000 protestors across over 150 locations, including around 30,000 outside the National Diet "
     "Building in Chiyoda-ku, Tokyo, Japan, protest against the war.", "around 30,000", 30000, "~", "protestors",
     False),
    # WCEP 2025-03-21_008 and 2026-06-11_020: not "more than", and not past a year read with its noun
    ("According to the International Organization of Migration, a record 8,938 migrant deaths were recorded in "
     "2024, over 200 more than 2023, the previous record year.", "over 200", 200, ">", None, False),
    ("Thailand's criminal court sentences two Uyghur men from China to death for the 2015 bombing at the Erawan "
     "Shrine in Bangkok, which killed 20 and injured over 120.", "20", 20, "=", None, False),
    # Wikinews 122475 (stock markets, 2009): a change noun after the counted noun ("a 6 point gain" was =)
    ("The S&P 500 Index finished at 756.55 a 6 point gain and the NASDAQ composite had a 5.40 point gain as well to "
     "end the day at 1431.50.", "5.40 point", 5.4, "up", "point", False),
    # WCEP 2025-03-21_011: "over" the time something takes is no "more than" (was > 10); 2026-05-30_016: it is
    # one where it hangs on the number
    ("The United Arab Emirates commits to a US$1.4 trillion investment into the United States economy over ten "
     "years.", "ten years", 10, "=", "year", False),
    ("A court in the Turks and Caicos Islands sentences former premier Michael Misick to over four years in prison "
     "for corruption, embezzlement, and accepting bribery.", "over four years", 4, ">", "year", False),
    # WCEP 2026-01-07_009, 2025-09-03_015, 2025-09-04_008: currency signs before the number (RM2.4 million had
    # the noun counted before it, the others no unit)
    ("The Malaysian anti-corruption commission detains a former army chief and four other suspects and seizes "
     "RM2.4 million (US$591,000) in cash.", "RM2.4 million", 2.4e6, "=", "ringgit", False),
    # WCEP 2025-07-05_002: money raised is a sum collected, not a rise (was up)
    ("Black Sabbath's final concert, Back to the Beginning, takes place at Villa Park in Birmingham. The event "
     "raises £140m for local charities.", "£140m", 1.4e8, "=", "pound", False),
    ("A Peruvian court sentences former president Alejandro Toledo to 13 years and four months in prison for "
     "laundering S/18 million (US$5.1 million) in bribes.", "S/18 million", 1.8e7, "=", "Peruvian sol", False),
    ("Chromebook laptops that resulted in state losses estimated at Rp 1.98 trillion (US$121.85 million).",
     "Rp 1.98 trillion", 1.98e12, "=", "rupiah", False),
    # WCEP 2025-01-12_007, 2025-02-28_008 and 2025-01-28_004: a level a tally reaches counts what the tally counts
    # (had no unit; the parser reads "increases" as a noun in the first, and hangs "to 17" on "killed")
    ("The death toll from the wildfires increases to 24.", "24", 24, "=", "deaths", False),
    ("The number of measles cases in Texas, United States, increases to 146 with 20 people hospitalized, spanning "
     "nine counties in the state.", "146", 146, "=", "cases", False),
    # WCEP 2026-06-22_002: a zero-width space between a number and its scale, as the summary has it (was 2)
    ("Shipping data from Kpler shows that two crude oil tankers carrying 2 \u200bmillion barrels of oil have "
     "transited through the Strait of Hormuz coming from the east.", "million barrels", 2e6, "=", "barrel", False),
    # WCEP 2026-06-05_014: a date's number between the tally and its level is no other count (had no unit)
    ("The death toll from a fire at a nursing home two days ago in Galpatha, Sri Lanka, rises to 13.", "13", 13, "=",
     "deaths", False),
    ("Four more South African peacekeepers are killed after M23 forces launch a mortar attack on their position at "
     "Goma Airport, bringing the total number of foreign peacekeepers killed in recent clashes to 17.", "17", 17,
     "=", "peacekeepers", False),
    # WCEP 2025-02-20_002: a dash inside the name before the noun ("IS–Somalia"; unit was "is")
    ("Puntland security forces, with air support from the United Arab Emirates, launch a major offensive in the Cal "
     "Miskaad mountains, allegedly killing at least 44 IS–Somalia militants and seizing control of the areas of "
     "Dhasaq, Qurac, and Damdamle, in Bari Region, Puntland, Somalia.", "at least 44", 44, ">", "militants", False),
    # WCEP 2026-07-09_011: a singular modifier the parse made the head, joined to the plural noun counted (was
    # "kidnapping")
    ("Nigerian troops kill more than 300 suspected kidnapping and cattle-rustling gang members during an operation "
     "that began yesterday in Gummi, Zamfara State.", "more than 300", 300, ">", "members", False),
]


@model
@pytest.mark.parametrize(("sentence", "span", "value", "qualifier", "unit", "vague"), CASES)
def test_quantities_in_news(nlp, sentence, span, value, qualifier, unit, vague):
    q = one(quantities(nlp, sentence), span)
    assert (q.value, q.qualifier, q.unit, q.vague) == (pytest.approx(value), qualifier, unit, vague)
    assert q.text == sentence[q.start:q.end]
    assert (q.extractor, q.version) == (EXTRACTOR, VERSION)


@model
def test_quantities_scaled_values_are_exact(nlp):
    """WCEP 2025-01-02_016: 68.1 times a billion in binary floating point is 68099999999.99999; the record
    (and every export) carries the number as written."""
    sentence = ("The Parliament of Ghana prevents a potential government shutdown by approving a provisional budget "
                "of ₵68.1 billion ($4.65 billion) to fund government operations through March.")
    assert [q.value for q in quantities(nlp, sentence)] == [68_100_000_000.0, 4_650_000_000.0]


# Written for these tests: compound measures, scaled currencies, temperature spellings, "m" as a million.
CONSTRUCTIONS = [
    ("The suspect is described as 5 ft 2 in and thin.", "5 ft 2 in", 5 + 2 / 12, "=", "foot", False),
    ("He is 6 feet and 3 inches tall.", "6 feet and 3 inches", 6.25, "=", "foot", False),
    ("The baby weighed 7 lbs 8 oz at birth.", "7 lbs 8 oz", 7.5, "=", "pound", False),
    ("The firm lost 75 USD million last year.", "75 USD million", 7.5e7, "down", "US dollar", False),
    ("The ticket cost 10 $ 30 cents.", "10 $ 30 cents", 10.3, "=", "dollar", False),
    ("The unit booked losses in excess of 30 MUSD.", "in excess of 30 MUSD", 3e7, ">", "US dollar", False),
    ("Group revenue was MEUR 120 in the first half.", "MEUR 120", 1.2e8, "=", "euro", False),
    ("The heat wave pushed temperatures to 104 degrees f in Phoenix.", "104 degrees f", 104, "=", "fahrenheit",
     False),
    ("Overnight lows fell to 2 deg c.", "2 deg c", 2, "=", "celsius", False),
    ("Water boils at 100° Celsius at sea level.", "100° Celsius", 100, "=", "celsius", False),
    ("The storm left 2.3m people without power.", "2.3m people", 2.3e6, "=", "people", False),
    ("The port handled 3m tonnes of grain.", "3m tonnes", 3e6, "=", "tonne", False),
    ("The new wall is 5m high.", "5m", 5, "=", "meter", False),
    ("Runners must finish that one mile in under five minutes.", "one mile", 1, "=", "mile", False),
    ("Fines reach 500 euros or more than 2 percent of annual turnover.", "500 euros", 500, "=", "euro", False),
    ("Fines reach 500 euros or more than 2 percent of annual turnover.", "more than 2 percent", 2, ">", "percent",
     False),
]


@model
@pytest.mark.parametrize(("sentence", "span", "value", "qualifier", "unit", "vague"), CONSTRUCTIONS)
def test_quantities_compound_units_and_scales(nlp, sentence, span, value, qualifier, unit, vague):
    q = one(quantities(nlp, sentence), span)
    assert (q.text, q.value, q.qualifier, q.unit, q.vague) == (span, pytest.approx(value), qualifier, unit, vague)


@model
def test_quantities_change_then_level_is_no_range(nlp):
    # Wikinews 9509 (corpus, "Apple announces new iPod range")
    sentence = ("Apple CEO Steve Jobs also announced that the price of Apple's iPhone, currently only on sale in "
                "the US, will be cut by $200 to $399.")
    qs = quantities(nlp, sentence)
    assert [(q.text, q.value, q.qualifier, q.unit) for q in qs] == [
        ("$200", 200, "down", "dollar"), ("$399", 399, "=", "dollar")]


# (sentence, span shared by both ends, low, high, unit)
def test_quantities_change_then_level_both_with_their_unit_is_no_range(nlp):
    # written for this test: both ends carry a currency sign after a verb of change (was a range, both "down")
    qs = quantities(nlp, "Oil prices dropped $2.50 to $78.40 a barrel.")
    assert [(q.text, q.value, q.qualifier, q.unit) for q in qs] == [
        ("$2.50", 2.5, "down", "dollar"), ("$78.40", 78.4, "=", "dollar")]
    # a range after a verb of change stays one when its unit is written once
    qs = quantities(nlp, "Prices rose 2 to 3 percent last year.")
    assert [(q.value, q.qualifier, q.unit) for q in qs] == [(2, "up", "percent"), (3, "up", "percent")]
    # Wikinews US_stocks_see_9%_drop_before_making_recovery (2010): after "down" as after a verb (was a range)
    qs = quantities(nlp, "Benchmark crude was down $2.86 to $77.11 in New York.")
    assert [(q.text, q.value, q.qualifier) for q in qs] == [("$2.86", 2.86, "down"), ("$77.11", 77.11, "=")]


def test_quantities_a_change_restated_after_or_and_a_loss_of_a_percentage(nlp):
    # Wikinews US_stocks_see_9%_drop_before_making_recovery (2010): the amount after "or" restates the change
    # in another unit, and "a loss of 3.30%" is a fall (all but the first were "=")
    sentence = ("The DJIA had its worst fall since 1987, a drop of 9% or 998.50 points, before going back up a bit to "
                "close with a loss of 3.30% or 347.80 points to a level of 10,520. The Nasdaq fell 82.65 points or "
                "3.44%, and the Standard & Poor's 500 index dropped 3.24% or 37.75 points.")
    assert [(q.value, q.qualifier) for q in quantities(nlp, sentence)] == [
        (9, "down"), (998.5, "down"), (3.3, "down"), (347.8, "down"), (10520, "="), (82.65, "down"), (3.44, "down"),
        (3.24, "down"), (37.75, "down")]  # and "Poor's 500 index" is a name (was 500, unit index)
    # written for this test: a loss of a sum of money is what was lost, no change
    assert [(q.value, q.qualifier) for q in quantities(nlp, "The company posted a loss of $2 billion.")] == [
        (2e9, "=")]


RANGES = [
    # WCEP 2025-01-24_017: "US$" and "$" are one currency in a range (were two quantities, "US dollar" and
    # "dollar"); Wikinews Airbus_offers_funding_to_search_for_black_boxes_from_Air_France_disaster: a dash typed
    # as two hyphens (was 30 days and 40 days)
    ("The Cabinet of Hun Manet approves a bill that strengthens penalties for Cambodian genocide denial, proposing "
     "prison terms of one to five years and fines of US$2,500 to $125,000.", "US$2,500 to $125,000", 2500, 125000,
     "US dollar"),
    ("The batteries of which would have expired after 30 -- 40 days.", "30 -- 40 days", 30, 40, "day"),
    # Wikinews 100911 (samples)
    ("This is thought likely to create 1,500 to 2,000 jobs and support 25,000 others.",
     "1,500 to 2,000 jobs", 1500, 2000, "jobs"),
    # Wikinews 127248 (samples)
    ("Henderson stated that he envisioned the bankruptcy process would take between 60 and 90 days.",
     "between 60 and 90 days", 60, 90, "day"),
    # Wikinews 123881 (samples): the scale and the currency are shared
    ("GM and Chrysler software contracts provide US$ 300 to 350 million a year to vendors in India.",
     "US$ 300 to 350 million", 3e8, 3.5e8, "US dollar"),
    # WCEP 2025-01-13_006
    ("AccuWeather releases a preliminary estimate of the total physical and economic losses caused by the "
     "ongoing wildfires in Southern California of between $250–275 billion.", "between $250–275 billion",
     2.5e11, 2.75e11, "dollar"),
    # Wikinews 114904 (corpus, stock market)
    ("That market then hovered for a few minutes between -30 and -60, before recovering slightly to -11.",
     "between -30 and -60", -30, -60, None),
]


@model
@pytest.mark.parametrize(("sentence", "span", "low", "high", "unit"), RANGES)
def test_quantities_range_gives_one_quantity_per_end(nlp, sentence, span, low, high, unit):
    ends = [q for q in quantities(nlp, sentence) if q.text == span]
    assert [(q.value, q.unit) for q in ends] == [(pytest.approx(low), unit), (pytest.approx(high), unit)]
    assert {q.qualifier for q in ends} == {"="}


# (sentence, what must not be read as a quantity, what is still found)
NOT_QUANTITIES = [
    # WCEP 2026-03-14_019 and Wikinews Ford_Motors_posts_US$2.7_billion_annual_profit: a number in capitalised
    # words mid-sentence is a name (were 6 nations, 1 plan)
    ("In rugby union, France defeats England 48–46 to win the Six Nations Championship in the final.", "Six", []),
    ("2009 was a pivotal year for Ford and the strongest proof yet that our One Ford plan is working.", "One", []),
    # WCEP 2025-01-01_013: an ordinal
    ("Liechtenstein becomes the 37th country to legalize same-sex marriage.", "37", []),
    # WCEP 2025-04-28_005 (samples): dates
    ("Russian president Vladimir Putin declares a three-day ceasefire in Ukraine for May 8–10 to mark the World "
     "War II Victory Day.", "8–10", [3]),
    # WCEP 2026-03-14_013: clock times
    ("Ecuador begins enforcing a curfew from 11:00 p.m. to 5:00 a.m. in the provinces of El Oro, Guayas, Los Ríos, "
     "and Santo Domingo de los Tsáchilas.", "11:00", []),
    # WCEP 2026-06-09_000
    ('In response, the U.S. Central Command launches "self-defense" missile strikes at targets across Iran at 5 '
     "p.m. ET.", "5", []),
    # WCEP 2025-01-10_008: years
    ("The Copernicus Climate Change Service confirms that 2024 was the warmest calendar year since records "
     "began in 1850, with the average global temperature reaching 1.6 °C above pre-industrial levels.",
     "2024", [1.6]),
    # WCEP 2025-02-06_004: names and codes
    ("The Ukrainian Air Force receives the first shipment of Mirage 2000 fighter jets from France and more F-16 "
     "Fighting Falcons from the Netherlands.", "2000", []),
    # Wikinews 17036 (samples)
    ("Apple Inc. announced Friday that it will give owners of its new iPhone 4 a free case in response to "
     "mounting concerns over the device's antenna placement.", "4", []),
    # WCEP 2026-02-01_013: a row of set scores, whichever side won each set
    ("In tennis, Spanish player Carlos Alcaraz defeats Serbian player Novak Djokovic in the men's singles final "
     "2–6, 6–2, 6–3, 7–5, to win his first Australian Open title.", "2–6", []),
    # WCEP 2026-03-14_018 and 2026-07-18_028: "scores" a player makes, parsed as the noun but the root
    ("In association football, English attacking midfielder Max Dowman scores for Arsenal in a 2–0 win over "
     "Everton to become the youngest ever goal scorer in Premier League history at 16 years and 73 days old.",
     "scores", [16, 73]),
    ("French footballer Kylian Mbappé scores twice to become the highest-scoring player in World Cup history, and "
     "the first player to score 10 goals in a single World Cup since Germany's Gerd Müller in 1970.", "scores",
     [10]),
    # WCEP 2026-05-21_008: the second day of a range of dates
    ("India and the African Union postpone the upcoming India–Africa Forum Summit, originally scheduled to be held "
     "in New Delhi between May 28 and 31, due to the Ebola outbreak in parts of Africa.", "31", []),
    # WCEP 2026-07-07_008: a number word that begins a name
    ("One person was killed and 36 others are injured in two explosions near Four Seasons Hotel Damascus, Syria, "
     "where French president Emmanuel Macron stayed during his state visit to the country.", "Four", [1, 36, 2]),
    # WCEP 2025-02-24_008 (samples): a vote, not two quantities
    ("The United Nations General Assembly votes 93–18, with 65 abstentions, to pass a resolution condemning "
     "Russia's war against Ukraine.", "93", [65]),
    # Wikinews 41882, Boeing_delivers_final_717_to_AirTran,_ending_Douglas_era: a model number the article names
    # ("the final Boeing 717") is a name where it stands alone too; "15,599 th" is an ordinal split in two
    ("The final Boeing 717 was the 15,599 th plane built by the Long Beach plant, the original home of Douglas "
     "Aircraft and McDonnell Douglas.\nThe 717 had suffered from slow sales throughout its history, with 155 planes "
     "ordered.\nIn January 2005, Boeing announced that it would cancel the 717 program after completing all "
     "outstanding orders.", "717", [155]),
    # WCEP 2026-05-24_022: the race's name, again
    ("In auto racing, Meyer Shank's Felix Rosenqvist defeats Penske's David Malukas to win the 110th Indianapolis "
     "500, giving Meyer Shank its second victory in the event. The margin of victory is 0.023 seconds, making it "
     "the closest finish in Indianapolis 500 history.", "500", [0.023]),
    # Wikinews 11714, Ryanair_exercises_options_on_five_Boeing_737s: a model and its variant, no range
    ("Ryanair CEO, Michael O' Leary, justified his choice of Boeing by saying, \"The Boeing 737-800 has the best "
     "technical reliability and ensures that Ryanair is the number one on-time major airline in Europe\"", "800",
     []),
    # WCEP 2025-03-02_000 and 2026-04-26_017: a number word that numbers a phase or a rank, as "phase 2" would
    ("Hamas rejects the proposal, insisting that the deal proceed with phase two, which includes the release of all "
     "remaining living hostages.", "two", []),
    ("In golf, Nelly Korda wins the Chevron Championship at Memorial Park in Houston, Texas, United States, by five "
     "strokes to secure her third major title and regain the world number one ranking.", "one", [5]),
    # WCEP 2026-06-22_023 and 2026-07-09_012: a number that begins an address or a building's name
    ("Keir Starmer announces his resignation as British prime minister and leader of the Labour Party in an address "
     "to the nation outside 10 Downing Street, London.", "10", []),
    ("The proposed 2 World Trade Center breaks ground in Lower Manhattan in New York City, New York, U.S., 25 years "
     "after the original building was destroyed during the September 11 attacks.", "2 ", [25]),
    # WCEP 2026-01-02_004: a model and its variant, however short (was 500)
    ("An ATR 72-500, overran the runway upon landing at Bhadrapur Airport in Nepal and crashed into a creek. All 55 "
     "people on board survived, though 7 people received minor injuries and the aircraft was written off.",
     "500", [55, 7]),
    # Wikinews 3835, Chinese_airlines_agree_purchase_of_Boeing_787_Dreamliners_worth_US$7.2bn: no 7 x 10^7
    ("The aircraft was once named the 7E7 but was renamed at the same time the deal was announced.", "7E7", []),
    # WCEP 2025-02-07_005, 2026-06-15_006, 2025-04-02_006: a model with a capital letter, glued after the
    # number or before a hyphen (was 208 billion, 52, "2 stealth bombers")
    ("The wreckage of the Bering Air Cessna 208B Grand Caravan that went missing while flying over the Norton Sound "
     "in Alaska, United States, yesterday is found crashed 34 miles (55 km) from Nome with no survivors.", "208B",
     [34, 55]),
    ("A B-52 Stratofortress crashes shortly after takeoff at Edwards Air Force Base in Kern County, California, "
     "United States, killing eight.", "52", [8]),
    ("The United States Air Force deploys 6 nuclear-capable B-2 stealth bombers to Diego Garcia, amid rising "
     "tensions with Iran over their nuclear program.", "B-2", [6]),
    # WCEP 2025-06-30_006 and 2026-02-01_004: a year after a determiner names an event (were 2,022 killings,
    # 2,026 Grammy Awards)
    ("Bryan Kohberger, the suspect in the 2022 killings of four University of Idaho students, pleads guilty to all "
     "charges, avoiding the death penalty.", "2022", [4]),
    ("At the 2026 Grammy Awards, Kendrick Lamar wins five awards and surpasses Jay-Z as the most awarded hip-hop "
     "artist in Grammy history.", "2026", [5]),
]


@model
@pytest.mark.parametrize(("sentence", "not_a_quantity", "values"), NOT_QUANTITIES)
def test_quantities_leave_out_ordinals_dates_times_years_and_names(nlp, sentence, not_a_quantity, values):
    qs = quantities(nlp, sentence)
    assert [q.value for q in qs] == [pytest.approx(v) for v in values]
    assert all(not_a_quantity not in q.text for q in qs)


@model
def test_quantities_in_the_founding_article(nlp, seed_text):
    qs = quantities(nlp, seed_text)
    soldiers = one(qs, "more than 11,000")
    assert (soldiers.value, soldiers.qualifier, soldiers.unit, soldiers.vague) == (11000, ">", "soldiers", False)
    troops = one(qs, "thousands of troops")
    assert (troops.value, troops.qualifier, troops.unit, troops.vague) == (1000, ">", "troops", True)
