"""Time expressions and their TIMEX3 values, pinned on real news sentences.

Sentences are quoted from the shared demo corpus (../shared/corpus): Wikinews articles (CC BY 2.5,
"Wikinews contributors", URL in the comment) and Wikipedia Current Events Portal summaries
(CC BY-SA 4.0, "Wikipedia contributors, Portal:Current events", event id in the comment). Each is
tested against the publication date it carries there.
"""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.extract.times import EXTRACTOR, VERSION, find_times
from claimgraph.extract.timex_calendar import AROUND, FUTURE, PAST, duration, holiday, weekday
from claimgraph.extract.timex_rules import number
from claimgraph.models import Article

pytestmark = pytest.mark.model

# Wikinews, Technical_problem_on_Airbus_A400M_maiden_flight (published 2010-01-25, a Monday)
A400M = ("The glitch was not reported when the plane made its maiden flight on 11 December -- four years behind "
         "schedule and $7.3 billion over budget, due to what the manufacturers call \"political interference\" -- and "
         "only became public attention this weekend, when German magazine Der Spiegel cited confidential documents "
         "from engine maker Europrop in a report.")
# WCEP 2025-01-24_006
HAMAS = ("Hamas confirms that an Israeli airstrike last summer killed Rawhi Mushtaha, who according to Israel was the "
         "\"head of the Hamas government in the Gaza Strip\", along with Sameh al-Siraj, who held the security "
         "portfolio in Hamas's political bureau, and Sami Odeh, the head of Hamas's \"general security mechanism\".")
# Wikinews, Boeing_pushes_back_737_replacement_development (published 2008-05-24)
BOEING = ("United States airframer Boeing has announced that development of a replacement for their 737 narrowbody "
          "airliner, begun two years ago, has been pushed back several years, Boeing saying that further advancement "
          "of technology is required.")

