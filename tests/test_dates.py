"""Dates: the formats pages write, offsets kept, and nothing invented."""

from __future__ import annotations

import datetime as dt

import pytest

import articlekit
from articlekit.dates import (
    Relative,
    date_start,
    find_date,
    find_relative,
    is_update_line,
    parse_date,
    slug_date,
    unglued,
    url_date,
)
from articlekit.dates.order import PageOrder, readings
from articlekit.metadata import Candidate, resolve

CEST = dt.timezone(dt.timedelta(hours=2))
EDT = dt.timezone(dt.timedelta(hours=-4))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-21T20:24:00+02:00", dt.datetime(2024, 4, 21, 20, 24, tzinfo=CEST)),
        ("2024-04-21T18:24:00Z", dt.datetime(2024, 4, 21, 18, 24, tzinfo=dt.UTC)),
        ("2024-04-21", dt.date(2024, 4, 21)),
        ("20240421", dt.date(2024, 4, 21)),
        ("July 29, 2009", dt.date(2009, 7, 29)),
        ("29. Juli 2009", dt.date(2009, 7, 29)),
        ("29 de julio de 2009", dt.date(2009, 7, 29)),
        ("2024年04月24日23:52", dt.datetime(2024, 4, 24, 23, 52)),
        ("입력 2026.07.12 22:09", dt.datetime(2026, 7, 12, 22, 9)),
        ("Posted: Aug 08, 2024 4:00 AM EDT", dt.datetime(2024, 8, 8, 4, 0, tzinfo=EDT)),
        ("Thứ tư, 22/10/2025, 19:25", dt.datetime(2025, 10, 22, 19, 25)),
        ("Do 25.04.24 | 14:07 Uhr", dt.datetime(2024, 4, 25, 14, 7)),  # a two-digit year, as written
        ("30.01.202430. Januar 2024", dt.date(2024, 1, 30)),  # two renderings glued by a dump
    ],
)
def test_formats(text: str, expected: dt.date) -> None:
    assert find_date(text) == expected


def test_slash_dates_are_month_first_unless_the_page_is_not_english() -> None:
    assert find_date("Published on 06/01/2026 - 13:55") == dt.datetime(2026, 6, 1, 13, 55)
    assert find_date("Publié le 06/01/2026 - 13:55", day_first=True) == dt.datetime(2026, 1, 6, 13, 55)
    assert find_date("13/01/2026") == dt.date(2026, 1, 13)  # a number above 12 decides
    assert find_date("06.01.2026") == dt.date(2026, 1, 6)


@pytest.mark.parametrize(
    "text",
    [
        "July 29",  # no year: never taken from today
        "29. Juli",
        "Juli 2009",  # no day: never the 1st, never today's
        "2009-07",
        "Updated 5 minutes ago",
        "today 10:48 am",
        "1994-05-01",  # before the web's news archives: noise
        "2024-02-30",  # no such day
    ],
)
def test_nothing_is_invented(text: str) -> None:
    assert parse_date(text) is None


