"""Bylines -> person names: prefixes, joiners, roles, prompts and places out."""

from __future__ import annotations

import pytest

from articlekit.metadata.byline import clean_names, looks_like_byline, parse_byline


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
     ("Staff writer", False), ("The minister said on Monday", False)],
)
def test_looks_like_byline(line: str, expected: bool) -> None:
    assert looks_like_byline(line) is expected
