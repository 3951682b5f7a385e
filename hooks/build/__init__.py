"""The only code that knows MkDocs, Material and mkdocs-static-i18n: the i18n layout, page parking, search indexing."""
