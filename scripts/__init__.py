"""Steady Ground's scripts: run each as `python -m scripts.<folder>.<name>` from the repository root.

core/ is shared by all; build/, checks/, author/ and dev/ are the four jobs, and none imports from another.
"""
