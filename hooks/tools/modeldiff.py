"""Two versions of the model, read from a folder or a git ref, and compared entity by entity."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..cli import PYTHON
from ..source.load import ModelSources, read_sources, validate_sources
from ..source.texts import TRANSLATED_FROM, is_translated, translated_fields
from ..source.yamlsource import DocumentPath
from .git import GitError, GitMissing, run_git

Kind = Literal["competency", "group", "level", "profile", "changelog entry"]
KINDS: tuple[Kind, ...] = ("competency", "group", "level", "profile", "changelog entry")
Status = Literal["added", "removed", "kept"]

#: A list of mappings whose entries carry one of these keys is compared entry by entry, matched on
#: that key, so that reordering a list is not reported as changed texts. A profile's competencies are
#: matched on the competency (before ``level``, which two of them may share).
IDENTIFYING_KEYS = ("id", "competency", "level", "version")
#: How deep symbolic links in a git tree are followed (a test fixture links to the real schema).
MAX_LINK_DEPTH = 8


class DiffError(Exception):
    """Why the comparison cannot be made, in one line for a person."""


# Reading a version: a directory, or a git ref written into a temporary folder


@dataclass(frozen=True)
class ModelVersion:
    """One side of the comparison: what the person typed, and the model files it names."""

    label: str
    sources: ModelSources

    @property
    def facts(self) -> dict[str, Any]:
        data: dict[str, Any] = self.sources.single["model.yaml"].data
        return data

    @property
    def source_language(self) -> str:
        return str(self.facts["source_language"])


def _git(repo: Path, *arguments: str) -> bytes:
    """git's output (``hooks.tools.git``), its failure as a DiffError."""
    try:
        return run_git(repo, *arguments)
    except GitMissing:
        raise DiffError("git is not installed; compare two directories instead") from None
    except GitError as error:
        raise DiffError(str(error)) from None


def _commit(repo: Path, ref: str) -> str:
    """The commit a ref names; the error says what was typed and where it was looked for."""
    if ref.startswith("-"):
        raise DiffError(f"{ref!r} is neither a directory nor a git ref")
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except DiffError:
        try:
            _git(repo, "rev-parse", "--git-dir")
        except DiffError:
            raise DiffError(f"{ref!r} is not a directory, and {repo.resolve()} is not a git repository "
                            "to look it up as a git ref") from None
        raise DiffError(f"{ref!r} is neither a directory nor a commit, branch or tag of the git "
                        f"repository in {repo.resolve()}") from None


def _export_tree(repo: Path, commit: str, path: str, target: Path, depth: int = 0) -> int:
    """Write the files under ``path`` at ``commit`` into ``target``; returns how many were written."""
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", path).decode("utf-8")
    written = 0
    for entry in filter(None, listing.split("\0")):
        meta, name = entry.split("\t", 1)
        mode = meta.split()[0]
        relative = posixpath.relpath(name, path) if name != path else posixpath.basename(name)
        destination = target / relative if name != path else target
        if mode.startswith("16"):  # A submodule has no files of its own in this repository.
            continue
        content = _git(repo, "show", f"{commit}:{name}")
        if mode == "120000":  # A symbolic link: git stores its target; follow it inside the same commit.
            if depth >= MAX_LINK_DEPTH:
                raise DiffError(f"{name}: too many symbolic links")
            linked = posixpath.normpath(posixpath.join(posixpath.dirname(name), content.decode("utf-8")))
            if linked == ".." or linked.startswith("../") or posixpath.isabs(linked):
                raise DiffError(f"{name}: the symbolic link leads outside the repository")
            written += _export_tree(repo, commit, linked, destination, depth + 1)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
        written += 1
    return written


def _model_folder(directory: Path) -> Path | None:
    for candidate in (directory / "model", directory):
        if (candidate / "model.yaml").is_file():
            return candidate
    return None


def read_version(spec: str, repo: Path, model_path: str, workspace: Path) -> ModelVersion:
    """Read and validate one side: a directory, else a git ref of ``repo`` exported into ``workspace``."""
    directory = Path(spec)
    if directory.is_dir():
        model_dir = _model_folder(directory)
        if model_dir is None:
            raise DiffError(f"{spec}: no competency model here (expected {spec}/model/model.yaml "
                            f"or {spec}/model.yaml)")
        root = model_dir.parent
    else:
        commit = _commit(repo, spec)
        root = workspace / re.sub(r"[^\w.-]+", "_", spec)
        model_dir = root / model_path
        if _export_tree(repo, commit, model_path.strip("/"), model_dir) == 0:
            raise DiffError(f"{spec}: the commit has no folder {model_path!r} (choose it with --model-path)")
        if not (model_dir / "model.yaml").is_file():
            raise DiffError(f"{spec}: {model_path}/model.yaml does not exist in that commit")
    return ModelVersion(spec, _load(spec, model_dir, root))