def test_a_page_without_a_year_gets_no_date() -> None:
    page = "<html><body><h1>A headline for the page</h1><p>Updated: July 29</p>" + "<p>Body text. </p>" * 5
    article = articlekit.extract(page, now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert article.date is None


def test_no_date_after_now() -> None:
    """A date later than the reference time is impossible (a scheduled or mistyped one)."""
    page = (
        '<html><head><meta property="article:published_time" content="2031-05-01T10:00:00+00:00">'
        '<meta name="date" content="2024-05-01"></head><body><h1>Headline of the page here</h1></body></html>'
    )
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    article = articlekit.extract(page, now=now)
    assert article.date == dt.date(2024, 5, 1)
    only_future = page.replace('<meta name="date" content="2024-05-01">', "")
    assert articlekit.extract(only_future, now=now).date is None


def test_offset_kept_and_published_beats_modified() -> None:
    page = (
        '<html><head><meta property="article:modified_time" content="2024-04-22T08:00:00+02:00">'
        '<meta property="article:published_time" content="2024-04-21T20:24:00+02:00"></head>'
        "<body><h1>Headline of the page here</h1></body></html>"
    )
    article = articlekit.extract(page, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert article.date == dt.datetime(2024, 4, 21, 20, 24, tzinfo=CEST)
    assert article.modified == dt.datetime(2024, 4, 22, 8, 0, tzinfo=CEST)
    assert article.provenance["date"] == "og"


def test_day_only_takes_the_offset_of_another_source_for_the_same_day() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-04-21"}'
        '</script><meta property="article:published_time" content="2024-04-21T20:24:00+02:00"></head>'
        "<body><h1>Headline of the page here</h1></body></html>"
    )
    article = articlekit.extract(page, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert article.date == dt.datetime(2024, 4, 21, 20, 24, tzinfo=CEST)
    assert article.provenance["date"] == "json-ld"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/news/2019/11/20/story", dt.date(2019, 11, 20)),
        ("https://example.com/2019-11-20/story", dt.date(2019, 11, 20)),
        ("http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html", dt.date(2024, 4, 24)),
        ("https://example.com/2019/story-about-13-things", None),
        ("https://example.com/2024/13/45/", None),
        # a slug's own date: compact before the title, dotted (always day first), dashed day first
        ("https://www.example.de/texte/22/20220127-weremember-gedenkstunde.html", dt.date(2022, 1, 27)),
        ("https://www.example.com/artikel/bericht_zur_lage_vom_22.04.2020_worauf", dt.date(2020, 4, 22)),
        ("https://example.de/media-news/meldungen/29-10-2021", dt.date(2021, 10, 29)),
        ("https://example.de/meldungen/05-06-2021", None),  # either order: not read
        ("https://example.com/docs/v1.2.2019/install", None),  # a version, not a date
        ("https://example.com/p/12345678-title", None),
        ("https://example.com/list?from=22.04.2020", None),  # the query is not the page's
    ],
)
def test_url_dates(url: str, expected: dt.date | None) -> None:
    assert (url_date(url) or slug_date(url)) == expected


def test_a_slug_date_is_weaker_evidence_than_the_pages_time() -> None:
    """A slug may name an event's day ('konzert-am-29.10.2021-abgesagt'): the page's <time> wins."""
    assert url_date("https://example.de/konzert-am-29.10.2021-abgesagt") is None
    page = ("<html><body><article><h1>Konzert abgesagt</h1><p><time datetime='2023-05-02T10:00+02:00'>2. Mai 2023"
            "</time></p>" + "".join(f"<p>Absatz {n}: das Konzert im Park fällt aus, sagte die Stadt am Dienstag, "
            "weil die Bühne nicht rechtzeitig fertig wird.</p>" for n in range(5)) + "</article></body></html>")
    article = articlekit.extract(page, url="https://example.de/konzert-am-29.10.2021-abgesagt")
    assert article.provenance["date"] == "time"
    assert article.date == dt.datetime(2023, 5, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_a_month_name_the_lookup_cannot_fold_is_no_crash() -> None:
    """Turkish 'ARALIK' lowers to 'aralik', not the table's 'aralık'."""
    assert find_date("Aralık: 3 ARALIK 2020") is None  # skipped, not a KeyError
    assert find_date("3 Aralık 2020") == dt.date(2020, 12, 3)  # (the form the table holds)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Rachael Link, MS, RD on November 12, 2019", 24),
        ("Лида Буслаева 11 октября 2018", 14),
        ("Ярослав Кузишин 8 января, 17:46", 16),  # a day and month, no year
        ("Jane Doe 2024-05-01", 9),
        ("June Smith", None),  # a month's name alone is not a date
    ],
)
def test_date_start(text: str, start: int | None) -> None:
    assert date_start(text) == start


