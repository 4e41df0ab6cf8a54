"""The evaluation report: a Markdown file and three PNG plots, in French.

In: a folder, the metrics of an `EvalRun`, the run itself (per-question records), the
baselines' metrics (or None), the run's settings (`run_settings`) and, when a manifest was
given, the records' scores (`eval.metadata`). Out: `report.md` beside
`exactitude_par_type.png`, `rappel_par_systeme.png` and `latence.png`. The settings (model,
index size, commit, question file, date) head the report so two runs can be compared.
"""
import datetime as dt
import subprocess
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

ACCURACY_PNG, RECALL_PNG, LATENCY_PNG = "exactitude_par_type.png", "rappel_par_systeme.png", "latence.png"
TYPE_LABELS = {"amount": "montant", "date": "date", "person": "personne", "office": "fonction", "count": "nombre",
               "boolean": "oui/non", "lookup": "recherche", "list": "liste", "open": "ouverte", "abstain": "abstention"}
SETTING_LABELS = {"embedder": "Modèle d'embeddings", "documents": "Documents indexés",
                  "deliberations": "Délibérations", "chunks": "Morceaux indexés", "commit": "Commit",
                  "questions": "Jeu de questions", "manifest": "Manifeste", "date": "Date"}
FIELD_LABELS = {"number": "numéro", "date": "date", "instance": "instance", "collectivite": "collectivité",
                "title": "titre", "president": "président", "secretaire": "secrétaire",
                "membres_en_exercice": "membres en exercice", "presents": "présents", "pouvoirs": "pouvoirs",
                "votants": "votants", "vote": "résultat du vote", "vote_counts": "décompte du vote (imprimé)",
                "grant": "subvention", "grant_beneficiary": "bénéficiaire de subvention"}
GRANT_LABELS = {"precision": "subventions : précision", "recall": "subventions : rappel",
                "precision_with_beneficiary": "subventions avec bénéficiaire : précision",
                "recall_with_beneficiary": "subventions avec bénéficiaire : rappel"}
SUMMARY_LABELS = {
    "questions": "Questions", "answer_accuracy": "Exactitude des réponses",
    "citation_precision": "Précision des citations", "citation_recall": "Rappel des citations",
    "abstain_accuracy": "Justesse des abstentions", "false_abstain_rate": "Abstentions à tort",
    "hallucination_rate": "Taux d'hallucination", "hallucinations": "Hallucinations",
    "retrieval_recall_at_1": "Rappel de la recherche @1", "retrieval_recall_at_5": "Rappel de la recherche @5",
    "latency_ms_p50": "Latence p50 (ms)", "latency_ms_p95": "Latence p95 (ms)",
}


def run_settings(engine, questions_path: Path, manifest_path: Path | None = None) -> dict:
    """What a run depends on: embedder, index size, code commit, question file, manifest, date."""
    counts = engine.counts()
    return {"embedder": engine.embedder.name, "documents": counts["documents"],
            "deliberations": counts["deliberations"], "chunks": counts["chunks"],
            "commit": _commit(), "questions": Path(questions_path).name,
            "manifest": str(manifest_path) if manifest_path else "aucun",
            "date": dt.datetime.now().isoformat(timespec="seconds")}


def fields_table(records: dict) -> str:
    """Per-field accuracy and grant precision/recall, overall then per collectivité (Markdown)."""
    groups = records["by_collectivite"]
    columns = [("ensemble", records)] + [(f"{v['prefix']} ({v['deliberations']})", v) for v in groups.values()]
    lines = ["| champ | " + " | ".join(name for name, _ in columns) + " |",
             "| --- |" + " ---: |" * len(columns)]
    rows: list[tuple[str, tuple[str, ...]]] = [(FIELD_LABELS[f], ("fields", f)) for f in records["fields"]]
    rows.append((FIELD_LABELS["vote_counts"], ("vote_counts_accuracy",)))
    rows += [(label, ("grants", k)) for k, label in GRANT_LABELS.items()]
    for label, path in rows:
        lines.append(f"| {label} | " + " | ".join(_cell(_at(m, path)) for _, m in columns) + " |")
    return "\n".join(lines)



