"""The catalogue of testbeds, innovation projects and contact paths.

The pipeline reads left to right: load → validate → model → render → index → export.
"""

__version__ = "0.1.0"
