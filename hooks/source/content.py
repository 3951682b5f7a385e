"""The content check, ``python -m hooks.check --content``: plain language and today's federal terms.

It reads every model text (each language of each translated field), every label
(``docs/<lang>/labels.yml``) and the prose of every handwritten page (``docs/<lang>/*.md``: front
matter, code, URLs, link targets, HTML tags and ``{{ }}``/``{% %}`` placeholders are left out), and
reports, as warnings with file:line:column and field:

- sentences longer than ``max_sentence_words`` (a sentence ends with ``.``, ``!`` or ``?`` followed by
  a space, or with its list item, heading, table cell or text; a word is a whitespace-separated
  token with at least one letter or digit, so French "?" and "–" do not count);
- retired or discouraged terms, and the second spelling of one concept (``model/terms.yaml``), with
  what to write instead;
- a paragraph that repeats its own heading (the label of the section it appears under);
- a text that starts the way ``openings`` in the terms file forbids;
- a competency level whose indicators, in a language, describe no digital behaviour (content rule 5);
- what a competency's interview kit lacks (follow-up questions, behaviours below a level: both
  optional in the schema, so the kit leaves them out), a follow-up question that is no question, and
  a behaviour below a level that is written as a question.

Positions are those of the sentence or word found, in pages and in YAML texts alike (where a YAML
text's layout cannot be followed, such as an escape sequence, the position is that of the text), with
the field path and the words found in the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Location, ModelError, Problem, display_path, field_path
from .labels import Labels, labels_path
from .load import ModelSources
from .schema import schema_problems, schema_validators
from .texts import TRANSLATED_FROM, translated_fields
from .yamlsource import DocumentPath, YamlDocument, read_yaml

TERMS_FILE = "terms.yaml"
TERMS_SCHEMA = "terms.schema.json"

#: The paragraph fields of a competency and the label of the heading they appear under (the
#: templates' sections). Lists are left out: an item such as "Werk samen …" under "Op het werk"
#: shares a word with its heading without repeating it.
SECTION_LABELS: Mapping[DocumentPath, str] = {
    ("description",): "what_it_means",
    ("digital",): "digital",
    ("leadership",): "leadership",
}

# Short words that a heading and its text share without one repeating the other.
_FILLER_WORDS = frozenset({
    "de", "het", "een", "als", "dit", "deze", "wat", "in", "van", "en", "je", "op", "met", "hoe",
    "la", "le", "les", "un", "une", "tant", "que", "cela", "ce", "cette", "d", "l", "du", "des", "au",
    "aux", "dans", "pour", "avec", "se", "qui",
})


@dataclass(frozen=True)
class TermRule:
    """Forms to avoid in a language (or every language), and what to write instead."""

    forms: tuple[str, ...]
    use: str
    language: str | None
    retired: bool
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Opening:
    field: str
    language: str
    avoid: str
    use: str


@dataclass(frozen=True)
class Terms:
    """The content of ``model/terms.yaml``."""

    max_sentence_words: int
    rules: tuple[TermRule, ...]
    openings: tuple[Opening, ...]
    digital_markers: Mapping[str, tuple[str, ...]]


def form_pattern(form: str) -> str:
    """A whole-word, case-insensitive pattern for one form: ``*`` is any word ending, ' either apostrophe."""
    body = re.escape(form.rstrip("*")).replace("'", "['’]").replace("\\ ", r"\s+")
    ending = r"[\w-]*" if form.endswith("*") else ""
    return rf"(?<![\w-]){body}{ending}(?![\w-])"


def _rules(entries: list[dict[str, Any]], retired: bool) -> list[TermRule]:
    return [TermRule(tuple(entry["avoid"]), entry["use"], entry.get("language"), retired,
                     re.compile("|".join(form_pattern(form) for form in entry["avoid"]), re.IGNORECASE))
            for entry in entries]


def load_terms(model_dir: Path, root: Path) -> Terms:
    """Read and check ``model/terms.yaml`` strictly, like the model files; a ModelError names what is wrong."""
    path = model_dir / TERMS_FILE
    shown = display_path(path, root)
    if not path.is_file():
        raise ModelError([Problem(Location(shown), "", "the content check's terms file is missing")])
    document = read_yaml(path, shown)
    problems = schema_problems(document, schema_validators(model_dir)[TERMS_SCHEMA])
    if problems:
        raise ModelError(problems)
    data = document.data
    return Terms(
        max_sentence_words=data["max_sentence_words"],
        rules=tuple(_rules(data["retired"], True) + _rules(data["variants"], False)),
        openings=tuple(Opening(entry["field"], entry["language"], entry["avoid"], entry["use"])
                       for entry in data["openings"]),
        digital_markers={language: tuple(markers) for language, markers in data["digital_markers"].items()},
    )