def _at(metrics: dict, path: tuple[str, ...]):
    """The value at `path` in nested metrics ("grants", "precision")."""
    for key in path:
        metrics = metrics[key]
    return metrics

def misses_table(misses: list[dict]) -> str:
    lines = ["| fichier | page | numéro | champ | attendu | lu |", "| --- | ---: | --- | --- | --- | --- |"]
    for m in misses:
        cells = [m["file"], m["page"], m["number"], FIELD_LABELS.get(m["field"], m["field"]),
                 _value(m["expected"]), _value(m["read"])]
        lines.append("| " + " | ".join("—" if c is None else str(c).replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def comparison_table(metrics: dict, baselines: dict | None) -> str:
    """registre against each baseline: recall@1/@5, latency p50/p95, amount accuracy (Markdown)."""
    amount = metrics.get("by_type", {}).get("amount")
    rows = [("registre", {**metrics, "amount_accuracy": amount["accuracy"] if amount else None})]
    rows += list((baselines or {}).items())
    lines = ["| système | rappel@1 | rappel@5 | latence p50 (ms) | latence p95 (ms) | exactitude montants |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, m in rows:
        cells = [m["retrieval_recall_at_1"], m["retrieval_recall_at_5"], m["latency_ms_p50"],
                 m["latency_ms_p95"], m.get("amount_accuracy")]
        lines.append(f"| {name} | " + " | ".join("—" if c is None else f"{c:g}" for c in cells) + " |")
    return "\n".join(lines)


def write_report(folder: Path, metrics: dict, run, baselines: dict | None, settings: dict,
                 records: dict | None = None) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _accuracy_plot(folder / ACCURACY_PNG, metrics["by_type"])
    _recall_plot(folder / RECALL_PNG, metrics, baselines or {})
    _latency_plot(folder / LATENCY_PNG, [r.latency_ms for r in run.records], metrics)
    path = folder / "report.md"
    text = _markdown(metrics, run, baselines, settings)
    if records is not None:
        text += _records_markdown(records)
    path.write_text(text, encoding="utf-8")
    return path


def _markdown(metrics: dict, run, baselines: dict | None, settings: dict) -> str:
    out = [f"# Rapport d'évaluation – {settings.get('questions', '')}", "", "## Réglages", "",
           "| réglage | valeur |", "| --- | --- |"]
    out += [f"| {label} | {settings.get(key, 'inconnu')} |" for key, label in SETTING_LABELS.items()]
    out += ["", "## Résultats", "", "| mesure | valeur |", "| --- | ---: |"]
    out += [f"| {label} | {metrics[key]} |" for key, label in SUMMARY_LABELS.items() if key in metrics]
    out += ["", "## Exactitude par type", "", "| type | justes | questions | exactitude |",
            "| --- | ---: | ---: | ---: |"]
    out += [f"| {TYPE_LABELS.get(kind, kind)} | {v['correct']} | {v['questions']} | {v['accuracy']} |"
            for kind, v in metrics["by_type"].items()]
    out += ["", f"![Exactitude par type]({ACCURACY_PNG})", "", "## Comparaison avec les références", ""]
    if not baselines:
        out += ["Références non lancées (option `--baselines`).", ""]
    out += [comparison_table(metrics, baselines), "",
            ("La latence de registre est celle d'une réponse complète (recherche, lecture, vérification) ; "
             "celle des références, de la seule recherche. L'exactitude des montants de langchain-rag est "
             "le premier montant en euros de son meilleur extrait, comparé au total attendu."), "",
            f"![Rappel par système]({RECALL_PNG})", "", "## Latence", "",
            f"![Latence par question]({LATENCY_PNG})", "", "Questions les plus lentes :", ""]
    slowest = sorted(run.records, key=lambda r: -r.latency_ms)[:3]
    out += [f"- {r.question.id} : {r.latency_ms:.0f} ms" for r in slowest] + [""]
    failures = [r for r in run.records if not r.score.correct]
    out += [f"## Échecs ({len(failures)})", ""]
    if not failures:
        out += ["Aucun échec.", ""]
    for record in failures:
        out += _failure(record)
    return "\n".join(out)


def _records_markdown(records: dict) -> str:
    names = ", ".join(f"{v['prefix']} = {name}" for name, v in records["by_collectivite"].items())
    out = ["## Fiches contre le manifeste", "",
           f"{records['deliberations']} délibérations attendues, {records['records']} fiches dans l'index, "
           f"{records['matched']} retrouvées par leur numéro ; {names}.", "", fields_table(records), "",
           f"### Écarts ({len(records['misses'])})", ""]
    out += [misses_table(records["misses"]) if records["misses"] else "Aucun écart.", ""]
    return "\n".join(out)


def _failure(record) -> list[str]:
    question, answer = record.question, record.answer
    total = (answer.get("total") or {}).get("value")
    lines = [f"### {question.id} ({TYPE_LABELS.get(question.type, question.type)})", "",
             f"- **Question** : {question.question}",
             f"- **Attendu** : {_expected(question)}",
             f"- **Réponse** : {_one_line(answer.get('answer', ''))}"
             + (f" (total : {total:g} €)" if total is not None else ""),
             f"- **Pourquoi** : {record.score.why}"]
    citations = answer.get("citations", [])
    lines.append("- **Citations** :" + ("" if citations else " aucune"))
    for c in citations:
        lines.append(f"  - {c.get('deliberation') or c.get('source')} (p. {c.get('page')}) : "
                     f"« {_one_line(c.get('quote', ''))} »")
    return lines + [""]


def _expected(question) -> str:
    parts = [f"{key} = {value}" for key, value in question.expected.items()]
    if question.citations:
        parts.append("citations : " + ", ".join(question.citations))
    return " ; ".join(parts) or "abstention"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def _value(value) -> str | None:
    if isinstance(value, dict):  # a grant
        amount = "—" if value["amount"] is None else f"{value['amount']:g} €"
        return f"{amount} ({value['beneficiary'] or 'sans bénéficiaire'})"
    if isinstance(value, list):
        return ", ".join("—" if v is None else str(v) for v in value)
    return None if value is None else _one_line(str(value))


def _accuracy_plot(path: Path, by_type: dict) -> None:
    fig, ax = plt.subplots(figsize=(8.5, 4))
    labels = [f"{TYPE_LABELS.get(k, k)}\n({v['correct']}/{v['questions']})" for k, v in by_type.items()]
    bars = ax.bar(labels, [v["accuracy"] for v in by_type.values()], color="#3a6ea5")
    ax.bar_label(bars, fmt="%.2f")
    ax.set(ylim=(0, 1.1), ylabel="exactitude", title="Exactitude des réponses par type de question")
    _save(fig, path)


def _recall_plot(path: Path, metrics: dict, baselines: dict) -> None:
    systems = {"registre": metrics, **baselines}
    fig, ax = plt.subplots(figsize=(7, 4))
    width = 0.38
    for shift, key, label in ((-width / 2, "retrieval_recall_at_1", "rappel@1"),
                              (width / 2, "retrieval_recall_at_5", "rappel@5")):
        bars = ax.bar([i + shift for i in range(len(systems))], [m[key] for m in systems.values()],
                      width, label=label)
        ax.bar_label(bars, fmt="%.2f", fontsize=8)
    ax.set_xticks(range(len(systems)), list(systems))
    ax.set(ylim=(0, 1.15), ylabel="part des citations attendues retrouvées",
           title="Rappel de la recherche : registre et références")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False)
    _save(fig, path)


def _latency_plot(path: Path, latencies: list[float], metrics: dict) -> None:
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.hist(latencies, bins=max(10, min(30, len(latencies))), color="#5b8c5a")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for key, label, style in (("latency_ms_p50", "p50", "--"), ("latency_ms_p95", "p95", ":")):
        ax.axvline(metrics[key], color="black", linestyle=style, label=f"{label} : {metrics[key]:g} ms")
    ax.legend()
    ax.set(xlabel="latence d'une réponse (ms)", ylabel="questions",
           title=f"Latence par question ({len(latencies)} questions)")
    _save(fig, path)


def _save(fig, path: Path) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).parent,
                              capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return "inconnu"
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "inconnu"
