"""The body on page shapes no rule was written for: a story split into parts, pages where the
first pass keeps too little (the fallback cascade), captions and labels of any site."""

from __future__ import annotations

import articlekit

FIRST_PART = [
    f"Paragraph {n} of the first part: the council met on Tuesday evening and argued for hours "
    f"about the budget for the harbour, the schools and the new tram line, item {n} of many."
    for n in range(1, 9)
]
SECOND_PART = [
    f"Paragraph {n} of the second part: after the break the mayor answered questions from "
    f"residents, who asked about rents, parking and the closing of the old market, point {n}."
    for n in range(1, 5)
]


def _split_story() -> str:
    """A story cut into two wrappers around an ad, the first one also holding a header of
    short lines (so the container chosen is the first part's content, not the whole)."""
    head = "".join(f"<p>Label {n}</p>" for n in range(6))
    first = "".join(f"<section><div><p>{p}</p></div></section>" for p in FIRST_PART)
    second = "".join(f"<section><div><p>{p}</p></div></section>" for p in SECOND_PART)
    return (
        "<html><body><div class='page'><article><h1>Council argues over the harbour budget</h1>"
        f"<div class='s-block'><div class='s-head'>{head}</div><div class='s-content'>{first}</div></div>"
        "<div class='s-slot'><p>Advertisement</p></div>"
        f"<div class='s-block'><div class='s-content'>{second}</div></div>"
        "</article><div class='s-more'><a href='/1'>Harbour plans</a> <a href='/2'>Tram line</a></div>"
        "</div></body></html>"
    )


def test_a_story_split_into_wrappers_around_an_ad_is_kept_whole() -> None:
    article = articlekit.extract(_split_story())
    assert article.paragraphs == FIRST_PART + SECOND_PART
    assert "Harbour plans" not in article.text


POST = [
    "We drove up to the lake on Saturday morning, later than planned, because the car would "
    "not start until a neighbour came over with cables and a great deal of advice.",
    "The water was colder than last year. The children swam anyway, and then sat wrapped in "
    "towels on the jetty eating the sandwiches we had meant to keep for lunch.",
    "On the way back we stopped at the farm shop, which has new owners, a new roof and, sadly, "
    "no more of the plum jam that made the drive worth it every single summer.",
]
SIDEBAR = [
    f"About me, part {n}: I have written this blog since 2009 about walks, lakes and the small "
    f"towns of the north, and I answer every letter that readers send, sooner or later."
    for n in range(1, 9)
]


def _blog_page() -> str:
    """A 2010s blog template: the post sits in a wrapper named like a widget, beside sidebar
    widgets that together hold more prose than the post (so no share of the page's prose
    protects the post)."""
    post = "".join(f"<p>{p}</p>" for p in POST)
    pairs = zip(SIDEBAR[::2], SIDEBAR[1::2], strict=True)
    side = "".join(f"<div class='widget HTML'><p>{a}</p><p>{b}</p></div>" for a, b in pairs)
    return (
        "<html><head><title>Notes from the north: A day at the lake</title></head><body><div class='outer'>"
        f"<div class='widget Blog' id='Blog1'><h3 class='post-title'>A day at the lake</h3>{post}</div>"
        f"<div class='column-right'>{side}</div>"
        "</div></body></html>"
    )


def test_a_post_in_a_wrapper_named_like_boilerplate_is_kept_for_its_headline() -> None:
    article = articlekit.extract(_blog_page())
    assert article.paragraphs == POST
    assert article.provenance["text"] == "blocks"
    assert any(r.reason == "sidebar" and "About me, part 1" in r.text for r in article.removed)


def test_a_story_pruned_piece_by_piece_comes_back_from_the_relaxed_pass() -> None:
    """A page builder's text blocks, each named like an ad and none holding much of the page:
    the first pass prunes them all; the cascade's first stage, without the names, keeps them."""
    pieces = "".join(f"<div class='text-banner'><p>{p}</p></div>" for p in POST)
    article = articlekit.extract(f"<html><body><div class='page'>{pieces}</div></body></html>")
    assert article.provenance["text"] == "no-names"
    assert article.paragraphs == POST