# --- dates relative to when the page was shown -------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Publiziert heute um 12:19 Uhr", Relative(clock=(12, 19))),
        ("Published yesterday at 5:30 PM", Relative(days_back=1, clock=(17, 30))),
        ("hier à 14h30", Relative(days_back=1, clock=(14, 30))),
        ("13:37 Uhr", Relative(clock=(13, 37))),  # the header of a story of the day
        ("(Bild: Bild erstellt mit KI in Bing Designer durch heise online / dmk) 13:37 Uhr", Relative(clock=(13, 37))),
        ("vor 3 Stunden", Relative(ago=dt.timedelta(hours=3))),
        ("3 hours ago", Relative(ago=dt.timedelta(hours=3))),
        ("il y a 2 jours", Relative(days_back=2)),
        ("Stand: 10:49 Uhr", Relative(clock=(10, 49), updated=True)),
    ],
)
def test_relative_dates(text: str, expected: Relative) -> None:
    assert find_relative(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2:07", "12:19", "Hier ab 20:15 Uhr live", "AP today remains the most trusted source", "Lesezeit: 2 Min.",
     "2 of 12", "Das Wichtigste des Tages heute"],
)
def test_not_relative_dates(text: str) -> None:
    assert find_relative(text) is None


STORY = "\n\n".join(f"Paragraph {i} of the story, long enough to be read as prose by the classifier." for i in range(6))


def test_a_relative_date_needs_the_callers_reference_time() -> None:
    text = ("Council approves the riverside cycle lanes\n\nPubliziert heute um 12:19 Uhr\n\n"
            + STORY)
    assert articlekit.extract(text).date is None  # never from the clock
    seen = dt.datetime(2026, 5, 18, 21, 0, tzinfo=dt.UTC)
    assert articlekit.extract(text, now=seen).date == dt.datetime(2026, 5, 18, 12, 19)


def test_an_update_time_is_not_the_publication() -> None:
    text = ("Council approves the riverside cycle lanes\n\nStand: 10:49 Uhr\n\n"
            + STORY)
    article = articlekit.extract(text, now=dt.datetime(2026, 5, 18, 21, 0, tzinfo=dt.UTC))
    assert article.date is None
    assert article.modified == dt.datetime(2026, 5, 18, 10, 49)


@pytest.mark.parametrize(
    "text", ["Vor 3 Tagen hat der Rat die Radwege beschlossen", "Heute um 20:15 Uhr beginnt das Konzert"]
)
def test_a_sentence_about_something_else_is_no_relative_date(text: str) -> None:
    assert find_relative(text) is None


def test_a_relative_date_at_the_end_of_a_meta_line() -> None:
    assert find_relative("Jane Doe · 3 hours ago") == Relative(ago=dt.timedelta(hours=3))
    assert find_relative("Today 12:01 AM") == Relative(clock=(0, 1))


def test_a_relative_clock_with_its_zone_takes_the_day_in_that_zone() -> None:
    updated = find_relative("Updated 10:01 pm PST")
    assert updated == Relative(clock=(22, 1), updated=True, zone=-480)
    seen = dt.datetime(2019, 11, 20, 3, 0, tzinfo=dt.UTC)  # still the 19th in California
    assert updated.at(seen) == dt.datetime(2019, 11, 19, 22, 1)
    assert find_relative("Today at 9:45 am EST") == Relative(clock=(9, 45), zone=-300)
    assert find_relative("10:01 pm Ortszeit") is None  # not a zone: not a dateline


@pytest.mark.parametrize("value", [
    "2019-11-20", "2019-11-20T05:47", "2019-11-20T05:47:00", "2019-11-20T05:47:00Z",
    "2019-11-20T05:47:00.123456+01:00", "2019-11-20T05:47:00-14:00",
])
def test_markup_dates_read_by_the_standard_library_as_by_our_own_parser(value: str) -> None:
    """Strict ISO strings take a fast path (datetime.fromisoformat); the answer is the same."""
    fast, own = parse_date(value), find_date(value)
    assert fast == own and type(fast) is type(own)
    if isinstance(fast, dt.datetime) and isinstance(own, dt.datetime):
        assert fast.utcoffset() == own.utcoffset()


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-02-30", None),  # no such day
    ("1994-12-31", None),  # before the web's news archives: noise
    ("2019-11-20T25:00:00Z", dt.date(2019, 11, 20)),  # no such hour: the day alone
    ("2019-11-20T05:61:00+01:00", dt.date(2019, 11, 20)),
    ("2019-11-20T05:47:00+01:60", dt.datetime(2019, 11, 20, 5, 47)),  # no such offset: no zone
])
def test_iso_dates_the_fast_path_refuses(value: str, expected: dt.date | None) -> None:
    value_read = parse_date(value)
    assert value_read == expected and type(value_read) is type(expected)
    if isinstance(value_read, dt.datetime):
        assert value_read.tzinfo is None


