"""Tools for developing the site: the benchmark, the local server, the workflow linter."""
