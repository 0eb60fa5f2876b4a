"""Compiled Jinja templates kept for the life of the process.

A preview builds again on every save, each time with a new Jinja environment (ours for the
catalogue's pages, the engine's for its theme); without this, every rebuild compiles the same
templates again. Jinja keys each template by its name and a checksum of its source, so an edited
template is compiled anew.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()
