"""Which pages the model becomes, and their Markdown in each language.

The catalogue (``site_pages``) is the URL scheme: every path is relative to a language folder and
the same in every language, so the language switch always has a counterpart. Paths come from ids
only, never from titles.
"""

from __future__ import annotations

import datetime
import functools
import posixpath
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import babel
import babel.dates
import babel.numbers
import babel.units
import jinja2
from markupsafe import Markup

from ..model import Competency, Group, MasteryLevel, Model, Profile, Translated
from ..problems import Location, ModelError, Problem
from ..source.labels import Labels
from .safehtml import inert_line_start, model_text_html, plain_text_html, title_text

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"

MODEL_OVERVIEW = "model/index.md"
LEVELS = "levels.md"
AT_A_GLANCE = "at-a-glance.md"
CHANGES = "changes.md"
DICTIONARY = "dictionary.md"
DOWNLOADS = "downloads.md"
GLOSSARY = "glossary.md"
#: The role profiles' overview; only a model with profiles (model/profiles/) has it and the profile pages.
PROFILES_OVERVIEW = "profiles/index.md"
#: The interview kits' index; each competency and each profile has a kit below it.
INTERVIEW_KITS = "interview-kits/index.md"
#: The private self-assessment: the checklist without JavaScript, the form, chart and file with it.
SELF_ASSESSMENT = "self-assessment.md"
#: The home page of each language: handwritten, with a lead from the model put below its title (``home-lead.md.j2``).
HOME = "index.md"
#: The generated pages at the top of every language folder, whatever the model (see ``site_pages``).
TOP_LEVEL_PAGES = (MODEL_OVERVIEW, LEVELS, AT_A_GLANCE, CHANGES, DICTIONARY, DOWNLOADS, GLOSSARY, PROFILES_OVERVIEW,
                   INTERVIEW_KITS, SELF_ASSESSMENT)

#: The most competencies that the pages showing every competency in full (the dictionary and the
#: overview table) show on one page. A larger model gets one such page per group, which the page
#: lists: one page of thousands of competencies would run to tens of megabytes, more than a browser
#: shows or prints well, and the build would hold all of it in memory at once.
WHOLE_MODEL_LIMIT = 100

#: The most profiles that the profiles overview compares side by side (competencies × profiles), one
#: column each: more columns no longer fit a screen or a printed page, and each profile's page says it all.
PROFILE_TABLE_LIMIT = 8


@dataclass(frozen=True)
class SitePage:
    """A generated page: its path inside a language folder, its template and what it shows."""

    path: str
    template: str
    source_file: str | None
    """The model file an editor changes to change this page; the page's "edit" link."""
    group: Group | None = None
    competency: Competency | None = None
    #: The level a level view shows (``level_view_path``).
    level: MasteryLevel | None = None
    #: The competency of an interview kit (``competency_kit_path``): not ``competency``, which makes a competency page.
    kit_competency: Competency | None = None
    profile: Profile | None = None

    @property
    def is_group_page(self) -> bool:
        return self.template == "group.md.j2"

    @property
    def is_kit(self) -> bool:
        """An interview kit (of a competency or a profile)."""
        return self.template in ("competency-kit.md.j2", "profile-kit.md.j2")

    @property
    def shows_status(self) -> bool:
        """Whether the page ends with the site's status (mkdocs.yml, extra.status): every page a reader may
        print, hand on or quote as the model's text (a competency, the dictionary, a level view, a profile,
        an interview kit, the self-assessment), not the overviews that link to them."""
        return self.template in ("competency.md.j2", "dictionary.md.j2", "dictionary-parts.md.j2", "level.md.j2",
                                 "profile.md.j2", "competency-kit.md.j2", "profile-kit.md.j2",
                                 "self-assessment.md.j2")

    @property
    def links_glossary(self) -> bool:
        """Whether glossary terms are linked on this page: not on the dictionary or overview, which they would weigh down."""
        return self.template in ("competency.md.j2", "group.md.j2", "levels.md.j2", "model.md.j2")


