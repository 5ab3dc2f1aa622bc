"""classify.label on text dumps: the story's run, teasers after it, and the speed-ups' exactness."""

from __future__ import annotations

import articlekit
from articlekit import classify, text
from articlekit.blocks import Block
from articlekit.classify.marks import _starts_doubled

STORY = [
    "The city council voted on Tuesday evening to build a network of protected cycle lanes along the river, "
    "ending a debate that has divided residents for almost three years.",
    "The plan, which will cost about twelve million pounds, links the northern suburbs with the old harbour "
    "and the university campus, and it removes parking from four busy streets.",
    "Supporters said the lanes would make the daily journey safer for children and older people, while shop "
    "owners warned that losing the parking spaces could drive customers away.",
    "Work on the first section is expected to begin in the spring, and the council said it would publish a "
    "timetable for the remaining sections before the end of the year.",
]


def body(blocks: list[Block]) -> list[str]:
    classify.label(blocks)
    return [b.text for b in blocks if b.reason is None]


def test_teasers_after_the_story_stay_out() -> None:
    teasers = []
    for n in range(6):
        teasers += [
            Block(f"Mayor opens new bridge number {n}"),
            Block(f"The mayor opened the bridge on Monday, the {n}th to be finished this year, and said that the "
                  "next one would follow soon after the summer."),
            Block("Read more"),
        ]
    menu = [Block(w, "list-item") for w in ("News", "Sport", "Weather", "Travel", "Culture")]
    blocks = [Block(p) for p in STORY] + menu + teasers
    assert body(blocks) == STORY


def test_lone_teaser_summaries_weigh_less_than_story() -> None:
    # A short paragraph between two headlines counts half: two teasers no longer outweigh the
    # widgets between them and the story.
    summary = ("The mayor opened the bridge on Monday, the {n}th to be finished this year, and said that the "
               "next one would follow soon after the summer, when the river is low and the builders can work.")
    widgets = [Block("Share this"), Block("Advertisement"), Block("Print")]  # (no recommendations heading)
    teasers = [Block(x) for n in range(2) for x in (f"Mayor opens new bridge number {n}", summary.format(n=n))]
    assert body([Block(p) for p in STORY] + widgets + teasers) == STORY


def test_short_story_paragraphs_are_not_lone() -> None:
    # Short one-sentence paragraphs (tabloid style) end like sentences: they keep each other company.
    story = [
        "A HUNTER who killed and ate a wild rabbit has been hit by the plague.",
        "The man is the third resident to contract the disease, officials said on Sunday, and twenty-eight "
        "people were quarantined.",
        "He was admitted to hospital on Saturday.",
        "Health bosses said the risk of an outbreak was extremely low, but they urged people in the region to "
        "avoid eating wild animals.",
    ]
    blocks = [Block(p) for p in story]
    assert body(blocks) == story
    # Neither neighbour of the third is prose yet, but both end like sentences: not lone.
    firsts = [classify.GOOD, classify.NEAR, classify.SHORT, classify.NEAR]
    assert not classify.is_lone(blocks, firsts, 2)


def test_phrase_prefilter_agrees_with_the_regex() -> None:
    # _words lets phrase_reason skip the regex scan; with and without the words it must agree.
    samples = [
        "Share this article", "Photo: Jane Doe/AP", "The site uses cookies to improve your experience.",
        "__share this", "© 2024 Example Ltd", "All rights reserved.", "The council voted to build lanes.",
        "Leave a reply", "by", "Published 3 May 2024", "copyright notice", "Tweet",
    ]
    for sample in samples:
        words, _ = classify.split_words(sample)
        n = len(words)
        assert classify.phrase_reason(sample, n, words) == classify.phrase_reason(sample, n), sample


def test_words_match_the_regex() -> None:
    for sample in ("Hello, World_2 -- ok", "naïve café", "İstanbul ß", "a\tb\x0bc", "___", ""):
        words, chars = classify.split_words(sample)
        assert words == classify.WORD.findall(sample.lower())
        assert chars == sum(map(len, words))


def test_long_dump_is_labelled_in_one_piece() -> None:
    dump = "\n\n".join(f"{p} This was noted in report {i}." for i in range(50) for p in STORY)
    blocks = text.blocks(dump)
    kept = body(blocks)
    assert len(kept) == len(blocks)