# (published, sentence, (text, type, value)): the sentence's times must include that one.
CASES = [
    # --- dates with and without a year -----------------------------------------------------------
    pytest.param(  # WCEP 2025-04-28_017
        "2025-04-28", "The Vatican announces the 2025 papal conclave will take place starting on May 7 in the "
        "Sistine Chapel to elect Pope Francis's successor after his death on April 21.",
        ("April 21", "DATE", "2025-04-21"), id="month-day-past"),
    pytest.param(  # written plainly: a date before a name that is no organisation's name stays a date
        "2025-03-25", "On March 23 Apple said it would cut prices.", ("March 23", "DATE", "2025-03-23"),
        id="month-day-before-name"),
    pytest.param(  # WCEP 2025-04-28_017
        "2025-04-28", "The Vatican announces the 2025 papal conclave will take place starting on May 7 in the "
        "Sistine Chapel to elect Pope Francis's successor after his death on April 21.",
        ("May 7", "DATE", "2025-05-07"), id="month-day-future"),
    pytest.param(  # Wikinews, Technical_problem_on_Airbus_A400M_maiden_flight
        "2010-01-25", A400M, ("11 December", "DATE", "2009-12-11"), id="day-month-last-year"),
    pytest.param(  # WCEP 2025-01-30_018
        "2025-01-30", "Apollo-type asteroid 2024 YR4 triggers global planetary defence procedures for the first time "
        "and rises to the top of the Palermo Technical Impact Hazard Scale after recent observations confirmed it has "
        "a 1-in-77 (1.3%) chance of impacting Earth on 22 December 2032.",
        ("22 December 2032", "DATE", "2032-12-22"), id="day-month-year"),
    pytest.param(  # WCEP 2025-04-28_005
        "2025-04-28", "Russian president Vladimir Putin declares a three-day ceasefire in Ukraine for May 8–10 to "
        "mark the World War II Victory Day.", ("10", "DATE", "2025-05-10"), id="day-range"),
    # --- weekdays, by tense ----------------------------------------------------------------------------
    pytest.param(  # Wikinews 17036, Apple_to_give_free_cases,_refunds_to_iPhone_4_owners (a Saturday)
        "2010-07-17", "The announcement came in a rare press conference held by Apple on Friday morning.",
        ("Friday morning", "TIME", "2010-07-16TMO"), id="weekday-morning-past"),
    pytest.param(  # Wikinews, Markets_rally_as_world's_central_banks_infuse_cash (a Thursday)
        "2008-09-18", "Russia's exchanges will re-open on Friday morning.",
        ("Friday morning", "TIME", "2008-09-19TMO"), id="weekday-morning-future"),
    pytest.param(  # Wikinews, Apple_swamped_by_iPhone_4_pre-orders (a Wednesday)
        "2010-06-16", "Pre-orders of the recently announced iPhone 4 began Tuesday, overwhelming Apple and AT&T.",
        ("Tuesday", "DATE", "2010-06-15"), id="weekday-bare"),
    pytest.param(  # Wikinews, Airbus_announces_job_cuts_of_10,000 (a Wednesday)
        "2007-02-28", "Union officials said nearly 14,000 employees at four French sites had a two hour work "
        "stoppage Wednesday afternoon to protest the cuts.",
        ("Wednesday afternoon", "TIME", "2007-02-28TAF"), id="weekday-same-day"),
    # --- today, yesterday, tomorrow, tonight -----------------------------------------------------------
    pytest.param(  # Wikinews, Apple_launches_3G_iPhone
        "2008-06-09", "Apple Computer today launched a 3G version of its iPhone device.",
        ("today", "DATE", "2008-06-09"), id="today"),
    pytest.param(  # Wikinews, Apple_unveils_iPhone_4,_iOS_4_at_Worldwide_Developers_Conference_2010
        "2010-06-08", "Yesterday, at this year's Apple Worldwide Developers Conference (WWDC), company CEO Steve "
        "Jobs unveiled iPhone 4, along with the new iOS 4 operating system for Apple mobile devices.",
        ("Yesterday", "DATE", "2010-06-07"), id="yesterday"),
    pytest.param(  # Wikinews, Apple_swamped_by_iPhone_4_pre-orders
        "2010-06-16", "Representatives at several Apple Stores in the United States said that buyers should try "
        "again tomorrow.", ("tomorrow", "DATE", "2010-06-17"), id="tomorrow"),
    pytest.param(  # WCEP 2025-08-19_007
        "2025-08-19", "Air Canada announces it will gradually restart operations tonight after it reached a "
        "tentative agreement with the Canadian Union of Public Employees, which represents the airline's over 10,000 "
        "flight attendants.",
        ("tonight", "TIME", "2025-08-19TNI"), id="tonight"),
    # --- months and seasons ----------------------------------------------------------------------------
    pytest.param(  # Wikinews, Apple_releases_iPhone_SDK,_announces_upcoming_update
        "2008-03-06", "The company also announced the iPhone 2.0 update that was released as a closed beta for "
        "developers and is scheduled for public release in June.", ("June", "DATE", "2008-06"), id="month-ahead"),
    pytest.param(  # Wikinews, Apple_unveils_iPod_nano
        "2005-09-07", "The iPod nano is the second model of the iPod family to utilize flash memory, after the "
        "Shuffle was introduced in January.", ("January", "DATE", "2005-01"), id="month-past"),
    pytest.param(  # Wikinews 18315, Apple_executive_Steve_Jobs_resigns
        "2011-08-25", "Steve Jobs has been fighting pancreatic cancer since 2004 and has been on medical leave "
        "since January of this year.", ("January of this year", "DATE", "2011-01"), id="month-of-this-year"),
    pytest.param(  # WCEP 2025-01-24_006
        "2025-01-24", HAMAS, ("last summer", "DATE", "2024-SU"), id="last-summer"),
    # --- last / this / next + unit ---------------------------------------------------------------------
    pytest.param(  # Wikinews, Dow_falls_340_points_amid_unemployment_and_retail_sales_rates_news
        "2008-09-04", "According to the Associated Press, the number of people claiming weekly unemployment "
        "benefits rose 15,000 last week to 444,000, which, according to The New York Times is near a five-year high.",
        ("last week", "DATE", "2008-W35"), id="last-week"),
    pytest.param(  # WCEP 2025-05-19_004
        "2025-05-19", "The Iranian foreign ministry summons the British chargé d'affaires to protest the arrest of "
        "seven Iranian nationals in London earlier this month.",
        ("earlier this month", "DATE", "2025-05"), id="earlier-this-month"),
    pytest.param(  # Wikinews, Apple_Computer_CEO_Steve_Jobs_gives_opening_keynote_to_WWDC_2005
        "2005-06-06", "This 'switch ', he said, would happen beginning next year.",
        ("next year", "DATE", "2006"), id="next-year"),
    pytest.param(  # Wikinews, Apple_swamped_by_iPhone_4_pre-orders
        "2010-06-16", "Shares of Apple Inc. rose US $5.41 yesterday in regular trading, continuing their trend of "
        "having risen 23 percent this year.", ("this year", "DATE", "2010"), id="this-year"),
    pytest.param(  # Wikinews, Technical_problem_on_Airbus_A400M_maiden_flight (a Monday)
        "2010-01-25", A400M, ("this weekend", "DATE", "2010-W03-WE"), id="this-weekend-past"),
    # --- ago, since, ordinal years ---------------------------------------------------------------------
    pytest.param(  # WCEP 2025-10-10_015
        "2025-10-10", "Jaishankar announces the country will reopen its embassy in Kabul, Afghanistan, after it was "
        "shut down four years ago during the fall of Kabul.", ("four years ago", "DATE", "2021"), id="years-ago"),
    pytest.param(  # Wikinews, Apple_swamped_by_iPhone_4_pre-orders
        "2010-06-16", "The newest iPhone, iPhone 4 was introduced by Apple CEO Steve Jobs at the company's 2010 "
        "Worldwide Developer's Conference less than two weeks ago.",
        ("less than two weeks ago", "DATE", "2010-W22"), id="weeks-ago"),
    pytest.param(  # Wikinews 18315, Apple_executive_Steve_Jobs_resigns
        "2011-08-25", "Steve Jobs has been fighting pancreatic cancer since 2004 and has been on medical leave "
        "since January of this year.", ("2004", "DATE", "2004"), id="since-year"),
    pytest.param(  # WCEP 2026-04-15_012
        "2026-04-15", "The civil war in Sudan between the Sudanese Armed Forces and Rapid Support Forces enters its "
        "fourth year.", ("its fourth year", "DURATION", "P3Y"), id="its-fourth-year"),
    # --- quarters and decades --------------------------------------------------------------------------
    pytest.param(  # Wikinews, US_automaker_GM_reports_losses_of_$6_billion
        "2009-05-07", "In the first quarter of last year, GM had reported a loss of $381 million, or $0.67 per "
        "share.", ("the first quarter of last year", "DATE", "2008-Q1"), id="quarter-last-year"),
    pytest.param(  # Wikinews, Automobile_manufacturer_Ford_posts_unexpected_profits
        "2009-11-03", "The US automobile manufacturer Ford has said that it posted a net profit of US$ 997 million "
        "in the third quarter of this year, and predicted that it would be \"solidly profitable\" by 2011.",
        ("the third quarter of this year", "DATE", "2009-Q3"), id="quarter"),
    pytest.param(  # WCEP 2025-05-29_008
        "2025-05-29", "U.S. president Donald Trump commutes the federal prison sentence of Larry Hoover, the founder "
        "of the Chicago street gang Gangster Disciples, who was sentenced to six life sentences on conspiracy, "
        "extortion, drug and other criminal charges in the 1990s.", ("the 1990s", "DATE", "199"), id="decade"),
    pytest.param(  # Wikinews, Aeroflot_negotiates_purchase_of_22_new_Boeing_787_Dreamliner_aircraft
        "2007-06-10", "Boeing has had a policy of Russian involvement dating back to the early 1990s.",
        ("the early 1990s", "DATE", "199"), id="early-decade"),
    # --- durations and sets ----------------------------------------------------------------------------
    pytest.param(  # WCEP 2025-01-15_005
        "2025-01-15", "Bootleg alcohol kills 37 people and leaves 80 others hospitalized over the last 48 hours in "
        "Istanbul, Turkey.", ("the last 48 hours", "DURATION", "PT48H"), id="the-last-48-hours"),
    pytest.param(  # WCEP 2025-02-15_002
        "2025-02-15", "General Muhoozi Kainerugaba, Chief of the Ugandan military, claiming to act with the authority "
        "of his father, President Yoweri Museveni, threatens to invade the Democratic Republic of the Congo and take "
        "control of Bunia, the capital of Ituri Province, unless local forces surrender their weapons within 24 "
        "hours.", ("24 hours", "DURATION", "PT24H"), id="hours"),
    pytest.param(  # Wikinews, Boeing_pushes_back_737_replacement_development
        "2008-05-24", BOEING, ("several years", "DURATION", "PXY"), id="several-years"),
    pytest.param("2008-05-24", BOEING, ("two years ago", "DATE", "2006"), id="two-years-ago"),
    pytest.param(  # WCEP 2025-04-28_005
        "2025-04-28", "Russian president Vladimir Putin declares a three-day ceasefire in Ukraine for May 8–10 to "
        "mark the World War II Victory Day.", ("three-day", "DURATION", "P3D"), id="adjectival-duration"),
    # Wikinews, Northrop_Grumman_and_Airbus_parent_EADS_defeat_Boeing_for_$40_billion_US_airtanker_contract
    pytest.param(
        "2008-03-01", "General Arthur Lichte said \"This will be an American tanker, flown by American airmen with "
        "an American flag on its tail and, every day, it will be saving American lives.",
        ("every day", "SET", "P1D"), id="every-day"),
    pytest.param(  # WCEP 2025-06-20_001
        "2025-06-20", "Hundreds of thousands of people protest against Israel on the streets of Tehran after weekly "
        "prayers, chanting slogans in support of Iranian leaders.", ("weekly", "SET", "P1W"), id="weekly"),
    # --- clock times, present and past references --------------------------------------------------------
    pytest.param(  # Wikinews, First_A380_enters_commercial_service
        "2007-10-17", "It was a milestone in aviation history: the first Airbus A380 landed at Singapore's Changi "
        "International Airport at 6:40 p.m. (GMT +8) after a 12-hour flight from Airbus ' Delivery Center.",
        ("6:40 p.m.", "TIME", "2007-10-17T18:40"), id="clock"),
    pytest.param(  # WCEP 2025-02-11_003 (a Tuesday): the noon of the Saturday next to it
        "2025-02-11", "Israeli Prime Minister Benjamin Netanyahu says that if Hamas does not release Israeli "
        "hostages by noon on Saturday, the ceasefire will end and the IDF will resume offensive operations in the "
        "Gaza Strip.", ("noon", "TIME", "2025-02-15T12:00"), id="noon-on-saturday"),
    pytest.param(  # Wikinews, Apple_unveils_iPhone_4,_iOS_4_at_Worldwide_Developers_Conference_2010
        "2010-06-08", "The App Store currently has around 225,000 different apps for sale.",
        ("currently", "DATE", "PRESENT_REF"), id="currently"),
    pytest.param(  # Wikinews, Apple_plans_to_sell_movies_on_iTunes
        "2006-06-20", "The store currently sells digital music tracks, and more recently has begun to sell TV "
        "episodes.", ("more recently", "DATE", "PAST_REF"), id="recently"),
    pytest.param(  # Wikinews, Bank_of_America_reports_losses_of_over_US$2.2_billion: "a year earlier" moves
        # the quarter just reported on back a year, keeping its grain, as the TimeBank gold does in earnings reports
        "2009-10-16", "The Bank of America Corporation, the second-largest bank in the United States, has announced "
        "that it lost US$ 2.24 billion in the third quarter of this year, mainly due to increases in loan losses. "
        "In the same period a year earlier, Bank of America had gained $704 million, or fifteen cents per share.",
        ("a year earlier", "DATE", "2008-Q3"), id="year-earlier-quarter"),
    # --- written plainly for claimgraph --------------------------------------------------------------
    pytest.param(  # a second comparison counts from the quarter reported on, not from the first comparison
        "2009-10-16", "The company earned $5 million in the third quarter, up from $4 million a year earlier. "
        "Sales rose 8 percent from a year ago.", ("a year ago", "DATE", "2008-Q3"), id="year-ago-quarter-again"),
    pytest.param(  # the day of a month already named, the day itself unknown
        "2011-03-02", "The factory was flooded last October. Its owners filed an insurance claim that same day.",
        ("that same day", "DATE", "2010-10-XX"), id="that-same-day-of-month"),
    pytest.param(  # a Monday: Friday's vote was 2024-03-08
        "2024-03-11", "Protesters gathered outside the parliament the day before Friday's vote.",
        ("the day before Friday", "DATE", "2024-03-07"), id="day-before-weekday"),
    pytest.param(
        "2025-04-28", "Voting ends the day after May 8.", ("the day after May 8", "DATE", "2025-05-09"),
        id="day-after-date"),
    pytest.param(  # a Monday: "the previous Friday" counts back from the Friday just named
        "2008-10-13", "Shares closed at 2,082 on Friday, down 4.5 percent from the previous Friday.",
        ("the previous Friday", "DATE", "2008-10-03"), id="previous-weekday"),
    pytest.param(
        "2005-06-01", "The plant closed in March nineteen ninety-eight.",
        ("March nineteen ninety-eight", "DATE", "1998-03"), id="month-year-in-words"),
    pytest.param(
        "2005-06-01", "Prices fell during the winter of nineteen ninety-four.",
        ("the winter of nineteen ninety-four", "DATE", "1994-WI"), id="season-year-in-words"),
    # --- a month and day that name an event: its date of record, not one near publication --------------
    pytest.param(  # WCEP 2025-06-05_003 (the tense alone gave 2024-10-07)
        "2025-06-05", "Israeli forces in Gaza recover the bodies of an American-Israeli couple abducted by militants "
        "during the October 7 attacks.", ("October 7", "DATE", "2023-10-07"), id="named-date-past"),
    pytest.param(  # WCEP 2026-08-19_004 (the nearest October 7 was 2026-10-07, after publication)
        "2026-08-19", "The IDF says that the Air Force have targeted two Hamas commanders, including one who "
        "participated in the October 7 attacks, along with Hamas tunnels in the Gaza Strip.",
        ("October 7", "DATE", "2023-10-07"), id="named-date-not-ahead"),
    pytest.param(  # WCEP 2025-01-20_007
        "2025-01-20", "United States President Donald Trump formally pardons around 1,500 defendants who had been "
        "criminally charged with involvement in the January 6 attack on the United States Capitol.",
        ("January 6", "DATE", "2021-01-06"), id="named-date-capitol"),
    pytest.param(  # WCEP 2025-04-24_010: a year before a holiday is its year
        "2025-04-24", "24-year-old Robert E. Crimo is sentenced to 21 life sentences for killing seven people and "
        "injuring 48 others in a mass shooting during the 2022 Independence Day parade in Highland Park, Illinois, "
        "United States.", ("2022 Independence Day", "DATE", "2022-07-04"), id="year-before-holiday"),
    pytest.param(  # WCEP 2026-07-31_024: a movable feast in that year (Easter 2019 was April 21)
        "2026-07-31", "A Sri Lankan court sentences former police chief Pujith Jayasundara to death for negligence in "
        "failing to prevent the 2019 Easter bombings, which killed 279 people.",
        ("2019 Easter", "DATE", "2019-04-21"), id="year-before-easter"),
    pytest.param(  # WCEP 2025-05-19_011: a month and day before an ordinary noun stays near publication
        "2025-05-19", "The nominees of the winning party-lists of the election held on May 12 are proclaimed.",
        ("May 12", "DATE", "2025-05-12"), id="date-not-named"),
    pytest.param(  # written plainly: the day after Thanksgiving (2025-11-27)
        "2025-12-03", "Shoppers crowded the stores on Black Friday.", ("Black Friday", "DATE", "2025-11-28"),
        id="black-friday"),
    # --- "later" and "earlier" count from the story's last date, "ago" from publication ----------------
    pytest.param(  # Wikinews, Apple_Inc._co-founder_Steve_Jobs_dies_aged_56 (was 2012, a year after publication)
        "2011-10-06", "He started Apple in 1976, and in 1984 the first Macintosh personal computer was released to "
        "the public. One year later he was fired from the company and he founded NeXT.",
        ("One year later", "DATE", "1985"), id="years-later-from-story"),
    pytest.param(  # Wikinews, China_Eastern_Airlines_to_purchase_twenty_new_Airbus_A320_jets (was 2011)
        "2009-06-18", "The planes are expected to start delivering in 2011 and end two years later.",
        ("two years later", "DATE", "2013"), id="years-later-future"),
    pytest.param(  # Wikinews 100911 (the USAF tanker contract, 2008): "afterwards" as "later" (was a duration)
        "2008-03-01", "General Arthur Lichte, head of USAF's Mobility Command, said it is hoped the first aircraft "
        "can be tested in 2010 and in operation three years afterwards.",
        ("three years afterwards", "DATE", "2013"), id="years-afterwards"),
    pytest.param(  # Wikinews, Automobile_sales_in_the_United_States_down_sharply: "a year earlier" compares
        # with a year before the month reported, not with "the previous year" named before it
        "2009-02-03", "Ford Motor Company sales dropped 42% last month from the previous year.\nGeneral Motors "
        "reported a 49% decline.\nChrysler was hardest hit among the domestically owned manufacturers with a plunge "
        "of 55%.\nThe decline in sales has not been limited to just US manufacturers.\nJapanese automaker Toyota "
        "reported a 32% drop in US sales from a year earlier.",
        ("a year earlier", "DATE", "2008"), id="a-year-earlier-compares"),
    # --- a month takes the year written after the month it is paired with --------------------------------
    pytest.param(  # WCEP 2025-06-18_005 (was 2025-03)
        "2025-06-18", "A court in Córdoba, Argentina, sentences nurse Brenda Agüero to life in prison for the serial "
        "murders of five babies and the attempted murder of eight others between March and June 2022, whom she "
        "deliberately injected with potassium and insulin.", ("March", "DATE", "2022-03"), id="month-and-month-year"),
    pytest.param(  # Wikinews, US_stocks_log_gains_for_fourth_week_in_a_row (was 2008-09)
        "2009-04-04", "The last time the Dow had risen for four weeks in a row was between September and October of "
        "2007, when the stock index reached its all-time high of over 14,000.",
        ("September", "DATE", "2007-09"), id="month-and-month-of-year"),
    pytest.param(  # Wikinews, US_stock_markets_have_their_best_week_since_November: no comma before the year
        "2009-03-13", "The Dow Jones industrial average (INDU) finished on 7223.98, an increase of 54 points from "
        "March 12 2009.", ("March 12 2009", "DATE", "2009-03-12"), id="month-day-year-no-comma"),
    # --- a present-tense clause that times a future one ------------------------------------------------------
    pytest.param(  # Wikinews, Dow_falls_340_points_amid_unemployment_and_retail_sales_rates_news (a Thursday):
        # a day that times an expected announcement lies ahead (was the Friday before)
        "2008-09-04", "According to The New York Times, the drop is the largest since June of this year, but an "
        "expected announcement Friday of August unemployment data could cause the index to rise.",
        ("Friday", "DATE", "2008-09-05"), id="expected-noun-ahead"),
    pytest.param(  # WCEP 2025-10-31_003 and 2026-05-29_012: a month of a noun a past relative clause describes is
        # past (were the next January: the nearer one, and the future of "will decide")
        "2025-10-31", "A court in Turkey sentences the owner of Kartalkaya hotel to life in prison after finding him "
        "guilty of severe negligence in the fire at his hotel in January, which killed 78 people, including 34 "
        "children.", ("January", "DATE", "2025-01"), id="past-relative-clause"),
    pytest.param(
        "2026-05-29", "The International Ice Hockey Federation says that it will decide regarding Russia's "
        "participation in the upcoming season on a case-by-case basis, following a January decision that lifted "
        "the ban on Russian teams.", ("January", "DATE", "2026-01"), id="past-relative-clause-of-noun"),
    pytest.param(  # WCEP 2026-08-15_014: a record "set in June" is past ("set" looks ahead only as "set to/for")
        "2026-08-15", "In swimming, Kate Douglass sets a women's 50-metre freestyle world record of 23.49 seconds in "
        "the Pan Pacific Championships heats, surpassing Gretchen Walsh's 23.55-second mark set in June.",
        ("June", "DATE", "2026-06"), id="record-set-in"),
    pytest.param(  # WCEP 2026-06-16_023: a time in seconds keeps its fraction (was PT14S)
        "2026-06-16", "In track and field, American sprinter Noah Lyles runs 14.67 seconds in the 150 metres at the "
        "Golden Spike meeting in Ostrava, Czech Republic, setting a world record that surpassed the previous mark of "
        "14.72 seconds.", ("14.67 seconds", "DURATION", "PT14.67S"), id="seconds-fraction"),
    pytest.param(  # WCEP 2025-01-18_011 (a Saturday): the Monday ahead of "ahead of" (was the Monday before)
        "2025-01-18", "In Washington, D.C., the Women's March holds a protest rebranded as the People's March "
        "against U.S. President-elect Donald Trump ahead of his inauguration on Monday.",
        ("Monday", "DATE", "2025-01-20"), id="ahead-of-event-on-day"),
    pytest.param(  # WCEP 2025-01-20_009 (a Monday): a passive infinitive under "expected" (was the Thursday before)
        "2025-01-20", "Axel Rudakubana pleads guilty to all 16 charges, including three charges of murder in "
        "relation to a mass stabbing in Southport, Merseyside, England, in July 2024. Rudakubana is expected to be "
        "sentenced on Thursday.", ("Thursday", "DATE", "2025-01-23"), id="to-be-done-future"),
    pytest.param(  # WCEP 2026-05-13_003: the "that" opens a clause, it is no "that month" (was "that April")
        "2026-05-13", "ACLED reports that April was the deadliest month in Gaza this year, with more than 120 "
        "reported fatalities related to Israeli violence.", ("April", "DATE", "2026-04"), id="that-clause-month"),
    pytest.param(  # WCEP 2026-06-23_007: the April of that year (was 2026-04)
        "2026-06-23", "The U.N. Human Rights Office reports that sexual violence has been more widespread across "
        "Sudan since the civil war broke out three years ago in April.", ("April", "DATE", "2023-04"),
        id="years-ago-in-month"),
    pytest.param(  # Wikinews, World_stocks_plunge_on_fears_on_US_recession (a Monday; was the Tuesday before)
        "2008-01-21", "U.S. markets are closed on Monday for Martin Luther King Jr.. Day, a national holiday, but "
        "stock futures trading indicates further losses are expected when markets reopen Tuesday.",
        ("Tuesday", "DATE", "2008-01-22"), id="when-clause-future"),
    pytest.param(  # Wikinews 7343, Apple_introduces_iPhone_and_Apple_TV: a day word the parse hangs on a name
        # is still the day (only a unit that begins a name is part of it)
        "2007-01-10", "During his 2 hour speech he stated that \" Today Apple is going to reinvent the phone, We "
        "are going to make history today\"", ("Today", "DATE", "2007-01-10"), id="day-word-before-name"),
]


