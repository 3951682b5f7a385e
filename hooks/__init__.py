"""Turn the canonical competency model in model/ into a bilingual MkDocs site.

- ``source/``: HR's and translators' files read strictly and checked (YAML, schema, cross-file rules,
  labels, front matter, mkdocs.yml as the commands read it).
- ``site/``: the site as plain data and text (pages and URLs, rendering, downloads, redirects).
- ``build/``: the only code that knows MkDocs, Material and mkdocs-static-i18n (the i18n layout, page
  parking, staging, search indexing); ``mkdocs_hooks.py`` hands each event to it.
- ``tools/``: the commands' own machinery (translation status and marking, history, the model diff,
  renaming, the versions' builds).
- ``check.py``, ``translations.py``, ``diff.py``, ``rename.py``, ``versions.py``: the commands; ``model.py``,
  ``problems.py``: shared by all.

The one rule: nothing outside ``build/`` and ``mkdocs_hooks.py`` imports MkDocs or Material
(tests/test_import_rule.py); ``source/`` imports none of the other folders, ``site/`` only ``source/``.
"""
