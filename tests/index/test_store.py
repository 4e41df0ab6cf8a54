

def test_vectors_are_rebuilt_when_the_embedder_changes(tmp_path, samples_dir):
    from registre.engine import Engine
    from registre.index.embedder import HashEmbedder

    first = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    first.ingest([samples_dir / "000_678f1116b57b2cf4.txt"])
    before = first.store.vectors.search(HashEmbedder(64).embed(["Weeejob"])[0], 1)
    first.close()

    other = HashEmbedder(64)
    other.name = "autre-modele"  # same dimension, other vectors: a backend change looks like this
    other.embed = lambda texts: -HashEmbedder(64).embed(texts)
    second = Engine.open(tmp_path / "index", embedder=other)
    after = second.store.vectors.search(other.embed(["Weeejob"])[0], 1)
    assert after == before  # the vectors were made again by the new embedder
    made_by = second.store.conn.execute("SELECT value FROM settings WHERE key = 'vectors_model'").fetchone()[0]
    assert made_by == "autre-modele"