def _times(nlp, text: str, published: date | None) -> list[tuple[str, str, str | None]]:
    article = Article.from_text(text, published=published)
    return [(t.text, t.type, t.value) for t in find_times(nlp(text), article)]


@pytest.mark.parametrize(("published", "text", "expected"), CASES)
def test_times_value(nlp, published, text, expected):
    assert expected in _times(nlp, text, date.fromisoformat(published))


# WCEP 2025-01-06_008 (a Monday): the meeting "scheduled for Tuesday" is a plan in a past clause
SLOVAK_MEETING = ("According to Slovakia, a planned meeting between Slovak, Ukrainian, and European Commission "
                  "officials over gas supplies scheduled for Tuesday has been cancelled due to Ukraine's refusal to "
                  "participate in the meeting.")


@pytest.mark.parametrize(("published", "value"), [
    ("2025-01-06", "2025-01-07"),  # as published, a Monday: the next day
    # the same report read two days later: the Tuesday just past, nearer than the next (was 2025-01-14)
    ("2025-01-08", "2025-01-07"),
])
def test_times_planned_in_a_past_clause_is_the_nearer_day(nlp, published, value):
    assert ("Tuesday", "DATE", value) in _times(nlp, SLOVAK_MEETING, date.fromisoformat(published))


@pytest.mark.parametrize(("text", "expected"), [
    # Neither corpus has a year after "pre-" or "post-" in its text (only in URLs), so these two sentences are
    # written here around the common phrases; TimeML reads the year (value 1967, mod BEFORE)
    ("Talks would be based on the pre-1967 borders.", ("pre-1967", "DATE", "1967")),
    ("The post-2014 sanctions stayed in place.", ("post-2014", "DATE", "2014")),
])
def test_times_year_after_pre_or_post(nlp, text, expected):
    assert expected in _times(nlp, text, date(2025, 1, 6))


