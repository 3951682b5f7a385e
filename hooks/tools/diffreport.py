"""The comparison of two model versions as Markdown, to paste into a pull request."""

from __future__ import annotations

import difflib
import re
from typing import Any

from .modeldiff import KINDS, EntityDiff, FieldChange, Kind, ModelDiff

_HEADINGS: dict[Kind, str] = {"competency": "Competencies", "group": "Groups", "level": "Levels", "profile": "Profiles",
                              "changelog entry": "Changelog"}


def _title(entity: EntityDiff, source_language: str, names: dict[str, str] | None = None) -> str:
    names = entity.name if names is None else names
    name = names.get(source_language) or next(iter(names.values()), "")
    return f"`{entity.id}` {name}".rstrip() if name else f"`{entity.id}`"


def _inline(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(f"`{item}`" for item in value) or "(empty)"
    return f"`{value}`"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _lines(value: Any) -> list[str]:
    """A text as the units a reviewer compares: list items, or the sentences of each line of a paragraph."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return [sentence for line in str(value).splitlines() for sentence in _SENTENCE_END.split(line)] or [""]


def _diff_block(old: Any, new: Any, indent: str) -> list[str]:
    """A ```diff block: what was removed, added and kept, line by line (or item by item)."""
    before, after = _lines(old), _lines(new)
    body = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            body += [f"  {line}" for line in before[i1:i2]]
        else:
            body += [f"- {line}" for line in before[i1:i2]]
            body += [f"+ {line}" for line in after[j1:j2]]
    longest = max((len(run) for line in body for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{indent}{fence}diff", *(f"{indent}{line}" for line in body), f"{indent}{fence}"]


#: A profile's expected level of one competency (``hooks.tools.modeldiff`` keys its competencies by id).
_EXPECTATION = re.compile(r"^competencies\[(?P<competency>[^\]]+)\]\.level$")


def _change_lines(change: FieldChange) -> list[str]:
    expectation = _EXPECTATION.match(change.field) if change.language is None else None
    if expectation is not None:
        competency = f"`{expectation['competency']}`"
        if change.old is None:
            return [f"- competency {competency} added, at level {_inline(change.new)}"]
        if change.new is None:
            return [f"- competency {competency} removed (it was asked at level {_inline(change.old)})"]
        return [f"- competency {competency}: level {_inline(change.old)} → {_inline(change.new)}"]
    if change.language is None:
        return [f"- `{change.field}`: {_inline(change.old)} → {_inline(change.new)}"]
    what = "added" if change.old is None else "removed" if change.new is None else "changed"
    return [f"- `{change.field}` ({change.language}), {what}:", *_diff_block(change.old, change.new, "  ")]


def _names_change(change: FieldChange) -> str:
    return f"{change.language}: {change.old or '(none)'} → {change.new or '(none)'}"


def _kind_section(report: ModelDiff, kind: Kind) -> list[str]:
    language = report.new.source_language
    added, removed = report.of(kind, "added"), report.of(kind, "removed")
    kept = report.of(kind, "kept")
    renamed = [e for e in kept if e.renamed]
    titled = [e for e in kept if e.title_changes]
    moved = [e for e in kept if e.moved]
    changed = [e for e in kept if e.text_changes]
    if not (added or removed or renamed or titled or moved or changed):
        return []
    lines = [f"### {_HEADINGS[kind]}", ""]
    if added:
        lines += ["**Added**", "", *(f"- {_title(e, language)}" for e in added), ""]
    if removed:
        lines += ["**Removed**", "", *(f"- {_title(e, report.old.source_language)}" for e in removed), ""]
    if renamed:
        note = " (the old addresses redirect to the new ones)" if kind in ("competency", "group") else ""
        lines += [f"**Renamed ids**{note}", "",
                  *(f"- `{e.old_id}` → {_title(e, language)}" for e in renamed), ""]
    if titled:
        lines += ["**Renamed titles**", "",
                  *(f"- `{e.id}`: " + "; ".join(_names_change(c) for c in e.title_changes) for e in titled), ""]
    if moved:
        lines += ["**Moved to another group** (their addresses change)", ""]
        lines += [f"- {_title(e, language)}: `{e.moved[0]}` → `{e.moved[1]}`" for e in moved if e.moved]
        lines += [""]
    if changed:
        lines += ["**Changed**", ""]
        for entity in changed:
            lines += [f"#### {_title(entity, language)}", ""]
            for change in entity.text_changes:
                lines += _change_lines(change)
            lines += [""]
    return lines


def _summary(report: ModelDiff) -> str:
    parts = []
    for kind in KINDS:
        entities = report.of(kind)
        counts = [(len([e for e in entities if e.status == "added"]), "added"),
                  (len([e for e in entities if e.status == "removed"]), "removed"),
                  (len([e for e in entities if e.renamed]), "renamed"),
                  (len([e for e in entities if e.moved]), "moved"),
                  (len([e for e in entities if e.changes]), "changed")]
        found = [f"{number} {what}" for number, what in counts if number]
        if found:
            parts.append(f"{_HEADINGS[kind].lower()}: {', '.join(found)}")
    if report.model_changes:
        parts.append("model facts changed")
    return "; ".join(parts)


def to_markdown(report: ModelDiff) -> str:
    """The comparison as Markdown for a pull request's description."""
    old, new = report.old, report.new
    lines = [f"## Competency model: `{old.label}` → `{new.label}`", "",
             f"Version {old.facts['version']} ({old.facts['date']}) → {new.facts['version']} ({new.facts['date']})", ""]
    if report.empty:
        return "\n".join([*lines, "No differences in the model.", ""])
    lines += [f"**Summary:** {_summary(report)}.", ""]
    for kind in KINDS:
        lines += _kind_section(report, kind)
    if report.model_changes:
        lines += ["### Model facts (model.yaml)", ""]
        for change in report.model_changes:
            lines += _change_lines(change)
        lines += [""]
    return "\n".join(lines)