def _load(label: str, model_dir: Path, root: Path) -> ModelSources:
    if not (model_dir / "schema").is_dir():
        raise DiffError(f"{label}: the model has no schema folder ({model_dir.name}/schema)")
    try:
        sources, problems = read_sources(model_dir, root)
        problems += validate_sources(sources)
    except Exception as error:
        raise DiffError(f"{label}: the model cannot be read ({type(error).__name__}: {error})") from None
    if problems:
        count = len(problems)
        raise DiffError(f"{label}: the model is not valid ({count} problem{'s' if count != 1 else ''}; the first: "
                        f"{problems[0]}); `{PYTHON} -m hooks.check` lists them all")
    return sources


# Comparing


@dataclass(frozen=True)
class FieldChange:
    """One changed value: a text in one language, or a value that is the same in every language."""

    field: str
    language: str | None
    old: Any
    new: Any
    """None when the field (or the language) is absent on that side."""


@dataclass(frozen=True)
class EntityDiff:
    """One competency, group, level or changelog entry as the two versions have it."""

    kind: Kind
    id: str
    """The id in NEW; in OLD for a removed one."""
    status: Status
    name: dict[str, str]
    old_id: str | None = None
    old_name: dict[str, str] = field(default_factory=dict)
    changes: tuple[FieldChange, ...] = ()
    moved: tuple[str, str] | None = None
    """A competency in another group: (old group id, new group id); its address changes."""

    @property
    def renamed(self) -> bool:
        return self.old_id is not None and self.old_id != self.id

    @property
    def title_changes(self) -> tuple[FieldChange, ...]:
        return tuple(change for change in self.changes if change.field == "name")

    @property
    def text_changes(self) -> tuple[FieldChange, ...]:
        return tuple(change for change in self.changes if change.field != "name")


@dataclass(frozen=True)
class ModelDiff:
    old: ModelVersion
    new: ModelVersion
    model_changes: tuple[FieldChange, ...]
    entities: tuple[EntityDiff, ...]

    def of(self, kind: Kind, status: Status | None = None) -> list[EntityDiff]:
        return [e for e in self.entities if e.kind == kind and (status is None or e.status == status)]

    @property
    def empty(self) -> bool:
        return not self.model_changes and not any(e.status != "kept" or e.changes or e.renamed or e.moved
                                                  for e in self.entities)


def _keyed(data: Any) -> Any:
    """The data with lists of identified entries turned into mappings keyed ``[id]``, recursively."""
    if isinstance(data, dict):
        return {key: _keyed(value) for key, value in data.items()}
    if isinstance(data, list) and data and all(isinstance(entry, dict) for entry in data):
        for key in IDENTIFYING_KEYS:
            ids = [entry.get(key) for entry in data]
            if all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids):
                return {f"[{entry[key]}]": _keyed({k: v for k, v in entry.items() if k != key}) for entry in data}
    if isinstance(data, list):
        return [_keyed(value) for value in data]
    return data