@pytest.mark.parametrize(("tense", "expected"), [
    (AROUND, date(2025, 1, 7)),  # Wednesday 2025-01-08: Tuesday was yesterday, next Tuesday is six days away
    (PAST, date(2025, 1, 7)), (FUTURE, date(2025, 1, 14)),
])
def test_times_weekday_around_takes_the_nearer(tense, expected):
    assert weekday(date(2025, 1, 8), 2, tense, None) == expected
    assert weekday(date(2025, 1, 12), 2, AROUND, None) == date(2025, 1, 14)  # from a Sunday, the coming one


@pytest.mark.parametrize(("published", "text", "absent"), [
    pytest.param(  # WCEP 2025-01-18_011: a march, no month (was 2025-03); so is "the annual March for Life"
        "2025-01-18", "In Washington, D.C., the Women's March holds a protest rebranded as the People's March "
        "against U.S. President-elect Donald Trump ahead of his inauguration on Monday.", "March", id="a-march"),
    pytest.param(  # WCEP 2025-10-10_015: "the fall of Kabul" is no season
        "2025-10-10", "Jaishankar announces the country will reopen its embassy in Kabul, Afghanistan, after it was "
        "shut down four years ago during the fall of Kabul.", "fall", id="fall-of"),
    pytest.param(  # WCEP 2025-06-15_017: an age is no duration
        "2025-06-15", "At 37 years old, Maria also becomes the oldest winner of a WTA 500 event.", "37 years",
        id="age"),
    pytest.param(  # WCEP 2025-05-16_006
        "2025-05-16", "The U.S. Food and Drug Administration clears the Fujirebio Lumipulse for distribution, the "
        "first blood test that can be used to diagnose Alzheimer's disease in people 55 years or older with memory "
        "problems by detecting amyloid plaques.", "55 years", id="age-or-older"),
    pytest.param(  # Wikinews, Ford_offers_US$78_million_for_Romanian_auto_plant: "may" the modal
        "2007-09-08", "Vladescu added that the contract may be signed on September 12, during the auto show in "
        "Frankfurt.", "may", id="modal-may"),
    pytest.param(  # Wikinews, Apple_swamped_by_iPhone_4_pre-orders: "recently" without "the" before it
        "2010-06-16", "Pre-orders of the recently announced iPhone 4 began Tuesday.", "the recently", id="the-adverb"),
    pytest.param(  # WCEP 2026-06-14_020: a race's name is no duration
        "2026-06-14", "In endurance racing, Toyota Racing wins the 24 Hours of Le Mans with drivers Mike Conway, "
        "Kamui Kobayashi, and Nyck de Vries.", "24 Hours", id="race-name"),
    pytest.param(  # WCEP 2026-07-11_004: a capitalised unit that begins a name
        "2026-07-11", "The 21st Century ROAD to Housing Act becomes law after U.S. president Donald Trump allows the "
        "bill to take effect without his signature.", "Century", id="century-name"),
    pytest.param(  # WCEP 2025-01-26_002: a month and day that begin a name the actor registry knows (M23)
        "2025-01-26", "March 23 Movement rebels begin their advance into the city of Goma, North Kivu Province, "
        "Democratic Republic of the Congo.", "March", id="m23-name"),
    pytest.param(  # WCEP 2026-02-06_022: a capitalised season that begins a name (was 2025-WI)
        "2026-02-06", "The opening ceremony for the Winter Olympics in Milan and Cortina d'Ampezzo, Italy, is held.",
        "Winter", id="season-name"),
    pytest.param(  # written plainly: "high noon", the idiom, is no clock time
        "2010-06-16", "The stand-off was billed as high noon for the coalition.", "noon", id="high-noon"),
    pytest.param(  # Wikinews, US_stock_markets_fall_to_lowest_levels_since_1997: a number in a name is no year
        "2009-02-24", "The Russel 2000 Index of smaller companies dropped by four percent.", "2000",
        id="index-name"),
    pytest.param(  # Wikinews, Ford_Motor_Company_cutting_30,000_jobs_by_2012: a union local
        "2006-01-23", "On this cut of the one shift, Whitey MacDonald, chairperson of Local 1520, Canadian Auto "
        "Workers union said \"There is a lot of anger here today, there is no doubt about it.\"", "1520",
        id="union-local"),
    pytest.param(  # WCEP 2026-01-28_004: an aircraft model
        "2026-01-28", "A SATENA Beechcraft 1900 crashes near Cúcuta in North Santander, Colombia, killing all 15 "
        "people on board.", "1900", id="model-number"),
    pytest.param(  # Wikinews, US_stock_markets_tumble_on_'Black_Monday'_anniversary: the crash of 1987, not
        # the Monday of the week the article was written
        "2007-10-20", "Today marked a day in history, when 20 years ago, the United States Dow Jones Industrial "
        "Average market crashed, on what is known as ` Black Monday '.", "Monday", id="black-monday"),
])
def test_times_not_a_time(nlp, published, text, absent):
    found = [t for t, _, _ in _times(nlp, text, date.fromisoformat(published))]
    assert all(absent.lower() not in t.lower() for t in found), found


