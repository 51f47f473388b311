"""Checks of the sources and of the built or published site."""