def test_phrase_printed_twice_is_an_image_label() -> None:
    assert _starts_doubled("Neil Gaiman and John M. Ford in 2002 Neil Gaiman and John M. Ford in 2002")
    assert _starts_doubled("Pamela Wilson Pamela Wilson If we haven't met yet, my name is Pamela.")
    assert not _starts_doubled("Bye bye, he said.")  # too short to be an image's label
    assert not _starts_doubled("The council voted. The council voted again on Friday.")
    label = Block("Business focus: a camera lens Business focus: a camera lens")
    blocks = [Block(STORY[0]), Block(STORY[1]), label, Block(STORY[2]), Block(STORY[3])]
    assert body(blocks) == STORY
    assert label.reason == "caption"


def test_recommendations_heading_separates_teasers_from_the_story() -> None:
    summary = ("The mayor opened the bridge on Monday, the {n}th to be finished this year, and said that the "
               "next one would follow soon after the summer, when the river is low and the builders can work "
               "safely on it without closing the road to the harbour for more than a week or two at most.")
    teasers = [Block(x) for n in range(2) for x in (f"Mayor opens new bridge number {n}", summary.format(n=n))]
    blocks = [Block(p) for p in STORY] + [Block("You may also like")] + teasers
    assert body(blocks) == STORY


def test_html_recommendations_heading_ends_the_story() -> None:
    # HTML: the blocks' paths make one container; a recommendations heading inside it ends the story.
    story = [Block(p, path=(1, 2, 3 + i)) for i, p in enumerate(STORY)]
    tail = [Block("You might also like", "heading", path=(1, 2, 20)),
            Block(STORY[0].replace("city council", "regional assembly"), path=(1, 2, 21))]
    assert body(story + tail) == STORY
    assert tail[1].reason == "navigation"


def test_phrase_glued_to_itself_is_an_image_label() -> None:
    # w3m prints an image's alternative text and title without a space between them.
    assert _starts_doubled("Pamela WilsonPamela WilsonIf we haven't met yet, my name is Pamela.")
    assert _starts_doubled("personal growth imagepersonal growth image")
    assert not _starts_doubled("The cat and the dog The cat and the doggy")


def test_story_run_does_not_start_with_a_borrowed_headline() -> None:
    # A teaser's title just above the lead is content only thanks to the lead: it is left out.
    blocks = [Block("Council approves new budget for the harbour district"), *(Block(p) for p in STORY)]
    assert body(blocks) == STORY
    assert blocks[0].reason == "outside-main"


def test_run_does_not_end_with_a_few_borrowed_labels() -> None:
    labels = [Block("This top banking stock could be the best way to play the financials rally"),
              Block("Kohl's and Macy's are tanking as four investors weigh in on the retail wreck")]
    blocks = [*(Block(p) for p in STORY), *labels]
    assert body(blocks) == STORY
    dates = [Block(f"June {d} -- Amphitheatre number {d}, West Palm Beach, FL") for d in range(1, 9)]
    assert body([*(Block(p) for p in STORY), *dates]) == STORY + [d.text for d in dates]


def test_prose_in_a_language_without_stop_words_amid_english_menus() -> None:
    """isiZulu paragraphs (no list of ours knows its stop words) on a page whose menus and
    notices are English: sentences without a single listed stop word are still the story."""
    story = [
        "Uhlalele ovalweni umndeni wesaguga saseMbali, okuthiwa sibhokodwe ngommese emzini waso eMgungundlovu. "
        "Amaphoyisa aqinisekisile ukuboshwa komsolwa ngoLwesine.",
        "Indodakazi yakhe engathandanga ukudalulwa ithe umndeni usenzima ukwamukela isihluku. "
        "Ithe umama ubehlala lapha iminyaka eminingi engakaze ahlaselwe ekhaya.",
        "Ukhansela wendawo uthe lesigameko sishiye amalungu omphakathi ethuthumela kakhulu. "
        "Unxuse umphakathi ukuba uweseke lomndeni kulesi sikhathi esinzima.",
    ]
    page = "\n\n".join([
        "Home", "News", "Sport", "Lifestyle", "Subscribe to our newsletter for the latest news and offers",
        *story,
        "Related Articles", "At our company we employ people to write the news for you, and we hope you enjoy it.",
    ])
    assert body(text.blocks(page)) == story