def test_times_seed_article(nlp, seed_text):
    """The founding article, published 2025-04-27: the three times a reader expects, spans as TempEval-3 draws them."""
    found = _times(nlp, seed_text, date(2025, 4, 27))
    assert ("last summer", "DATE", "2024-SU") in found
    assert ("Saturday", "DATE", "2025-04-26") in found  # "on" stays outside the span
    assert ("December 4, 2024", "DATE", "2024-12-04") in found
    assert ("its fourth year", "DURATION", "P3Y") in found
    assert ("2022", "DATE", "2022") in found  # "since 2022"


def test_times_seed_article_without_publication_date(nlp, seed_text):
    """No anchor: relative times stay unresolved or underspecified, absolute ones still resolve."""
    found = _times(nlp, seed_text, None)
    assert ("last summer", "DATE", None) in found
    assert ("Saturday", "DATE", "XXXX-WXX-6") in found
    assert ("December 4, 2024", "DATE", "2024-12-04") in found
    assert ("2022", "DATE", "2022") in found


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(  # Wikinews 18315, Apple_executive_Steve_Jobs_resigns
        "Steve Jobs has been fighting pancreatic cancer since 2004 and has been on medical leave since January of "
        "this year.", [("2004", "DATE", "2004"), ("January of this year", "DATE", None)], id="year-and-month"),
    pytest.param(  # Wikinews, Apple_unveils_iPod_nano
        "The iPod nano is the second model of the iPod family to utilize flash memory, after the Shuffle was "
        "introduced in January.", [("January", "DATE", "XXXX-01")], id="bare-month"),
    pytest.param(  # Wikinews, Apple_swamped_by_iPhone_4_pre-orders
        "Representatives at several Apple Stores in the United States said that buyers should try again tomorrow.",
        [("tomorrow", "DATE", None)], id="tomorrow"),
    pytest.param(  # Wikinews, Boeing_pushes_back_737_replacement_development
        BOEING, [("two years ago", "DATE", None), ("several years", "DURATION", "PXY")],
        id="ago-and-duration"),
])
def test_times_without_publication_date(nlp, text, expected):
    assert _times(nlp, text, None) == expected


