"""Synthetic competency models of any size, shaped like the real one, and the sites that build them.

Every synthetic competency copies the structure of a real one (model/competencies/*.yaml): the same
fields, lists of the same lengths, and each text with the same number of words, drawn at random from
the real model's words in that language. Pages, search index and YAML files therefore weigh what a
real model of that size would, and the model follows the real schema (copied with it). Competencies
are spread over groups of 10 to 15, as a large framework would be.

Two sites can be written for one model: the site as this project builds it (hooks/mkdocs_hooks.py
turns model/ into pages), and the same pages as pre-written Markdown built without the hooks, to
measure what the hooks cost.
"""

from __future__ import annotations

import functools
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hooks.site.generate import generate
from hooks.site.render import (
    AT_A_GLANCE,
    CHANGES,
    DICTIONARY,
    DOWNLOADS,
    LEVELS,
    MODEL_OVERVIEW,
    PROFILES_OVERVIEW,
    SELF_ASSESSMENT,
)
from hooks.source.labels import LABELS_FILE
from hooks.source.load import COMPETENCY_DIR, PROFILE_DIR, SINGLE_FILES
from hooks.source.schema import SCHEMA_DIR
from hooks.source.siteconfig import i18n_languages, read_mkdocs_yml
from hooks.source.texts import TRANSLATED_FROM, is_translated, translated_fields

REAL_PROJECT = Path(__file__).resolve().parent.parent
PLAIN_HOOKS = Path(__file__).resolve().parent / "plain_hooks.py"
GROUP_SIZE = (10, 15)
DEFAULT_SEED = 20261128
#: The benchmark site's navigation keeps the real one's order, with only these pages: a short home
#: page and every generated top-level page. The other handwritten pages are the same at every size.
KEPT_PAGES = {"index.md", MODEL_OVERVIEW, PROFILES_OVERVIEW, LEVELS, AT_A_GLANCE, CHANGES, SELF_ASSESSMENT, DICTIONARY,
              DOWNLOADS}
#: Role profiles: one per this many competencies (at least one), each asking up to PROFILE_SIZE of them.
COMPETENCIES_PER_PROFILE = 10
PROFILE_SIZE = 8
#: The model files copied unchanged from the real model (levels, history, model facts).
COPIED_FILES = ("model.yaml", "levels.yaml", "changelog.yaml")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# libyaml's emitter, where PyYAML has it, writes the 14,000 files of the largest model in seconds.
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class RealModel:
    """What the synthetic models copy from the real one: its competencies, groups and words."""

    competencies: tuple[dict[str, Any], ...]
    groups: tuple[dict[str, Any], ...]
    source_language: str
    words: dict[str, tuple[str, ...]]
    profiles: tuple[dict[str, Any], ...] = ()


@functools.lru_cache(maxsize=2)
def read_real_model(project: Path = REAL_PROJECT) -> RealModel:
    """The real model's files as plain data, and every word of its texts per language."""
    model_dir = project / "model"
    competencies = tuple(yaml.safe_load(path.read_text(encoding="utf-8"))
                         for path in sorted((model_dir / COMPETENCY_DIR).glob("*.yaml")))
    groups = tuple(yaml.safe_load((model_dir / "groups.yaml").read_text(encoding="utf-8"))["groups"])
    profiles = tuple(yaml.safe_load(path.read_text(encoding="utf-8"))
                     for path in sorted((model_dir / PROFILE_DIR).glob("*.yaml")))
    source_language = yaml.safe_load((model_dir / "model.yaml").read_text(encoding="utf-8"))["source_language"]
    words: dict[str, list[str]] = {}
    for document in [*competencies, *groups]:
        for _, texts in translated_fields(document):
            for language, value in texts.items():
                if language == TRANSLATED_FROM:
                    continue
                for text in value if isinstance(value, list) else [value]:
                    words.setdefault(language, []).extend(_WORD.findall(text))
    return RealModel(competencies, groups, source_language, {lang: tuple(found) for lang, found in words.items()},
                     profiles)


