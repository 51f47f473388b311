"""Tools for the author: a new post, the share image."""
