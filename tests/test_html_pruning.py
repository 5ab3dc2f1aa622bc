"""HTML pruning rules that act on page structure: teaser sections and inline hover cards."""

from __future__ import annotations

from lxml import html as html_mod

import articlekit
from articlekit.folding import loose
from articlekit.html import _headed_by

STORY = [
    "The city council voted on Tuesday to keep the central library open through the summer, "
    "reversing a plan that would have closed it for renovation in June.",
    "Residents filled the chamber for more than two hours, many of them parents who said the "
    "library is the only quiet place their children have to study after school.",
    "The renovation will now begin in September and is expected to take eight months, the "
    "council's budget office said in a statement released after the vote.",
]
TEASERS = [
    "A long teaser that reads like prose: the mayor spoke about parks, roads and the new bus "
    "lanes that will open next spring across the northern districts of the city.",
    "Another teaser of prose about the harbour, where a ferry company wants to add two routes "
    "and the port authority has asked for a study of the traffic it would bring.",
    "A third teaser: the university plans a new campus on the old rail yards, with housing for "
    "two thousand students and a public park along the canal.",
]


def _page(related_heading: str) -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    teasers = "".join(f'<article class="post"><h2><a href="/t{i}">Teaser {i}</a></h2><p>{t}</p></article>'
                      for i, t in enumerate(TEASERS))
    return (
        "<html><head><title>Library stays open</title></head><body><div id='primary'>"
        f"<article><h1>Library stays open</h1>{story}</article>"
        f"<article class='postbox'><h3>{related_heading}</h3>{teasers}<div class='ad'></div></article>"
        "</div></body></html>"
    )


def test_a_related_section_of_prose_teasers_is_not_body() -> None:
    article = articlekit.extract(_page("Você pode gostar..."))
    assert article.text.split("\n\n") == STORY
    related = [r for r in article.removed if r.reason == "related"]
    assert related and "the mayor spoke about parks" in related[0].text


def test_the_same_row_without_a_related_heading_is_left_to_the_classifier() -> None:
    # No heading that says "related": the rule does not fire (the teasers are not pruned as related).
    article = articlekit.extract(_page("Harbour, campus and parks"))
    assert not any(r.reason == "related" for r in article.removed)
    assert STORY[0] in article.text


def test_a_hover_card_inside_a_sentence_is_left_out() -> None:
    card = (
        '<span class="people"><a href="/people/jane-doe">Jane Doe</a>'
        '<span class="card"><span><img src="/jane.jpg" alt="">'
        '<a class="name" href="/people/jane-doe">Jane Doe</a>'
        '<a href="/a1">Doe questions the budget office over library funding plans</a> '
        '<a href="/a2">Council members split over the renovation timetable</a> '
        '<a href="/a3">Parents rally for longer library opening hours</a></span></span></span>'
    )
    first = f"Council member {card} (Ward 3) said the vote was a victory for the families of the city."
    html = (
        "<html><body><article><h1>Library stays open</h1>"
        f"<p>{first}</p>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article></body></html>"
    )
    article = articlekit.extract(html)
    assert article.text.split("\n\n")[0] == (
        "Council member Jane Doe (Ward 3) said the vote was a victory for the families of the city."
    )
    assert any(r.reason == "hidden" and "Parents rally" in r.text for r in article.removed)


def test_the_next_story_preloaded_under_the_page_story_is_left_out() -> None:
    """Endless-scroll pages carry the next story in a second <article>, often longer than the
    page's own: the <article> headed by the page's declared title is the story."""
    other = [f"Next story paragraph {i}: the harbour ferry plans drew questions from residents "
             "about noise, parking and the cost of the new pier for the city." for i in range(12)]
    story = STORY + [p.replace("council", "board") for p in STORY]  # 900 characters
    html = (
        "<html><head><meta property='og:title' content='Library stays open'></head><body>"
        "<main><article><h1>Library stays open</h1>" + "".join(f"<p>{p}</p>" for p in story) + "</article></main>"
        "<div class='under'><article><h1>Ferry plans questioned</h1>"
        + "".join(f"<p>{p}</p>" for p in other) + "</article></div></body></html>"
    )
    article = articlekit.extract(html)
    assert article.title == "Library stays open"
    assert article.text.split("\n\n") == story
    assert any(r.reason == "related" and "Ferry plans questioned" in r.text for r in article.removed)


