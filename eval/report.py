"""The evaluation report: a Markdown file and three PNG plots, in French.

In: a folder, the metrics of an `EvalRun`, the run itself (per-question records), the
baselines' metrics (or None) and the run's settings (`run_settings`). Out: `report.md`
beside `exactitude_par_type.png`, `rappel_par_systeme.png` and `latence.png`. The settings
(model, index size, commit, question file, date) head the report so two runs can be compared.
"""
import datetime as dt
import subprocess
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

ACCURACY_PNG, RECALL_PNG, LATENCY_PNG = "exactitude_par_type.png", "rappel_par_systeme.png", "latence.png"
TYPE_LABELS = {"amount": "montant", "date": "date", "person": "personne", "count": "nombre",
               "boolean": "oui/non", "lookup": "recherche", "list": "liste", "abstain": "abstention"}
SETTING_LABELS = {"embedder": "Modèle d'embeddings", "documents": "Documents indexés",
                  "deliberations": "Délibérations", "chunks": "Morceaux indexés", "commit": "Commit",
                  "questions": "Jeu de questions", "date": "Date"}
SUMMARY_LABELS = {
    "questions": "Questions", "answer_accuracy": "Exactitude des réponses",
    "citation_precision": "Précision des citations", "citation_recall": "Rappel des citations",
    "abstain_accuracy": "Justesse des abstentions", "hallucination_rate": "Taux d'hallucination",
    "retrieval_recall_at_1": "Rappel de la recherche @1", "retrieval_recall_at_5": "Rappel de la recherche @5",
    "latency_ms_p50": "Latence p50 (ms)", "latency_ms_p95": "Latence p95 (ms)",
}


def run_settings(engine, questions_path: Path) -> dict:
    """What a run depends on: embedder, index size, code commit, question file, date."""
    counts = engine.counts()
    return {"embedder": engine.embedder.name, "documents": counts["documents"],
            "deliberations": counts["deliberations"], "chunks": counts["chunks"],
            "commit": _commit(), "questions": Path(questions_path).name,
            "date": dt.datetime.now().isoformat(timespec="seconds")}


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


def write_report(folder: Path, metrics: dict, run, baselines: dict | None, settings: dict) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _accuracy_plot(folder / ACCURACY_PNG, metrics["by_type"])
    _recall_plot(folder / RECALL_PNG, metrics, baselines or {})
    _latency_plot(folder / LATENCY_PNG, [r.latency_ms for r in run.records], metrics)
    path = folder / "report.md"
    path.write_text(_markdown(metrics, run, baselines, settings), encoding="utf-8")
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