def test_a_page_large_with_scripts_still_gets_the_second_opinion() -> None:
    """readability-lxml reads pages up to a size; what counts is the page without its scripts."""
    nouns = ["river", "harbour", "lantern", "orchard", "meadow", "window", "letter", "garden"]
    verbs = ["sleeps", "waits", "turns", "sings", "burns"]
    skies = ["grey", "pale", "wide", "cold", "late"]
    lines = [f"The {n} {v} under a {m} sky tonight" for n in nouns for v, m in zip(verbs, skies, strict=True)]
    script = "<script>var x = '" + "x" * 600_000 + "';</script>"
    page = f"<html><head>{script}</head><body><div>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</div></body></html>"
    article = articlekit.extract(page)
    assert article.provenance["text"] == "readability"
    assert "The lantern turns under a wide sky tonight" in article.paragraphs


def test_a_caption_closed_by_a_photo_credit_is_not_body() -> None:
    story = [
        "The harbour authority said on Monday that the new ferry route would open in the spring, "
        "two years later than planned, after a long dispute over the cost of the terminal.",
        "Residents of the island have waited for the route since 2019, and many of them told the "
        "council that the old ferry was too small for the traffic of the summer months.",
        "The speed limit on the new quay will be 20 (km/h)",
        "The council will meet again next week to decide on the timetable and on the fares, which "
        "the harbour authority wants to keep at the level of the old route for the first year.",
    ]
    caption = "Passengers board the old ferry at the island's quay on Sunday. (AP Photo/Jane Roe)"
    dump = "Ferry route to open in spring\n\n" + "\n\n".join([story[0], caption, *story[1:]]) + "\n"
    article = articlekit.extract(dump)
    assert article.paragraphs == story
    assert any(r.reason == "caption" and r.text == caption for r in article.removed)


def test_reading_time_labels_are_not_body() -> None:
    story = "".join(f"<p>{p}</p>" for p in POST)
    for label in ("Lecture 4 min.", "3 Min Lesezeit", "5 min read"):
        article = articlekit.extract(f"<html><body><article><p>{label}</p>{story}</article></body></html>")
        assert article.paragraphs == POST
        assert any(r.reason == "reading-time" and r.text == label for r in article.removed)


def test_a_dump_whose_story_run_is_tiny_keeps_the_prose_beside_it() -> None:
    """A dump where a long menu follows each paragraph: the best run holds one paragraph; the
    text cascade ('all-prose') takes back the prose the run left out."""
    paras = [POST[0], POST[1], POST[2], SIDEBAR[0].replace("About me, part 1: ", "")]
    menu = "\n".join(f"  * {w}" for w in ["News", "Sport", "Weather", "Travel", "Culture", "Money",
                                         "Opinion", "Video", "Podcasts", "Games", "Puzzles", "Jobs"])
    dump = "A day at the lake\n\n" + f"\n\n{menu}\n\n".join(paras) + "\n"
    article = articlekit.extract(dump)
    assert article.provenance["text"] == "all-prose"
    assert article.paragraphs == paras


JA_STORY = ("東京都の小池百合子知事は十日、新しい交通政策を発表した。都内の渋滞を減らすため、バスの本数を"
            "増やし、自転車道を整備するという。多くの都民が期待を寄せている。")


