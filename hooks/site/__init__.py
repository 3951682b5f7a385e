"""The site as plain data and text, without MkDocs: pages and URLs, rendering, navigation, downloads, redirects."""
