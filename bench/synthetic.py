"""Reproducible synthetic registers for load tests, grown from the bundled samples.

In: the sample registers (samples/*.txt, parsed with registre.ingest), a target number of
chunks and a seed. Out: plain .txt files, one deliberation each, in the register genre
(EXTRAIT header, séance line, number, title, attendance, exposé made of sample sentences,
a dispositif granting an amount to an association, vote line), and `write_corpus`, which
writes enough of them to reach the target number of chunks (registre.ingest.chunks).
Same seed, same bytes.
"""
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from registre.bench import SAMPLES
from registre.ingest import parse_document, read_file
from registre.ingest.chunks import make_chunks
from registre.text.french import MONTH_NAMES

ESTIMATE_DOCS = 8  # synthetic documents parsed to estimate chunks per document
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀ-Ý«-])")
_MONEY = re.compile(r"€|\beuros?\b|\d\s?\d{3}\b", re.IGNORECASE)
_SYLLABLES = tuple(c + v for c in "bcdfgjklmnprstvz" for v in ("a", "e", "i", "o", "u", "ou", "ai", "an", "on", "in"))
_INSTANCES = ("BUREAU METROPOLITAIN", "CONSEIL METROPOLITAIN")


@dataclass(frozen=True, slots=True)
class Material:
    """What the samples lend to synthetic documents."""

    sentences: tuple[str, ...]
    themes: tuple[str, ...]
    members: tuple[str, ...]
    presidents: tuple[str, ...]


def load_material(folder: Path = SAMPLES) -> Material:
    """Exposé sentences (without amounts), title themes and member names of the samples."""
    sentences, themes, members, presidents = [], [], [], []
    for path in sorted(folder.glob("*.txt")):
        for delib in parse_document(read_file(path)):
            for section in delib.sections:
                if section.kind == "expose":
                    flat = re.sub(r"\s+", " ", section.text.replace("\t", " ")).strip()
                    sentences += [s for s in _SENTENCE.split(flat)
                                  if 40 <= len(s) <= 400 and not _MONEY.search(s) and "*" not in s]
            if delib.title:
                theme = re.sub(r"\b\d{4}\b", "", delib.title.split(" - ")[0])
                themes.append(re.sub(r"\s+", " ", theme).strip().upper())
            members += [m for m in delib.present_members if re.fullmatch(r"[\w-]+ [A-Z][A-Z -]+", m)]
            presidents += [delib.president] if delib.president else []
    return Material(tuple(dict.fromkeys(sentences)), tuple(dict.fromkeys(themes)),
                    tuple(dict.fromkeys(members)), tuple(dict.fromkeys(presidents)))


def beneficiary_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct invented association names of two words, such as "Pancakai Polansi"
    (two words from 160 syllables: few names are fuzzy look-alikes of another)."""
    names: dict[str, None] = {}
    while len(names) < count:
        names[f"{_word(rng)} {_word(rng)}"] = None
    return list(names)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def french_date(day: date, upper: bool = False) -> str:
    text = f"{day.day:02d} {MONTH_NAMES[day.month - 1]} {day.year}"
    return text.upper() if upper else text


def deliberation_text(rng: random.Random, material: Material, number: str, day: date,
                      name: str, amount: int) -> str:
    """One deliberation register extract, its pages separated by form feeds."""
    instance = rng.choice(_INSTANCES)
    theme = rng.choice(material.themes)
    title = f"{theme} - SOUTIEN A L'ASSOCIATION {name.upper()} - SUBVENTION {day.year}"
    members = rng.sample(material.members, min(len(material.members), rng.randint(30, 55)))
    total = len(members) + rng.randint(5, 15)
    proxies = rng.randint(0, 6)
    president = rng.choice(material.presidents)
    present = ", ".join(f"{rng.choice(('M.', 'Mme'))} {m}" for m in members)
    paragraphs = [" ".join(rng.sample(material.sentences, rng.randint(2, 4)))
                  for _ in range(rng.randint(2, 7))]
    grant = f"{amount:,}".replace(",", " ")
    votes = (f"par {len(members) + proxies - 3} voix pour, 2 voix contre et 1 abstention"
             if rng.random() < 0.2 else "à l'unanimité")
    page_one = f"""
EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU {instance} DU {french_date(day, upper=True)}

DELIBERATION N°{number}

{title}

Le {instance.title().replace("Metropolitain", "Métropolitain")} a été convoqué le {french_date(day - timedelta(days=6))}

Nombre de membres en exercice : {total}
Nombre de présents : {len(members)}
Nombre de pouvoirs : {proxies}
Nombre de voix : {len(members) + proxies}

Président de séance : M. {president}
Secrétaire de séance : Mme {rng.choice(material.members)}

Membres titulaires présents :
{present}
"""
    page_two = f"""
DELIBERATION DU {instance} DU {french_date(day, upper=True)}

{title}

{chr(10).join(p + chr(10) for p in paragraphs)}
Le Bureau de Saint-Etienne Métropole, après en avoir délibéré :

- attribue une subvention de {grant} € à l'association {name} ;

- autorise Monsieur le Président, ou son représentant dûment habilité, à signer tous les actes afférents.

Ce dossier a été adopté {votes}.

Pour extrait,
Le Président,

{president}
"""
    return page_one + "\f" + page_two


class Generator:
    """Deliberations with numbers, dates, beneficiaries and amounts drawn from one seed."""

    def __init__(self, material: Material, seed: int, names: int):
        self.material = material
        self.rng = random.Random(seed)
        self.names = beneficiary_names(self.rng, names)
        self.sequence: dict[int, int] = {}

    def next_text(self) -> str:
        rng = self.rng
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(10 * 365))
        self.sequence[day.year] = self.sequence.get(day.year, 0) + rng.randint(1, 3)
        number = f"{day.year}.{self.sequence[day.year]:05d}"
        amount = rng.randrange(2, 300) * 500
        return deliberation_text(rng, self.material, number, day, rng.choice(self.names), amount)


def chunks_of(path: Path) -> int:
    return sum(len(make_chunks(d)) for d in parse_document(read_file(path)))


def write_corpus(folder: Path, chunks: int, seed: int = 0, samples: Path = SAMPLES) -> list[Path]:
    """Write synthetic deliberations into `folder` until about `chunks` chunks are reached.

    The chunks per document are estimated by parsing the first few documents written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    material = load_material(samples)
    estimate_docs = max(1, chunks // 8)
    generator = Generator(material, seed, names=max(8, estimate_docs // 3))
    paths: list[Path] = []
    counted = 0
    wanted = None
    while wanted is None or len(paths) < wanted:
        path = folder / f"synth_{seed}_{len(paths):06d}.txt"
        path.write_text(generator.next_text(), encoding="utf-8", newline="\n")
        paths.append(path)
        if len(paths) <= ESTIMATE_DOCS:
            counted += chunks_of(path)
            if len(paths) == ESTIMATE_DOCS or counted >= chunks:
                wanted = max(1, round(chunks * len(paths) / counted))
    return paths
