"""Interface texts in Swedish and English, and per-language formatting of dates and amounts."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}

TEXTS: dict[str, dict[str, str]] = {
    "site_name": {"sv": "Testbäddar och innovation", "en": "Testbeds and innovation"},
    "site_description": {
        "sv": "Testbäddar, innovationsprojekt och kontaktvägar i Region Stockholm och Stockholms stad.",
        "en": "Testbeds, innovation projects and contact paths of Region Stockholm and the City of Stockholm.",
    },
    "palette_default": {"sv": "Byt till mörkt läge", "en": "Switch to dark mode"},
    "palette_slate": {"sv": "Byt till ljust läge", "en": "Switch to light mode"},
    "testbeds": {"sv": "Testbäddar", "en": "Testbeds"},
    "projects": {"sv": "Projekt", "en": "Projects"},
    "contacts": {"sv": "Kontaktvägar", "en": "Contact paths"},
    "units": {"sv": "Enheter", "en": "Units"},
    "testbed": {"sv": "Testbädd", "en": "Testbed"},
    "project": {"sv": "Projekt", "en": "Project"},
    "contact": {"sv": "Kontaktväg", "en": "Contact path"},
    "unit": {"sv": "Enhet", "en": "Unit"},
    "opportunities": {"sv": "Möjligheter", "en": "Opportunities"},
    "opportunity": {"sv": "Möjlighet", "en": "Opportunity"},
    "other_language": {"sv": "In English", "en": "På svenska"},
    "language_nav": {"sv": "Språk", "en": "Language"},
    "other_language_page": {"sv": "This page in English", "en": "Den här sidan på svenska"},
    "what_can_be_tested": {"sv": "Vad kan testas", "en": "What can be tested"},
    "who_may_use": {"sv": "Vem får använda testbädden", "en": "Who may use it"},
    "conditions": {"sv": "Villkor", "en": "Conditions"},
    "cost_model": {"sv": "Kostnad", "en": "Cost"},
    "how_to_get_access": {"sv": "Så får du tillgång", "en": "How to get access"},
    "way_in": {"sv": "Din väg in", "en": "Your way in"},
    "response_time": {"sv": "Svar inom {n} arbetsdagar", "en": "Answer within {n} working days"},
    "response_time_one": {"sv": "Svar inom {n} arbetsdag", "en": "Answer within {n} working day"},
    "location": {"sv": "Plats", "en": "Location"},
    "physical_accessibility": {"sv": "Fysisk tillgänglighet", "en": "Physical accessibility"},
    "ethics": {"sv": "Etik och integritet", "en": "Ethics and privacy"},
    "ethics_approval": {"sv": "Etikprövning behövs oftast", "en": "Ethics review usually needed"},
    "personal_data": {"sv": "Personuppgifter behandlas", "en": "Personal data processed"},
    "yes": {"sv": "Ja", "en": "Yes"},
    "no": {"sv": "Nej", "en": "No"},
    "projects_that_used": {
        "sv": "Projekt som har använt testbädden",
        "en": "Projects that used this testbed",
    },
    "owner": {"sv": "Ansvarig enhet", "en": "Owning unit"},
    "compiled": {
        "sv": "Uppgifterna är hämtade ur offentliga dokument och sammanställdes senast den {date}.",
        "en": "The details are taken from public documents and were last compiled on {date}.",
    },
    "confirmed": {
        "sv": "Den ansvariga enheten bekräftade uppgifterna den {date}.",
        "en": "The owning unit confirmed the details on {date}.",
    },
    "not_confirmed": {
        "sv": "Den ansvariga enheten har ännu inte bekräftat dem.",
        "en": "The owning unit has not confirmed them yet.",
    },
    "sources": {"sv": "Källor", "en": "Sources"},
    "no_source_date": {"sv": "datum anges inte", "en": "no date given"},
    "status_according_to": {"sv": "enligt {source}", "en": "according to {source}"},
    "status_outdated": {
        "sv": "Löptiden har slutat sedan källan angav statusen. Den aktuella statusen är inte känd.",
        "en": "The period has ended since the source gave this status. The current status is not known.",
    },
    "no_access_steps": {
        "sv": "Källorna beskriver inte hur du får tillgång. Fråga via kontaktvägen",
        "en": "The sources do not describe how to get access. Ask through the contact path",
    },
    "no_next_steps": {
        "sv": "Källorna beskriver inte vad som händer efter en första kontakt. Fråga när du hör av dig.",
        "en": "The sources do not describe what happens after a first contact. Ask when you get in touch.",
    },
    "no_apply_steps": {
        "sv": "Källorna beskriver inte hur man söker eller deltar. Fråga via kontaktvägen",
        "en": "The sources do not describe how to apply or take part. Ask through the contact path",
    },
    "no_apply_steps_unit": {
        "sv": "Källorna beskriver inte hur man söker eller deltar. Fråga den ansvariga enheten",
        "en": "The sources do not describe how to apply or take part. Ask the owning unit",
    },
    "who_can_take_part": {"sv": "Vem kan delta", "en": "Who can take part"},
    "eligibility": {"sv": "Vem kan söka eller delta", "en": "Who can apply or take part"},
    "recurrence": {"sv": "Hur ofta", "en": "How often"},
    "how_to_apply": {"sv": "Så söker eller deltar du", "en": "How to apply or take part"},
    "languages": {"sv": "Språk", "en": "Languages"},
    "kind": {"sv": "Typ", "en": "Kind"},
    "status": {"sv": "Status", "en": "Status"},
    "areas": {"sv": "Områden", "en": "Areas"},
    "reference": {"sv": "Diarienummer", "en": "Reference number"},
    "coordinator": {"sv": "Koordinator", "en": "Coordinator"},
    "funder": {"sv": "Finansiär", "en": "Funder"},
    "programme": {"sv": "Program", "en": "Programme"},
    "grant": {"sv": "Bidrag", "en": "Grant"},
    "period": {"sv": "Löptid", "en": "Period"},
    "purpose": {"sv": "Syfte och mål", "en": "Purpose and goals"},
    "effects": {"sv": "Förväntade effekter och resultat", "en": "Expected effects and results"},
    "approach": {"sv": "Planerat upplägg och genomförande", "en": "Planned approach"},
    "results": {"sv": "Uppnådda resultat", "en": "Results achieved"},
    "perspectives": {
        "sv": "Perspektiv i innovationsstrategin",
        "en": "Perspectives of the innovation strategy",
    },
    "testbeds_used": {"sv": "Testbäddar som används", "en": "Testbeds used"},
    "partners": {"sv": "Parter", "en": "Partners"},
    "reported_figures": {"sv": "Redovisade siffror", "en": "Reported figures"},
    "source": {"sv": "Källa", "en": "Source"},
    "who_for": {"sv": "Vem kontaktvägen är till för", "en": "Who it is for"},
    "topics": {"sv": "Ämnen", "en": "Topics"},
    "channels": {"sv": "Så når du oss", "en": "How to reach us"},
    "email": {"sv": "E-post", "en": "E-mail"},
    "web_form": {"sv": "Webbformulär", "en": "Web form"},
    "phone": {"sv": "Telefon", "en": "Phone"},
    "visit": {"sv": "Besök", "en": "Visit"},
    "web_form_link": {"sv": "Fyll i webbformuläret", "en": "Fill in the web form"},
    "urgent_title": {"sv": "Akuta ärenden", "en": "Urgent matters"},
    "urgent_intro": {
        "sv": "Den här kontaktvägen är inte till för akuta ärenden.",
        "en": "This contact path is not for urgent matters.",
    },
    "urgent_emergency": {"sv": "Vid en nödsituation, ring", "en": "In an emergency, call"},
    "urgent_health": {"sv": "Behöver du råd om vård, ring", "en": "For health advice, call"},
    "next_steps": {"sv": "Det här händer sedan", "en": "What happens next"},
    "way_in_to": {"sv": "Kontaktvägen till", "en": "The way in to"},
    "example_details": {
        "sv": "Kontaktuppgifterna och svarstiden är exempel (example.org) tills enheten har lagt in sina riktiga uppgifter.",
        "en": "The contact details and response time are examples (example.org) until the unit adds its real details.",
    },
    "type": {"sv": "Typ", "en": "Type"},
    "parent": {"sv": "Ingår i", "en": "Part of"},
    "subunits": {"sv": "Underenheter", "en": "Sub-units"},
    "website": {"sv": "Webbplats", "en": "Website"},
    "owns": {"sv": "Ansvarar för", "en": "Responsible for"},
    "partner_in": {"sv": "Part i projekt", "en": "Partner in projects"},
    "links": {"sv": "Mer information", "en": "More information"},
    "name": {"sv": "Namn", "en": "Name"},
    "summary": {"sv": "Sammanfattning", "en": "Summary"},
    "count_entries": {"sv": "{n} poster", "en": "{n} entries"},
    "count_entry": {"sv": "{n} post", "en": "{n} entry"},
    "search": {"sv": "Sök", "en": "Search"},
    "search_title": {"sv": "Sök i katalogen", "en": "Search the catalogue"},
    "search_label": {"sv": "Sökord", "en": "Search terms"},
    "search_button": {"sv": "Sök", "en": "Search"},
    "filters": {"sv": "Avgränsa", "en": "Filter"},
    "search_needs_js": {
        "sv": "Sökningen behöver JavaScript. Utan JavaScript hittar du allt i listorna över",
        "en": "Search needs JavaScript. Without JavaScript you find everything in the lists of",
    },
    "chooser_title": {"sv": "Hitta rätt väg in", "en": "Find your way in"},
    "chooser_intro": {
        "sv": "Välj vem du är och vad du vill göra, så visar vi den kontaktväg som tar emot din fråga.",
        "en": "Choose who you are and what you want to do, and we show you the contact path that handles your question.",
    },
    "i_am": {"sv": "Jag är", "en": "I am"},
    "i_want": {"sv": "Jag vill", "en": "I want to"},
    "show_way_in": {"sv": "Visa vägen in", "en": "Show the way in"},
    "chooser_table": {"sv": "Alla vägar in", "en": "All ways in"},
    "no_way_in": {
        "sv": "Katalogen har inga kontaktvägar ännu.",
        "en": "The catalogue has no contact paths yet.",
    },
    "way_in_audience": {
        "sv": "Ingen kontaktväg är särskilt till för just den frågan ännu. Börja med den här, som tar emot andra frågor från samma grupp.",
        "en": "No contact path is meant for that question yet. Start with this one, which deals with other matters from the same group.",
    },
    "way_in_central": {
        "sv": "Ingen kontaktväg är särskilt till för dig ännu. Börja med den här, som tar emot flest slags frågor.",
        "en": "No contact path is meant for you yet. Start with this one, which deals with the widest range of matters.",
    },
    "all_contacts": {"sv": "Se alla kontaktvägar", "en": "See all contact paths"},
    "your_way_in": {"sv": "Din väg in", "en": "Your way in"},
    "reported_apart": {
        "sv": "Siffror som en källa redovisar, inte räknade från katalogens poster.",
        "en": "Figures a source reports, not counted from the catalogue's entries.",
    },
    "footer_label": {"sv": "Om webbplatsen", "en": "About this site"},
    "accessibility_statement": {"sv": "Tillgänglighetsredogörelse", "en": "Accessibility statement"},
    "about": {"sv": "Om katalogen", "en": "About the catalogue"},
    "open_data": {"sv": "Öppna data", "en": "Open data"},
    "contribute": {"sv": "Bidra", "en": "Contribute"},
    "skip": {"sv": "Gå till innehållet", "en": "Skip to content"},
    # The site's frame (theme/main.html): header, main menu, breadcrumbs, footer, print header, 404.
    "home": {"sv": "Startsida", "en": "Home"},
    "main_menu": {"sv": "Huvudmeny", "en": "Main menu"},
    "menu": {"sv": "Meny", "en": "Menu"},
    "breadcrumbs": {"sv": "Du är här", "en": "You are here"},
    "report": {"sv": "Innovationsbokslut", "en": "Innovation report"},
    "publisher": {
        "sv": "Katalogen ges ut av Region Stockholms regionledningskontor.",
        "en": "The catalogue is published by Region Stockholm's Regional Executive Office.",
    },
    "contact_us": {"sv": "Kontakt: hitta rätt väg in", "en": "Contact: find your way in"},
    "news_feed": {"sv": "Nyheter som Atom-flöde", "en": "News as an Atom feed"},
    "printed": {"sv": "Utskriven", "en": "Printed"},
    "not_found_title": {"sv": "Sidan finns inte", "en": "Page not found"},
    "not_found_text": {
        "sv": "Sidan kan ha flyttats eller tagits bort, eller så är adressen felstavad. Sök i katalogen eller gå till startsidan.",
        "en": "The page may have moved or been removed, or the address may be mistyped. Search the catalogue or go to the home page.",
    },
    "go_home": {"sv": "Gå till startsidan", "en": "Go to the home page"},
    "all_entries_of_unit": {
        "sv": "Allt enheten ansvarar för",
        "en": "Everything the unit is responsible for",
    },
    "none": {"sv": "Inga ännu.", "en": "None yet."},
    "no_data": {"sv": "Inga uppgifter ännu.", "en": "No data yet."},
    "not_stated": {"sv": "Uppgift saknas", "en": "Not stated"},
    "featured": {"sv": "I fokus", "en": "In focus"},
    "news": {"sv": "Nyheter", "en": "News"},
    "published": {"sv": "Publicerad", "en": "Published"},
}

# What a visitor wants (the chooser) → the contact topics that answer it.
WANTS: dict[str, dict] = {
    "test": {"topics": ["testbed-access"], "sv": "testa en lösning", "en": "test a solution"},
    "sell": {
        "topics": ["innovation-procurement", "innovation-partnership"],
        "sv": "sälja eller utveckla en innovation tillsammans med oss",
        "en": "sell an innovation or develop one with us",
    },
    "ideas": {
        "topics": ["intellectual-property"],
        "sv": "få stöd med en idé eller immateriella rättigheter",
        "en": "get support with an idea or intellectual property",
    },
    # `opportunity_types`: when no contact path matches, an opportunity of these types can (chooser_rows).
    "funding": {
        "topics": ["funding"],
        "opportunity_types": ["stipend", "call"],
        "sv": "få finansiering",
        "en": "get funding",
    },
    "suggest": {
        "topics": ["improvement-suggestions"],
        "sv": "lämna ett förbättringsförslag",
        "en": "suggest an improvement",
    },
    "research": {
        "topics": ["research-collaboration"],
        "sv": "samarbeta kring forskning",
        "en": "collaborate on research",
    },
}
# Who a visitor is (the chooser) → the contact audience that serves them.
VISITORS: dict[str, dict[str, str]] = {
    "companies": {"sv": "ett företag", "en": "a company"},
    "startups": {"sv": "ett uppstartsföretag", "en": "a start-up"},
    "researchers": {"sv": "forskare", "en": "a researcher"},
    "residents": {"sv": "patient eller invånare", "en": "a patient or resident"},
    "staff": {"sv": "medarbetare i regionen eller staden", "en": "staff of the region or the city"},
    "public-sector": {"sv": "en offentlig organisation", "en": "a public organisation"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The interface text `key` in `lang`, with `{name}` placeholders filled."""
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def localised(value: object, lang: str) -> str:
    """Pick `lang` from a `{sv, en}` text, falling back to Swedish."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get(DEFAULT_LANGUAGE) or "")
    return "" if value is None else str(value)


def text_lang(value: object, lang: str) -> str:
    """The language the picked text is really in (for a `lang` attribute on a fallback)."""
    if isinstance(value, dict) and not value.get(lang) and value.get(DEFAULT_LANGUAGE):
        return DEFAULT_LANGUAGE
    return lang


def format_sek(amount: int, lang: str) -> str:
    """`594 204 kr` in Swedish, `SEK 594,204` in English."""
    number = format_decimal(amount, locale=_LOCALES[lang])
    return f"{number}\u00a0kr" if lang == "sv" else f"SEK\u00a0{number}"


@functools.lru_cache(maxsize=4096)  # a catalogue has few distinct dates, shown on many pages
def format_date(value: str | dt.date, lang: str) -> str:
    """`1 november 2026` / `1 November 2026`; a month alone (`2016-12`) as `december 2016`."""
    if isinstance(value, str) and len(value) == 7:
        return _babel_date(dt.date.fromisoformat(value + "-01"), format="LLLL y", locale=_LOCALES[lang])
    date = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return _babel_date(date, format="long", locale=_LOCALES[lang])


def in_sentence(labels: list[str], lang: str) -> str:
    """Labels as a list in running text: `Företag, forskare och medarbetare` / `Companies, researchers and staff`.

    Labels are written capitalised (they also stand alone); inside a list only the first keeps its
    capital, and the last two are joined with "och" / "and".
    """
    words = [label if index == 0 else label[:1].lower() + label[1:] for index, label in enumerate(labels)]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {'och' if lang == 'sv' else 'and'} {words[-1]}"


def format_number(value: float, lang: str) -> str:
    return format_decimal(value, locale=_LOCALES[lang])