def page_url(path: str) -> str:
    """The address of a page inside its language folder, from its path: ``x/index.md`` is ``x/``, ``x.md`` is ``x/``."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def group_path(group: Group) -> str:
    return f"{group.id}/index.md"


def competency_path(competency: Competency) -> str:
    return f"{competency.group.id}/{competency.id}.md"


def profile_path(profile: Profile) -> str:
    return f"{PROFILES_OVERVIEW.removesuffix('index.md')}{profile.id}.md"


def self_assessment_part_path(group: Group) -> str:
    """The self-assessment of one group, for a model split by group (``split_by_group``)."""
    return f"{SELF_ASSESSMENT.removesuffix('.md')}/{group.id}.md"


def dictionary_path(group: Group) -> str:
    """The dictionary of one group, for a model split by group (``split_by_group``)."""
    return f"{DICTIONARY.removesuffix('.md')}/{group.id}.md"


def at_a_glance_path(group: Group) -> str:
    """The overview table of one group, for a model split by group (``split_by_group``)."""
    return f"{AT_A_GLANCE.removesuffix('.md')}/{group.id}.md"


def level_view_path(level: MasteryLevel) -> str:
    """The page that shows one level's indicators of every competency (for a large model, the list of its parts)."""
    return f"{LEVELS.removesuffix('.md')}/{level.id}.md"


def level_view_part_path(level: MasteryLevel, group: Group) -> str:
    """One group's part of a level view, for a model split by group (``split_by_group``)."""
    return f"{LEVELS.removesuffix('.md')}/{level.id}/{group.id}.md"


def competency_kit_path(competency: Competency) -> str:
    """The interview kit of one competency, with a section per level."""
    return f"{INTERVIEW_KITS.removesuffix('index.md')}competencies/{competency.id}.md"


def profile_kit_path(profile: Profile) -> str:
    """The interview kit of a profile: each of its competencies at the level it asks."""
    return f"{INTERVIEW_KITS.removesuffix('index.md')}profiles/{profile.id}.md"


def split_by_group(model: Model) -> bool:
    """Whether the dictionary and the overview table come as one page per group (``WHOLE_MODEL_LIMIT``)."""
    return len(model.competencies) > WHOLE_MODEL_LIMIT


def site_pages(model: Model, model_dir: str = "model") -> list[SitePage]:
    """Every generated page, in navigation order."""
    split = split_by_group(model)
    pages = [
        SitePage(MODEL_OVERVIEW, "model.md.j2", f"{model_dir}/groups.yaml"),
        SitePage(LEVELS, "levels.md.j2", f"{model_dir}/levels.yaml"),
        SitePage(AT_A_GLANCE, "at-a-glance-parts.md.j2" if split else "at-a-glance.md.j2", None),
        SitePage(CHANGES, "changes.md.j2", f"{model_dir}/changelog.yaml"),
        SitePage(DICTIONARY, "dictionary-parts.md.j2" if split else "dictionary.md.j2", None),
        SitePage(DOWNLOADS, "downloads.md.j2", None),
    ]
    if model.glossary:
        pages.append(SitePage(GLOSSARY, "glossary.md.j2", f"{model_dir}/glossary.yaml"))
    # The self-assessment: one page, or above WHOLE_MODEL_LIMIT one per group (a page of the whole model
    # would grow with it: about 80 MB at 14,000 competencies, more than a browser or the build can take).
    pages.append(SitePage(SELF_ASSESSMENT, "self-assessment-parts.md.j2" if split else "self-assessment.md.j2", None))
    if split:
        pages += [SitePage(self_assessment_part_path(group), "self-assessment.md.j2", None, group=group)
                  for group in model.groups]
        pages += [SitePage(dictionary_path(group), "dictionary.md.j2", None, group=group) for group in model.groups]
        pages += [SitePage(at_a_glance_path(group), "at-a-glance.md.j2", None, group=group) for group in model.groups]
    for group in model.groups:
        pages.append(SitePage(group_path(group), "group.md.j2", f"{model_dir}/groups.yaml", group=group))
        for competency in model.competencies_in(group):
            pages.append(SitePage(competency_path(competency), "competency.md.j2", competency.source_file,
                                  group=group, competency=competency))
    # Role profiles: the overview, then a page per profile (only when the model has profiles).
    if model.profiles:
        pages.append(SitePage(PROFILES_OVERVIEW, "profiles.md.j2", None))
        pages += [SitePage(profile_path(profile), "profile.md.j2", profile.source_file, profile=profile)
                  for profile in model.profiles]
    pages += _level_view_pages(model, model_dir, split)
    pages += _interview_kit_pages(model)
    _check_paths(pages, model_dir)
    return pages