def slug(text: str, limit: int = 40) -> str:
    """An id-safe form of a text: ASCII lower-case words joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-") or "x"


class _TextMaker:
    """Random texts in the image of real ones: same structure, same word counts, same language."""

    def __init__(self, real: RealModel, rng: random.Random) -> None:
        self.real = real
        self.rng = rng

    def text(self, template: str, language: str) -> str:
        count = max(1, len(template.split()))
        words = self.rng.choices(self.real.words[language], k=count)
        words[0] = words[0][:1].upper() + words[0][1:]
        for index in range(count - 1):
            if self.rng.random() < 0.08:
                words[index] += ","
        ending = template.rstrip()[-1:]
        return " ".join(words) + (ending if ending in ".?!" else "")

    def like(self, template: Any) -> Any:
        """A copy of ``template`` with every translated text replaced by a random one of the same length."""
        if is_translated(template):
            # The fingerprints of translations would not match random texts, so they are left out.
            return {language: ([self.text(item, language) for item in value] if isinstance(value, list)
                               else self.text(value, language))
                    for language, value in template.items() if language != TRANSLATED_FROM}
        if isinstance(template, dict):
            return {key: self.like(value) for key, value in template.items()}
        if isinstance(template, list):
            return [self.like(value) for value in template]
        return template


def group_sizes(competencies: int, rng: random.Random) -> list[int]:
    """Groups of 10 to 15 competencies; the last one takes what is left."""
    sizes: list[int] = []
    left = competencies
    while left > 0:
        size = left if left <= GROUP_SIZE[1] else rng.randint(*GROUP_SIZE)
        sizes.append(size)
        left -= size
    return sizes


def write_yaml(path: Path, schema: str, data: object) -> None:
    """Write a model file as HR's files look: the schema line, then the data."""
    body = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{body}", encoding="utf-8")


def write_model(model_dir: Path, competencies: int, seed: int = DEFAULT_SEED,
                real: RealModel | None = None) -> int:
    """Write a schema-valid model of ``competencies`` competencies into ``model_dir``; return its group count."""
    real = real or read_real_model()
    rng = random.Random(seed)
    maker = _TextMaker(real, rng)
    real_model = REAL_PROJECT / "model"
    if model_dir.exists():
        shutil.rmtree(model_dir)
    (model_dir / COMPETENCY_DIR).mkdir(parents=True)
    shutil.copytree(real_model / SCHEMA_DIR, model_dir / SCHEMA_DIR)
    for name in COPIED_FILES:
        shutil.copyfile(real_model / name, model_dir / name)
    unknown = set(SINGLE_FILES) - set(COPIED_FILES) - {"groups.yaml"}
    if unknown:
        raise RuntimeError(f"benchmarks/synthetic.py has no generator for the model file(s) {sorted(unknown)}")

    sizes = group_sizes(competencies, rng)
    groups = []
    for number, _ in enumerate(sizes, start=1):
        template = real.groups[(number - 1) % len(real.groups)]
        group = maker.like(template)
        group.pop("former_ids", None)
        group.update(id=f"{slug(group['name'][real.source_language])}-{number:04d}", order=number)
        groups.append({key: group[key] for key in ("id", "order", "name", "description")})
    write_yaml(model_dir / "groups.yaml", "schema/groups.schema.json", {"groups": groups})

    ids: list[str] = []
    documents = []
    for group, size in zip(groups, sizes):
        for order in range(1, size + 1):
            template = real.competencies[len(ids) % len(real.competencies)]
            competency = maker.like(template)
            competency.pop("former_ids", None)
            competency_id = f"{slug(competency['name'][real.source_language])}-{len(ids) + 1:05d}"
            competency.update(id=competency_id, group=group["id"], order=order)
            ids.append(competency_id)
            documents.append((competency, len(template["related"])))
    for index, (competency, related_count) in enumerate(documents):
        others = rng.sample(range(len(ids) - 1), min(related_count, len(ids) - 1))
        # Skipping the competency's own index keeps the sample free of itself.
        competency["related"] = [ids[other + (other >= index)] for other in others]
        write_yaml(model_dir / COMPETENCY_DIR / f"{competency['id']}.yaml", "../schema/competency.schema.json",
              competency)
    _write_profiles(model_dir, ids, maker, rng)
    return len(groups)


