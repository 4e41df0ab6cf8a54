"""The `registre` command line: ingest, ask, search, export (and eval, bench, serve).

Each command is a few lines around an engine call; user errors (`RegistreError`) end
with one French line on stderr and a non-zero status, never a traceback. The settings
(settings.py) are read from the environment here, once, and checked before any command.
"""
import csv
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import click

from registre.errors import RegistreError, UnreadableFile
from registre.records import Trace
from registre.settings import Settings

INDEX_HELP = "dossier de l'index (défaut : $REGISTRE_INDEX ou ./.registre)"


def _settings(**options: str | None) -> Settings:
    """The settings read at the start of the command, with the options typed (or bound to
    their variable: --index, --llm, --siret, --auth) checked the same way."""
    settings = click.get_current_context().find_object(Settings)
    assert settings is not None  # set by the group before any command
    return settings.with_values(options)


def _engine(index: str | None, create: bool = False, llm: str | None = None):
    from registre.engine import Engine
    from registre.qa.llm import load_llm

    settings = _settings(index=index, llm=llm)
    return Engine.open(create=create, llm=load_llm(settings.llm), settings=settings)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RegistreError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group)
@click.pass_context
def cli(ctx):
    """registre : questions, recherche et export sur les registres des délibérations."""
    # Defaults for the libraries below, before any is imported: the model is bundled and the
    # hub is never asked; no progress bars on a terminal that shows ours.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    ctx.obj = Settings.from_env(os.environ)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--index", envvar="REGISTRE_INDEX", help=INDEX_HELP)
@click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local : processus de cette machine ($REGISTRE_WORKERS) ; ray : tâches Ray (lecture, OCR, "
                   "vecteurs)")
@click.option("--address", help="adresse d'un cluster Ray existant (défaut : un Ray local sur tous les cœurs)")
@click.option("--verbose", "-v", is_flag=True, help="affiche aussi la trace de chaque erreur interne")
def ingest(paths, index, engine_name, address, verbose):
    """Ajoute des fichiers PDF, TXT ou MD (ou des dossiers) à l'index."""
    from tqdm import tqdm

    from registre.ingest.pipeline import failure_message

    if address and engine_name != "ray":
        raise click.ClickException("--address ne vaut qu'avec --engine ray")
    engine = _engine(index, create=True)
    log_path = _log_errors(engine.folder / INGEST_LOG, verbose)
    runner = engine.ray_runner(address) if engine_name == "ray" else None
    with tqdm(unit="fichier", desc="Ingestion", file=sys.stderr, disable=None) as bar:
        def progress(path, done, total):
            bar.total = total
            bar.set_postfix_str(path.name[-40:].encode("utf-8", "replace").decode("utf-8"))
            bar.update(done - bar.n)

        report = engine.ingest(paths, progress, runner)
        bar.update(bar.total - bar.n if bar.total else 0)
    for issue in report.warnings:
        click.echo(f"attention : {issue.source} : {issue.reason}", err=True)
    for issue in report.merged:
        click.echo(f"fusionnée : {issue.source} : {issue.reason}", err=True)
    for issue in report.skipped:
        click.echo(f"ignoré : {issue.source} : {issue.reason}", err=True)
    for issue in report.failed:
        where = "" if issue.traceback is None else f" ; trace dans {log_path}"
        click.echo(f"échec : {failure_message(issue)}{where}", err=True)
    for source, count in report.indexed:
        click.echo(f"  {source} : {count} délibération(s)")
    merged = f" ({len(report.merged)} fusionnée(s) avec une déjà indexée)" if report.merged else ""
    click.echo(f"{report.files} fichier(s) ajouté(s), {report.deliberations} délibération(s){merged}, "
               f"{report.pages} page(s), {report.amounts} montant(s) ; {len(report.skipped)} ignoré(s), "
               f"{len(report.failed)} en échec.")
    sys.exit(0 if report.ok else 1)


INGEST_LOG = "ingest-erreurs.log"


def _log_errors(path: Path, verbose: bool) -> Path:
    """Where the tracebacks of unexpected errors go: appended to `path` (in the index folder,
    created on the first one) and, with --verbose, to stderr too."""
    import logging

    logger = logging.getLogger("registre.ingest")
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logger.addHandler(handler)
    if verbose:
        logger.addHandler(logging.StreamHandler(sys.stderr))
    logger.propagate = False
    return path


@cli.command()
@click.argument("question", required=False)
@click.option("--index", envvar="REGISTRE_INDEX", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="la réponse au format JSON du contrat")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="un fichier de questions (JSON Lines ou une question par ligne)")
@click.option("--llm", envvar="REGISTRE_LLM", help="modèle de langage pour formuler la réponse (ex. ollama:mistral)")
@click.option("--explain", is_flag=True, help="montre comment la réponse a été trouvée : question lue, filtres, "
              "délibérations examinées, brouillon et verdict de la vérification")