def _level_view_pages(model: Model, model_dir: str, split: bool) -> list[SitePage]:
    """A page per level; for a large model, each with a part per group, as the dictionary is split."""
    pages = []
    for level in model.levels:
        pages.append(SitePage(level_view_path(level), "level.md.j2", f"{model_dir}/levels.yaml", level=level))
        if split:
            pages += [SitePage(level_view_part_path(level, group), "level.md.j2", f"{model_dir}/levels.yaml",
                               group=group, level=level) for group in model.groups]
    return pages


def _interview_kit_pages(model: Model) -> list[SitePage]:
    """The kits' index, a kit per competency (in model order) and a kit per profile."""
    pages = [SitePage(INTERVIEW_KITS, "interview-kits.md.j2", None)]
    pages += [SitePage(competency_kit_path(competency), "competency-kit.md.j2", competency.source_file,
                       group=competency.group, kit_competency=competency)
              for group in model.groups for competency in model.competencies_in(group)]
    pages += [SitePage(profile_kit_path(profile), "profile-kit.md.j2", profile.source_file, profile=profile)
              for profile in model.profiles]
    return pages


def _check_paths(pages: list[SitePage], model_dir: str) -> None:
    """A group id such as ``levels`` would put two pages on one URL; say so instead of overwriting."""
    seen: dict[str, SitePage] = {}
    problems = []
    top_level = {page.path.split("/")[0].removesuffix(".md") for page in pages if page.group is None}
    for page in pages:
        if page.is_group_page and page.group is not None and page.group.id in top_level:
            problems.append(Problem(Location(f"{model_dir}/groups.yaml"), "id",
                                    f"the group id {page.group.id!r} is reserved for a page of the site"))
        if page.path in seen:
            problems.append(Problem(Location(page.source_file or model_dir), "id",
                                    f"two pages would be published at {page.path!r}"))
        seen[page.path] = page
    if problems:
        raise ModelError(problems)


class TextPicker:
    """Picks each text in the page's language, as sanitized HTML, and remembers when it had to fall back.

    Every text goes through ``hooks.site.safehtml.model_text_html``: whatever the loader let through, it
    reaches the page only as the Markdown the model documents (emphasis, lists, links). A fallback text
    keeps its own ``lang`` so screen readers pronounce it right, and the page then carries a notice in
    the reader's language.
    """

    def __init__(self, language: str, source_language: str) -> None:
        self.language = language
        self.source_language = source_language
        self.fell_back = False

    def text(self, value: Translated[str], block: bool = False) -> Markup:
        used = value.language_of(self.language, self.source_language)
        html = model_text_html(value.values[used], block=block)
        if used == self.language:
            return html
        self.fell_back = True
        # Already HTML: the wrapper is raw HTML, which Markdown leaves as it is.
        wrapper = "div" if block else "span"
        return Markup('<{0} lang="{1}">{2}</{0}>').format(wrapper, used, Markup(html.replace("\n\n", "")))

    def items(self, value: Translated[tuple[str, ...]]) -> list[Markup]:
        used = value.language_of(self.language, self.source_language)
        texts = [model_text_html(item) for item in value.values[used]]
        if used != self.language:
            self.fell_back = True
            return [Markup('<span lang="{}">{}</span>').format(used, text) for text in texts]
        return texts


