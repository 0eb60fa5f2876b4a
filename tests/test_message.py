"""The ready first message: a mailto link whose address, subject and body are encoded per RFC 6068."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from innokatalog.message import first_message, mailto
from innokatalog.render import Renderer

from .browser_support import parse_html
from .fresh import fresh_catalogue
from .mini import schemas


def test_mailto_encodes_swedish_letters_spaces_and_line_breaks() -> None:
    uri = mailto("testbäddar@example.org", "Fråga om Hälsolabbet & Åsö", "Hej!\nVem är du?")
    assert uri == (
        "mailto:testb%C3%A4ddar@example.org?subject=Fr%C3%A5ga%20om%20H%C3%A4lsolabbet%20%26%20%C3%85s%C3%B6"
        "&body=Hej%21%0D%0AVem%20%C3%A4r%20du%3F"
    )
    assert "+" not in uri


@pytest.mark.parametrize(
    ("lang", "subject", "questions"),
    [
        (
            "sv",
            "Fråga om Hälsolabbet på Söder & Åsö",
            ["Vem jag är", "Vad jag vill testa eller diskutera", "När"],
        ),
        (
            "en",
            "Question about The health lab at Söder & Åsö",
            ["Who I am", "What I want to test or discuss", "When"],
        ),
    ],
)
def test_testbed_page_writes_to_the_contact_paths_mailbox(
    lang: str, subject: str, questions: list[str]
) -> None:
    catalogue = fresh_catalogue()
    page = Renderer(catalogue, schemas(), lang).entry_page(catalogue.find("testbed", "halsolabbet"))
    links = [tag for tag in parse_html(page.html).find("a") if tag.attrs["href"].startswith("mailto:")]
    message = [tag for tag in links if "subject=" in tag.attrs["href"]]
    assert len(message) == 1, links
    parts = urlsplit(message[0].attrs["href"])
    assert parts.path == "testbaddar@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == [subject]
    body = query["body"][0]
    assert "\r\n" in body and "\n" not in body.replace("\r\n", "")
    for question in questions:
        assert "\r\n" + question in body
    assert unquote(parts.query.split("body=")[1]) == body
    assert ("Skriv till oss" if lang == "sv" else "Write to us") in page.html


def test_a_contact_path_with_only_a_web_form_gets_the_form() -> None:
    catalogue = fresh_catalogue()
    testbed = catalogue.find("testbed", "datamiljon")
    message = first_message(testbed, catalogue.contact_of(testbed), "sv")
    assert message is not None and not message.is_mail
    assert message.href == "https://example.org/formular"
    page = Renderer(catalogue, schemas(), "en").entry_page(catalogue.find("project", "stadsprojektet"))
    assert "Write to us" in page.html and "Goes to the contact path&#39;s web form." in page.html
    hrefs = [tag.attrs["href"] for tag in parse_html(page.html).find("a")]
    assert "https://example.org/formular" in hrefs
    assert not any("subject=" in href for href in hrefs)


def test_no_link_without_a_contact_path() -> None:
    catalogue = fresh_catalogue()
    assert first_message(catalogue.find("testbed", "halsolabbet"), None, "sv") is None
