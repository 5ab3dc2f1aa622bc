"""Metadata from HTML and text: every source, the resolver's choices, provenance."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import articlekit
from articlekit import classify
from articlekit.blocks import Block
from articlekit.dates import Relative
from articlekit.dates.order import PageOrder
from articlekit.metadata import Candidate
from articlekit.metadata import byline as byline_mod
from articlekit.metadata import header as header_mod
from articlekit.metadata import headline as headline_mod
from articlekit.metadata import lines as lines_mod
from articlekit.metadata import slug as slug_mod
from articlekit.text import blocks as text_blocks

DATA = Path(__file__).parent / "data" / "metadata"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
BODY = "".join(f"<p>Paragraph {i} of the story, long enough to be read as prose by the classifier.</p>"
               for i in range(6))


def page(head: str = "", body: str = "") -> str:
    return f"<html lang='en-GB'><head>{head}</head><body><article>{body}{BODY}</article></body></html>"


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- JSON-LD ---------------------------------------------------------------------------------

def test_jsonld_graph_with_author_reference_and_organisation_kept_apart() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": "https://ex.com/a#page", "name": "Page"},
        {"@type": "NewsArticle", "headline": "Storm &amp; floods hit the coast",
         "author": [{"@id": "https://ex.com/#/person/1"}, {"@type": "Organization", "name": "Example Wire"}],
         "publisher": {"@id": "https://ex.com/#org"}, "datePublished": "2024-05-16T18:00:00+00:00",
         "keywords": ["Weather", "Coast"]},
        {"@type": "Person", "@id": "https://ex.com/#/person/1", "name": "Paul Sawers"},
        {"@type": "Organization", "@id": "https://ex.com/#org", "name": "Example News"},
    ]}
    article = articlekit.extract(page(jsonld(graph)), url="https://ex.com/a", now=NOW)
    assert article.title == "Storm & floods hit the coast"  # entities decoded
    assert article.authors == ("Paul Sawers",)  # the organisation is not a person
    assert article.date == dt.datetime(2024, 5, 16, 18, 0, tzinfo=dt.UTC)
    assert article.site_name == "Example News"
    assert article.tags == ("Weather", "Coast")
    assert article.provenance["authors"] == "json-ld"


def test_jsonld_author_arrays_nested_in_main_entity_and_lists() -> None:
    data = [{"@type": "WebPage", "mainEntity": {
        "@type": ["NewsArticle"], "headline": "A headline in the main entity",
        "author": [{"@type": "Person", "name": "Jane Doe"},
                   {"@type": "Person", "givenName": "John", "familyName": "Roe"}],
    }}]
    article = articlekit.extract(page(jsonld(data)), now=NOW)
    assert article.authors == ("Jane Doe", "John Roe")


def test_organisation_only_author_gives_no_person() -> None:
    data = {"@type": "NewsArticle", "headline": "Agency copy about the markets today",
            "author": {"@type": "Organization", "name": "Reuters"}}
    head = jsonld(data) + ('<meta name="author" content="Example News">'
                           '<meta property="og:site_name" content="Example News">')
    assert articlekit.extract(page(head), now=NOW).authors == ()


# --- titles ----------------------------------------------------------------------------------

def test_site_name_cut_from_declared_title() -> None:
    head = ('<meta property="og:title" content="Russland-Wahl: Nadeschdin setzt auf ein Ende – DW – 30.01.2024">'
            '<meta property="og:site_name" content="DW">')
    article = articlekit.extract(page(head), url="https://www.dw.com/de/x/a-1", now=NOW)
    assert article.title == "Russland-Wahl: Nadeschdin setzt auf ein Ende"
    assert article.provenance["title"] == "og"


def test_site_from_host_when_not_declared() -> None:
    head = "<title>Drusen fordern Teilhabe statt Schutzgarantien - News - SRF</title>"
    article = articlekit.extract(page(head), url="https://www.srf.ch/news/x", now=NOW)
    assert article.title == "Drusen fordern Teilhabe statt Schutzgarantien"


def test_a_dash_inside_a_headline_is_kept() -> None:
    head = '<meta property="og:title" content="Trump plant Landeplatz – während sein Projekt stockt">'
    article = articlekit.extract(page(head), url="https://www.example.ch/a", now=NOW)
    assert article.title == "Trump plant Landeplatz – während sein Projekt stockt"


def test_section_label_after_cut_site_goes_when_another_title_confirms() -> None:
    head = ('<meta property="og:title" content="Headline of the day about politics-Politicsㅣ한국일보">'
            '<meta property="og:site_name" content="한국일보">'
            + jsonld({"@type": "NewsArticle", "headline": "Headline of the day about politics"}))
    article = articlekit.extract(page(head), url="https://www.hankookilbo.com/a", now=NOW)
    assert article.title == "Headline of the day about politics"


def test_visible_headline_when_page_title_adds_the_site() -> None:
    html = page("<title>Who are the MKO and why? | Global News Blog</title>", "<h1>Who are the MKO and why?</h1>")
    article = articlekit.extract(html, now=NOW)
    assert article.title == "Who are the MKO and why?"
    assert article.provenance["title"] == "h1"


# --- authors ---------------------------------------------------------------------------------

def test_twitter_label_author_and_meta_site_name_dropped() -> None:
    head = ('<meta name="author" content="Example News"><meta property="og:site_name" content="Example News">'
            '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Paul Sawers">')
    article = articlekit.extract(page(head), now=NOW)
    assert article.authors == ("Paul Sawers",)
    assert article.provenance["authors"] == "twitter"


def test_visible_byline_with_prompts() -> None:
    body = '<div class="byline">By <a href="/a">Jane Doe</a> and <a href="/b">John Roe</a> Follow</div>'
    article = articlekit.extract(page("", "<h1>A headline over the byline</h1>" + body), now=NOW)
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.provenance["authors"] == "byline"


# --- the rest, provenance --------------------------------------------------------------------

def test_every_found_field_has_provenance() -> None:
    head = ('<meta property="og:title" content="The title"><meta property="og:description" content="The dek.">'
            '<meta property="og:image" content="/img/a.jpg"><link rel="canonical" href="/news/a">'
            '<meta property="og:site_name" content="Example"><meta property="article:tag" content="Politics">'
            '<meta property="article:published_time" content="2024-01-02T03:04:05+01:00">'
            '<meta property="article:modified_time" content="2024-01-03T03:04:05+01:00">'
            '<meta name="author" content="Jane Doe">')
    article = articlekit.extract(page(head), url="https://example.com/news/a?x=1", now=NOW)
    fields = ("title", "authors", "date", "modified", "description", "site_name", "language",
              "canonical_url", "image", "tags")
    assert set(article.provenance) - {"text"} == set(fields)  # "text": the body's, when a fallback gave it
    assert article.language == "en" and article.provenance["language"] == "html-lang"
    assert article.image == "https://example.com/img/a.jpg"
    assert article.canonical_url == "https://example.com/news/a"


def test_seed_text_page_keeps_its_metadata() -> None:
    seed = Path(__file__).parents[1] / "examples" / "seed_news_page.txt"
    article = articlekit.extract(seed.read_bytes())
    assert article.title == "Who are the MKO and why did Iraqi forces storm their camp?"
    assert article.authors == ("Staff writer",)
    assert article.date == dt.date(2009, 7, 29)
    assert article.description is not None and article.description.startswith("Iraq flexes its muscles")
    assert article.provenance["title"] == "headline"


def test_text_dump_headline_byline_and_date() -> None:
    text = (
        "Skip to content\n\n  • World\n  • Politics\n\nPolitics\n\n"
        "Sweden tells households how to survive a war\n\nNoora Mykkanen\n\n"
        "Published November 18, 2024 9:26pm Updated November 19, 2024 4:23pm\n\n"
        + "\n\n".join(f"Sweden and Finland have told millions of citizens how to be prepared for a crisis, "
                      f"and the guidance was published today in {n} languages." for n in range(3, 8))
    )
    url = "https://metro.example/2024/11/18/sweden-tells-households-how-survive-war-22018356/"
    article = articlekit.extract(text, url=url, now=NOW)
    assert article.title == "Sweden tells households how to survive a war"
    assert article.authors == ("Noora Mykkanen",)
    assert article.date == dt.datetime(2024, 11, 18, 21, 26)
    assert article.language == "en"


# --- real pages (tests/data/metadata, MIT: see its README) -----------------------------------

def test_real_html_page_yoast_graph() -> None:
    data = gzip.decompress((DATA / "techcrunch_2024_05_17.html.gz").read_bytes())
    url = "https://techcrunch.com/2024/05/16/strava-taps-ai-to-weed-out-leaderboard-cheats-unveils-family-plan-dark-mode-and-more/"
    article = articlekit.extract(data, url=url, now=dt.datetime(2024, 5, 17, 23, 59, tzinfo=dt.UTC))
    assert article.title == "Strava taps AI to weed out leaderboard cheats, unveils 'family' plan, dark mode and more"
    assert article.authors == ("Paul Sawers",)
    # JSON-LD's 18:00 UTC, in the offset the page's own "11:00" (Pacific time) shows
    assert article.date is not None and article.date.isoformat() == "2024-05-16T11:00:00-07:00"
    assert article.date == dt.datetime(2024, 5, 16, 18, 0, tzinfo=dt.UTC)
    assert article.language == "en"


def test_real_w3m_dump() -> None:
    text = (DATA / "metro_2024_11_29.w3m.txt").read_bytes()
    url = "https://metro.co.uk/2024/11/18/sweden-tells-5-000-000-households-how-survive-wwiii-new-war-pamphlet-22018356/"
    article = articlekit.extract(text, url=url, now=dt.datetime(2024, 11, 29, tzinfo=dt.UTC))
    assert article.title == "Sweden tells 5,000,000 households ‘how to survive WWIII’ in new war pamphlet"
    assert article.authors == ("Noora Mykkanen",)
    assert article.date is not None and article.date.isoformat()[:10] == "2024-11-18"


def test_signature_under_the_last_paragraph_when_no_byline_on_top() -> None:
    paragraphs = "".join(
        f"<p>The man, {50 + i} years old, had been in pain for months before he went to the hospital, and "
        "the doctors there found that it was a rare kind of cancer of the small intestine.</p>" for i in range(6))
    html = (f"<html><body><article><h1>Long abdominal pain turns out to be lymphoma</h1>{paragraphs}"
            "<p><strong>Lê Phương</strong></p></article></body></html>")
    assert articlekit.extract(html, now=NOW).authors == ("Lê Phương",)
    glued = html.replace("Lê Phương", "Most Popular")  # a label, not a person
    assert articlekit.extract(glued, now=NOW).authors == ()


def test_byline_unwrapped_onto_the_standfirst_in_a_dump() -> None:
    text = (
        "Politics / January 11, 2024\n\n"
        "Chris Christie’s Exit Marks the End of the Fight for the Soul of the GOP\n\n"
        "He told the truth about the threat posed by Trump. DeSantis and Haley will never do that. John Nichols\n\n"
        + "\n\n".join("The former governor of New Jersey ended his campaign on Wednesday night, and he said that "
                      "the party he once led had lost its way in the years since the last election." for _ in range(5))
    )
    url = "https://www.thenation.com/article/politics/chris-christie-exit-trump-soul-republican-party/"
    article = articlekit.extract(text, url=url, now=NOW)
    assert article.title == "Chris Christie’s Exit Marks the End of the Fight for the Soul of the GOP"
    assert article.authors == ("John Nichols",)
    assert article.date == dt.date(2024, 1, 11)


# --- rules for bylines, signatures, datelines and standfirsts --------------------------------

PROSE = [f"The council met on Tuesday evening to discuss the plan number {i}, and the members agreed "
         "that the work should begin before the end of the coming summer season." for i in range(6)]


def test_microdata_of_a_comment_is_not_the_articles() -> None:
    body = ('<div itemscope itemtype="https://schema.org/Article">'
            '<meta itemprop="datePublished" content="2018-10-11T08:53:00+03:00">'
            '<h1>Council approves the riverside plan</h1>'
            '<div itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
            '<span itemprop="author">Guest</span>'
            '<span itemprop="datePublished" content="2018-11-05T19:17:10+03:00">05.11.2018</span>'
            '<meta itemprop="dateModified" content="2018-11-06T10:00:00+03:00"></div></div>')
    article = articlekit.extract(page("", body), now=NOW)
    assert article.date is not None and article.date.isoformat()[:10] == "2018-10-11"
    assert "Guest" not in article.authors
    assert article.modified is None


def test_credentials_and_date_after_a_visible_byline() -> None:
    body = ("<h1>Fifteen tips to sleep better at night</h1>"
            "<p>Written by Rachael Link, MS, RD on November 12, 2019</p>")
    article = articlekit.extract(page("", body), now=NOW)
    assert article.authors == ("Rachael Link",)
    assert article.date == dt.date(2019, 11, 12)


def test_text_dump_standfirst_between_headline_and_byline() -> None:
    text = ("Council approves the riverside cycle lanes\n\n"
            "The mayor said the work will start in spring.\n\n"
            "Text: Jane Doe·11 October 2018\n\n" + "\n\n".join(PROSE))
    article = articlekit.extract(text, now=NOW)
    assert article.authors == ("Jane Doe",)
    assert article.date == dt.date(2018, 10, 11)
    assert article.description == "The mayor said the work will start in spring."
    assert article.text.startswith(PROSE[0])


def test_text_dump_byline_prefix_on_its_own_line() -> None:
    text = ("Council approves the riverside cycle lanes\n\nVon\n\nDirk Knop\n\n" + "\n\n".join(PROSE))
    article = articlekit.extract(text, now=NOW)
    assert article.authors == ("Dirk Knop",)
    assert article.text.startswith(PROSE[0])
    assert ("Dirk Knop", "byline") in [(r.text, r.reason) for r in article.removed]  # with 'Von'


def test_text_dump_dateline_just_above_the_story() -> None:
    menu = "\n\n".join(["3.409", "letture", "Nessun commento", "Share on Facebook", "Facebook",
                        "Tweet about this on Twitter", "Twitter", "Pin on Pinterest", "Pinterest", "Film"])
    text = f"Council approves the riverside cycle lanes\n\n{menu}\n\n23 Nov 2017\n\n" + "\n\n".join(PROSE)
    url = "http://www.example.it/council-approves-riverside-cycle-lanes/"
    assert articlekit.extract(text, url=url, now=NOW).date == dt.date(2017, 11, 23)


def test_signature_with_a_role_and_an_address_above_trailing_lines() -> None:
    body = ("<h1>Why the quarrel is a public matter</h1>" + "".join(f"<p>{p}</p>" for p in PROSE)
            + '<p>정덕현 칼럼니스트 <a href="mailto:a@example.co.kr">a@example.co.kr</a></p>'
            "<p>[사진=JTBC]</p><p>저작권자 ⓒ 엔터미디어, 무단전재 및 재배포금지 and more words here</p>")
    html = f"<html><body><article>{body}</article></body></html>"
    assert articlekit.extract(html, now=NOW).authors == ("정덕현",)


def test_signature_of_several_names_under_the_last_paragraph() -> None:
    text = ("Council approves the riverside cycle lanes\n\n" + "\n\n".join(PROSE)
            + "\n\nЯрослав Кузишин, Антон Зелинский, Карина Гасимова\n\nРеклама:")
    article = articlekit.extract(text, now=NOW)
    assert article.authors == ("Ярослав Кузишин", "Антон Зелинский", "Карина Гасимова")


def test_a_name_between_two_paragraphs_is_not_a_byline() -> None:
    body = ("<h1>Actress looks stunning in new photos</h1><p>ExampleNews October 06, 2018</p>"
            f"<p>{PROSE[0]}</p><p>Kate Henshaw</p>" + "".join(f"<p>{p}</p>" for p in PROSE[1:]))
    html = f"<html><body><article>{body}</article></body></html>"
    assert articlekit.extract(html, now=NOW).authors == ()


def test_the_bodys_first_block_equal_to_the_title_is_the_headline() -> None:
    html = ("<html><head><title>Why the quarrel is a public matter - Example</title></head><body>"
            "<table><tr><td><ul><li>Why the quarrel is a public matter</li></ul></td></tr></table>"
            "<article>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</article></body></html>")
    article = articlekit.extract(html, url="https://example.com/news/1", now=NOW)
    assert article.title == "Why the quarrel is a public matter"
    assert article.text.startswith(PROSE[0])


# --- the headline of a text dump: evidence, not position ---------------------------------------

def _dump(*lines: str) -> str:
    return "\n\n".join(lines) + "\n\n" + "\n\n".join(PROSE)


def test_headline_is_the_title_line_whose_dateline_follows_it() -> None:
    text = _dump("Support independent journalism", "Contribute", "Council approves the riverside cycle lanes",
                 "Reuters November 18, 2019 11:03 PM")
    assert articlekit.extract(text, now=NOW).title == "Council approves the riverside cycle lanes"


def test_lines_shaped_like_bylines_count_against_a_headline() -> None:
    for line in ("By Jane Doe, Staff Writer", "Jane Doe and John Roe, Associated Press", "Jane Doe@JaneDoe",
                 "Analysis by Jane Doe"):
        assert headline_mod._title_penalty(line) >= headline_mod.BYLINE_PENALTY, line
    for line in ("Council approves the riverside cycle lanes", "Elizabeth Warren, a senator, wins the vote",
                 "엘제이의 리벤지인가, 류화영의 코스프레인가"):  # caseless script: capitals prove nothing
        assert headline_mod._title_penalty(line) == 0, line


def test_prompts_glued_menus_and_image_alt_text_count_against_a_headline() -> None:
    for junk in ("0 Email this to someone", "Share on Facebook", "Log inRegisterLog out",
                 "you are here: HomeNewsBusinessMarkets", "main article image", "Example GmbH Logo"):
        assert headline_mod._title_penalty(junk) >= 2, junk
    for title in ("McDonald's opens in Iceland again", "Fashion icon dies at 90", "PolitiFact checks the claims"):
        assert headline_mod._title_penalty(title) == 0, title


def _labelled(text: str) -> list[Block]:
    blocks = text_blocks(text)
    classify.label(blocks)
    return blocks


def test_a_line_repeated_elsewhere_on_the_page_is_evidence_for_a_headline() -> None:
    blocks = _labelled(_dump("Council approves the riverside cycle lanes", "Nov. 19, 2019")
                       + "\n\nMore stories\n\n14. Council approves the riverside cycle lanes")
    page = headline_mod._Page(blocks, 2, frozenset())
    assert page.repeated(0)
    blocks = _labelled(_dump("Council approves the riverside cycle lanes", "Nov. 19, 2019")
                       + "\n\n© 2019 Council approves the riverside cycle lanes. All rights reserved.")
    assert not headline_mod._Page(blocks, 2, frozenset()).repeated(0)  # a copyright line: the site's name
    twice = "Council approves the riverside cycle lanes"
    blocks = _labelled(_dump(twice, twice))
    assert not headline_mod._Page(blocks, 2, frozenset()).repeated(0)  # next to itself: alt text and caption


def test_share_buttons_between_headline_and_story_do_not_make_it_far() -> None:
    share = "\n\n".join(f"Share this with {n}" for n in ("Facebook", "Messenger", "Twitter", "Email")) * 4
    text = ("Politics\n\nCouncil approves the riverside cycle lanes\n\n19 November 2019\n\n" + share
            + "\n\nThese are external links and will open in a new window\n\n"
            + "\n\n".join(PROSE))
    blocks = _labelled(text)
    first = next(i for i, b in enumerate(blocks) if b.reason is None)
    assert first - 1 > headline_mod.LOOK_BACK
    assert headline_mod._Page(blocks, first, frozenset())._near_body(1)
    assert articlekit.extract(text, now=NOW).title == "Council approves the riverside cycle lanes"


def test_slug_headline_far_below_a_misplaced_story_start_needs_its_dateline() -> None:
    teasers = "\n\n".join(f"Teaser number {i} about another matter that happened in town, with more words."
                          for i in range(8))
    head = "Man stabbed to death on the bay train\n\nUpdated 10:01 pm PST, Tuesday, November 19, 2019"
    url = "https://news.example/crime/article/man-stabbed-to-death-on-bay-train-14848218.php"
    text = f"Menu\n\n{teasers}\n\n{head}\n\n" + "\n\n".join(PROSE)
    blocks = _labelled(text)
    assert headline_mod.find_title(blocks, 1, slug_mod.slug_words(url)) == 9  # the story start misplaced
    caption = "Man stabbed to death on the bay train, the witness said (City Police)"
    text = "Council approves the riverside cycle lanes\n\nNov. 19, 2019\n\n" + "\n\n".join(
        [*PROSE, caption, *(p.replace("council", "board") for p in PROSE)])  # a caption far below its start
    assert articlekit.extract(text, url=url, now=NOW).title == "Council approves the riverside cycle lanes"


def test_a_sentence_after_a_dash_is_not_a_meta_segment() -> None:
    text = ("Officials report a sixth death from the virus\n\nNovember 19, 2019 at 9:45 am\n\n"
            "ST. JOSEPH, Mich. (AP) — Michigan health authorities are reporting a 6th fatality linked to the virus.\n\n"
            + "\n\n".join(PROSE))
    article = articlekit.extract(text, now=NOW)
    assert article.authors == ()
    assert article.text.startswith("ST. JOSEPH")


def test_a_name_under_a_long_markdown_headline_is_not_its_wrapped_end() -> None:
    text = ("# Sweden tells 5,000,000 households how to survive a war in a new pamphlet\n\n"
            "Noora Mykkanen\n\nPublished November 18, 2024 9:26pm\n\n" + "\n\n".join(PROSE))
    article = articlekit.extract(text, now=NOW)
    assert article.title == "Sweden tells 5,000,000 households how to survive a war in a new pamphlet"
    assert article.authors == ("Noora Mykkanen",)


def test_with_a_declared_title_the_headline_is_looked_for_only_near_the_story() -> None:
    teasers = "\n\n".join(f"Teaser number {i} about another matter that happened in town, with more words."
                          for i in range(8))
    head = "Man stabbed to death on the bay train\n\nUpdated 10:01 pm PST, Tuesday, November 19, 2019"
    url = "https://news.example/crime/article/man-stabbed-to-death-on-bay-train-14848218.php"
    blocks = _labelled(f"Menu\n\n{teasers}\n\n{head}\n\n" + "\n\n".join(PROSE))
    slug = slug_mod.slug_words(url)
    assert headline_mod.find_title(blocks, 1, slug) == 9  # a dump: the slug vouches for it anywhere
    assert headline_mod.find_title(blocks, 1, slug, whole_page=False) is None  # HTML: the markup has it


def test_slug_words_match_umlauts_either_way() -> None:
    slug = frozenset({"hoecke", "voigt", "luege"})
    assert slug_mod.slug_overlap("Voigt, Höcke und der Vorwurf einer Lüge", slug) == 1.0
    assert slug_mod.slug_overlap("Voigt, Hocke, Luge", frozenset({"hocke", "voigt", "luge"})) == 1.0


def test_the_last_item_of_a_numbered_breadcrumb_trail_is_the_declared_title() -> None:
    trail = " 1. Home\n 2. Politik\n 3. Deutschland\n 4. Landtagswahl in Thüringen: Voigt und Höcke im TV-Duell"
    text = _dump(trail, "Wahlkampf in Thüringen", "Voigt und Höcke im TV-Duell", "Von Jane Doe",
                 "19. November 2019")
    url = "https://news.example/politik/article1234/Landtagswahl-in-Thueringen-Voigt-und-Hoecke-im-TV-Duell.html"
    assert articlekit.extract(text, url=url, now=NOW).title == "Landtagswahl in Thüringen: Voigt und Höcke im TV-Duell"
    # a different name in the trail counts only with more of the slug's words than the headline
    trail = " 1. Home\n 2. Sport\n 3. Berlin-Marathon: Sebastian Hendel im Porträt"
    text = _dump(trail, "Marathon in Berlin: Im harten Läuferalltag weit nach vorne", "19. November 2019")
    url = "https://news.example/sport/berlin-marathon-hendel-lux.GoPAarjxoHNezv1hVvgdhr"
    assert articlekit.extract(text, url=url, now=NOW).title == "Berlin-Marathon: Sebastian Hendel im Porträt"
    assert articlekit.extract(text, now=NOW).title == "Marathon in Berlin: Im harten Läuferalltag weit nach vorne"


def test_a_numbered_list_of_teasers_is_no_breadcrumb_trail() -> None:
    most_read = "\n".join(f" {i}. Another long teaser headline number {i} about the town" for i in range(1, 5))
    text = _dump(most_read, "Council approves the riverside cycle lanes", "19 November 2019")
    url = "https://news.example/2019/11/another-long-teaser-headline-number-about-town"
    assert articlekit.extract(text, url=url, now=NOW).title == "Council approves the riverside cycle lanes"


def test_a_kicker_named_in_the_slug_joins_the_headline() -> None:
    text = _dump("Kenia", "Nairobi von unten", "19.11.2019")
    url = "https://news.example/artikel/522721.kenia-nairobi-von-unten.html"
    assert articlekit.extract(text, url=url, now=NOW).title == "Kenia: Nairobi von unten"
    assert articlekit.extract(text, now=NOW).title == "Nairobi von unten"


def test_a_markdown_heading_of_unknown_level_does_not_outweigh_a_headline_with_its_dateline() -> None:
    text = _dump("Council approves the riverside cycle lanes", "Updated 2019.11.19 22:09", "Jane Doe, reporter",
                 "## Two hours of debate end without a vote", "Members split over the cost of the plan",
                 "A second vote is due on Friday", "The mayor stays away", "Enlarge image")
    assert articlekit.extract(text, now=NOW).title == "Council approves the riverside cycle lanes"


def test_a_headline_shaped_like_a_name_counts_when_the_slug_names_it() -> None:
    text = _dump("Log inRegister Log out", "Royal Self-Indicting Arrogance", "19 November 2019")
    url = "https://news.example/columnists/201911181077343476-royal-self-indicting-arrogance/"
    assert articlekit.extract(text, url=url, now=NOW).title == "Royal Self-Indicting Arrogance"
    text = _dump("Jane Doe", "19 November 2019")
    assert articlekit.extract(text, url="https://news.example/2019/11/council-approves-lanes", now=NOW).title is None


def test_a_markdown_dumps_link_debris_does_not_push_the_byline_out_of_reach() -> None:
    debris = ['[ In Pocket speichern ](https://getpocket.com/save?url=https%3A%2F%2Fnews.example%2F',
              "Council-approves-the-riverside-cycle-lanes-",
              'ueberzeugen/forum-538944/comment/ "Kommentar lesen")',
              "![Cycle lanes](https://img.example/width/610/q85/2019/11/19/council-approves-",
              "cycle-lanes-82adf0aebe8ed409.png)"]
    lines = ["Council approves the riverside cycle lanes", "The plan costs less than expected.", *debris,
             "The riverside today.", "13:37 Uhr", "Lesezeit: 2 Min.", "Politics", "Von", "Jane Doe", *PROSE]
    blocks = [Block(t, kind="heading" if i == 0 else "paragraph") for i, t in enumerate(lines)]
    assert header_mod._below(blocks, 0, header_mod.UNDER_TITLE) == 1 + len(debris) + 7
    head = header_mod.header(blocks)
    assert Candidate("authors", ("Jane Doe",), "byline") in head.candidates
    assert Candidate("date", Relative(clock=(13, 37)), "relative") in head.candidates


def test_a_horizontal_rule_glued_to_the_headline_is_not_part_of_it() -> None:
    text = _dump("Council approves the riverside cycle lanes ━━━━━━━━━━━━━━━━━━━━", "19 November 2019")
    assert articlekit.extract(text, now=NOW).title == "Council approves the riverside cycle lanes"


def test_a_title_cased_headline_may_end_with_a_full_stop_when_the_slug_names_it() -> None:
    url = "https://news.example/articles/home-depot-stock-falling-earnings-release-51574164800"
    headline = "Home Depot Stock Is Falling After Its Earnings Release. Why You Shouldn’t Worry."
    text = _dump("Text size", headline, "Nov. 19, 2019 8:21 am ET")
    assert articlekit.extract(text, url=url, now=NOW).title == headline
    caption = "Home Depot stock is falling after its earnings release, and analysts say why."
    text = _dump("Text size", caption, "Nov. 19, 2019 8:21 am ET")
    assert articlekit.extract(text, url=url, now=NOW).title is None  # a sentence: a caption, a standfirst


def test_the_title_a_comment_header_quotes_is_the_headline() -> None:
    text = ("GROWING AN ONLINE BUSINESS\n\nHow to Adopt an Online Leader Success Mindset\n\n"
            + "\n\n".join(PROSE) + "\n\nGROWING AN ONLINE BUSINESS\n\nPamela Wilson\n\n"
            "6 thoughts on “How to Adopt an Online Leader Success Mindset”\n\nJane Roe\n\nNovember 19, 2019 at 9:45 am")
    assert articlekit.extract(text, now=NOW).title == "How to Adopt an Online Leader Success Mindset"


def test_captions_and_ads_under_the_headline_do_not_push_the_byline_out_of_reach() -> None:
    lines = [("Council approves the riverside cycle lanes", None), ("The plan costs less than expected.", None),
             ("Print this page", None), ("Lanes by the river", None), ("The riverside path on a Sunday.", None),
             ("(Photo: Jane Roe / City Archive)", "caption"), ("Advertisement", "advertisement"),
             ("13:37 Uhr", None), ("Reading time: 2 min", None), ("Politics", None), ("Von", None), ("Jane Doe", None)]
    blocks = [Block(t, reason=r) for t, r in lines]
    found = header_mod._find_byline(blocks, 0, PageOrder(languages=["en"]))
    assert found is not None and found.at("byline") == 10
    assert Candidate("authors", ("Jane Doe",), "byline") in found.candidates


def test_byline_unwrapped_onto_the_last_paragraph_of_a_longer_standfirst() -> None:
    text = _dump("Elever åtalas för misshandel på Lundsberg", "Publicerad 23 okt 2025 kl 10.23",
                 "Eleverna trängde på natten in och misshandlade flera andra elever, enligt åtalet.",
                 "I sovrummen slog de skolkamraterna med skärp.",
                 "Nu åtalas fem elever för misshandel och grovt hemfridsbrott. Viktor Hedlund")
    assert articlekit.extract(text, now=NOW).authors == ("Viktor Hedlund",)


def test_a_far_byline_may_put_its_prefix_on_a_line_of_its_own() -> None:
    lines = ["Menu", "Council approves the riverside cycle lanes", *(["Share"] * 12), "Von", "Jane Doe", *PROSE]
    blocks = [Block(t) for t in lines]
    found = header_mod._far_byline(blocks, 16, {}, PageOrder(languages=["en"]))
    assert found is not None and found.at("byline") == 14
    assert Candidate("authors", ("Jane Doe",), "byline") in found.candidates


def test_a_cjk_headline_is_not_taken_for_a_bare_name() -> None:
    text = _dump("商品の改造が商標法違反に！？", "by ライトハウス国際特許事務所／ 2016.12.01")
    assert articlekit.extract(text, now=NOW).title == "商品の改造が商標法違反に！？"


def test_without_a_slug_a_far_headline_needs_its_dateline_and_a_repetition() -> None:
    menu = "人民日报人民日报海外版中国汽车报中国能源报健康时报证券时报国际金融报网讽刺与幽默"
    headline = "促进航天技术更好惠及人民――习近平主席向首届论坛致贺信"
    filler = ["人民网智慧党建体验中心", "全国重点实验室环球网海外网", "人民图片人民网研究院", "人民慕课"]
    lines = [menu, *filler, headline, "2024年04月24日08:22 | 来源：人民网－人民日报", *PROSE, "相关新闻", headline]
    blocks = [Block(t) for t in lines]
    assert headline_mod.find_title(blocks, 0, frozenset()) == 5
    assert headline_mod.find_title(blocks[:-1], 0, frozenset()) != 5  # printed once: no evidence enough


def test_slug_words_cut_where_a_slugifier_dropped_a_letter() -> None:
    slug = slug_mod.slug_words("http://news.example/news/servi-o-de-atendimento-registra-arrombamento-em-ve-culos")
    assert slug_mod.slug_overlap("Atendimento registra arrombamento em veículos", slug) == 4 / 5
    assert "sinwars" in slug_mod.folded_words("Sinwar’s appointment")  # an apostrophe joins, as in slugs


def test_a_slash_date_in_a_visible_dateline_is_day_first_on_a_page_not_in_english() -> None:
    prosa = "".join(f"<p>A equipe do serviço registrou nesta manhã o arrombamento de dois dos cinco automóveis "
                    f"da unidade número {i}, e a polícia foi até o local para verificar o que aconteceu.</p>"
                    for i in range(6))
    html = ("<html lang='pt-BR'><head><title>Atendimento registra arrombamento</title></head><body><article>"
            "<h1>Atendimento Domiciliar registra arrombamento em veículos</h1>"
            "<p>05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde</p>" + prosa + "</article></body></html>")
    article = articlekit.extract(html, now=NOW)
    assert article.date == dt.date(2018, 10, 5)
    assert article.authors == ("Clarissa Borba",)


def test_a_kicker_joins_only_when_the_slug_spells_out_kicker_and_headline() -> None:
    headline = "Fikk overraskelse av manageren på fødestua: – Helt absurd"
    text = _dump("Tone Damli", headline, "16.10.2024")
    url = "https://news.example/kjendis/david-eriksen-dukket-opp-da-tone-damli-fodte-darlig-timing/s/5-95-2070077"
    assert articlekit.extract(text, url=url, now=NOW).title == headline


def test_a_cjk_paragraph_is_no_url_debris() -> None:
    assert not header_mod._is_debris("パレスチナ自治区ガザ地区のイスラム組織ハマスとイスラエルの停戦交渉を仲介")
    assert header_mod._is_debris("Phishing-2-3840px-82adf0aebe8ed409.png)")


def test_a_date_in_the_url_beats_a_relative_one_and_lends_it_no_zone() -> None:
    text = _dump("Council approves the riverside cycle lanes", "1 hour ago")
    url = "https://news.example/articles/20250114/k00/00m/030/335000c"
    seen = dt.datetime(2025, 1, 14, 23, 59, 59, tzinfo=dt.UTC)
    article = articlekit.extract(text, url=url, now=seen)
    assert article.date == dt.date(2025, 1, 14)
    assert article.provenance["date"] == "url"


def test_a_kicker_run_into_the_headline_takes_the_colon_the_page_prints_nearby() -> None:
    declared = 'Schnellere Integration: "Job-Turbo" hilft Geflüchteten auf dem Arbeitsmarkt'
    text = _dump("  • Nachrichten", f"  • {declared}", declared.replace(":", ""), "27.04.24, 08:00 Uhr")
    assert articlekit.extract(text, now=NOW).title == declared


def test_captions_are_no_headlines_and_their_dates_are_the_photos() -> None:
    assert headline_mod._title_penalty("イスラエルの国旗＝同国で2019年5月") >= 2.0
    assert lines_mod.photo_dated("外交を総括する演説をするバイデン米大統領＝ワシントンで2025年1月13日、AP")
    assert lines_mod.photo_dated("Harris in Detroit, Monday, Sept. 2, 2024. (AP Photo/Jacquelyn Martin)")
    assert not lines_mod.photo_dated("(Bild: Bild erstellt mit KI durch heise online / dmk) 13:37 Uhr")
    assert not lines_mod.photo_dated("Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)")


def test_a_cjk_name_has_short_parts() -> None:
    assert byline_mod.all_full_names(["松岡 大地"]) == ["松岡 大地"]
    assert byline_mod.all_full_names(["多国間連携に注力 アフガンやガザ対応に批判も"]) == []


def test_a_headline_a_comment_header_quotes_is_not_skipped_by_the_score_bound() -> None:
    """The cheap upper bound that skips hopeless headline candidates must count every bonus,
    the comment header's quotation of the title included."""
    prose = ("The council met on Tuesday and agreed, after a long debate, to fund the new bridge across the "
             "river. Residents said the plan would make their daily journey shorter and safer for children.")
    page = "\n\n".join([
        "# Council approves the budget for next year",
        "Nov. 18, 2019",
        "How to Adopt an Online Leader Success Mindset",
        "November 19, 2019",
        prose, prose.replace("council", "board"), prose.replace("bridge", "tunnel"),
        "6 thoughts on \u201cHow to Adopt an Online Leader Success Mindset\u201d",
    ])
    assert articlekit.extract(page).title == "How to Adopt an Online Leader Success Mindset"