def _write_profiles(model_dir: Path, competency_ids: list[str], maker: _TextMaker, rng: random.Random) -> None:
    """One role profile per COMPETENCIES_PER_PROFILE competencies, each asking PROFILE_SIZE of them at random levels."""
    templates = maker.real.profiles
    if not templates:
        return
    levels = [level["id"] for level in yaml.safe_load((model_dir / "levels.yaml").read_text(encoding="utf-8"))["levels"]]
    (model_dir / PROFILE_DIR).mkdir()
    for number in range(1, max(1, len(competency_ids) // COMPETENCIES_PER_PROFILE) + 1):
        profile = maker.like(templates[(number - 1) % len(templates)])
        profile_id = f"{slug(profile['name'][maker.real.source_language])}-{number:05d}"
        asked = rng.sample(competency_ids, min(PROFILE_SIZE, len(competency_ids)))
        profile.update(id=profile_id, order=number,
                       competencies=[{"competency": competency, "level": rng.choice(levels)} for competency in asked])
        write_yaml(model_dir / PROFILE_DIR / f"{profile_id}.yaml", "../schema/profile.schema.json", profile)


def _page_of(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        (value,) = entry.values()
        return value if isinstance(value, str) else None
    return None


def _site_settings() -> dict[str, Any]:
    """The real mkdocs.yml, pointed at the real hooks and theme overrides, with the benchmark's pages."""
    settings = read_mkdocs_yml(REAL_PROJECT / "mkdocs.yml")
    settings["theme"]["custom_dir"] = str(REAL_PROJECT / "overrides")
    settings["hooks"] = [str(REAL_PROJECT / "hooks" / "mkdocs_hooks.py")]
    settings["watch"] = ["model", str(REAL_PROJECT / "hooks"), str(REAL_PROJECT / "overrides")]
    settings["nav"] = [entry for entry in settings.get("nav", []) if _page_of(entry) in KEPT_PAGES]
    settings.pop("docs_dir", None)
    return settings


def _write_settings(path: Path, settings: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def write_site(project: Path, competencies: int, seed: int = DEFAULT_SEED, real: RealModel | None = None,
               *, pdf: bool = True) -> Path:
    """A site project with a synthetic model, built by the real hooks; return its mkdocs.yml.

    ``pdf=False`` turns off the dictionary's PDFs (``extra.dictionary_pdf``): the build benchmark measures
    them on their own (benchmarks/pdf.py).
    """
    project.mkdir(parents=True, exist_ok=True)
    groups = write_model(project / "model", competencies, seed, real)
    settings = _site_settings()
    settings.setdefault("extra", {})["dictionary_pdf"] = pdf
    docs = project / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(REAL_PROJECT / "docs" / "assets", docs / "assets")
    for language in i18n_languages(settings):
        folder = docs / language.code
        folder.mkdir(parents=True)
        shutil.copyfile(REAL_PROJECT / "docs" / language.code / LABELS_FILE, folder / LABELS_FILE)
        (folder / "index.md").write_text(
            f"# {language.name}\n\n{competencies} · {groups}\n\n[{MODEL_OVERVIEW}]({MODEL_OVERVIEW})\n",
            encoding="utf-8")
    config = project / "mkdocs.yml"
    _write_settings(config, settings)
    return config


def write_prerendered_site(project: Path, target: Path) -> Path:
    """The pages the hooks generate for ``project``, written as Markdown into a site without the hooks.

    ``python -m hooks.generate`` writes them (hooks/site/generate.py), with the edit links the hook would
    give and the navigation written out in full, per language. One small hook is added
    (benchmarks/plain_hooks.py): it publishes the default language in its own folder with the site's own
    function, so both builds write the same pages at the same addresses.
    """
    config = generate(project / "mkdocs.yml", target)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["hooks"] = [str(PLAIN_HOOKS)]
    _write_settings(config, settings)
    return config