# ---------------------------------------------------------------------------------------------------
# Prose: what of a Markdown text is running text, and its sentences

BOUNDARY = "\x00"
"""Stands, in masked text, for a place where a sentence ends without punctuation (a list item, a heading)."""

_HIDDEN = re.compile(
    r"`[^`\n]+`"                                    # inline code
    r"|<!--.*?-->"                                  # HTML comments
    r"|<(?:https?|mailto):[^>\s]*>|<[\w.+-]+@[\w.-]+>"  # autolinks
    r"|</?[a-zA-Z][^>\n]*>"                          # HTML tags
    r"|\]\([^)\n]*\)"                               # link targets
    r"|^[ \t]*\[[^\]\n]+\]:[ \t]*\S+[^\n]*$"         # reference definitions
    r"|\{\{.*?\}\}|\{%.*?%\}"                       # placeholders and conditions
    r"|\{:[^}\n]*\}|\{\s*[#.][^}\n]*\}"             # attribute lists
    r"|\b(?:https?|mailto):[^\s)>]+|\bwww\.[^\s)>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # URLs, addresses
    re.MULTILINE | re.DOTALL)
_BLOCK_MARK = re.compile(r"^[ \t]*(?:#{1,6}(?=\s)|[-*+](?=\s)|\d+[.)](?=\s)|!!!|\?\?\?\+?|>)|\|")
_HEADING_LINE = re.compile(r"^[ \t]*(?:#{1,6}\s|!!!|\?\?\?).*$", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+(?=\s|\Z)|\Z)", re.DOTALL)
_WORD = re.compile(r"\S+")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _boundary(match: re.Match[str]) -> str:
    return BOUNDARY * len(match.group(0))


def mask_markdown(text: str, *, front_matter: bool = False) -> str:
    """``text`` with everything but prose blanked, and block starts marked with ``BOUNDARY``; same length."""
    masked = text
    if front_matter and text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            masked = re.sub(r"[^\n]", " ", text[:end + 5]) + text[end + 5:]
    lines = masked.split("\n")
    fenced = False
    for index, line in enumerate(lines):
        fence = line.lstrip().startswith(("```", "~~~"))
        if fenced or fence:
            lines[index] = " " * len(line)
        if fence:
            fenced = not fenced
    masked = "\n".join(lines)
    masked = _HIDDEN.sub(_blank, masked)
    masked = _TABLE_RULE.sub(_blank, masked)
    # A heading, an admonition's title, a list item and a table cell end where their line ends: their
    # marks become boundaries, and so does the line break after a heading.
    parts = []
    for line in masked.split("\n"):
        parts.append(_BLOCK_MARK.sub(_boundary, line))
        parts.append(BOUNDARY if _HEADING_LINE.match(line) else "\n")
    masked = "".join(parts)[:-1]
    return _BLANK_LINES.sub(_boundary, masked)


@dataclass(frozen=True)
class Sentence:
    start: int
    words: int
    text: str


def sentences(masked: str) -> Iterator[Sentence]:
    """The sentences of masked prose: where each starts, and how many words it has."""
    for block in re.finditer(f"[^{BOUNDARY}]+", masked):
        for match in _SENTENCE.finditer(block.group(0)):
            words = [word for word in _WORD.findall(match.group(0)) if any(c.isalnum() for c in word)]
            if words:
                yield Sentence(block.start() + match.start(), len(words), " ".join(words))


# ---------------------------------------------------------------------------------------------------
# Findings in one text


@dataclass(frozen=True)
class Finding:
    offset: int
    message: str


def repeats_heading(text: str, heading: str) -> bool:
    """Whether ``text`` opens with its heading's words again ("De digitale dimensie …" under "Digitale dimensie")."""
    heading_words = [word for word in re.findall(r"\w+", heading.lower()) if word not in _FILLER_WORDS]
    if not heading_words:
        return False
    opening = re.findall(r"\w+", text.lower())[:len(heading_words) + 3]
    return all(any(word.startswith(heading_word[:5]) for word in opening) for heading_word in heading_words)


def text_findings(text: str, language: str, terms: Terms, *, front_matter: bool = False) -> list[Finding]:
    """Long sentences and avoided terms in one Markdown text, at their offsets in it."""
    masked = mask_markdown(text, front_matter=front_matter)
    found = []
    for sentence in sentences(masked):
        if sentence.words > terms.max_sentence_words:
            opening = " ".join(sentence.text.split()[:8])
            found.append(Finding(sentence.start, f"a sentence of {sentence.words} words (at most "
                                 f"{terms.max_sentence_words}): split it into shorter ones (\"{opening} …\")"))
    for rule in terms.rules:
        if rule.language not in (None, language):
            continue
        for match in rule.pattern.finditer(masked):
            written = " ".join(match.group(0).split())
            if rule.retired:
                message = f"'{written}' is a retired or discouraged term: write '{rule.use}'"
            else:
                message = f"'{written}' is another spelling of a concept this site writes '{rule.use}': write '{rule.use}'"
            found.append(Finding(match.start(), message))
    return sorted(found, key=lambda finding: finding.offset)