def test_phrases_in_scripts_without_spaces_match_inside_a_sentence() -> None:
    """Japanese has no word boundaries inside a sentence: a members-only notice is found by its
    phrase wherever it stands, while a paragraph of prose that uses the phrase stays."""
    notice = "この記事は会員限定です。紙の新聞の定期購読者の方は、無料で会員登録できます。"
    prose = ("東京都は会員限定のサービスを始めると発表した。これは多くの都民にとって便利な新しい制度になると"
             "期待されており、来年から全国に広がる見込みだという。")
    page = f"<html><body><article><p>{prose}</p><p>{JA_STORY}</p><p>{notice}</p></article></body></html>"
    article = articlekit.extract(page)
    assert article.paragraphs == [prose, JA_STORY]
    assert any(r.reason == "paywall" and r.text == notice for r in article.removed)


def test_a_short_post_of_two_line_paragraphs_keeps_them_with_its_structure() -> None:
    """No paragraph is long enough to be prose alone: its sentences are its prose all the same."""
    page = ("<html><head><title>Ferry runs late again before the new timetable</title></head><body><article>"
            "<h1>Ferry runs late again before the new timetable</h1>"
            "<p>The ferry ran late again this morning, and the queue reached the harbour gate.</p>"
            "<h2>The new timetable</h2><ul><li>first boat at six</li><li>last boat at ten</li></ul>"
            "<p>The council says the new timetable will start in May, after the repairs.</p>"
            "</article></body></html>")
    article = articlekit.extract(page)
    assert article.paragraphs == [
        "The ferry ran late again this morning, and the queue reached the harbour gate.",
        "The new timetable", "first boat at six", "last boat at ten",
        "The council says the new timetable will start in May, after the repairs.",
    ]
    markdown = article.to_markdown()
    assert "## The new timetable\n\n- first boat at six\n- last boat at ten" in markdown


LEAD = ("In the night to Saturday two young drivers wrecked a Corvette and an Audi on the motorway, "
        "hours apart and miles from each other.")
STORY = [
    f"Paragraph {n}: the police said the first driver lost control just after joining the motorway "
    f"near the old bridge, hit the barrier and walked away from the car without a scratch, case {n}."
    for n in range(1, 6)
]


def _page_with_lead(lead: str) -> str:
    """A news page whose lead sits in an element of its own between the headline and the
    story's container, with a dateline and share buttons between them."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><body><div class='top'><p>Basel &amp; Region live</p>"
        "<p><a href='/r'>Region</a> <a href='/s'>Sport</a> <a href='/k'>Kultur</a> <a href='/w'>Wetter</a></p>"
        "<h1>Two young drivers wreck two sports cars in one night</h1>"
        "<p>19.10.2019 11:36</p></div>"
        f"<div class='intro'><p>{lead}</p></div>"
        "<ul class='tools'><li><a href='/s'>Share</a></li><li><a href='/t'>Tweet</a></li></ul>"
        f"<div class='wrap'><div class='text'>{story}</div></div>"
        "<div class='more'><h2>More news</h2>"
        + "".join(f"<p><a href='/x{n}'>A teaser of another story, number {n}, with its own headline</a></p>"
                  for n in range(8))
        + "</div><div class='foot'><p>Contact, imprint and privacy: the small print of the site.</p></div>"
        "</body></html>"
    )


def test_a_lead_printed_apart_between_headline_and_story_is_kept() -> None:
    article = articlekit.extract(_page_with_lead(LEAD))
    assert article.paragraphs == [LEAD, *STORY]
    assert article.title == "Two young drivers wreck two sports cars in one night"


def test_a_line_above_the_story_that_repeats_one_of_its_paragraphs_is_no_lead() -> None:
    article = articlekit.extract(_page_with_lead(STORY[2]))
    assert article.paragraphs == STORY


def test_a_noscript_left_open_by_the_parser_does_not_swallow_the_page() -> None:
    """'<noscript><div id="nojs"></noscript>': a browser reads the noscript as text up to its end
    tag; libxml2 keeps the <div> open and the noscript holds the rest of the page."""
    menu = "".join(f"<div><a href='/p{n}'>Section {n}</a></div>" for n in range(30))
    story = "".join(f"<p>{p}</p>" for p in STORY)
    page = (
        "<!doctype html><html><body><noscript><div id='nojs'></noscript>"
        f"<div id='menu'>{menu}</div><div id='news'><h1>Two cars wrecked in one night</h1>{story}</div>"
        "<noscript></div></noscript></body></html>"
    )
    article = articlekit.extract(page)
    assert article.paragraphs == STORY
    assert article.title == "Two cars wrecked in one night"


MORE = [
    f"Paragraph {n} of the rest: the minister's office said the bill would be changed before the "
    f"vote, but the publishers' group, the union and the press council all stood by their letter, {n}."
    for n in range(1, 5)
]


def test_the_rest_of_a_story_in_a_read_more_box_is_kept_and_a_teaser_box_is_not() -> None:
    """A box named like boilerplate ('read-more', 'related') that holds running prose is the
    story's (a collapsed continuation); one of headlines with a summary each stays boilerplate."""
    head = "".join(f"<p>{p}</p>" for p in STORY)
    rest = "".join(f"<p>{p}</p>" for p in MORE)
    teasers = "".join(
        f"<h3><a href='/s{n}'>Another story, number {n}</a></h3><p>The summary of another story, number {n}, "
        f"which is about something else entirely and runs for a sentence or two before it ends.</p>" for n in range(4)
    )
    page = (
        "<html><body><div class='story'><h1>Media will not buckle over new surveillance laws</h1>"
        f"{head}<div id='read-more'><a href='#'>Read more</a><div id='read-more-content'>{rest}</div></div>"
        f"</div><div class='related-stories'>{teasers}</div></body></html>"
    )
    article = articlekit.extract(page)
    assert article.paragraphs == [*STORY, *MORE]