def ask(question, index, as_json, batch, llm, explain):
    """Répond à une question en français, avec ses sources."""
    engine = _engine(index, llm=llm)
    if batch:
        for item_id, text in _batch_questions(batch):
            try:
                out = engine.ask(text).to_dict()
            except RegistreError as error:
                out = {"question": text, "error": str(error)}
            if item_id is not None:
                out = {"id": item_id, **out}
            click.echo(json.dumps(out, ensure_ascii=False))
        return
    if not question:
        raise click.ClickException("Question vide : écrivez une question entre guillemets.")
    answer = engine.ask(question)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    from registre.qa.cite import ocr_note
    from registre.text.french import format_amount

    click.echo(answer.answer)
    for title, items in (("Sources", answer.citations), ("Pistes", answer.leads)):
        if items:
            click.echo(f"\n{title} :")
        for c in items:
            amount = f" – {format_amount(c.amount)}" if c.amount is not None else ""
            ocr = f" ({ocr_note(c)})" if c.ocr_confidence is not None else ""
            click.echo(f"  • n° {c.deliberation or '—'} du {c.date or '?'} ({c.instance or '?'}), {c.source}, "
                       f"p. {c.page}{amount}{ocr}\n    « {c.quote} »")
    if explain and answer.trace is not None:
        click.echo("\n" + _explained(answer.trace))


def _explained(trace: Trace) -> str:
    """The trace of an answer as lines of French (`ask --explain`)."""
    lines = ["Pourquoi cette réponse :",
             "  question lue : " + " ; ".join(f"{name} = {value}" for name, value in trace.reading)]
    lines.append("  filtres : " + (" ; ".join(f"{kind} = {value}" for kind, value in trace.filters) or "aucun"))
    lines.append("  délibérations examinées :" if trace.candidates else "  délibérations examinées : aucune")
    lines += [f"    {score:.2f}  {label}" for label, score in trace.candidates]
    lines.append(f"  réponse rédigée : {trace.draft or 'aucune'}")
    lines.append(f"  vérification : {trace.verdict}")
    return "\n".join(lines)


def _batch_questions(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise click.ClickException(f"{path.name}, ligne {number} : JSON invalide ({error.msg})") from None
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                raise click.ClickException(f"{path.name}, ligne {number} : champ « question » manquant")
            yield item.get("id"), item["question"]
        else:
            yield None, line


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"date attendue au format AAAA-MM-JJ, reçu « {value} »") from None


@cli.command()
@click.argument("query")
@click.option("--index", envvar="REGISTRE_INDEX", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--year", type=int)
@click.option("--from", "date_from", help="date de début (AAAA-MM-JJ)")
@click.option("--to", "date_to", help="date de fin (AAAA-MM-JJ)")
@click.option("--instance")
@click.option("--collectivite")
@click.option("--matiere", help="matière ACTES : un code (7.5) ou une matière entière (7)")
def search(query, index, as_json, k, year, date_from, date_to, instance, collectivite, matiere):
    """Classe les délibérations pour une recherche (sans réponse rédigée)."""
    if matiere and not re.fullmatch(r"[1-9](?:\.\d{1,2})?", matiere):
        raise click.BadParameter(f"code ACTES attendu (ex. 7.5 ou 7), reçu « {matiere} »", param_hint="--matiere")
    engine = _engine(index)
    results = engine.search(query, k=k, year=year, date_from=_date(date_from), date_to=_date(date_to),
                            instance=instance, collectivite=collectivite, matiere=matiere)
    if as_json:
        click.echo(json.dumps({"query": query, "results": [r.to_dict() for r in results]},
                              ensure_ascii=False, indent=2))
        return
    if not results:
        click.echo("Aucune délibération ne correspond.")
    for rank, r in enumerate(results, 1):
        click.echo(f"{rank:>2}. {r.deliberation or r.source:<16} {str(r.date or '?'):<10}  {r.score:.3f}  "
                   f"{(r.instance or '')[:24]:<24}  {(r.title or '')[:70]}")
        click.echo(f"    p. {r.page} : {r.snippet}")


@cli.command("eval")
@click.argument("questions", type=click.Path(path_type=Path))
@click.option("--index", envvar="REGISTRE_INDEX", help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="les métriques au format JSON")
@click.option("--llm", envvar="REGISTRE_LLM", help="modèle de langage pour formuler les réponses")
@click.option("--manifest", type=click.Path(path_type=Path),
              help="manifeste de vérité terrain : note aussi les fiches de l'index, champ par champ")
# -- eval --report / --baselines (eval/report.py, eval/baselines.py) --
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="dossier où écrire le rapport (Markdown et graphiques PNG)")
@click.option("--baselines", is_flag=True, help="compare aux références LangChain (hybride, BM25, vecteurs)")
@click.option("--check", is_flag=True, help="code 1 sous les seuils de qualité du jeu (eval/gate.py)")
def evaluate(questions, index, as_json, llm, manifest, report_dir, baselines, check):
    """Évalue un jeu de questions (JSON Lines) : exactitude, citations, abstentions, latence ;
    avec --manifest, les fiches de l'index contre une vérité terrain."""
    from tqdm import tqdm

    from registre.eval.manifest import load_manifest
    from registre.eval.metadata import score_records
    from registre.eval.questions import load_questions
    from registre.eval.run import run_questions
    from registre.index.export import to_json

    items = load_questions(questions)
    expected = load_manifest(manifest) if manifest else None
    engine = _engine(index, llm=llm)
    with tqdm(total=len(items), unit="question", desc="Évaluation", file=sys.stderr, disable=None) as bar:
        run = run_questions(engine, items, bar.update)
    metrics = run.metrics()
    # the records exactly as `registre export --format jsonl` prints them
    records = score_records(expected, [to_json(d) for d in engine.deliberations()]) if expected else None
    compared = None
    if baselines:
        from registre.eval.baselines import run_baselines

        compared = run_baselines(engine, items)
    if report_dir:
        from registre.eval.report import run_settings, write_report

        path = write_report(report_dir, metrics, run, compared, run_settings(engine, questions, manifest), records)
        click.echo(f"rapport : {path}", err=as_json)
    if as_json:
        click.echo(json.dumps({**metrics, **({"manifest": records} if records else {}),
                               **({"baselines": compared} if compared else {})}, ensure_ascii=False, indent=2))
    else:
        _print_metrics(metrics, compared, records)
    if check:
        from registre.eval.gate import missed, set_name

        name = set_name(questions)
        if missed(metrics, name, records):
            raise click.ClickException(f"{name} : sous les seuils ({' ; '.join(missed(metrics, name, records))})")
    # -- end eval --report / --baselines --