def test_times_records_point_back_to_the_article(nlp, seed_text):
    article = Article.from_text(seed_text, published=date(2025, 4, 27))
    refs = find_times(nlp(seed_text), article)
    assert refs and [r.start for r in refs] == sorted(r.start for r in refs)
    for r in refs:
        assert seed_text[r.start:r.end] == r.text
        assert (r.article_id, r.extractor, r.version) == (article.id, EXTRACTOR, VERSION)


@pytest.mark.parametrize(("n", "unit", "value"), [
    (3, "Y", "P3Y"), (48, "H", "PT48H"), (2, "W", "P2W"), (None, "Y", "PXY"), (5.5, "H", "PT5H30M"),
    (2.5, "Y", "P2Y6M"), (2, "DE", "P20Y"), (None, "TM", "PTXM"), (1, "2W", "P2W"),
    (23.49, "S", "PT23.49S"),  # seconds have no smaller unit: the fraction stays (was PT23S)
])
def test_times_duration_values(n, unit, value):
    assert duration(n, unit) == value


@pytest.mark.parametrize(("text", "value"), [
    ("three", 3), ("twenty-five", 25), ("5 1/2", 5.5), ("a couple of", 2), ("two thousand", 2000), ("several", None),
])
def test_times_number_words(text, value):
    assert number(text) == value


