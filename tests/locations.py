"""Where the test data of a checkout lives: the sample registers and the question sets."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the checkout
SAMPLES = ROOT / "samples"
CORPUS = ROOT / "eval" / "corpus"  # the development corpora, with ground truth written apart
STARTER = ROOT / "eval" / "sets" / "starter.jsonl"  # a copy of shared/eval/starter.jsonl