BIO = ("Jane Doe is a reporter who has covered city politics for the Courier since 2012. She lives by the "
       "river with two cats and far too many bicycles.")


def test_about_name_over_a_paragraph_naming_them_is_a_profile_that_ends_the_story() -> None:
    blocks = [Block(p) for p in STORY] + [Block("About Jane Doe"), Block(BIO), Block("Contact us")]
    assert body(blocks) == STORY
    assert [b.reason for b in blocks[len(STORY):len(STORY) + 2]] == ["author-bio", "author-bio"]


def test_about_heading_needs_a_capitalised_name_named_again() -> None:
    # A subheading ("About the plan"), and "About Jane Doe" over prose that does not name her,
    # open no profile: the story goes on after them.
    anonymous = BIO.replace("Jane Doe", "The reporter")
    for heading, after in (("About the plan", STORY[2:]), ("About Jane Doe", [anonymous])):
        blocks = [Block(p) for p in STORY[:2]] + [Block(heading)] + [Block(p) for p in after]
        assert body(blocks)[-1] == after[-1]


def test_profile_heading_in_another_language() -> None:
    profile = ("Pai de dois filhos, Carlos Nadalim é coordenador pedagógico numa escola e escreve sobre "
               "educação e alfabetização há muitos anos.")
    blocks = [Block(p) for p in STORY] + [Block("Sobre Carlos Nadalim"), Block(profile)]
    assert body(blocks) == STORY


def test_ad_slots_do_not_part_a_short_paragraph_from_the_story() -> None:
    short = "The mayor declined to comment."
    lines = [STORY[0], "[INS: :INS]", short, "[INS: :INS]", STORY[1], "[ ] [Subscribe]"]
    blocks = text.blocks("\n\n".join(lines))
    assert [b.kind for b in blocks] == ["paragraph", "button", "paragraph", "button", "paragraph", "button"]
    assert body(blocks) == [STORY[0], short, STORY[1]]


def test_an_image_still_parts_its_caption_from_the_story() -> None:
    caption = "Is this the face of a woman of 53?"
    blocks = text.blocks("\n\n".join([*STORY[:2], "[portrait_0412]", caption, *STORY[2:]]))
    assert body(blocks) == STORY


def test_a_list_of_sources_ends_the_story() -> None:
    sources = ['City council, "Minutes of the transport committee," Nov. 5, 2019',
               "Email interview with Anna Berg, a spokeswoman for the council, Nov. 6, 2019, about the costs"]
    after = STORY[1].replace("plan", "budget")  # prose after the list: not the story's any more
    blocks = [Block(p) for p in STORY] + [Block("Our Sources")] + [Block(s) for s in sources] + [Block(after)]
    assert body(blocks) == STORY
    assert blocks[len(STORY)].reason == "sources"


def test_trending_now_heading_separates_teasers_from_the_story() -> None:
    teasers = [
        Block("Star quarterback asks fans to send him their best photos of the season so far, and the replies "
              "pour in from all over the country within the hour."),
        Block("Local bakery wins national prize for its rye bread after a decade of trying, and the owners say "
              "the secret is patience and a very old sourdough starter."),
    ]
    blocks = [Block(p) for p in STORY] + [Block("Trending Now")] + teasers
    assert body(blocks) == STORY


def test_an_archive_of_months_with_post_counts_is_a_link_list() -> None:
    archive = [f"{month} ({n})" for month, n in (("March", 119), ("February", 100), ("January", 24), ("December", 82))]
    blocks = [Block(m, "list-item") for m in archive] + [Block(p) for p in STORY]
    assert body(blocks) == STORY
    assert {b.reason for b in blocks[:len(archive)]} == {"link-list"}


def test_a_photo_label_printed_under_each_photo_is_a_caption_not_a_repeated_block() -> None:
    # A doubled label (alt text + title) under every photo costs the story what a caption
    # costs, not what a repeated teaser costs: the paragraphs between the photos stay one story.
    label = ("River cycle lanes plan with the new harbour bridge #citylife #cycling "
             "River cycle lanes plan with the new harbour bridge #citylife #cycling")
    story = [STORY[0] + " " + STORY[1], STORY[2] + " " + STORY[3], STORY[1] + " " + STORY[2]]
    lines: list[str] = []
    for p in story:
        lines += [p, label]
    blocks = [Block(x) for x in lines]
    assert body(blocks) == story
    assert {b.reason for b in blocks if b.text == label} == {"caption"}