def test_a_lead_in_a_box_named_teaser_without_a_link_is_kept() -> None:
    """CMSs print the story's own lead in a 'teaser-text' box; a box of related stories links
    to them, this one links nowhere."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    related = "".join(f"<li><a href='/n{n}'>Another story, number {n}, worth a click</a></li>" for n in range(5))
    page = (
        "<html><body><div class='news'><h1>Two young drivers wreck two sports cars in one night</h1>"
        f"<div class='teaser-text'><p>{LEAD}</p></div><div class='news-text-wrap'>{story}</div></div>"
        f"<div class='teaser-list'><ul>{related}</ul></div></body></html>"
    )
    article = articlekit.extract(page)
    assert article.paragraphs == [LEAD, *STORY]
    assert "worth a click" not in article.text


def test_an_html_standfirst_between_headline_and_byline_is_the_lead() -> None:
    """The markup declares the description: the dek under the headline stays the story's lead."""
    dek = "There are more devices and services to choose from than ever before. Here is how to choose."
    story = "".join(f"<p>{p}</p>" for p in STORY)
    page = (
        f"<html><head><meta property='og:description' content='{dek}'></head><body><article>"
        f"<h1>How to choose a games console</h1><p>{dek}</p><p>By Jane Doe</p>{story}</article></body></html>"
    )
    article = articlekit.extract(page)
    assert article.paragraphs == [dek, *STORY]
    assert article.description == dek
    assert article.authors == ("Jane Doe",)


def test_soft_hyphens_of_a_hyphenation_plugin_are_not_in_the_text() -> None:
    # Written as the entity, as a number and as the character itself: each is invisible on the
    # page, and left in they would break every search for the word ('Ver­an­stal­tung').
    story = [
        "Die Ver&shy;an&shy;stal&shy;tung am Wehr be&#173;ginnt am Samstag um zehn Uhr und endet "
        "spät am Abend mit Musik.",
        "Auf dem Markt zei&#xAD;gen Hand\u00adwerker, wie vor hundert Jahren Körbe, Seile und Schuhe "
        "gemacht wurden.",
    ]
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    article = articlekit.extract(f"<html><body><article><h1>Markt&shy;tag am Wehr</h1>{paragraphs}</article></body>")
    assert article.title == "Markttag am Wehr"
    assert article.paragraphs[0].startswith("Die Veranstaltung am Wehr beginnt am Samstag")
    assert "zeigen Handwerker, wie vor hundert Jahren" in article.paragraphs[1]
    dump = "Markttag am Wehr\n\n" + "\n\n".join(
        p.replace("&shy;", "\u00ad").replace("&#173;", "").replace("&#xAD;", "") for p in story
    )
    text = articlekit.extract(dump).text
    assert "Veranstaltung" in text
    assert "\u00ad" not in text


