"""Build steps: the MkDocs build and what runs after it (python -m scripts.build.build_site)."""