class PageLabels:
    """A language's labels as the page templates get them: plain text made inert for Markdown.

    Labels are plain text (``hooks.source.labels`` refuses markup). Here each one is escaped
    (``hooks.site.safehtml.plain_text_html``), so that a label never becomes markup on a page, whatever
    the check let through; values put into a label's placeholders are escaped too, unless they are
    already sanitized HTML (a model text).
    """

    def __init__(self, labels: Labels) -> None:
        self.labels = labels

    def __getitem__(self, key: str) -> Markup:
        return plain_text_html(self.labels[key])

    def __getattr__(self, key: str) -> Markup:
        if key.startswith("__"):
            raise AttributeError(key)
        return self[key]

    def format(self, key: str, **values: object) -> Markup:
        """A label with placeholders such as ``{level}`` filled in, as inert HTML."""
        text = self.labels[key]
        try:
            pattern = "".join(plain_text_html(literal, line_start=False)
                              + ("" if name is None else "{" + name + (f"!{conversion}" if conversion else "")
                                 + (f":{spec}" if spec else "") + "}")
                              for index, (literal, name, spec, conversion) in enumerate(string.Formatter().parse(text)))
            return inert_line_start(Markup(pattern.format(**{
                name: value if isinstance(value, Markup) else plain_text_html(str(value), line_start=False)
                for name, value in values.items()})))
        except (KeyError, IndexError, ValueError, AttributeError):
            self.labels.format(key, **values)  # raises LabelMissing, naming the file and the key
            raise


def _cell(text: str) -> Markup:
    """Text that fits in one Markdown table cell."""
    return Markup(" ".join(str(text).split()).replace("|", "\\|"))


def _html_link(text: str, url: str) -> Markup:
    """A link to a configured address (mkdocs.yml), as inert HTML that a label's placeholder can take."""
    return Markup('<a href="{}">{}</a>').format(url, plain_text_html(text, line_start=False))


def _link(target: str, current: str) -> str:
    """A relative link from one generated page to another, which MkDocs then checks and resolves."""
    return posixpath.relpath(target, posixpath.dirname(current) or ".")


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string, such as a printed page's header (``@top-left { content: ... }``).

    A label or model text comes as HTML (``Markup``): its tags go and its character references become
    the characters again. Quotes, backslashes, line breaks and ``<``, ``>``, ``&`` are written as
    escapes, so that no text can end the string or the ``<style>`` element it stands in.
    """
    plain = text.striptags() if isinstance(text, Markup) else " ".join(text.split())
    escaped = "".join(f"\\{ord(character):x} " if character in '"\\<>&' or ord(character) < 0x20 else character
                      for character in plain)
    return Markup(f'"{escaped}"')


@functools.cache  # one per process: its templates are compiled once (and again when a template file changes)
def template_environment() -> jinja2.Environment:
    """The Jinja environment of the page templates: strict, so a typo fails loudly."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The pages' output is Markdown: model texts and labels reach it as sanitized, inert HTML (TextPicker,
        # PageLabels); every other value is escaped with the ``text`` filter or comes from the site itself.
        # HTML and XML templates (*.html.j2, *.xml.j2) escape every value, unless marked ``safe``.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "xml.j2"), default_for_string=False,
                                            default=False),
    )
    environment.filters["cell"] = _cell
    environment.filters["text"] = plain_text_html
    environment.filters["html_link"] = _html_link
    environment.filters["css_string"] = css_string
    return environment


