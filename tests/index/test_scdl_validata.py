"""Both SCDL exports of the development corpora and the samples, written by `registre export`,
pass the official validator (validata-table, as data.gouv.fr runs it) with no error and no
warning but its two deprecation notices; what is left out is said on stderr. The publishers'
SIRETs and the beneficiaries' SIRET and RNA numbers are placeholders (tests/index/data/)."""
from pathlib import Path

import pytest
from click.testing import CliRunner
from validata import problems, validate

from registre.cli import cli
from registre.index.nomenclature import DELIBERATIONS_SCHEMA, SUBVENTIONS_SCHEMA

DATA = Path(__file__).parent / "data"
# Rows written and left out, per corpus and format (with the directories of DATA); the real
# corpus's 11 questions diverses are left out of the Délibérations, being none.
EXPECTED = {
    ("fictional", "scdl"): (35, 1), ("real", "scdl"): (97, 13), ("samples", "scdl"): (5, 0),
    ("fictional", "subventions"): (51, 0), ("real", "subventions"): (10, 0), ("samples", "subventions"): (52, 0),
}


def export(engine, fmt: str, out: Path, *extra: str):
    runner = CliRunner()
    return runner.invoke(cli, ["export", "--index", str(engine.folder), "--format", fmt, "--output", str(out),
                               "--siret", str(DATA / "collectivites.csv"), *extra], catch_exceptions=False)


@pytest.mark.parametrize("corpus", ["fictional", "real", "samples"])
@pytest.mark.parametrize("fmt, schema", [("scdl", DELIBERATIONS_SCHEMA), ("subventions", SUBVENTIONS_SCHEMA)])
def test_the_export_is_valid_under_validata(corpus_engine, tmp_path, corpus, fmt, schema):
    out = tmp_path / f"{corpus}-{fmt}.csv"
    done = export(corpus_engine(corpus), fmt, out, "--beneficiaires", str(DATA / "beneficiaires.csv"))
    assert done.exit_code == 0, done.output
    report = validate(out, schema)
    assert problems(report) == []
    rows, left = EXPECTED[corpus, fmt]
    assert (report["stats"]["rows"], report["stats"]["fields"]) == (rows, 17 if fmt == "scdl" else 16)
    assert done.stderr.splitlines()[-1] == f"{rows} ligne(s) exportée(s), {left} laissée(s) de côté."
    assert len([line for line in done.stderr.splitlines() if line.startswith("non exporté : ")]) == left


def test_without_a_directory_every_subvention_is_left_out_and_said(corpus_engine, tmp_path):
    out = tmp_path / "samples-subventions.csv"
    done = export(corpus_engine("samples"), "subventions", out)
    lines = done.stderr.splitlines()
    assert lines[-1] == "0 ligne(s) exportée(s), 52 laissée(s) de côté."
    assert "non exporté : n° 2022.00159 (000_678f1116b57b2cf4.txt, 2022-04-14), Weeejob, 11 000 € : ni SIRET ni RNA" \
           " pour « Weeejob » (--beneficiaires FICHIER.csv)" in lines
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("nomAttribuant,idAttribuant,dateConvention")


def test_a_bad_siret_stops_the_export_in_one_line(corpus_engine, tmp_path):
    done = CliRunner().invoke(cli, ["export", "--index", str(corpus_engine("samples").folder), "--format", "scdl",
                                    "--siret", "Saint-Etienne Métropole=24420077000019"])
    assert done.exit_code == 1
    assert done.stderr.strip() == ("Error: --siret, ligne 1 : « 24420077000019 » inutilisable "
                                   "(un SIRET de 14 chiffres valide)")


def test_the_export_fails_the_validator_when_a_column_is_wrong(corpus_engine, tmp_path):
    """The validator is really run: a file with a bad SIRET is refused."""
    out = tmp_path / "samples.csv"
    export(corpus_engine("samples"), "scdl", out)
    text = out.read_text(encoding="utf-8").replace("24420077000018", "24420077000019")
    out.write_text(text, encoding="utf-8")
    assert any("COLL_SIRET" in problem for problem in problems(validate(out, DELIBERATIONS_SCHEMA)))
