"""Bylines -> person names: prefixes, joiners, roles, prompts and places out."""

from __future__ import annotations

import pytest

import articlekit
from articlekit.metadata.byline import clean_names, looks_like_byline, names_fill, normal_case, parse_byline


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe and John Roe | July 29, 2009", ["Jane Doe", "John Roe"]),
        ("By STEVE PEOPLES, THOMAS BEAUMONT and AMELIA THOMSON-DEVEAUX", ["STEVE PEOPLES", "THOMAS BEAUMONT",
                                                                        "AMELIA THOMSON-DEVEAUX"]),
        ("By Jane Doe, Staff writer", ["Jane Doe"]),
        ("By Staff writer / July 29, 2009", ["Staff writer"]),  # a role alone is kept when no name is given
        ("Autor: Monika Bolliger und Anna Trechsel, Sweidah", ["Monika Bolliger", "Anna Trechsel"]),  # a place
        ("Kommentar von Jan Sellner", ["Jan Sellner"]),
        ("Von Ulrich ExnerKorrespondent", ["Ulrich Exner"]),  # a role glued on by a renderer
        ("Tuva Mathilde Løland Tips meg", ["Tuva Mathilde Løland"]),  # a prompt
        ("Jane Doe Follow", ["Jane Doe"]),
        ("Jane Doe jane.doe@example.com", ["Jane Doe"]),
        ("Email the author", []),
        ("Martin Gramnæs Martin Gramnæs", ["Martin Gramnæs"]),  # avatar text + link
        ("Chus del Pino, Martí Abad (Enviado especial)", ["Chus del Pino", "Martí Abad"]),
        ("박준석 기자 외 1명", ["박준석"]),
        ("责编：牛镛、岳弘彬", ["牛镛", "岳弘彬"]),
        ("Reuters/kra Frankfurt", []),
        ("[monthFull] [day], [year]", []),
        ("[img-1] Ярослав Кузишин [img-2] Антон Зелинский 8 января, 17:46", ["Ярослав Кузишин", "Антон Зелинский"]),
        ('"Externer Link', []),
        # credentials are not names; the date and the word that introduces it go
        ("Written by Rachael Link, MS, RD on November 12, 2019", ["Rachael Link"]),
        ("By Jane Doe PhD", ["Jane Doe"]),
        ("By Jane Doe, M.D., and John Roe, Ph.D.", ["Jane Doe", "John Roe"]),  # an Oxford comma too
        ("Von Anna Martel am 3. Mai 2024", ["Anna Martel"]),
        # a capitalised prompt word after a lone first name is the surname
        ("Jane Doe Link", ["Jane Doe"]),
        # a middle dot glued to the date separates it; Catalan 'l·l' stays inside a name
        ("Текст: Лида Буслаева·11 октября 2018", ["Лида Буслаева"]),
        ("By Marcel·lí Pons · 11 June 2024", ["Marcel·lí Pons"]),
        # a role after the name, then an address
        ("정덕현 칼럼니스트 thekian1@example.co.kr", ["정덕현"]),
    ],
)
def test_parse_byline(line: str, names: list[str]) -> None:
    assert parse_byline(line) == names


def test_structured_names_need_no_capitals_but_roles_go() -> None:
    assert clean_names(["viktor hedlund"]) == ["viktor hedlund"]
    assert clean_names(["Staff writer"]) == []
    assert clean_names(["Jane Doe", "jane doe"]) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("By Jane Doe", True), ("박준석 기자", True), ("Jane Doe, Staff writer", True),
     ("정덕현 칼럼니스트 thekian1@example.co.kr", True),
     ("Staff writer", False), ("The minister said on Monday", False)],
)
def test_looks_like_byline(line: str, expected: bool) -> None:
    assert looks_like_byline(line) is expected


def test_names_fill_the_line() -> None:
    names = ["Ярослав Кузишин", "Антон Зелинский", "Карина Гасимова"]
    assert names_fill("Ярослав Кузишин, Антон Зелинский, Карина Гасимова", names)
    assert names_fill("Jane Doe and John Roe", ["Jane Doe", "John Roe"])
    assert not names_fill("Jane Doe said on Monday", ["Jane Doe"])