def test_ruby_readings_are_not_read_into_the_words_they_annotate() -> None:
    def ruby(base: str, reading: str) -> str:
        return f"<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>"

    story = [
        f"{ruby('子', 'こ')}どもへの{ruby('虐待', 'ぎゃくたい')}をなくすための{ruby('法律', 'ほうりつ')}ができて、"
        "親が子どもを教育するために、体を叩くなどの罰を与えることが禁止されました。",
        f"{ruby('新', 'あたら')}しい{ruby('法律', 'ほうりつ')}では、"
        "虐待をした親に専門家が子どもの育て方を教えることになります。",
    ]
    paragraphs = "".join(f"<p>{p}</p>" for p in story)
    headline = f"<h1>{ruby('法律', 'ほうりつ')}が変わります</h1>"
    article = articlekit.extract(f"<html><body><article>{headline}{paragraphs}</article>")
    assert article.title == "法律が変わります"
    assert article.paragraphs[0].startswith("子どもへの虐待をなくすための法律ができて、")
    assert article.paragraphs[1].startswith("新しい法律では、虐待をした親に")


def _stories_page(title: str, stories: list[tuple[str, list[str]]]) -> str:
    """Stories one after another, as pages that load the next articles below the first: each
    with its headline, its paragraphs and a list of links to read next."""
    read_next = "".join(f"<li><a href='/news/{n}'>Another story of the day, number {n}</a></li>" for n in range(8))
    articles = "".join(
        f"<article><h1>{headline}</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"
        f"<div><p>Read next</p><ul>{read_next}</ul></div>"
        for headline, paragraphs in stories
    )
    return (f"<html><head><title>{title}</title><meta property='og:title' content='{title}'></head>"
            f"<body><main>{articles}</main></body></html>")


BLESSING = [
    "Drivers of every kind of vehicle are invited to the yearly blessing that the friars offer on "
    "Saturday in front of their church, as they have done for twenty years.",
    "The blessing runs from six in the morning to nine at night on both sides of the avenue, and "
    "the friars hand out a sticker and a picture of the saint to every driver.",
    "Organisers said the aim is to give thanks for the year and to ask for safety on the roads.",
]


def test_on_a_page_of_several_stories_the_body_is_the_one_under_the_pages_headline() -> None:
    page = _stories_page("Vehicles to be blessed this Saturday", [
        ("Vehicles to be blessed this Saturday", BLESSING),
        ("Council argues over the harbour budget", FIRST_PART),  # (the longer story)
    ])
    article = articlekit.extract(page)
    assert article.title == "Vehicles to be blessed this Saturday"
    assert article.paragraphs == BLESSING