# --- the order of day and month, from the page ---------------------------------------------------

def test_a_slash_date_reads_day_first_on_a_german_page_that_writes_other_dates_day_first() -> None:
    order = PageOrder(languages=["de"], url="https://www.zeitung.de/politik/artikel-123",
                      texts=lambda: ["Aktualisiert am 13.01.2026", "Mehr zum Thema"])
    assert order.read("Veröffentlicht am 06/01/2026") == dt.date(2026, 1, 6)


def test_a_slash_date_reads_month_first_on_an_en_us_page() -> None:
    order = PageOrder(languages=["en-US"], url="https://news.example.com/story")
    assert order.read("Published 06/01/2026") == dt.date(2026, 6, 1)


def test_a_locale_naming_its_region_beats_the_language() -> None:
    assert PageOrder(languages=["en-GB"]).read("06/01/2026") == dt.date(2026, 1, 6)
    assert PageOrder(languages=["en_US"]).read("06/01/2026") == dt.date(2026, 6, 1)
    assert PageOrder(languages=["en-CA"]).read("06/01/2026") == dt.date(2026, 6, 1)  # both orders: no evidence


def test_the_edition_a_url_names_is_a_locale() -> None:
    # msn.com declares 'en' only; its UK edition's path says en-gb: '02/10/2020' is 2 October
    order = PageOrder(languages=["en"], url="https://www.msn.com/en-gb/news/uknews/story/ar-BB19DUqK")
    assert order.read("The Guardian 02/10/2020 Anna Fazackerley") == dt.date(2020, 10, 2)
    for url in ("https://www.example.com/news/up-to/a", "https://www.example.com/de-at/a"):  # not its language
        assert PageOrder(languages=["en"], url=url).read("02/10/2020") == dt.date(2020, 2, 10)


def test_unambiguous_dates_on_the_page_decide_when_no_region_is_named() -> None:
    lines = ["Posted 01/13/2026", "Related: 12/28/2025"]
    assert PageOrder(languages=["en"], texts=lambda: lines).read("06/01/2026") == dt.date(2026, 6, 1)
    lines = ["Posted 13/01/2026", "Related: 28/12/2025"]
    assert PageOrder(languages=["en"], texts=lambda: lines).read("06/01/2026") == dt.date(2026, 1, 6)


def test_the_country_domain_decides_for_an_english_page() -> None:
    assert PageOrder(languages=["en"], url="https://www.paper.co.uk/a").read("06/01/2026") == dt.date(2026, 1, 6)
    assert PageOrder(languages=["en"], url="https://www.paper.in/a").read("06/01/2026") == dt.date(2026, 1, 6)
    assert PageOrder(languages=["en"], url="https://www.paper.com/a").read("06/01/2026") == dt.date(2026, 6, 1)
    assert PageOrder(url="https://www.paper.io/a").read("06/01/2026") == dt.date(2026, 6, 1)  # sold worldwide


def test_the_language_alone_decides_last() -> None:
    assert PageOrder(guess=lambda: "fr").read("06/01/2026") == dt.date(2026, 1, 6)
    assert PageOrder(guess=lambda: "en").read("06/01/2026") == dt.date(2026, 6, 1)
    assert PageOrder().read("06/01/2026") == dt.date(2026, 6, 1)  # no evidence at all: the US way


def test_the_urls_date_settles_one_date_whatever_the_page_says() -> None:
    order = PageOrder(languages=["en-US"], url="https://news.example.com/2026/01/06/story")
    assert order.read_both("06/01/2026") == (dt.date(2026, 1, 6), dt.date(2026, 6, 1))