def test_a_paywalled_paragraph_marked_aria_hidden_is_body() -> None:
    """aria-hidden hides from screen readers, not from the page: sites put it on paywalled text."""
    html = (
        "<html><body><article><h1>Library stays open</h1>"
        f"<p>{STORY[0]}</p><p class='paywall' aria-hidden='true'>{STORY[1]}</p><p>{STORY[2]}</p>"
        "</article></body></html>"
    )
    assert articlekit.extract(html).text.split("\n\n") == STORY


def test_the_story_column_survives_a_name_that_sounds_like_a_sidebar() -> None:
    """A two-column layout whose columns are both 'widget-area's: once the real sidebars
    (<aside>) are gone, the column left holds most of the prose and is not pruned."""
    sidebar = "".join(f"<aside><p>{t}</p><p>{t}</p></aside>" for t in TEASERS)
    html = (
        "<html><body><h1>Library stays open</h1><div class='widget-area-group'>"
        "<div class='widget-area main-col'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>"
        f"<div class='widget-area side-col'>{sidebar}{sidebar}</div></div></body></html>"
    )
    assert articlekit.extract(html).text.split("\n\n") == STORY


def test_utility_classes_that_hide_an_element() -> None:
    promo = "<ul><li>Unlimited digital access to the Citizen.</li><li>Daily puzzles and the crossword.</li></ul>"
    story = "".join(f"<p>{p}</p>" for p in STORY)
    cases = (("benefits hidden", False), ("benefits d-none", False), ("benefits hidden md:block", True),
             ("benefits d-none d-md-block", True), ("field-label-hidden", True))
    for cls, shown in cases:
        html = (f"<html><body><article><h1>Library stays open</h1><div class='{cls}'>{promo}</div>"
                f"{story}</article></body></html>")
        article = articlekit.extract(html)
        assert ("Unlimited digital access" in article.text) is shown, cls
        assert article.text.endswith(STORY[2])


def test_words_either_side_of_a_removed_script_stay_apart() -> None:
    glued = STORY[0].replace("voted on", "voted<script>var x = 1;</script>on")
    html = ("<html><body><article><h1>Library stays open</h1>"
            + f"<p>{glued}</p>" + "".join(f"<p>{p}</p>" for p in STORY[1:]) + "</article></body></html>")
    assert articlekit.extract(html).text.split("\n\n")[0] == STORY[0]


def test_a_word_after_a_removed_element_without_tail_stays_apart() -> None:
    glued = STORY[0].replace("voted on", "voted<svg><text>icon</text></svg><b>on</b>")
    html = ("<html><body><article><h1>Library stays open</h1>"
            + f"<p>{glued}</p>" + "".join(f"<p>{p}</p>" for p in STORY[1:]) + "</article></body></html>")
    assert articlekit.extract(html).text.split("\n\n")[0] == STORY[0]


def test_a_preloaded_story_is_told_by_a_heading_that_agrees_with_a_declared_title() -> None:
    """`_headed_by` folds each title once and compares with `folding.agree_loose`: case,
    punctuation and a site suffix aside; a short heading is no evidence inside a longer title."""
    article = html_mod.fromstring("<article><h2>LIBRARY STAYS OPEN!</h2><p>text</p></article>")
    assert _headed_by(article, {loose("Library stays open | City News")})
    assert _headed_by(article, {loose("Library stays open")})
    assert not _headed_by(article, {loose("City News"), loose("")})
    short = html_mod.fromstring("<article><h1>Library</h1></article>")
    assert not _headed_by(short, {loose("Library stays open")})


