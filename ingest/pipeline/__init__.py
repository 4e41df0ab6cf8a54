"""`registre ingest`: files and folders in, records written to an index, file by file.

In: paths, a `Sink` (the index's store: `index.store.Store` is one; this package knows no
concrete store), `ReadLimits` and a runner for the parse stage (in-process, a process pool,
Ray). Out: an `IngestReport` with structured `FileIssue`s (failed, skipped, warnings).

- parsing.py: one file to its records and chunks, with no index (picklable both ways);
- parallel.py: that parse stage in worker processes on this machine, in order;
- distributed.py: the same on Ray workers, with the chunk vectors computed there;
- sink.py: what the single writer needs from an index;
- writer.py: the single writer, one transaction per file.
"""
from registre.ingest.pipeline.sink import Sink
from registre.ingest.pipeline.writer import IngestReport, failure_message, ingest_paths

__all__ = ["IngestReport", "Sink", "failure_message", "ingest_paths"]
