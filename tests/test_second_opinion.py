"""The readability-lxml second opinion: used only when our own pass finds almost no body."""

from __future__ import annotations

import pytest

import articlekit


def test_page_of_short_lines_gets_its_body_from_the_second_opinion() -> None:
    # Forty distinct short lines (lines alike but for a number would be a listing, not a poem).
    nouns = ["river", "harbour", "lantern", "orchard", "meadow", "window", "letter", "garden"]
    verbs = ["sleeps", "waits", "turns", "sings", "burns"]
    skies = ["grey", "pale", "wide", "cold", "late"]
    lines = [f"The {n} {v} under a {m} sky tonight" for n in nouns for v, m in zip(verbs, skies, strict=True)]
    page = "<html><body><div id='poem'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>"
    article = articlekit.extract(page)
    assert article.provenance.get("text") == "readability"
    assert "The lantern turns under a wide sky tonight" in article.paragraphs
    assert len(article.paragraphs) >= 35


def test_page_of_medium_paragraphs_still_gets_its_body() -> None:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    things = ["the bridge", "a library", "the ferry", "two schools", "the park", "a clinic"]
    body = "".join(f"<p>On {d} the council met in the town hall and agreed to fund {t}.</p>"
                   for d, t in zip(days, things, strict=True))
    article = articlekit.extract(f"<html><body><article>{body}</article></body></html>")
    assert article.paragraphs[0] == "On Monday the council met in the town hall and agreed to fund the bridge."
    assert len(article.paragraphs) == 6


def test_ordinary_article_does_not_ask_for_a_second_opinion() -> None:
    body = "".join(
        f"<p>Paragraph {i}: the council met on Tuesday and agreed, after a long and sometimes bitter debate that "
        f"lasted well into the night, to fund the new bridge across the river.</p>"
        for i in range(6)
    )
    article = articlekit.extract(f"<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>")
    assert article.provenance["text"] == "blocks"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("Paragraph 0: the council met")


def test_the_second_opinion_never_glues_words_across_elements() -> None:
    """readability's text_content() joins text nodes with nothing between them: the last word
    of one block and the first of the next became one word that is nowhere on the page."""
    from articlekit.fallback import second_opinion

    page = ("<html><body><div><ul><li>The council said<ul><li>and was clear that the library stays open "
            "for the whole summer, whatever the budget office says about it.</li></ul></li></ul>"
            + "<p>Residents filled the hall for two hours to argue for the library and its staff.</p>" * 3
            + "</body></html>")
    words = {w for p in second_opinion(page) for w in p.split()}
    assert "saidand" not in words


_CLAUSES = [
    "一波波接續性低溫寒流報到",
    "已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣",
    "玉峰道路一路上雲氣山嵐滯留山頭",
    "順路下切蜿蜒道路後不久即抵達來到玉峰國小",
    "美樹美如其名偌大楓香樹早已呈現金黃",
    "泛紅色彩也是愛攝人仕所喜愛造訪之地",
    "第二次造訪美樹發現到營區變了",
    "印象中以前生冷招牌換成了原木招牌可謂匠心獨運",
    "燻黑原木加上金黃色醒目字體",
    "加上了貓頭鷹原木創作也充分發揮了裝飾藝術功力",
    "營區內除了露營民宿餐飲賞楓項目",
    "多了許多原木飾品更有畫龍點睛加乘效果",
]


def test_a_post_of_short_lines_in_a_script_without_spaces_is_not_returned_empty() -> None:
    # A Taiwanese blog's lines: clauses set apart by a space, not by '，'. None is prose alone,
    # so the first pass keeps nothing; the cascade, counting words by characters, recovers them.
    lines = [f"{_CLAUSES[i % 12]} {_CLAUSES[(i * 5 + 3) % 12]}" for i in range(24)]
    story = "".join(f"<p>{line}</p>" for line in lines)
    html = (f"<html lang='zh-TW'><head><title>美樹營地賞楓</title></head><body><h1>美樹營地賞楓</h1>"
            f"<div class='article-content'>{story}</div></body></html>")
    article = articlekit.extract(html)
    assert article.provenance["text"] != "blocks"
    assert article.paragraphs[:2] == lines[:2] and len(article.paragraphs) == len(lines)


def test_the_second_opinion_outweighs_a_relaxed_pass_only_with_clearly_more_prose() -> None:
    from articlekit.fallback import is_prose_line, outweighs

    story = [f"{_CLAUSES[i % 12]} {_CLAUSES[(i + 1) % 12]}" for i in range(12)]
    promo = ["Subscribe to our newsletter and never miss a story from the mountains again, every week."]
    assert is_prose_line(story[0]) and is_prose_line(promo[0]) and not is_prose_line("Read more")
    assert outweighs(story, promo)  # the story against a promotion: readability's candidate wins
    assert not outweighs(story[:6], story)  # half the relaxed pass's story: ours stays


def test_readability_gives_the_body_when_it_finds_clearly_more_prose_than_the_relaxed_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from articlekit import fallback

    # A page our passes both misread: the first keeps nothing, the relaxed one a promotion box.
    promo = ["Subscribe to our newsletter and get the best of our travel stories every single week."] * 3
    story = [f"Paragraph {n} of the travel story tells how the camp looked in the autumn rain." for n in range(12)]
    monkeypatch.setattr(fallback, "relaxed", lambda *args: promo)
    monkeypatch.setattr(fallback, "second_opinion", lambda page: story)
    # (a page of short CJK lines: our first pass keeps none of them, and asks the cascade)
    lines = "".join(f"<p>{_CLAUSES[i % 12]} {_CLAUSES[(i * 5 + 3) % 12]}</p>" for i in range(24))
    html = f"<html lang='zh-TW'><head><title>美樹營地</title></head><body><h1>美樹營地</h1>{lines}</body></html>"
    article = articlekit.extract(html)
    assert article.provenance["text"] == "readability" and article.paragraphs == story
    # a second opinion with less prose than the relaxed pass leaves the relaxed pass's body
    monkeypatch.setattr(fallback, "second_opinion", lambda page: story[:1])
    monkeypatch.setattr(fallback, "relaxed", lambda *args: story[1:])
    assert articlekit.extract(html).provenance["text"] == "no-names"
