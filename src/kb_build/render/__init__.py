"""Renderers: pure functions from the site index to Markdown pages and data files."""