def test_a_date_with_one_reading_has_no_alternative() -> None:
    assert PageOrder().read_both("13/01/2026") == (dt.date(2026, 1, 13), None)
    assert PageOrder().read_both("06.01.2026") == (dt.date(2026, 1, 6), None)
    assert PageOrder().read_both("January 6, 2026") == (dt.date(2026, 1, 6), None)
    assert readings("06/06/2026") is None


def test_a_reading_after_the_crawl_gives_way_to_the_other_one() -> None:
    """'06/01/2026' read month first (June 1) on a page seen on 1 March: only 6 January is possible."""
    read = [Candidate("date", dt.date(2026, 6, 1), "dateline", dt.date(2026, 1, 6))]
    assert resolve(read, now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)).values["date"] == dt.date(2026, 1, 6)
    assert resolve(read, now=dt.datetime(2026, 7, 1, tzinfo=dt.UTC)).values["date"] == dt.date(2026, 6, 1)


def test_a_reading_another_source_confirms_is_taken() -> None:
    cands = [Candidate("date", dt.date(2026, 6, 1), "byline", dt.date(2026, 1, 6)),
             Candidate("modified", dt.date(2026, 1, 6), "og")]
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    assert resolve(cands, now=now).values["date"] == dt.date(2026, 1, 6)