def _print_metrics(metrics: dict, compared: dict | None, records: dict | None = None) -> None:
    for key, value in metrics.items():
        if key not in ("by_type", "failures"):
            click.echo(f"{key:<24} {value}")
    click.echo("\npar type :")
    for kind, v in metrics["by_type"].items():
        click.echo(f"  {kind:<10} {v['correct']}/{v['questions']}  ({v['accuracy']:.2f})")
    if metrics["failures"]:
        click.echo("\néchecs :")
    for failure in metrics["failures"]:
        click.echo(f"  {failure['id']} : {failure['why']}")
    if records:
        from registre.eval.report import fields_table

        click.echo(f"\nfiches ({records['matched']}/{records['deliberations']} retrouvées, "
                   f"{len(records['misses'])} écarts ; détail : --json ou --report) :\n" + fields_table(records))
    if compared:
        from registre.eval.report import comparison_table

        click.echo("\nregistre et références :\n" + comparison_table(metrics, compared))


@cli.command()
@click.option("--index", envvar="REGISTRE_INDEX", help=INDEX_HELP)
@click.option("--format", "fmt", type=click.Choice(["scdl", "subventions", "jsonl"]), default="jsonl",
              show_default=True, help="scdl : SCDL « Délibérations » 2.1.5 ; subventions : SCDL « Subventions » 2.1.1 "
                                      "(une ligne par décision d'attribution) ; jsonl : une délibération par ligne")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="fichier (défaut : la sortie)")
@click.option("--siret", "sirets", multiple=True,
              help="SIRET de la collectivité qui publie (défaut : $REGISTRE_SIRET). Un index peut en tenir "
                   "plusieurs : NOM=SIRET (option répétée, ou NOM=SIRET;NOM=SIRET), ou un fichier d'une ligne "
                   "par collectivité « nom;siret[;fichiers] » (fichiers : motif des noms de fichiers source, ex. "
                   "couthenans_*). "
                   "Une délibération est rattachée par ses fichiers, le SIREN de son identifiant ACTES, puis le "
                   "nom de sa collectivité ; le NOM donné devient COLL_NOM / nomAttribuant")
@click.option("--beneficiaires", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="subventions : CSV des bénéficiaires (colonnes nom ; siret et/ou rna) pour idBeneficiaire / "
                   "rnaBeneficiaire quand le registre ne les imprime pas")
