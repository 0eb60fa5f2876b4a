"""A ready first message: the "Write to us" link of a testbed or project page.

The link is a `mailto:` URI (RFC 6068) to the contact path's mailbox with a subject that names the
entry and a short body the visitor fills in, or the contact path's web form where it has no mailbox.
Nothing is sent by the site: the visitor's own mail program or the unit's form does that.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from . import i18n
from .model import Item

MESSAGE_TEXTS: dict[str, dict[str, str]] = {
    "write_to_us": {"sv": "Skriv till oss", "en": "Write to us"},
    "opens_mail": {
        "sv": "Öppnar ditt e-postprogram med ett färdigt meddelande till {mailbox}. Inget skickas förrän du själv skickar det.",
        "en": "Opens your e-mail program with a ready message to {mailbox}. Nothing is sent until you send it.",
    },
    "opens_form": {
        "sv": "Går till kontaktvägens webbformulär.",
        "en": "Goes to the contact path's web form.",
    },
    "subject": {"sv": "Fråga om {name}", "en": "Question about {name}"},
    "body": {
        "sv": "Hej!\n\nJag har en fråga om {name}.\n\n"
        "Vem jag är (namn, organisation, roll):\n\n"
        "Vad jag vill testa eller diskutera:\n\n"
        "När (ungefär när jag vill börja, eller när det passar att höras):\n\n"
        "Vänliga hälsningar\n",
        "en": "Hello,\n\nI have a question about {name}.\n\n"
        "Who I am (name, organisation, role):\n\n"
        "What I want to test or discuss:\n\n"
        "When (roughly when I would like to start, or when suits you to talk):\n\n"
        "Kind regards\n",
    },
}


@dataclass(frozen=True)
class FirstMessage:
    """Where "Write to us" goes: a `mailto:` URI or a web form, with the hint shown beside it."""

    href: str
    hint: str
    is_mail: bool


def _t(key: str, lang: str, **values: str) -> str:
    return MESSAGE_TEXTS[key][lang].format(**values)


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` URI per RFC 6068: UTF-8 percent-encoding, spaces as %20, line breaks as %0D%0A."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def first_message(item: Item, contact: Item | None, lang: str) -> FirstMessage | None:
    """The entry's "Write to us" link, or None when its contact path has neither mailbox nor form."""
    if contact is None:
        return None
    channels = contact.get("channels") or {}
    name = i18n.localised(item.get("name"), lang)
    if channels.get("email"):
        address = channels["email"]
        href = mailto(address, _t("subject", lang, name=name), _t("body", lang, name=name))
        return FirstMessage(href, _t("opens_mail", lang, mailbox=address), True)
    if channels.get("web_form"):
        return FirstMessage(channels["web_form"], _t("opens_form", lang), False)
    return None
