import datetime as dt
from decimal import Decimal

from registre.bench.synthetic import chunks_of, write_corpus
from registre.ingest import parse_document, read_file


def test_write_corpus_is_reproducible_and_reaches_the_chunk_target(tmp_path, samples_dir):
    first = write_corpus(tmp_path / "a", 300, seed=0, samples=samples_dir)
    second = write_corpus(tmp_path / "b", 300, seed=0, samples=samples_dir)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert 240 <= sum(chunks_of(p) for p in first) <= 360


def test_a_generated_deliberation_reads_back(tmp_path, samples_dir):
    path = write_corpus(tmp_path, 300, seed=0, samples=samples_dir)[0]
    (delib,) = parse_document(read_file(path))
    assert delib.number == "2024.00001"
    assert delib.date == dt.date(2024, 10, 31)
    grants = [(a.value, a.beneficiary) for a in delib.amounts if a.role == "grant"]
    assert grants == [(Decimal(10500), "Vinjousin Lifou")]
