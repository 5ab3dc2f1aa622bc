"""The plain-text front end (text.blocks): kinds, joining, and the fast paths for plain lines."""

from __future__ import annotations

import textwrap

import articlekit
from articlekit import text


def kinds(dump: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in text.blocks(dump)]


def test_plain_lines_are_paragraphs_unchanged() -> None:
    assert kinds("The council voted on Tuesday.\n\nIt will cost twelve million.\n") == [
        ("paragraph", "The council voted on Tuesday."),
        ("paragraph", "It will cost twelve million."),
    ]


def test_whitespace_other_than_spaces_is_squeezed() -> None:
    # A tab or a no-break space is not printable: such a line takes the slow path and is squeezed.
    assert kinds("The council\u00a0 voted\ton Tuesday.") == [("paragraph", "The council voted on Tuesday.")]
    assert kinds("The council  voted.") == [("paragraph", "The council voted.")]


def test_markers_still_recognised() -> None:
    dump = "* First item here\n\n12. Twelfth item\n\n29. September 2024 was a Sunday\n\n# Heading\n\n> Quote\n"
    assert [k for k, _ in kinds(dump)] == ["list-item", "list-item", "paragraph", "heading", "quote"]


def test_column_gaps_make_table_rows() -> None:
    assert kinds("Name    Points    Wins") == [("table-row", "Name | Points | Wins")]


def test_dotless_i_may_start_a_button() -> None:
    # re.I lets "IFRAME:" match "ıFRAME:": the fast path must not take such a line as prose.
    assert kinds("ıFRAME: https://example.com/embed") == [("button", "ıFRAME: https://example.com/embed")]


def test_inline_image_placeholder_is_dropped() -> None:
    dump = "[ps4-controller.jpg?width=640&amp;quality=20] The price of one controller dropped.\n"
    assert kinds(dump) == [("paragraph", "The price of one controller dropped.")]


def test_inline_image_placeholder_wrapped_across_lines() -> None:
    lines = [
        "[switch-lite.jpg?width=640&amp;fit=bounds&amp;height=480&amp;quality=20&am",
        "p;dpr=0.05] Save $31 if you get a turquoise Switch Lite with your choice of",
        "Pokemon Sword or Shield and a case, which is the best offer we have seen so",
        "far this year for the console and it will not last for very long at all.",
        "",
    ] * 3
    blocks = text.blocks("\n".join(lines))
    assert blocks and all(b.text.startswith("Save $31") for b in blocks)


def test_listed_image_is_a_button() -> None:
    assert kinds("* [night-mode-200x200.jpg]\n\n* Night mode on the iPhone 11\n") == [
        ("button", "[night-mode-200x200.jpg]"),
        ("list-item", "Night mode on the iPhone 11"),
    ]


def test_markdown_link_running_on_joins_lines() -> None:
    dump = "See [the full\nreport](https://example.com/report) for details.\n"
    blocks = text.blocks(dump)
    assert [(b.text, b.link_chars) for b in blocks] == [("See the full report for details.", len("the full report"))]


def test_markdown_link_wrapped_more_than_once_or_holding_brackets_is_its_text() -> None:
    # html2text breaks a long URL at its hyphens, over as many lines as it takes; a link's text
    # may be in brackets of its own. Neither may leave Markdown in the text.
    share = ("[](mailto:?body=https://p.dw.com/p/4boRv%3Fmaca%3Dde-EMail-\n"
             "sharing&subject=Russland-\nWahl%3A%20Nadeschdin)")
    dump = (f"{share}\n\nTäglich um 19 Uhr [[www.das-letzte-\nkleinod.de]](https://www.das-letzte-kleinod.de/"
            "programm/hotel-lunik-\neisenhuettenstadt/).\n")
    assert [(b.text, b.link_chars) for b in text.blocks(dump)] == [
        ("Täglich um 19 Uhr [www.das-letzte- kleinod.de].", len("[www.das-letzte- kleinod.de]"))
    ]


def test_lynx_nested_bullet() -> None:
    # Lynx marks the items of a nested list with "o", far from the margin; a wrapped line that
    # starts with the Portuguese word "o" is at the paragraph's margin.
    wrapped = "\n".join([
        "   A equipe disse que o trabalho continua e que a cidade vai investir em novas linhas de",
        "   o atendimento estará normalizado a partir da tarde de hoje, segundo a prefeitura local.",
    ] * 4)
    nested = "\n".join(["   * Jobs", "               o This Week's Ads", "               o Salary Wizard"])
    assert [b.kind for b in text.blocks(wrapped + "\n\n" + nested)][-3:] == ["list-item", "list-item", "list-item"]
    assert all(b.kind == "paragraph" for b in text.blocks(wrapped))