def test_a_two_word_slug_is_evidence_and_a_one_word_path_is_not() -> None:
    assert slug_mod.slug_words("http://www.autoracing.com.br/classificacao-nascar/") == {"classificacao", "nascar"}
    assert slug_mod.slug_words("https://news.example/politics/12345") == frozenset()


def test_json_ld_in_a_script_without_a_type_is_read() -> None:
    ld = '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2022-01-28T06:00:00+01:00"}'
    article = articlekit.extract(page(body=f"<script>{ld}</script>"))
    assert article.date == dt.datetime(2022, 1, 28, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert article.provenance["date"] == "json-ld"


def test_rdfa_dates_are_read_and_a_comments_are_not() -> None:
    """Drupal marks a node's date with RDFa ('<span property="schema:dateCreated" content=...>');
    a comment's date is the comment's."""
    story = '<span property="schema:dateCreated" content="2023-10-06T03:46:34+00:00"></span>'
    comment = ('<div typeof="schema:Comment"><span property="schema:dateCreated" '
               'content="2023-10-09T10:00:00+00:00"></span></div>')
    article = articlekit.extract(page(body=story + comment))
    assert article.date == dt.datetime(2023, 10, 6, 3, 46, 34, tzinfo=dt.UTC)
    assert article.provenance["date"] == "microdata"
    only_comment = articlekit.extract(page(body=comment))
    assert only_comment.date is None


def test_a_web_page_objects_date_is_the_last_resort() -> None:
    """No article object: the WebPage's datePublished dates the page, below every other source."""
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage", '
          '"datePublished": "2014-03-17T01:44:37+00:00"}]}</script>')
    alone = articlekit.extract(page(head=ld))
    assert alone.date == dt.datetime(2014, 3, 17, 1, 44, 37, tzinfo=dt.UTC)
    assert alone.provenance["date"] == "json-ld-page"
    og = '<meta property="article:published_time" content="2019-11-20T05:47:00+00:00">'
    both = articlekit.extract(page(head=ld + og))
    assert both.date == dt.datetime(2019, 11, 20, 5, 47, tzinfo=dt.UTC)
    assert both.provenance["date"] == "og"


