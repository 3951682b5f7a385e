"""Turn the canonical competency model in model/ into a bilingual MkDocs site.

Everything in this package is plain Python: only ``hooks/mkdocs_hooks.py``, the file mkdocs.yml
lists under ``hooks:``, imports MkDocs.
"""
