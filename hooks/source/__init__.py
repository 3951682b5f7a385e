"""HR's and translators' files, read strictly and checked.

YAML with positions, the schema, cross-file rules, labels, front matter, and what the commands read from mkdocs.yml.
"""