def test_a_body_under_no_headline_of_its_own_stays_the_body() -> None:
    """The page's headline over two paragraphs left out (a header with its dek), the story in
    a container of its own: the story stays, unless that container opens with another headline."""
    from articlekit.blocks import Block
    from articlekit.classify import story_of_headline

    dek = ("The council argued for hours about the budget for the harbour, the schools and the tram, "
           "and a decision is expected next week after a second reading.")

    def page(rival: bool) -> list[Block]:
        head = [Block("Harbour budget", "heading", heading_level=1, path=(1, 2, 3), reason="title"),
                *(Block(f"{dek} ({n})", path=(1, 2, 4 + n), reason="outside-main") for n in range(3))]
        other = [Block("Prosecutor praises colleagues", "heading", heading_level=1, path=(1, 9, 10))] if rival else []
        story = [Block(p, path=(1, 9, 11 + n)) for n, p in enumerate(FIRST_PART)]
        return [*head, *other, *story]

    kept = page(rival=False)
    story_of_headline(kept, 0)
    assert [b.reason for b in kept[4:]] == [None] * len(FIRST_PART)
    switched = page(rival=True)
    story_of_headline(switched, 0)
    assert [b.reason for b in switched[1:4]] == [None] * 3
    assert all(b.reason == "outside-main" for b in switched[5:])


def test_a_bold_line_between_paragraphs_is_a_subheading_of_the_story() -> None:
    """Older and hand-written pages print subheadings as a paragraph all in bold; after an
    in-story 'Read more' link it lost as too short. A bold sentence is emphasis, not a heading."""
    first = ("The renaming of three streets in the African Quarter has been debated for years, and "
             "the district finally decided on new names in April.")
    second = ("The move has been met with resistance from the far right: two lawmakers asked the "
              "district to keep the old names, which they called part of the city's history.")
    closing = "Be there or be square!"
    page = ("<html><head><title>Berlin confronts its colonial past</title></head><body><article>"
            "<h1>Berlin confronts its colonial past</h1>"
            f"<p>{first} {first}</p><p><em>Read more</em>: <a href='/a-1'>Colonial crimes: work in progress</a></p>"
            f"<p><strong>Right-wing resistance</strong></p><p>{second} {second}</p>"
            f"<p><b>{closing}</b></p></article></body></html>")
    article = articlekit.extract(page)
    assert article.paragraphs[1:3] == ["Right-wing resistance", f"{second} {second}"]
    assert "\n#### Right-wing resistance\n" in article.to_markdown()
    assert closing in article.paragraphs[-1]


def test_a_post_of_a_few_short_lines_is_not_returned_empty() -> None:
    lines = ["„Ich weiß, ich bin betrunken und sollte das vielleicht gar nicht sagen…“",
             "– „Dann sag es nicht.“", "– „Ok.“"]
    post = "".join(f"<p>{line}</p>" for line in lines)
    page = ("<html><head><title>Die Möglichkeit nichts zu tun</title></head><body>"
            "<div id='header'><a href='/'>Gnaur</a></div><div class='post'>"
            "<h2><a href='/2013/06/14/moeglichkeit'>Die Möglichkeit nichts zu tun</a></h2>"
            f"<div class='entry'>{post}<p>Gefällt mir:</p></div></div>"
            "<div class='sidebar'><p>Ein Blog über Filme, Musik und das Nichtstun, seit 2009 geschrieben.</p></div>"
            "</body></html>")
    article = articlekit.extract(page)
    assert article.paragraphs == lines  # (without the share bar's 'Gefällt mir:' label)
    assert article.provenance["text"] == "readability"
    assert "Nichtstun" not in article.text


def test_the_short_post_fallback_takes_only_lines_dropped_for_their_length() -> None:
    """Readability's candidate on a page whose post is loaded by script can be the blog's
    tagline or a browser notice: lines our pass dropped for what they are, not for their length."""
    from articlekit.blocks import Block
    from articlekit.fallback import reads_as_post

    tagline = "The latest news and insights from Google on security and safety on the Internet"
    line = "„Ich weiß, ich bin betrunken und sollte das vielleicht gar nicht sagen…“"
    assert reads_as_post([line, "– „Ok.“"], [Block(line, reason="not-prose"), Block("– „Ok.“", reason="too-short")])
    assert not reads_as_post([tagline], [Block(tagline, reason="sidebar")])
    assert not reads_as_post(["– „Ok.“"], [Block("– „Ok.“", reason="too-short")])  # no line of words