def test_a_short_lower_case_list_in_the_story_is_the_story_s_own() -> None:
    kit = ["bottled water", "a baby carrier", "healthy snack bars", "a small camera"]
    story = [Block(STORY[0]), Block("Our hiking kit is really very simple."), *[Block(x, "list-item") for x in kit],
             *[Block(p) for p in STORY[1:]]]
    assert body(story) == [STORY[0], "Our hiking kit is really very simple.", *kit, *STORY[1:]]


def test_title_case_links_and_identifiers_stay_link_lists() -> None:
    for items in (["Strength Training", "Cardio Workouts", "Healthy Recipes", "Yoga Classes"],
                  ["narrow-browser-and-phone", "medium-wide-browser", "wide-browser-and-larger"]):
        blocks = [Block(p) for p in STORY] + [Block(x, "list-item") for x in items]
        classify.label(blocks)
        assert {b.reason for b in blocks[len(STORY):]} == {"link-list"}


def test_a_share_row_under_each_of_several_teasers_parts_them_from_the_story() -> None:
    row = "Whatsapp | Facebook | Pinterest | Download"
    teaser = ("Life asks us for optimism and courage, to hope for the best and to make the best happen; "
              "pessimism only freezes the smile and keeps us from seeing the good in every day we live.")
    story = STORY[0] + " " + STORY[1]
    blocks = [Block(story), Block("You may like")]
    for n in range(5):
        blocks += [Block(row), Block(teaser.replace("Life", f"Life number {n}"))]
    assert body(blocks) == [story]


def test_a_list_story_without_prose_is_the_lines_under_the_headline() -> None:
    # A calendar page: no sentence in the story, a teaser's prose in the sidebar. The story is
    # what stands under the headline and its date, up to the share buttons.
    places = ("Interlagos", "Curitiba", "Velopark", "Londrina", "Santa Cruz", "Goiania", "Cascavel", "Taruma",
              "Campo Grande", "Brasilia", "Goiania Sul", "Interlagos Sul")
    rounds = [f"Round {n}: {n + 3} March – {place}" for n, place in enumerate(places, 1)]
    page = "\n\n".join([
        "Menu", "Home", "News", "Racing Calendar 2018 Season", "Monday, 22 January 2018", *rounds,
        "Share this on WhatsApp", "Column of the week",
        "Click the photo of our columnist and read his weekly columns about Formula 1, MotoGP and every "
        "other series he writes about for us!",
        "Listen to the latest episode of our podcast, where we talk about everything that happened in the "
        "last race weekend and what comes next.",
    ])
    article = articlekit.extract(page, url="https://racing.example.com/racing-calendar-2018-season/")
    assert article.title == "Racing Calendar 2018 Season"
    lines = article.text.split("\n\n")
    assert lines[0] == rounds[0] and lines[-1] == rounds[-1] and len(lines) >= 10
    assert "columnist" not in article.text and "podcast" not in article.text


def test_a_list_announced_by_a_line_ending_in_a_colon_is_the_story_s() -> None:
    items = ["Hundreds of new tasks that make every evening a little more interesting",
             "Dozens of tricky questions that help you know each other better",
             "Challenges to be finished within a week, even after the game is over"]
    blocks = [Block(STORY[0]), Block("The new version of the game has:"), *[Block(x, "list-item") for x in items],
              *[Block(p) for p in STORY[1:]]]
    assert body(blocks) == [STORY[0], "The new version of the game has:", *items, *STORY[1:]]


def test_a_news_agency_file_photo_caption_is_a_caption() -> None:
    caption = ("In this Dec. 12, 2006, file photo, made available by NASA, two astronauts work on the "
               "International Space Station during a spacewalk.")
    blocks = [*[Block(p) for p in STORY[:2]], Block(caption), *[Block(p) for p in STORY[2:]]]
    assert body(blocks) == STORY
    assert blocks[2].reason == "caption"