def _segments(lines: list[str], line: int, column: int) -> Iterator[tuple[int, int, str]]:
    """The pieces of a YAML string value as written, line by line: (line, column, text), 1-based.

    A block scalar (``>-``, ``|``) continues on the lines indented below its indicator; a plain or
    quoted one starts at its column and continues on the following lines, stripped of indentation.
    """
    first = lines[line - 1][column - 1:]
    if first[:1] in (">", "|"):
        indent: int | None = None
        for number in range(line + 1, len(lines) + 1):
            source = lines[number - 1]
            if not source.strip():
                yield number, 1, ""
                continue
            here = len(source) - len(source.lstrip(" "))
            indent = here if indent is None else indent
            if here < indent:
                return
            yield number, indent + 1, source[indent:]
        return
    quoted = 1 if first[:1] in ("'", '"') else 0
    yield line, column + quoted, first[quoted:]
    for number in range(line + 1, len(lines) + 1):
        source = lines[number - 1]
        yield number, len(source) - len(source.lstrip()) + 1, source.strip()


def text_location(document: YamlDocument, path: DocumentPath, text: str, offset: int) -> Location:
    """Where ``text[offset]`` stands in the file, for the string value at ``path``; its value's place if unsure.

    Folded lines are followed one line break per space; the result is used only when the file shows
    the same characters there, so an escape or an unusual layout falls back to the value's place.
    """
    value = document.location(path)
    if not value.line:
        return value
    lines = document.source_lines()
    position = 0
    for number, column, piece in _segments(lines, value.line, value.column):
        if not piece:
            continue  # a blank line inside a block: its line break took the place of the space
        if position <= offset < position + len(piece):
            start = column - 1 + offset - position
            width = min(12, len(piece) - (offset - position), len(text) - offset)
            if lines[number - 1][start:start + width] == text[offset:offset + width]:
                return Location(value.path, number, start + 1)
            return value
        position += len(piece) + 1
        if position > offset:
            return value
    return value


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _warning(location: Location, field: str, message: str) -> Problem:
    return Problem(location, field, message, severity="warning")


# ---------------------------------------------------------------------------------------------------
# Where the texts are


def _model_text_problems(document: YamlDocument, terms: Terms,
                         labels: Mapping[str, Labels], is_competency: bool) -> list[Problem]:
    problems = []
    for path, translated in translated_fields(document.data):
        for language, value in translated.items():
            if language == TRANSLATED_FROM:
                continue
            texts = value if isinstance(value, list) else [value]
            for index, text in enumerate(texts):
                if not isinstance(text, str):
                    continue
                item = path + (language, index) if isinstance(value, list) else path + (language,)
                where, name = document.location(item), field_path(item)
                problems += [_warning(text_location(document, item, text, finding.offset), name, finding.message)
                             for finding in text_findings(text, language, terms)]
                if is_competency and isinstance(value, str):
                    problems += _paragraph_problems(text, path, language, terms, labels, where, name)
    return problems


def _paragraph_problems(text: str, path: DocumentPath, language: str, terms: Terms, labels: Mapping[str, Labels],
                        where: Location, name: str) -> list[Problem]:
    problems = []
    label_key = SECTION_LABELS.get(path)
    heading = labels[language].values.get(label_key) if label_key and language in labels else None
    if heading and repeats_heading(text, heading):
        problems.append(_warning(where, name, f"the text repeats its heading '{heading}': start with what the "
                                 "heading does not already say"))
    for opening in terms.openings:
        if path and path[-1] == opening.field and language == opening.language \
                and text.lstrip().lower().startswith(opening.avoid.lower()):
            problems.append(_warning(where, name, f"the text starts with '{opening.avoid}': write {opening.use}"))
    return problems