@pytest.mark.parametrize(("code", "year", "day"), [
    ("easter", 2025, date(2025, 4, 20)), ("nth:11:4:4", 2024, date(2024, 11, 28)),  # Thanksgiving
    ("nth:05:1:-1", 2025, date(2025, 5, 26)),  # Memorial Day
    ("election", 2024, date(2024, 11, 5)), ("12-25", 2025, date(2025, 12, 25)),
    ("nth:11:4:4:1", 2024, date(2024, 11, 29)),  # Black Friday, the day after Thanksgiving
])
def test_times_holiday_dates(code, year, day):
    assert holiday(code, year) == day


def test_rules_skipped_for_want_of_their_words_could_not_have_matched(monkeypatch):
    # The bundled Current Events summaries and Wikinews articles (samples/, CC BY-SA 4.0 and CC BY 2.5):
    # `scan` skips a rule when none of its anchor words is in the text; the hits must be exactly those
    # of running every rule.
    import json
    from pathlib import Path

    import claimgraph.extract.timex_rules as rules

    samples = Path(__file__).resolve().parent.parent / "samples"
    with (samples / "wcep-north-korea-russia-ukraine.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    texts += [p.read_text(encoding="utf-8") for p in sorted((samples / "wikinews").glob("*.md"))]
    assert set(rules._ANCHORS) <= set(rules.RULES)
    fast = [list(rules.scan(t)) for t in texts]
    skipped = sum(not any(a == rules.DIGIT or a in t.lower() for a in need)
                  for t in texts for need in rules._anchors().values())
    monkeypatch.setattr(rules, "_anchors", lambda: {})
    assert [list(rules.scan(t)) for t in texts] == fast
    assert sum(map(len, fast)) > 150 and skipped > 1000  # many hits, many rules skipped
