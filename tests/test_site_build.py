"""The site built from the shipped catalogue: pages, languages, relations, search index, privacy, safety."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from innokatalog.build import CatalogueError, build_site
from innokatalog.load import load_catalogue, load_file
from innokatalog.model import KIND_PLURALS, Catalogue, Item

from .browser_support import PROJECT, built_site, link_targets, page_path, parse_html, shipped_catalogue

# Elements and `<link rel>` values that make the browser fetch something by themselves.
FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src"}
FETCHING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon"}
FETCHING_RELS |= {"apple-touch-icon", "manifest", "shortcut"}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
XSS = (
    "Safe text.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n"
    '<a href="javascript:alert(1)">y</a> [z](JaVaScRiPt:alert(1)) <svg onload=alert(1)>'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    """The shipped catalogue (named apart from conftest's `catalogue`, a fixture copy)."""
    catalogue = shipped_catalogue()
    assert catalogue.all(), f"no entries in {PROJECT / 'catalogue'}"
    return catalogue


def read(site: Path, url: str) -> str:
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return path.read_text(encoding="utf-8")


def html_lang(html: str) -> str | None:
    match = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", html)
    return match[1] if match else None


def expected_pages() -> list[tuple[str, str]]:
    loaded = load_catalogue(PROJECT / "catalogue")
    return sorted((entry.kind, entry.id) for entry in loaded.entries)


def test_every_entry_has_a_page_in_both_languages(site: Path, shipped: Catalogue) -> None:
    catalogue = shipped
    expected = expected_pages()
    assert expected
    missing = [
        f"/{page_path(kind, item_id, lang)}"
        for kind, item_id in expected
        for lang in ("sv", "en")
        if not (site / page_path(kind, item_id, lang) / "index.html").is_file()
    ]
    assert not missing, f"entries without a page: {missing}"
    for plural in KIND_PLURALS.values():
        built = {p.parent.name for p in (site / plural).glob("*/index.html")}
        built_en = {p.parent.name for p in (site / "en" / plural).glob("*/index.html")}
        ids = {item_id for kind, item_id in expected if KIND_PLURALS[kind] == plural}
        redirects = {
            old
            for item in catalogue.all()
            if KIND_PLURALS[item.kind] == plural
            for old in item.get("previous_ids") or []
        }
        assert built - redirects == ids, plural
        assert built_en - redirects == ids, plural


def test_pages_declare_their_language(site: Path, shipped: Catalogue) -> None:
    catalogue = shipped
    wrong = []
    for item in catalogue.all():
        for lang in ("sv", "en"):
            found = html_lang(read(site, page_path(item.kind, item.id, lang)))
            if found != lang:
                wrong.append((page_path(item.kind, item.id, lang), found))
    for url, lang in [("", "sv"), ("en/", "en"), ("sok/", "sv"), ("en/sok/", "en"), ("vag-in/", "sv")]:
        if (site / url / "index.html").is_file():
            found = html_lang(read(site, url))
            if found != lang:
                wrong.append((url, found))
    assert not wrong, f"pages with the wrong <html lang>: {wrong}"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_site_name_and_colour_toggle_are_in_the_page_language(site: Path, lang: str) -> None:
    from innokatalog import i18n

    html = read(site, "" if lang == "sv" else "en/")
    assert f"<title>{i18n.t('site_name', lang)}</title>" in html  # the home page: the name once
    for scheme in ("default", "slate"):
        assert f'aria-label="{i18n.t(f"palette_{scheme}", lang)}"' in html


def test_entry_pages_link_their_other_language_version(site: Path, shipped: Catalogue) -> None:
    catalogue = shipped
    item = catalogue.all()[0]
    sv, en = page_path(item.kind, item.id, "sv"), page_path(item.kind, item.id, "en")
    assert en in link_targets(read(site, sv), sv)
    assert sv in link_targets(read(site, en), en)


def _assert_links(site: Path, source: Item, targets: list[Item], what: str) -> None:
    for lang in ("sv", "en"):
        url = page_path(source.kind, source.id, lang)
        links = link_targets(read(site, url), url)
        missing = [
            page_path(t.kind, t.id, lang) for t in targets if page_path(t.kind, t.id, lang) not in links
        ]
        assert not missing, f"/{url} does not link {what}: {missing}"


def test_testbeds_and_projects_link_each_other(site: Path, shipped: Catalogue) -> None:
    catalogue = shipped
    pairs = [
        (project, testbed)
        for project in catalogue.of_kind("project")
        for testbed_id in project.get("testbeds") or []
        if (testbed := catalogue.find("testbed", testbed_id)) is not None
    ]
    # The seeds may give no project that used a testbed; test_probe_relations covers the mechanism then.
    for project, testbed in pairs:
        _assert_links(site, project, [testbed], "the testbed it lists")
        _assert_links(site, testbed, [project], "the project that lists it")


def test_unit_pages_link_what_they_own(site: Path, shipped: Catalogue) -> None:
    catalogue = shipped
    owned_somewhere = False
    for unit in catalogue.of_kind("unit"):
        owned = [item for item in catalogue.all() if item.get("unit") == unit.id]
        owned_somewhere |= bool(owned)
        _assert_links(site, unit, owned, "what it owns")
        for item in owned:
            _assert_links(site, item, [unit], "its unit")
    assert owned_somewhere


def test_contact_pages_link_what_uses_them(site: Path, shipped: Catalogue) -> None:
    catalogue = shipped
    used_somewhere = False
    for contact in catalogue.of_kind("contact"):
        users = [item for item in catalogue.all() if item.get("contact") == contact.id]
        used_somewhere |= bool(users)
        _assert_links(site, contact, users, "what uses it")
        for item in users:
            _assert_links(site, item, [contact], "its contact path")
    assert used_somewhere


def _hand_written_pages() -> dict[str, list[str]]:
    """The directory URL of each page in site/, per language: `om.md` → `om/`, `om.en.md` → `en/om/`."""
    pages: dict[str, list[str]] = {"sv": [], "en": []}
    for path in sorted((PROJECT / "site").rglob("*.md")):
        relative = path.relative_to(PROJECT / "site").as_posix()
        lang = "en" if relative.endswith(".en.md") else "sv"
        stem = relative.removesuffix(".md").removesuffix(".en")
        url = (
            ""
            if stem == "index"
            else stem.removesuffix("/index") + "/"
            if stem.endswith("/index")
            else stem + "/"
        )
        pages[lang].append(LANGUAGE_ROOT[lang] + url)
    return pages


LANGUAGE_ROOT = {"sv": "", "en": "en/"}


def test_hand_written_pages_are_built_in_their_language(site: Path) -> None:
    pages = _hand_written_pages()
    assert pages["sv"], "site/ has no pages"
    wrong = []
    for lang, urls in pages.items():
        for url in urls:
            path = site / url / "index.html"
            if not path.is_file():
                wrong.append(f"/{url}: missing")
            elif html_lang(path.read_text(encoding="utf-8")) != lang:
                wrong.append(f"/{url}: not lang={lang}")
    assert not wrong, f"hand-written pages not built: {wrong}"


def _target(site: Path, page: Path, href: str) -> Path:
    target = urlsplit(urljoin("http://site.invalid/" + page.relative_to(site).as_posix(), href))
    return site / unquote(target.path).lstrip("/")


def test_internal_links_and_language_switches_resolve(site: Path) -> None:
    """Every link within the site leads to a built file, the "In English" / "På svenska" link included."""
    broken: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for tag in parse_html(page.read_text(encoding="utf-8")).tags:
            href = tag.attrs.get("href", "") if tag.name in ("a", "link") else ""
            if not href or href.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
                continue
            target = _target(site, page, href)
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.setdefault("/" + target.relative_to(site).as_posix(), []).append(
                    str(page.relative_to(site))
                )
    report = [
        f"{target} (from {len(pages)} pages, such as {pages[0]})" for target, pages in sorted(broken.items())
    ]
    assert not broken, "links lead nowhere:\n" + "\n".join(report)


def test_pagefind_index_covers_both_languages(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").is_file()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = entry["languages"]
    assert {"sv", "en"} <= set(languages), languages
    assert languages["sv"]["page_count"] > 0 and languages["en"]["page_count"] > 0
    assert not (site / "en" / "pagefind").exists(), "the English build must not have an index of its own"


def test_open_data_files_are_published_with_every_entry(site: Path, shipped: Catalogue) -> None:
    data = json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    published = sorted((kind, entry["id"]) for kind, plural in KIND_PLURALS.items() for entry in data[plural])
    assert published == expected_pages()
    dcat = (site / "data" / "dcat.rdf").read_text(encoding="utf-8")
    for plural in KIND_PLURALS.values():
        assert (site / "data" / f"{plural}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert f"data/{plural}.csv" in dcat


def embedded_jsonld(html: str) -> list[dict]:
    scripts = [text for attrs, text in parse_html(html).scripts if attrs.get("type") == "application/ld+json"]
    return [json.loads(text) for text in scripts]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_entry_page_embeds_its_own_jsonld(site: Path, lang: str) -> None:
    from pyld import jsonld

    def no_fetching(url: str, options: object = None) -> None:
        raise AssertionError(f"the embedded JSON-LD needs {url}")

    for kind, item_id in expected_pages():
        url = page_path(kind, item_id, lang)
        documents = embedded_jsonld(read(site, url))
        assert len(documents) == 1, f"/{url}: {len(documents)} JSON-LD scripts"
        assert documents[0]["@id"] == f"https://catalogue.example.org/{url}"
        expanded = jsonld.expand(documents[0], {"documentLoader": no_fetching})
        assert expanded[0]["@type"][0].startswith("https://schema.org/"), f"/{url}: {expanded[0]['@type']}"
    assert not embedded_jsonld(read(site, "" if lang == "sv" else "en/")), "the home page is not an entry"


def test_vinnova_grant_is_shown_in_swedish_format(site: Path, shipped: Catalogue) -> None:
    catalogue = shipped
    projects = [
        p
        for p in catalogue.of_kind("project")
        if "vinnova" in str((p.get("funding") or {}).get("funder", "")).lower()
        and (p.get("funding") or {}).get("amount_sek") == 594204
    ]
    assert projects, "no Vinnova project with a grant of 594 204 kr in the shipped catalogue"
    html = read(site, page_path("project", projects[0].id, "sv"))
    normalised = html.replace("\u00a0", " ").replace("&nbsp;", " ").replace("&#160;", " ")
    assert "594 204 kr" in normalised


def test_no_page_loads_anything_from_another_origin(site: Path) -> None:
    offending = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        parsed = parse_html(path.read_text(encoding="utf-8"))
        for tag in parsed.tags:
            url = ""
            if tag.name in FETCHING:
                url = tag.attrs.get(FETCHING[tag.name], "")
            elif tag.name == "link" and set(tag.attrs.get("rel", "").lower().split()) & FETCHING_RELS:
                url = tag.attrs.get("href", "")
            if EXTERNAL.match(url):
                offending.append((str(path.relative_to(site)), tag.name, url))
        for _, script in parsed.scripts:
            if re.search(r"\bimport\s*\(\s*[\"'](https?:)?//", script):
                offending.append((str(path.relative_to(site)), "import()", script[:80]))
    assert not offending, f"requests to other origins: {offending[:20]}"
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        found = re.findall(r"(?:@import\s+|url\(\s*[\"']?)(?:https?:)?//[^\s\"')]+", text)
        assert not found, f"{css.relative_to(site)} loads {found}"
    html = read(site, "sok/")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_theme_fonts_are_off() -> None:
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"].get("font") is False


def _copy_project(destination: Path) -> Path:
    for name in ("catalogue", "schema", "site"):
        shutil.copytree(PROJECT / name, destination / name)
    shutil.copy2(PROJECT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def _first_entry_file(project: Path, kind: str) -> Path:
    files = sorted((project / "catalogue" / KIND_PLURALS[kind]).glob("*.yml"))
    assert files, f"no {kind} in the shipped catalogue"
    return files[0]


def _dump_entry(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _entry_data(path: Path, kind: str) -> dict:
    entry, findings = load_file(path, kind)
    assert entry is not None, findings
    return entry.data


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the project with one hostile testbed, listed by the first project; built once.

    Returns the built site and the id of the project that lists the probe.
    """
    root = tmp_path_factory.mktemp("probe")
    project = _copy_project(root / "project")
    source = _first_entry_file(project, "testbed")
    data = _entry_data(source, "testbed")
    data["id"] = "xss-probe"
    data["description"] = {"sv": XSS, "en": XSS}
    # The name and summary also reach the theme's <title>, header and <meta name="description">.
    data["name"] = {
        "sv": "Prov</title><script>alert(1)</script>",
        "en": "Probe</title><script>alert(1)</script>",
    }
    data["summary"] = {
        "sv": '"><script>alert(1)</script>',
        "en": '" onmouseover="alert(1)" x="<img src=x onerror=alert(1)>',
    }
    for name in ("previous_ids", "featured", "images"):
        data.pop(name, None)
    _dump_entry(source.with_name("xss-probe.yml"), data)

    user = _first_entry_file(project, "project")
    user_data = _entry_data(user, "project")
    user_data["testbeds"] = [*(user_data.get("testbeds") or []), "xss-probe"]
    _dump_entry(user, user_data)
    return build_site(project, root / "out"), user_data["id"]


def test_entry_text_cannot_inject_markup(probe: tuple[Path, str]) -> None:
    output, _ = probe
    for lang in ("sv", "en"):
        html = read(output, page_path("testbed", "xss-probe", lang))
        assert "Safe text." in html
        assert "<script>alert" not in html.lower()
        article = html.lower().split("<article", 1)[-1].split("</article>", 1)[0]
        assert "<svg" not in article
        assert "&lt;/title&gt;" in article, "the name's text should be shown, escaped"
        parsed = parse_html(html)
        for tag in parsed.tags:
            handlers = [name for name in tag.attrs if name.startswith("on")]
            assert not handlers, f"event handler attribute on <{tag.name}>: {tag.attrs}"
            for name in ("href", "src", "action", "formaction"):
                value = re.sub(r"[\s\x00-\x1f]", "", tag.attrs.get(name, "")).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), tag.attrs
        code = [text for attrs, text in parsed.scripts if "json" not in attrs.get("type", "")]
        assert not any("alert(1)" in text for text in code)


def test_probe_relations_show_on_both_sides(probe: tuple[Path, str]) -> None:
    """A project that lists a testbed links it, and the testbed's page links the project back."""
    output, project_id = probe
    for lang in ("sv", "en"):
        testbed_url = page_path("testbed", "xss-probe", lang)
        project_url = page_path("project", project_id, lang)
        assert testbed_url in link_targets(read(output, project_url), project_url)
        assert project_url in link_targets(read(output, testbed_url), testbed_url)


def test_invalid_catalogue_refuses_and_keeps_the_previous_output(tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "project")
    output = build_site(project, tmp_path / "out")
    kept = {
        path: path.read_bytes()
        for path in [output / "testbeds" / "index.html", *output.glob("*/*/index.html")]
    }
    assert kept
    index = output / "testbeds" / "index.html"
    before = index.stat().st_mtime_ns

    broken = _first_entry_file(project, "testbed")
    text = broken.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"(?m)^unit: .*$", "unit: no-such-unit", text), encoding="utf-8")

    with pytest.raises(CatalogueError) as raised:
        build_site(project, output)
    assert broken.name in str(raised.value)

    assert index.stat().st_mtime_ns == before
    changed = [str(path) for path, data in kept.items() if not path.is_file() or path.read_bytes() != data]
    assert not changed, f"a refused build changed the previous output: {changed[:5]}"
    leftovers = [p.name for p in output.parent.iterdir() if p.name.startswith(".")]
    assert not leftovers, f"a refused build left folders behind: {leftovers}"


def test_plain_mkdocs_build_stops_with_directions(tmp_path: Path) -> None:
    """Plain MkDocs would build the hand-written pages alone; the guard plugin says what to run instead."""
    import os
    import subprocess
    import sys

    output = tmp_path / "plain"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(output)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode != 0
    assert "catalogue build" in result.stderr and "make site" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (output / "index.html").exists()


def shipped_posts() -> list[tuple[str, dict]]:
    """(slug, front matter) of each Swedish news post in site/news/."""
    posts = []
    for path in sorted((PROJECT / "site" / "news").glob("*.md")):
        if path.name == "index.md" or path.name.endswith(".en.md"):
            continue
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        posts.append((path.stem, front))
    assert posts, "no news post is shipped"
    return posts


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_feeds_list_the_shipped_posts_with_absolute_links(site: Path, lang: str) -> None:
    import feedparser

    root = "" if lang == "sv" else "en/"
    feed = feedparser.parse((site / root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    links = {entry.link for entry in feed.entries}
    for slug, _ in shipped_posts():
        assert f"https://catalogue.example.org/{root}news/{slug}/" in links


def test_news_shows_on_home_news_page_and_related_entries(site: Path) -> None:
    for slug, front in shipped_posts():
        link = f"news/{slug}/"
        assert link in link_targets(read(site, ""), ""), "not on the home page"
        assert link in link_targets(read(site, "news/"), "news/"), "not on the news page"
        for related in front.get("related") or []:
            page = f"{related}/"
            assert link in link_targets(read(site, page), page), f"not on /{page}"


def test_report_charts_are_images_with_a_title_and_description(site: Path) -> None:
    years = sorted(p.name for p in (site / "innovationsbokslut").iterdir() if p.name.isdigit())
    assert years
    html = read(site, f"innovationsbokslut/{years[-1]}/")
    charts = re.findall(r'<svg class="report__chart"[^>]*>.*?</svg>', html, re.DOTALL)
    assert charts
    for chart in charts:
        assert 'role="img"' in chart and "<title" in chart and "<desc" in chart


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_links_its_news_feed_and_a_post_shows_its_date(site: Path, lang: str) -> None:
    root = site / ("" if lang == "sv" else "en")
    own = [p for p in root.rglob("index.html") if lang == "en" or p.relative_to(root).parts[0] != "en"]
    pages = [
        p for p in own if p.relative_to(root).parts[0] not in ("embed", "pagefind")
    ]  # embeds stand alone
    assert pages
    for path in pages[:400]:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect from an old address
        links = [t for t in parse_html(html).find("link") if t.attrs.get("type") == "application/atom+xml"]
        assert links, f"{path.relative_to(site)} has no feed link"
        target = (path.parent / links[0].attrs["href"]).resolve()
        assert target == (root / "feed.xml").resolve() and target.is_file(), path
    for slug, front in shipped_posts():
        html = read(site, ("" if lang == "sv" else "en/") + f"news/{slug}/")
        assert f'<time datetime="{front["date"].isoformat()}">' in html