def _digital_problems(document: YamlDocument, terms: Terms) -> list[Problem]:
    """Content rule 5: every level's indicators, in every language with markers, include a digital behaviour."""
    problems = []
    levels = document.data.get("levels") if isinstance(document.data, dict) else None
    for index, entry in enumerate(levels if isinstance(levels, list) else []):
        indicators = entry.get("indicators") if isinstance(entry, dict) else None
        if not isinstance(indicators, dict):
            continue
        for language, markers in terms.digital_markers.items():
            texts = indicators.get(language)
            if not isinstance(texts, list):
                continue
            pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(marker)}" for marker in markers), re.IGNORECASE)
            if not any(isinstance(text, str) and pattern.search(text) for text in texts):
                path = ("levels", index, "indicators", language)
                problems.append(_warning(document.location(path), field_path(path),
                                         f"no indicator of level '{entry.get('level')}' describes a digital "
                                         "behaviour (content rule 5): add or turn one, written as behaviour, with "
                                         f"one of: {', '.join(markers)}"))
    return problems


def _kit_problems(document: YamlDocument) -> list[Problem]:
    """What the interview kit (hooks/templates/_kit.md.j2) misses or cannot use as it is written."""
    data = document.data if isinstance(document.data, dict) else {}
    problems = []
    hr_use = data.get("hr_use")
    follow_up = hr_use.get("follow_up_questions") if isinstance(hr_use, dict) else None
    if isinstance(hr_use, dict) and follow_up is None:
        problems.append(_warning(document.location(("hr_use",), key=True), "hr_use.follow_up_questions",
                                 "the competency's interview kit has no follow-up questions: add "
                                 "follow_up_questions with situation, task, action and result, 1 to 3 questions each"))
    for step, path, text in _list_texts(follow_up, ("hr_use", "follow_up_questions")):
        if not text.rstrip().endswith("?"):
            problems.append(_warning(document.location(path), field_path(path),
                                     f"a follow-up question on the {step} does not end with '?': write it as a question "
                                     "to the candidate"))
    levels = data.get("levels")
    for index, entry in enumerate(levels if isinstance(levels, list) else []):
        if not isinstance(entry, dict):
            continue
        if "below_level" not in entry:
            problems.append(_warning(document.location(("levels", index)), f"levels[{index}].below_level",
                                     f"the interview kit of level '{entry.get('level')}' lists no behaviours below "
                                     "it: add below_level, 2 to 4 observable behaviours per language"))
        for _, path, text in _list_texts({"below_level": entry.get("below_level")}, ("levels", index)):
            if text.rstrip().endswith("?"):
                problems.append(_warning(document.location(path), field_path(path),
                                         "a behaviour below the level is written as a question: describe what an "
                                         "interviewer sees the person do, as the indicators do"))
    return problems


def _list_texts(fields: object, parent: DocumentPath) -> Iterator[tuple[str, DocumentPath, str]]:
    """Each text of the language lists under ``fields`` (a mapping of field names to them): field, path, text."""
    for name, translated in (fields.items() if isinstance(fields, dict) else ()):
        for language, texts in (translated.items() if isinstance(translated, dict) else ()):
            if language == TRANSLATED_FROM or not isinstance(texts, list):
                continue
            for index, text in enumerate(texts):
                if isinstance(text, str):
                    yield name, (*parent, name, language, index), text


def _labels_problems(docs_dir: Path, language: str, root: Path, terms: Terms) -> list[Problem]:
    path = labels_path(docs_dir, language)
    if not path.is_file():
        return []
    document = read_yaml(path, display_path(path, root))
    problems = []
    for key, value in (document.data or {}).items():
        if isinstance(value, str):
            problems += [_warning(text_location(document, (key,), value, finding.offset), str(key), finding.message)
                         for finding in text_findings(value, language, terms)]
    return problems


def _page_problems(page: Path, language: str, root: Path, terms: Terms) -> list[Problem]:
    text = page.read_text(encoding="utf-8")
    shown = display_path(page, root)
    return [_warning(Location(shown, *_text_position(text, finding.offset)), "", finding.message)
            for finding in text_findings(text, language, terms, front_matter=True)]


def content_problems(root: Path, docs_dir: Path, languages: Sequence[str], sources: ModelSources,
                     labels: Mapping[str, Labels]) -> list[Problem]:
    """Every content warning of the model texts, labels and handwritten pages (see the module)."""
    terms = load_terms(sources.model_dir, root)
    source_language = next(iter(labels), "")
    facts = sources.single.get("model.yaml")
    if facts is not None and isinstance(facts.data, dict):
        source_language = str(facts.data.get("source_language", source_language))
    problems: list[Problem] = []
    competencies = set(map(id, sources.competencies))
    for document in sources.documents():
        is_competency = id(document) in competencies
        problems += _model_text_problems(document, terms, labels, is_competency)
        if is_competency:
            problems += _digital_problems(document, terms) + _kit_problems(document)
    for language in languages:
        problems += _labels_problems(docs_dir, language, root, terms)
        for page in sorted((docs_dir / language).glob("*.md")):
            problems += _page_problems(page, language, root, terms)
    return problems