def test_markdown_emphasis_and_a_prefix_glued_to_its_link() -> None:
    assert parse_byline("_VonUlrich Exner_Korrespondent") == ["Ulrich Exner"]
    assert parse_byline("_Ярослав Кузишин, Антон Зелинский_") == ["Ярослав Кузишин", "Антон Зелинский"]
    assert looks_like_byline("**By Jane Doe**")
    assert parse_byline("Vonda Smith") == ["Vonda Smith"]  # a name that starts like a prefix stays whole
    assert parse_byline("kei_eno", strict=False) == ["kei_eno"]  # a structured value is not Markdown


def test_credits_for_other_work_are_not_authors() -> None:
    assert parse_byline("Reporting by Jane Doe; Editing by John Roe") == ["Jane Doe"]
    assert parse_byline("Photos by Jane Doe") == []
    assert parse_byline("Von Jane Doe, Fotos: John Roe") == ["Jane Doe"]


def test_names_printed_in_capitals_are_given_in_their_written_case() -> None:
    assert normal_case("JANE DOE") == "Jane Doe"
    assert normal_case("MARY O'NEIL-SMITH") == "Mary O'Neil-Smith"
    assert normal_case("J. R. SMITH") == "J. R. Smith"
    assert normal_case("PMJS") == "PMJS"  # one word: an acronym or a handle
    assert normal_case("Jane DOE") == "Jane DOE"
    assert normal_case("松岡 大地") == "松岡 大地"


def test_a_byline_in_capitals_gives_names_in_their_written_case() -> None:
    page = ("<html lang='en'><body><article><h1>Council approves the riverside cycle lanes</h1>"
            "<p class='byline'>By JANE DOE and JOHN ROE</p>" + "".join(
                f"<p>The council voted on Tuesday to build the lanes along the river, and work starts in "
                f"spring after a consultation that ran for months (part {i}).</p>" for i in range(6))
            + "</article></body></html>")
    assert articlekit.extract(page).authors == ("Jane Doe", "John Roe")


def test_a_desk_after_a_full_name_ends_it_like_a_role() -> None:
    assert parse_byline("Scott Gilbertson Gear Team") == ["Scott Gilbertson"]
    assert looks_like_byline("Scott Gilbertson Gear Team")
    assert parse_byline("Mary Clare Jalonick Politics Desk") == ["Mary Clare Jalonick"]
    assert not looks_like_byline("Manchester United Team")  # no full name before a desk: a team
    assert not looks_like_byline("Jane Doe Team")


def test_a_comment_author_or_the_comment_forms_name_field_is_no_author() -> None:
    story = "".join(f"<p>Paragraph {n} of a post about the summer, the garden and the dogs.</p>" for n in range(5))
    page = ("<html><head><title>The long summer</title></head><body><article><h1>The long summer</h1>"
            f"{story}</article><ol class='comment-list'><li class='comment'><div class='comment-author vcard'>"
            "<b>Art Edwards</b> says:</div><p>Lovely post, thanks for sharing it with us.</p></li></ol>"
            "<form><p class='comment-form-author'><label for='author'>Name</label><input id='author'></p></form>"
            "</body></html>")
    assert articlekit.extract(page).authors == ()


def test_a_label_a_weekday_a_month_or_a_pager_link_is_no_name() -> None:
    assert parse_byline("By Jane Doe") == ["Jane Doe"]
    for line in ("Name", "Auteurs", "Donnerstag", "Dezember", "By", "← Ältere Beiträge", "Schwitzebaerchen →"):
        assert parse_byline(line) == [], line