def _field_name(path: DocumentPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.startswith("[") or not text:
            text += part
        else:
            text += f".{part}"
    return text


def _plain_values(data: Any, path: DocumentPath = ()) -> Iterator[tuple[DocumentPath, Any]]:
    """Every value outside the translated texts: numbers, ids, lists of ids."""
    if is_translated(data):
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _plain_values(value, path + (key,))
    elif isinstance(data, list) and any(isinstance(value, (dict, list)) for value in data):
        for index, value in enumerate(data):
            yield from _plain_values(value, path + (index,))
    else:
        yield path, data


def _union(first: Sequence[Any], second: Sequence[Any]) -> list[Any]:
    """The keys of both, in the order of the first and then the second."""
    return list(dict.fromkeys([*first, *second]))


def field_changes(old: Any, new: Any) -> list[FieldChange]:
    """Every difference between two versions of one document or entry: texts per language, then values."""
    old, new = _keyed(old), _keyed(new)
    old_texts = dict(translated_fields(old))
    new_texts = dict(translated_fields(new))
    changes = []
    for path in _union(list(new_texts), list(old_texts)):
        before, after = old_texts.get(path, {}), new_texts.get(path, {})
        for language in _union(list(after), list(before)):
            if language == TRANSLATED_FROM:
                continue  # Translation fingerprints follow the texts; the texts themselves are reported.
            if before.get(language) != after.get(language):
                changes.append(FieldChange(_field_name(path), language, before.get(language), after.get(language)))
    old_values = dict(_plain_values(old))
    new_values = dict(_plain_values(new))
    for path in _union(list(new_values), list(old_values)):
        if old_values.get(path) != new_values.get(path):
            changes.append(FieldChange(_field_name(path), None, old_values.get(path), new_values.get(path)))
    return changes


def _names(entry: dict[str, Any], kind: Kind) -> dict[str, str]:
    if kind == "changelog entry":
        return {}
    name = entry.get("name", {})
    return {language: text for language, text in name.items() if language != TRANSLATED_FROM and isinstance(text, str)}


def _match(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[tuple[str | None, str | None]]:
    """Pairs (old id, new id) in NEW's order, then removed ones; a former id in NEW claims an id of OLD."""
    pairs: list[tuple[str | None, str | None]] = []
    claimed = set()
    for new_id, entry in new.items():
        if new_id in old:
            pairs.append((new_id, new_id))
            claimed.add(new_id)
            continue
        former = next((f for f in entry.get("former_ids", []) if f in old and f not in new), None)
        pairs.append((former, new_id))
        if former is not None:
            claimed.add(former)
    pairs += [(old_id, None) for old_id in old if old_id not in claimed]
    return pairs


def _entities(kind: Kind, old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]],
              group_renames: dict[str, str]) -> list[EntityDiff]:
    found = []
    for old_id, new_id in _match(old, new):
        if new_id is None:
            assert old_id is not None
            found.append(EntityDiff(kind, old_id, "removed", _names(old[old_id], kind)))
            continue
        entry = new[new_id]
        if old_id is None:
            found.append(EntityDiff(kind, new_id, "added", _names(entry, kind)))
            continue
        before = old[old_id]
        changes = field_changes(before, entry)
        moved = None
        kept = []
        for change in changes:
            if change.field == "id":
                continue  # The rename itself, reported as such.
            if change.field == "former_ids" and old_id != new_id and set(change.new or ()) - set(change.old or ()) == {old_id}:
                continue  # The former id that records this very rename.
            if kind == "competency" and change.field == "group":
                if group_renames.get(change.old, change.old) == change.new:
                    continue  # Its group was renamed; the competency stayed where it was.
                moved = (str(change.old), str(change.new))
                continue
            kept.append(change)
        found.append(EntityDiff(kind, new_id, "kept", _names(entry, kind), old_id, _names(before, kind),
                                tuple(kept), moved))
    return found


def _by_id(entries: list[dict[str, Any]], key: str = "id") -> dict[str, dict[str, Any]]:
    return {str(entry[key]): entry for entry in entries}


def compare(old: ModelVersion, new: ModelVersion) -> ModelDiff:
    """Everything that differs between two loaded, valid versions of the model."""
    def parts(version: ModelVersion) -> tuple[dict[str, dict[str, Any]], ...]:
        single = version.sources.single
        return (_by_id([document.data for document in version.sources.competencies]),
                _by_id(single["groups.yaml"].data["groups"]),
                _by_id(single["levels.yaml"].data["levels"]),
                _by_id([document.data for document in version.sources.profiles]),
                _by_id(single["changelog.yaml"].data["changes"], "version"))

    old_competencies, old_groups, old_levels, old_profiles, old_changelog = parts(old)
    new_competencies, new_groups, new_levels, new_profiles, new_changelog = parts(new)
    group_renames = {o: n for o, n in _match(old_groups, new_groups) if o is not None and n is not None}
    groups = _entities("group", old_groups, new_groups, {})
    entities = [
        *_entities("competency", old_competencies, new_competencies, group_renames),
        *groups,
        *_entities("level", old_levels, new_levels, {}),
        *_entities("profile", old_profiles, new_profiles, {}),
        *_entities("changelog entry", old_changelog, new_changelog, {}),
    ]
    model_changes = field_changes(old.facts, new.facts)
    return ModelDiff(old, new, tuple(model_changes), tuple(entities))