def test_a_dotted_day_first_date_on_a_dump_settles_a_slash_date() -> None:
    dump = ("Council approves the riverside cycle lanes\n\nBy Jane Doe\n\n06/01/2026\n\n" + "\n\n".join(
        "The council voted on Tuesday to build the lanes along the river, and work starts in spring "
        f"after a consultation that ran for months (part {i})." for i in range(6))
        + "\n\nMore from the city\n\nBudget approved 13.01.2026\n")
    article = articlekit.extract(dump, url="https://news.example.com/city/cycle-lanes",
                                 now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    assert article.date == dt.date(2026, 1, 6)


def _story(*header: str) -> str:
    return "\n\n".join(["Council approves the riverside cycle lanes", *header, *(
        "The council voted on Tuesday to build the lanes along the river, and work starts in spring "
        f"after a consultation that ran for months (part {i})." for i in range(6))])


def test_an_update_line_gives_the_modified_date_and_the_published_line_the_date() -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    article = articlekit.extract(_story("By Jane Doe", "Updated: March 3, 2025", "Published: March 1, 2025"), now=now)
    assert (article.date, article.modified) == (dt.date(2025, 3, 1), dt.date(2025, 3, 3))


def test_an_update_line_alone_is_the_date_after_the_urls() -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    article = articlekit.extract(_story("By Jane Doe", "Updated: March 3, 2025"), now=now)
    assert (article.date, article.modified) == (dt.date(2025, 3, 3), dt.date(2025, 3, 3))
    article = articlekit.extract(_story("By Jane Doe", "Updated: March 3, 2025"), now=now,
                                 url="https://news.example.com/2025/03/01/cycle-lanes")
    assert article.date == dt.date(2025, 3, 1)


def test_is_update_line() -> None:
    assert is_update_line("Updated: March 3, 2025")
    assert is_update_line("Stand: 12.01.2026, 10:49 Uhr")
    assert not is_update_line("Published: March 1, 2025 | Updated March 3")
    assert not is_update_line("Standing committee meets on March 3, 2025")


def test_year_first_slash_dates_and_dash_dates_are_read() -> None:
    assert find_date("Veröffentlicht 2024/09/03") == dt.date(2024, 9, 3)
    assert find_date("https://news.example.com/2024/09/03/story") is None  # a URL's path: url_date's
    assert find_date("03-09-2024", day_first=True) == dt.date(2024, 9, 3)
    assert find_date("09-03-2024") == dt.date(2024, 9, 3)  # the US way without evidence
    assert find_date("Tel. 030-12-3456") is None
    assert PageOrder(languages=["nl"]).read("Gepubliceerd op 03-09-2024") == dt.date(2024, 9, 3)


def test_implausible_dates_are_not_taken() -> None:
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    after_now = [Candidate("date", dt.date(2026, 5, 1), "json-ld"), Candidate("date", dt.date(2026, 2, 1), "url")]
    assert resolve(after_now, now=now).values["date"] == dt.date(2026, 2, 1)  # the later one: after the crawl
    assert parse_date("1987-05-01") is None and find_date("12 May 1987") is None  # before the web's archives
    swapped = [Candidate("date", dt.date(2026, 2, 1), "json-ld"), Candidate("modified", dt.date(2026, 1, 1), "json-ld")]
    assert "modified" not in resolve(swapped, now=now).values  # modified before published: kept the published


def test_a_dateline_ending_in_a_parenthesised_date_is_no_photo_credit() -> None:
    # '(… seit: 05.11.2021)' reads like '(Foto: Jane Doe)' but holds a date: credits hold none.
    html = ("<html lang='de'><body><h1>Italien: Reise- und Sicherheitshinweise</h1>"
            "<p>Stand - 12.11.2021 (Unverändert gültig seit: 05.11.2021)</p>"
            f"<p>{STORY}</p></body></html>")
    article = articlekit.extract(html)
    assert article.modified == dt.date(2021, 11, 12)
    assert article.date == dt.date(2021, 11, 12)  # (the only date written out)


def test_without_a_headline_the_line_above_the_story_may_be_its_dateline() -> None:
    # The page's <h1> is the site's name: no headline is found, and the line the search starts
    # from (the one above the first paragraph) is the post's date line.
    html = ("<html lang='de'><head><title>seelenradio » Nummer zwei: Leo</title></head><body>"
            "<h1><a href='/'>seelenradio</a></h1><h2><a href='/leo'>Nummer zwei: Leo</a></h2>"
            "<p>3. August 2015 · Filed under <a href='/c'>ziemlich privat</a></p>"
            f"<p>{STORY}</p></body></html>")
    assert articlekit.extract(html).date == dt.date(2015, 8, 3)


@pytest.mark.parametrize(("lead", "expected"), [
    ("01.02.2022 „Der Arbeitsmarkt ist gut in das Jahr gestartet“, sagte die Vorsitzende.", dt.date(2022, 2, 1)),
    ("Pressemitteilung vom 25. Januar 2022 | Berlin – Die Zusammenarbeit wird ausgebaut.", dt.date(2022, 1, 25)),
    ("(21. November 2022) Energieverbraucher erhalten eine Preiserhöhung nach der nächsten.", dt.date(2022, 11, 21)),
    # a date that is part of the sentence dates what it tells, not the page
    ("Am 8. November 2021 findet der jährliche Gedenktag statt, wie jedes Jahr.", None),
    ("Seit dem 1. Oktober 2022 gilt für Erdgas ein von 19 auf 7 Prozent reduzierter Satz.", None),
])
def test_a_date_that_opens_the_lead_paragraph_dates_the_page(lead: str, expected: dt.date | None) -> None:
    html = ("<html lang='de'><body><nav><a href='/'>Start</a></nav><h1>Arbeitsmarkt im Januar</h1>"
            f"<h3>Auf Erholungskurs</h3><p>{lead} {STORY}</p><p>{STORY}</p></body></html>")
    article = articlekit.extract(html)
    assert article.date == expected
    assert f"\n\n{lead} Paragraph 0" in article.text  # (the paragraph stays the story's)


def test_a_date_line_anywhere_dates_a_page_nothing_else_dates() -> None:
    # the last resort: a short line far under the story (the nearest: the footer's is farther)
    html = ("<html lang='de'><body><h1>Von Sprachregeln und Genderpolitik</h1>"
            + "".join(f"<p>{line}</p>" for line in STORY.split("\n\n") * 2)
            + "<p>Datum: 19.11.2021 Autor: Fritz Imhof Quelle: Livenet</p>"
            "<footer><p>Copyright: Livenet, Stand der Seite 01.12.2021, alle Rechte vorbehalten</p></footer>"
            "</body></html>")
    article = articlekit.extract(html)
    assert (article.date, article.provenance["date"]) == (dt.date(2021, 11, 19), "page-text")
    assert "Datum: 19.11.2021" in article.text  # (nothing leaves the body for it)
    # any other date the page gives comes first
    dated = html.replace("<body>", "<body><p>Veröffentlicht am 17.11.2021</p>")
    assert articlekit.extract(dated).date == dt.date(2021, 11, 17)


def test_a_utc_stamp_takes_the_offset_of_the_same_instant_written_locally() -> None:
    from articlekit.dates import in_local_time

    stamp = dt.datetime(2019, 10, 18, 22, 4, tzinfo=dt.UTC)
    local = dt.datetime(2019, 10, 19, 0, 4, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert in_local_time(stamp, [stamp, local]).isoformat() == "2019-10-19T00:04:00+02:00"
    # the site's local time written without a zone: six hours behind, so -06:00
    naive = dt.datetime(2023, 11, 8, 23, 30, 59)
    moved = in_local_time(dt.datetime(2023, 11, 9, 5, 30, 59, tzinfo=dt.UTC), [naive])
    assert moved.isoformat() == "2023-11-08T23:30:59-06:00"
    # another time of the page (an update 5:09:10 later) is no offset; nor is a zone-less stamp
    assert in_local_time(stamp, [dt.datetime(2019, 10, 19, 3, 13, 10)]) is stamp
    assert in_local_time(dt.datetime(2023, 1, 1, 1, 0), [naive]) == dt.datetime(2023, 1, 1, 1, 0)


def test_a_utc_stamp_takes_the_day_the_page_writes_when_an_offset_reaches_it() -> None:
    from articlekit.dates import in_local_time

    stamp = dt.datetime(2020, 2, 25, 2, 25, 54, tzinfo=dt.UTC)
    assert in_local_time(stamp, [dt.date(2020, 2, 24)]) == dt.date(2020, 2, 24)  # New York: 21:25
    # 13:14 UTC is the 6th from UTC-12 to UTC+10: a '5 November' elsewhere on the page is not its day
    afternoon = dt.datetime(2023, 11, 6, 13, 14, 51, tzinfo=dt.UTC)
    assert in_local_time(afternoon, [dt.date(2023, 11, 5)]) is afternoon


def test_a_utc_stamp_with_nothing_else_takes_the_zone_of_the_sites_country() -> None:
    from articlekit.dates import in_local_time

    late = dt.datetime(2022, 11, 6, 23, 0, tzinfo=dt.UTC)  # midnight in Berlin (winter time)
    assert in_local_time(late, [], "https://beige.de/artikel/reisen").isoformat() == "2022-11-07T00:00:00+01:00"
    summer = dt.datetime(2022, 5, 4, 0, 44, 52, tzinfo=dt.UTC)  # 21:44 the day before in São Paulo
    assert in_local_time(summer, [], "https://www.gazetadopovo.com.br/republica/x").isoformat() == (
        "2022-05-03T21:44:52-03:00"
    )
    # a country of several zones, a generic domain, or no URL: the stamp as it is
    for url in ("https://www.example.us/a", "https://www.example.com/a", "https://startup.co/a", None):
        assert in_local_time(late, [], url) is late
    # midnight UTC is a day stored without its time: it keeps its day
    bare = dt.datetime(2022, 11, 6, tzinfo=dt.UTC)
    assert in_local_time(bare, [], "https://www.gazetadopovo.com.br/republica/x") is bare


def test_a_us_page_stamped_in_utc_keeps_the_day_of_its_url() -> None:
    html = ("<html lang='en'><head><meta property='article:published_time' content='2020-02-25T02:25:54+00:00'>"
            "</head><body><h1>Former press secretary exits network</h1>"
            f"<p>{STORY}</p></body></html>")
    article = articlekit.extract(html, url="https://example.com/2020/02/24/former-press-secretary-exits/")
    assert article.date == dt.date(2020, 2, 24)
    assert article.provenance["date"] == "url"
    assert articlekit.extract(html).date == dt.datetime(2020, 2, 25, 2, 25, 54, tzinfo=dt.UTC)  # no other evidence


def test_hatom_dates_of_old_blog_themes_date_the_page() -> None:
    story = "".join(f"<p>Paragraph {n} of a post about the concert in the park and the long evening after.</p>"
                    for n in range(5))
    published = ("<html><body><div class='post hentry'><h2 class='entry-title'>Im Park</h2>"
                 "<abbr class='published' title='2008-05-12T10:30:00+02:00'>12. Mai</abbr>"
                 f"<div class='entry-content'>{story}</div></div></body></html>")
    article = articlekit.extract(published)
    assert article.date == dt.datetime(2008, 5, 12, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert article.provenance["date"] == "hatom"
    updated_only = published.replace("<abbr class='published' title='2008-05-12T10:30:00+02:00'>12. Mai</abbr>",
                                     "<span class='updated' title='2013-04-04T18:52:11+00:00'></span>")
    article = articlekit.extract(updated_only)
    assert article.date == article.modified == dt.datetime(2013, 4, 4, 18, 52, 11, tzinfo=dt.UTC)
    assert (article.provenance["date"], article.provenance["modified"]) == ("updated", "hatom")


def test_a_publication_date_labelled_in_a_pruned_footer_dates_a_page_nothing_else_dates() -> None:
    story = "".join(f"<p>Paragraph {n} of a review of the novel, its language and its long silences.</p>"
                    for n in range(5))
    page = ("<html><body><article><h1>Die Anleitungen der Vorfahren</h1>" + story + "</article><footer>"
            "Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023<br>Lesungen: 61</footer></body>")
    article = articlekit.extract(page)
    assert article.date == dt.date(2023, 11, 1)
    assert "Erschienen" not in article.text
    unlabelled = page.replace("Erschienen am: 01.11.2023", "Copyright © 19.12.2019 - 12:14 h")
    assert articlekit.extract(unlabelled).date is None


def test_a_title_that_opens_with_a_date_dates_a_page_nothing_else_dates() -> None:
    story = "".join(f"<p>Paragraph {n} of the announcement of the online conference and its speakers.</p>"
                    for n in range(5))
    page = ("<html><head><title>08.11.2021 | Online-Fachtag zum Intersex Day of Remembrance</title></head>"
            f"<body><article><h1>Online-Fachtag zum Intersex Day of Remembrance</h1>{story}</article></body></html>")
    article = articlekit.extract(page)
    assert (article.date, article.provenance["date"]) == (dt.date(2021, 11, 8), "title-date")
    assert articlekit.extract(page.replace("08.11.2021 | ", "Fachtag 08.11.2021: ")).date is None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        # a theme's publication and update dates, run together by a dump: the first is the date
        ("28. Juni 201914. Januar 2020 | Klaus Quibeldey-Cirkel", dt.date(2019, 6, 28)),
        ("Veröffentlicht am 10. Februar 20199. Februar 2019 von Heiko", dt.date(2019, 2, 10)),
        ("15/01/201614/01/2016", dt.date(2016, 1, 15)),
        ("March 4, 2019March 5, 2019", dt.date(2019, 3, 4)),
        # ... and a day glued to the word before it is no day of its second digit
        ("Posted on28. Juli 201928. Juli 2019", dt.date(2019, 7, 28)),
    ],
)
def test_dates_run_together_are_read_apart(line: str, day: dt.date) -> None:
    found = find_date(unglued(line))
    assert found is not None and (found.date() if isinstance(found, dt.datetime) else found) == day


def test_a_day_after_a_number_glued_to_a_sign_is_still_read() -> None:
    # (the rule against a day's second digit glued to a word must not reach '+320 November')
    assert find_date("14:53 GMT +320 November 2019") == dt.date(2019, 11, 20)
    assert find_date("Posted on28. Juli 2019") is None  # (not the 8th: no day is made up)


def test_numbers_that_are_no_glued_dates_stay_as_they_are() -> None:
    for text in ("Order 2019123 from 2020", "in 2019 20 people came", "ISBN 9783161484100"):
        assert unglued(text) == text


def test_a_dump_whose_dateline_runs_two_dates_together_is_dated_by_the_first() -> None:
    article = articlekit.extract(_story("28. Juni 201914. Januar 2020 | Klaus Quibeldey-Cirkel"))
    assert article.date is not None and article.date.isoformat()[:10] == "2019-06-28"