def test_a_consent_dialog_named_by_its_consent_manager_is_pruned() -> None:
    """Consent managers name their dialogs ('cmplz-cookiebanner-container', 'CybotCookiebotDialog'),
    and the dialog's paragraphs are long prose that would otherwise outweigh a short story."""
    consent = "".join(
        f"<p>Die technische Speicherung oder der Zugang ist für den rechtmäßigen Zweck {n} unbedingt "
        "erforderlich, um die Nutzung eines bestimmten Dienstes zu ermöglichen, der vom Teilnehmer "
        "oder Nutzer ausdrücklich gewünscht wird, oder um eine Nachricht zu übertragen.</p>" for n in range(2)
    )
    story = ("<p>Nach aktuellem Kenntnisstand schlug der Hund des Hausbewohners plötzlich an. Als der "
             "Bewohner nachsehen wollte, flüchteten zwei Personen über den Garten.</p>"
             "<p>Die Polizei hat die Ermittlungen aufgenommen und bittet Zeugen, sich zu melden. Eine sofort "
             "eingeleitete Fahndung durch die eingesetzten Streifenwagen verlief negativ, die beiden "
             "Personen sind weiterhin flüchtig, wie die Polizei am Mittwoch mitteilte.</p>"
             "<p>Zeugen, die sachdienliche Hinweise geben können, werden gebeten, sich bei der Polizei in "
             "Bad Salzdetfurth zu melden; die Ermittler fragen vor allem nach einem dunklen Wagen, der in "
             "der Nacht mehrmals in der Straße gesehen wurde.</p>"
             "<p>Schon im vergangenen Monat hatte es in dem Viertel zwei Einbrüche gegeben, bei denen die "
             "Täter jeweils über den Garten kamen und an der Haupteingangstür eine Hebelmarke hinterließen; "
             "ob es einen Zusammenhang gibt, prüfen die Ermittler noch.</p>")
    for name in ("id='cmplz-cookiebanner-container'", "id='CybotCookiebotDialog'"):
        page = (f"<html><body><div class='post'><h1>Hund vertreibt Einbrecher</h1>{story}</div>"
                f"<div {name}>{consent}</div></body></html>")
        article = articlekit.extract(page)
        assert article.text.startswith("Nach aktuellem Kenntnisstand"), name
        assert "technische Speicherung" not in article.text
        assert any(r.reason == "cookie-notice" and "technische Speicherung" in r.text for r in article.removed)


def test_a_consent_dialog_longer_than_the_story_is_pruned_when_the_headline_is_elsewhere() -> None:
    """A theme's consent dialog ('avia-cookie-consent-wrap': the consent words in the middle of
    the name) can hold three times the prose of a short news item; the story's headline, outside
    it, shows it is no wrapper of the story."""
    consent = "".join(
        f"<p>Wir können Cookies anfordern, die auf Ihrem Gerät eingestellt werden, Abschnitt {n}. Wir "
        "verwenden Cookies, um uns mitzuteilen, wenn Sie unsere Websites besuchen, wie Sie mit uns "
        "interagieren, Ihre Nutzererfahrung verbessern und Ihre Beziehung zu unserer Website anpassen.</p>"
        for n in range(8)
    )
    story = ("<p>Ultium Cells investiert eigenen Angaben zufolge weitere 275 Millionen US-Dollar in seine "
             "Gigafactory in Spring Hill, Tennessee, und erhöht so deren Kapazität deutlich.</p>"
             "<p>Die Anlage soll das anliegende Montagewerk mit Batteriezellen versorgen; die Produktion "
             "soll Ende des kommenden Jahres anlaufen, teilte das Unternehmen mit.</p>")
    page = ("<html><head><title>Ultium Cells erhöht Gigafactory-Kapazität</title></head><body>"
            f"<div class='post'><h1>Ultium Cells erhöht Gigafactory-Kapazität</h1>{story}</div>"
            f"<div class='avia-cookie-consent-wrap'><div class='tab-content'>{consent}</div></div></body></html>")
    article = articlekit.extract(page)
    assert article.paragraphs[0].startswith("Ultium Cells investiert")
    assert len(article.paragraphs) == 2
    assert any(r.reason == "cookie-notice" and "Cookies anfordern" in r.text for r in article.removed)
