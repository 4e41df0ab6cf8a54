"""Performance benchmarks and the corpus generators they run on.

Each module is a script (`python -m registre.bench.NAME`) that prints a table and can
write JSON. The generators grow corpora from a folder of sample registers, `--samples`
(default: ./samples, the folder of a checkout).
"""
from pathlib import Path

SAMPLES = Path("samples")  # relative to the working directory, as `registre ingest samples`