def test_w3m_glued_image_name_is_dropped() -> None:
    assert kinds("[ps4dualsho]The price of one controller dropped.") == [
        ("paragraph", "The price of one controller dropped.")
    ]
    assert kinds("[Update] The council met again.") == [("paragraph", "[Update] The council met again.")]


def test_markdown_dump_wrapped_at_78_columns_despite_its_long_link_lines() -> None:
    # html2text wraps prose at 78 columns but never inside a link: a page whose menus are long
    # link lines is still a wrapped dump, and its paragraphs are joined again.
    menu = [f"  * [ Section {n} ](https://www.example.com/section-{n}/ \"Section {n} –{' news and tests' * n}\")"
            for n in range(3, 15)]  # (lines of 80 to 250 columns)
    prose = [f"The council of town {n} voted on Tuesday evening to build a network of protected cycle "
             "lanes along the river, ending a debate that has divided residents for almost three years "
             "and filled four public meetings with angry and hopeful speeches alike." for n in range(6)]
    dump = "\n".join(menu) + "\n\n" + "\n\n".join(textwrap.fill(p, 78) for p in prose) + "\n"
    assert [b.text for b in text.blocks(dump) if b.kind == "paragraph"] == prose


def test_a_dump_whose_longest_run_is_a_list_of_teasers_keeps_the_story_under_its_headline() -> None:
    story = [
        "Dee Dee Myers, a White House press secretary for Bill Clinton, is leaving her role as head "
        "of corporate communications at the studio after four years, the company said on Monday.",
        "Myers, who oversaw public affairs worldwide, told staff that the time had come to try "
        "something new, though media had been part of what she had done for a long time.",
        "Her last day is April 1, and the studio has not named a replacement for the post yet.",
    ]
    teasers = [
        f"{n}. Where do the engagement rings of the dating show come from? Where do the engagement "
        f"rings of the dating show come from, and what did they cost the producers, part {n}"
        for n in range(1, 9)
    ]
    dump = "\n\n".join([
        "Skip to main content", "Sections", "Sign in",
        "Former press secretary Dee Dee Myers leaves studio role", "By Ian Mohr",
        "February 24, 2020 | 9:25pm", *story, "Share this:", "Most popular", *teasers,
    ]) + "\n"
    article = articlekit.extract(dump, url="https://example.com/2020/02/24/dee-dee-myers-leaves-studio-role/")
    assert article.title == "Former press secretary Dee Dee Myers leaves studio role"
    assert article.paragraphs == story


def _wrapped_story(width: int = 78) -> str:
    topics = ("the new quay", "the ferry timetable", "the fish market", "the lighthouse repairs")
    said = "The harbour board met again on Monday and talked for hours about {} and its cost. "
    return "\n\n".join(textwrap.fill(said.format(topic) * 4, width) for topic in topics)


def test_a_two_line_run_narrower_than_the_page_is_two_lines_unless_the_second_starts_in_lower_case() -> None:
    head = ("TAG: Harbour, Council, Quay\nBy Jane Doe\n\n"
            "The meeting of the board ran late into the night, and the\nvote was put off.")
    blocks = text.blocks(f"{_wrapped_story()}\n\n{head}\n\n{_wrapped_story()}")
    texts = [b.text for b in blocks]
    assert "TAG: Harbour, Council, Quay" in texts and "By Jane Doe" in texts
    assert "The meeting of the board ran late into the night, and the vote was put off." in texts  # (wrapped)


def test_a_dump_whose_byline_sits_under_a_tag_line() -> None:
    tags = "TAG: Harbour Board, Harbour Council, Quay Plans"
    dump = f"Harbour News\n\nThe harbour board puts off its vote\n\n{tags}\nBy Jose de la Cruz\n\n{_wrapped_story()}\n"
    assert articlekit.extract(dump).authors == ("Jose de la Cruz",)


def test_a_two_line_run_whose_long_first_word_did_not_fit_is_one_paragraph() -> None:
    first = "Die Klage wurde vom Gericht in Karlsruhe abgelehnt, wie"
    second = "Bundesverfassungsgerichtspräsident sagte."
    texts = [b.text for b in text.blocks(f"{_wrapped_story()}\n\n{first}\n{second}\n\n{_wrapped_story()}")]
    assert f"{first} {second}" in texts