def export(index, fmt, output, sirets, beneficiaires):
    """Exporte les délibérations : SCDL « Délibérations » ou « Subventions » (CSV), ou JSON Lines.

    Une ligne qui ne peut pas être valide (collectivité sans SIRET, bénéficiaire sans SIRET ni RNA,
    date ou objet non lus) est laissée hors du fichier et signalée sur la sortie d'erreur."""
    from registre.index.export import to_json

    engine = _engine(index)
    table = None
    if fmt != "jsonl":
        from registre.index.directory import Beneficiaires, Collectivites

        collectivites = Collectivites.parse(_siret_text(sirets))
        identified = Beneficiaires.parse(_read_text(beneficiaires) if beneficiaires else None)
        table = (engine.export_deliberations(collectivites) if fmt == "scdl"
                 else engine.export_subventions(collectivites, identified))
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if table is None:
            for delib in engine.deliberations():
                stream.write(json.dumps(to_json(delib), ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(stream, fieldnames=table.columns)
            writer.writeheader()
            writer.writerows(table.rows)
    finally:
        if output:
            stream.close()
    if table is not None:
        for left in table.left_out:
            click.echo(left.line(), err=True)
        click.echo(f"{len(table.rows)} ligne(s) exportée(s), {len(table.left_out)} laissée(s) de côté.", err=True)


def _siret_text(values: tuple[str, ...]) -> str | None:
    """The --siret values (else $REGISTRE_SIRET), one per line; a path to a file gives the file's lines."""
    given = values or tuple(filter(None, [_settings().siret]))
    return "\n".join(_read_text(Path(v)) if "=" not in v and Path(v).is_file() else v for v in given) or None


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(UnreadableFile.message(path.name, str(error))) from None


@cli.command()
@click.argument("name", required=False, metavar="[NOM]")
@click.option("--index", envvar="REGISTRE_INDEX", help=INDEX_HELP)
@click.option("--collectivite", help="seulement les décisions des collectivités dont le nom contient ce texte")
@click.option("--year", type=int, help="seulement l'année de subvention AAAA")
@click.option("--csv", "as_csv", is_flag=True, help="une ligne CSV par décision, avec le net de son année")
def beneficiaries(name, index, collectivite, year, as_csv):
    """Les bénéficiaires de subventions : chaque décision (attribution, complément, avenant, réduction,
    annulation, sans effet si rejetée ou retirée), par année et par collectivité, et le net de
    chaque année. NOM : seulement les bénéficiaires dont le nom contient ce nom (ou s'écrit presque
    pareil)."""
    from registre.ui.beneficiaries import beneficiaries_text, write_beneficiaries_csv

    found = _engine(index).beneficiaries(name, collectivite, year)
    if as_csv:
        write_beneficiaries_csv(sys.stdout, found)
    elif not found:
        click.echo("Aucune décision de subvention ne correspond.")
    else:
        click.echo(beneficiaries_text(found))


@cli.command()
@click.option("--sizes", default="1000,10000,100000", show_default=True, help="tailles en chunks, séparées par des virgules")
@click.option("--json", "as_json", is_flag=True, help="une liste JSON, un objet par taille")
@click.option("--embedder", type=click.Choice(["hash", "minilm"]), default="hash", show_default=True,
              help="embeddings des index construits (hash : sans modèle, pour les grandes tailles)")
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path), help="garder corpus et index ici")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--budget", default=300.0, show_default=True, help="secondes accordées à la référence LangChain")
@click.option("--ingest-pages", default=500, show_default=True, type=click.IntRange(0),
              help="pages de registres PDF générés à ingérer (0 : pas de mesure d'ingestion)")
@click.option("--samples", "samples", default="samples", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="registres d'exemple d'où sont tirés les corpus synthétiques")
def bench(sizes, as_json, embedder, workdir, seed, budget, ingest_pages, samples):
    """Mesure construction, recherche et réponses sur des corpus synthétiques."""
    from registre.bench.bench import run, table

    try:
        chosen = [int(size) for size in sizes.split(",")]
    except ValueError:
        raise click.BadParameter("attendu des entiers séparés par des virgules", param_hint="--sizes") from None
    rows = run(chosen, embedder, workdir, seed, budget, ingest_pages=ingest_pages, samples=samples,
               settings=_settings())
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False) if as_json else table(rows))


@cli.command()
@click.option("--index", envvar="REGISTRE_INDEX", help=INDEX_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="adresse d'écoute")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535))
@click.option("--auth", envvar="REGISTRE_AUTH",
              help="UTILISATEUR:MOT_DE_PASSE (défaut : $REGISTRE_AUTH) ; obligatoire hors de cette machine")
def serve(index, host, port, auth):
    """Lance l'interface web : chat, recherche, documents, ajout de fichiers."""
    from registre.ui.server import check_bind

    credentials = _settings(auth=auth).auth
    check_bind(host, credentials)  # before the slow imports: a refusal is immediate
    from registre.app import serve as serve_app

    serve_app(_engine(index, create=True), host, port, credentials)


if __name__ == "__main__":
    cli()