@pytest.mark.parametrize(
    ("line", "names"),
    [
        # a dateline that names its author after the date (and its time, zone and all)
        ("Posted on September 21, 2020 by Adi Tzlil", ["Adi Tzlil"]),
        ("Veröffentlicht am 13. März 2019 von Michael Veeser-Dombrowski", ["Michael Veeser-Dombrowski"]),
        ("Feb 14, 2016 10:47 AM EST By Jose de la Cruz", ["Jose de la Cruz"]),
        ("4.02.2022 par Bob Fischer", ["Bob Fischer"]),
        ("jeudi 13 juin 2019, par Attac France", ["Attac France"]),
        # the words that lead into a date go, a weekday among them
        ("Erstellt von Fabian am Dienstag 6. Mai 2014", ["Fabian"]),
        ("By Malcolm Owen Monday, November 18, 2019", ["Malcolm Owen"]),
        # a date after the names leaves them as they are; a date alone names nobody
        ("By Jane Doe on July 29, 2009", ["Jane Doe"]),
        ("Posted on September 21, 2020", []),
        # a separator or a category after the names; a prefix keeps a particle ('von Aachen')
        ("Von Felix Eisenreich // 1. November 2023", ["Felix Eisenreich"]),
        ("6. Dezember 2022 von Fatima in Gefühle, Popkultur", ["Fatima"]),
        ("Posted 11. April 2018 by Walter von Aachen", ["Walter von Aachen"]),
        # an embedded post's signature names its poster, not the page's author
        ("— Elon Musk (@elonmusk) November 4, 2023", []),
        ("By Jane Doe (@janedoe) November 4, 2023", ["Jane Doe"]),
        # a handle glued to the name goes; a role after the publisher's name goes with it
        ("By Chaim Gartenberg@cgartenberg Nov 19, 2019, 7:53pm EST", ["Chaim Gartenberg"]),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
        # names before the date are the byline's, whatever follows it; a surname may be a label word
        ("Jane Doe, May 4, 2020 by Reuters", ["Jane Doe"]),
        ("5:45 AM PST 11/19/2019 by Patrick Shanley", ["Patrick Shanley"]),
        ("By Jane Read on May 4, 2020", ["Jane Read"]),
        # a blog's account name, when a prefix and a date vouch for it; not a function word
        ("by oz on December 4, 2006", ["oz"]),
        ("von eseppelt · 31. Oktober 2023", ["eseppelt"]),
        ("by the way on 4 May 2020", []),
        ("by gizzmo", []),
        ("by email on 4 May 2020", []),
        ("by admin on 4 May 2020", []),
        # name particles in a byline ('de la', 'von der')
        ("By Ursula von der Leyen", ["Ursula von der Leyen"]),
    ],
)
def test_bylines_with_dates_handles_particles_and_credits(line: str, names: list[str]) -> None:
    assert parse_byline(line) == names


def _story() -> str:
    return "\n\n".join(
        f"Paragraph {n} of the story tells how the town council met on Monday and what it decided for the harbour."
        for n in range(6)
    )


def test_a_dump_whose_dateline_names_the_author_after_the_date() -> None:
    head = "Harbour News\n\nThe council decides on the harbour\n\nPosted on September 21, 2020 by Adi Tzlil"
    dump = f"{head}\n\n{_story()}\n"
    article = articlekit.extract(dump, url="https://news.example.com/2020/09/21/council-harbour/")
    assert article.title == "The council decides on the harbour"
    assert article.authors == ("Adi Tzlil",)
    assert article.date is not None and article.date.isoformat()[:10] == "2020-09-21"
    assert "Posted on" not in article.text


def test_names_on_a_line_over_their_dateline_are_the_byline() -> None:
    dump = (f"Harbour News\n\nThe council decides on the harbour\n\nTanza Loudenback, Business Insider\n\n"
            f"13.11.2019, 23:06\n\n{_story()}\n")
    assert articlekit.extract(dump).authors == ("Tanza Loudenback",)


def test_a_list_heading_next_to_its_teasers_dates_is_no_byline() -> None:
    for heading in ("Ähnliche Beiträge", "Recent Posts", "Utopia Newsletter"):
        teaser = f"{heading}\n\n03.02.2022\n\nA teaser"
        dump = f"Harbour News\n\nThe council decides on the harbour\n\n{_story()}\n\n{teaser}\n"
        assert articlekit.extract(dump).authors == (), heading
    # a desk's byline is no list heading
    dump = f"Harbour News\n\nThe council decides on the harbour\n\nTelegraph Sport\n\n03.02.2022\n\n{_story()}\n"
    assert articlekit.extract(dump).authors == ("Telegraph Sport",)
