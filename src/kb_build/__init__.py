"""Build a guideline knowledge base from validated YAML into a static site."""
