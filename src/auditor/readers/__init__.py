"""Readers: a file on disk -> a `Document` (see auditor.document).

`load(path, uri)` never raises for a bad file: whatever stops a file from being read becomes a
`Problem` on the document (and so an error finding), and the batch goes on.
`discover(paths, include, exclude)` turns command-line paths into the files to scan.
"""
from __future__ import annotations

from .registry import discover, glob_match, load, PathNotFound, SUPPORTED_SUFFIXES  # noqa: F401