def test_a_time_elements_text_settles_the_order_of_its_datetime() -> None:
    body = '<p><time datetime="01-11-2023 10:29">1. November 2023 10:29</time></p>'
    article = articlekit.extract(page(body=body))
    assert article.date == dt.datetime(2023, 11, 1, 10, 29)


def test_a_first_time_element_that_disagrees_with_the_urls_day_loses_to_it() -> None:
    """A sidebar's recent posts print their <time>s before the story's."""
    sidebar = '<aside><p><time datetime="2009-04-11 18:06:36">11. April 2009</time></p></aside>'
    url = "https://example.de/2019/10/22/professionell-entloeten/"
    article = articlekit.extract(page(body=sidebar.replace("aside", "div")), url=url)
    assert article.date == dt.date(2019, 10, 22)
    assert article.provenance["date"] == "url"
    agreeing = articlekit.extract(page(body='<p><time datetime="2019-10-22 09:15">22. Oktober</time></p>'), url=url)
    assert agreeing.date == dt.datetime(2019, 10, 22, 9, 15)
    assert agreeing.provenance["date"] == "time"


def test_a_how_to_or_recipe_dates_the_page_that_has_no_article_object() -> None:
    how_to = {"@context": "https://schema.org", "@type": "HowTo", "name": "Eine runde Tischdecke nähen",
              "datePublished": "2022-01-10T22:06:08Z", "author": {"@type": "Person", "name": "Robert Stitz"}}
    article = articlekit.extract(page(jsonld(how_to)))
    assert article.date == dt.datetime(2022, 1, 10, 22, 6, 8, tzinfo=dt.UTC)
    assert article.provenance["date"] == "json-ld-page"


def test_a_script_state_dates_a_page_no_markup_dates() -> None:
    state = ('<script>window.ShopifyAnalytics = {"product": {"title": "Sidamo", '
             '"published_at":"2019-03-02T06:22:28+01:00","created_at":"2019-03-02T06:27:24+01:00"}};</script>')
    article = articlekit.extract(page(state), url="https://de.example.org/products/sidamo", now=NOW)
    assert article.date == dt.datetime(2019, 3, 2, 6, 22, 28, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert article.provenance["date"] == "script-data"
    # any date the markup declares comes first
    meta = '<meta property="article:published_time" content="2020-01-05T10:00:00+00:00">'
    assert articlekit.extract(page(meta + state), now=NOW).date == dt.datetime(2020, 1, 5, 10, tzinfo=dt.UTC)



def test_a_script_state_dates_a_page_by_pub_date_and_with_microseconds() -> None:
    state = '<script>var page = {"pubDate": "2021-04-05T09:10:11.123456+02:00", "id": 7};</script>'
    article = articlekit.extract(page(state), now=NOW)
    assert article.date is not None and article.date.isoformat()[:19] == "2021-04-05T09:10:11"