def babel_locale(language: str) -> babel.Locale:
    """Babel's data for a site language; a code it does not know is written the international way."""
    try:
        return babel.Locale.parse(language.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale("en")


def number(value: int, language: str) -> str:
    """A whole number as the language writes it (Babel's CLDR data): 14.000 in Dutch, 14 000 in French."""
    return babel.numbers.format_decimal(value, locale=babel_locale(language))


def long_date(iso_date: str, language: str) -> str:
    """A YYYY-MM-DD date as the language writes it in running text: 28 november 2026, 28 novembre 2026."""
    try:
        day = datetime.date.fromisoformat(iso_date)
    except ValueError:
        return iso_date  # the loader refuses such dates; shown as written, should one get here
    return babel.dates.format_date(day, format="long", locale=babel_locale(language))


def file_size(size: int, language: str) -> str:
    """A file's size in bytes, kilobytes or megabytes (of 1,000), in the language's units: 12 kB, 12 ko."""
    if size < 1000:
        return babel.units.format_unit(size, "digital-byte", length="short", locale=babel_locale(language))
    if size < 1_000_000:
        return babel.units.format_unit(round(size / 1000), "digital-kilobyte", length="short",
                                       locale=babel_locale(language))
    return babel.units.format_unit(size / 1_000_000, "digital-megabyte", length="short", format="#,##0.0",
                                   locale=babel_locale(language))


_FRONT_MATTER_END = "\n---\n"


def below_title(body: str, notice: str) -> str:
    """The page with ``notice`` (a block of Markdown) right below its title (after its front matter, if it has one)."""
    start = 0
    if body.startswith("---\n"):
        start = body.index(_FRONT_MATTER_END) + len(_FRONT_MATTER_END)
    title_end = body.find("\n", body.find("# ", start))
    if title_end < 0:
        return f"{body}\n\n{notice}"
    return f"{body[:title_end + 1]}\n{notice}{body[title_end + 1:]}"


def sort_key(text: str) -> str:
    """Alphabetical order as a dictionary has it: accents and case do not count (évaluateur before fédéral)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def render_page(page: SitePage, model: Model, language: str, labels: Labels,
                environment: jinja2.Environment, extra: dict[str, Any] | None = None) -> str:
    """The Markdown of one generated page in one language."""
    picker = TextPicker(language, model.source_language)
    page_labels = PageLabels(labels)
    link: Callable[[str], str] = lambda target: _link(target, page.path)  # noqa: E731
    body = environment.get_template(page.template).render(
        page=page, model=model, language=language, labels=page_labels, t=picker.text, items=picker.items,
        link=link, group_path=group_path, competency_path=competency_path, dictionary_path=dictionary_path,
        at_a_glance_path=at_a_glance_path, split_by_group=split_by_group(model),
        level_view_path=level_view_path, level_view_part_path=level_view_part_path,
        competency_kit_path=competency_kit_path, profile_kit_path=profile_kit_path,
        self_assessment_part_path=self_assessment_part_path,
        # The site's root from the page's address (<language>/<page>/): for what MkDocs does not rewrite, a script.
        site_root="../" * (page_url(page.path).count("/") + 1),
        number=lambda value: number(value, language),
        file_size=lambda size: file_size(size, language), long_date=lambda iso: long_date(iso, language),
        paths={"model": MODEL_OVERVIEW, "levels": LEVELS, "at_a_glance": AT_A_GLANCE, "changes": CHANGES,
               "dictionary": DICTIONARY, "downloads": DOWNLOADS, "glossary": GLOSSARY,
               "profiles": PROFILES_OVERVIEW, "interview_kits": INTERVIEW_KITS},
        glossary=sorted(model.glossary, key=lambda term: sort_key(term.term.in_language(language, model.source_language))),
        group=page.group, competency=page.competency, level=page.level, kit_competency=page.kit_competency,
        extra=extra or {}, **(extra or {}),
        profile=page.profile, profile_path=profile_path, profile_table_limit=PROFILE_TABLE_LIMIT,
    )
    if picker.fell_back:
        body = below_title(body, f'!!! note "{page_labels.untranslated_title}"\n\n'
                                  f'    {page_labels.untranslated_notice}\n\n')
    return body


#: The most entries side by side in the model's navigation. Material renders the siblings of every
#: section on the active page's path into that page, so a model with hundreds of groups nests them in
#: sections of sections: a page's navigation then grows with the logarithm of the model, not with it.
NAV_SECTION_LIMIT = 12


def nest_sections(sections: list[tuple[str, Any]], limit: int = NAV_SECTION_LIMIT) -> list[dict[str, Any]]:
    """``(title, children)`` sections (or ``(title, path)`` pages) as navigation entries, at most ``limit`` side by side.

    Up to ``limit`` sections stay as they are. More are spread evenly, in their order, over sections of
    sections (again, as deep as needed), each titled by the first and last title it spans: "A – F".
    """
    spans = [(title, title, {title: children}) for title, children in sections]
    while len(spans) > limit:
        count = -(-len(spans) // limit)
        size, larger = divmod(len(spans), count)
        nested, start = [], 0
        for index in range(count):
            part = spans[start:start + size + (index < larger)]
            start += len(part)
            first, last = part[0][0], part[-1][1]
            nested.append((first, last, {f"{first} – {last}": [entry for _, _, entry in part]}))
        spans = nested
    return [entry for _, _, entry in spans]


def expand_navigation(nav: list[Any], model: Model, language: str, labels: Labels) -> list[Any]:
    """mkdocs.yml's ``nav`` with the model's entry expanded into its groups and competencies.

    The ``model/index.md`` entry (or its earlier expansion: MkDocs runs this once per language)
    becomes a section titled with the ``model_section`` label: the overview, a section per group (its
    page, then its competencies, in model order), the levels (with a view per level below them) and
    the overview table. The interview kits' entry becomes a section of the kits, grouped the same way,
    and of the profiles' kits. Grouping keeps
    each page's navigation small once Material prunes it to the active section; many groups are
    nested further (``nest_sections``). A model split by group (``split_by_group``) also gets its
    per-group dictionaries and overview tables listed, under the dictionary's and the overview table's
    entries, so that each part is found in the navigation and leads to the next. The
    ``profiles/index.md`` entry becomes a section of the profiles overview and the profile pages, and
    disappears for a model without profiles.
    """
    def in_language(value: Translated[str]) -> str:
        # Material prints navigation titles as HTML: a title is escaped text (``title_text``).
        return title_text(value.in_language(language, model.source_language))

    def with_parts(path: str, title: str, part_path: Callable[[Group], str]) -> Any:
        if not split_by_group(model):
            return path
        return {title: [path, *nest_sections([(in_language(group.name), part_path(group)) for group in model.groups])]}

    section = {title_text(labels.model_section): [
        MODEL_OVERVIEW,
        *nest_sections([(in_language(group.name), [group_path(group), *map(competency_path,
                                                                           model.competencies_in(group))])
                        for group in model.groups]),
        {title_text(labels.levels_title): [LEVELS, *(level_view_path(level) for level in model.levels)]},
        with_parts(AT_A_GLANCE, title_text(labels.at_a_glance_title), at_a_glance_path),
    ]}
    dictionary = with_parts(DICTIONARY, title_text(labels.dictionary_title), dictionary_path)
    self_assessment = with_parts(SELF_ASSESSMENT, title_text(labels.self_assessment_title), self_assessment_part_path)
    # The kits' index opens its section (navigation.indexes): the kits of each group, then of the profiles.
    kits = {title_text(labels.kits_title): [
        INTERVIEW_KITS,
        *nest_sections([(in_language(group.name), list(map(competency_kit_path, model.competencies_in(group))))
                        for group in model.groups]),
        *([{title_text(labels.kits_profiles_title): [profile_kit_path(profile) for profile in model.profiles]}]
          if model.profiles else []),
    ]}

    def expansion_of(item: Any, path: str) -> bool:
        """Whether a nav entry is ``path``, or a section that an earlier expansion made of it."""
        if item == path:
            return True
        if isinstance(item, dict) and len(item) == 1:
            (children,) = item.values()
            return isinstance(children, list) and bool(children) and children[0] == path
        return False

    # The role profiles: the overview, then each profile (nested like the groups when there are many).
    profiles = {title_text(labels.profiles_title): [
        PROFILES_OVERVIEW, *nest_sections([(in_language(profile.name), profile_path(profile))
                                           for profile in model.profiles])]}
    expansions = ((MODEL_OVERVIEW, section), (DICTIONARY, dictionary), (PROFILES_OVERVIEW, profiles),
                  (INTERVIEW_KITS, kits), (SELF_ASSESSMENT, self_assessment))

    def expanded(item: Any) -> Any:
        return next((expansion for path, expansion in expansions if expansion_of(item, path)), item)

    # A model without a glossary has no glossary page, one without profiles no profile pages: their
    # entries would be broken links.
    return [expanded(item) for item in nav
            if (model.glossary or item != GLOSSARY) and (model.profiles or not expansion_of(item, PROFILES_OVERVIEW))]
