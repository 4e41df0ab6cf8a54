"""The ACTES matière of a deliberation: printed on it, else classified from its title and dispositif.

In: a `Deliberation` with its sections, metadata and amounts. Out: the ACTES code of its
sous-matière ("7.5") and, when the document prints it ("Nomenclature : 7.5", "Matière : 7.5
Subventions", "Code matière 8.4"), the `Evidence` of where. Otherwise rules decide: each
sous-matière has families of words (folded, each a regular expression on word starts; some
count in the title only, as "budget" or "convention", which every dispositif repeats); a
family found in the title counts three, in the dispositif one. ACTES classifies an act by its
nature before its field, so the kinds of act (contracts, land, staff, institutions, finance)
come first: the best of them wins when it scores at least three. Else a deliberation that
decides a grant is 7.5 (a grant is a subsidy whatever its field); else the best field
(8.x, 9.x) or a contract in general (1.4); the order of RULES breaks ties. Nothing found: the
"other competences" of its kind of collectivité (9.2 for a département, 9.3 for a région,
9.1 otherwise). Pure; the names of the codes are in
index/nomenclature.py (the vendored ACTES table).
"""
import re

from registre.records import DECISION_KINDS, Deliberation, Evidence
from registre.text.fold import fold

TITLE_WEIGHT, DISPOSITIF_WEIGHT = 3, 1
DISPOSITIF_CHARS = 1500  # the start of the dispositif: what is decided, not the annexes
_CODE = r"([1-9])\s*[.,]\s*(\d{1,2})\b"
_PRINTED = re.compile(
    r"(?:nomenclature(?:\s+actes)?|code\s+mati[eè]re|mati[eè]re(?:\s+actes)?|classification(?:\s+actes)?)"
    rf"\s*(?:n°\s*)?[:：]?\s*{_CODE}", re.IGNORECASE)
# Sous-matières and the families of words that name them, folded, narrowest subjects first:
# (code, families counted in the title and the dispositif, families counted in the title only).
RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("9.4", (r"motions?\b", r"voeux?\b"), ()),
    ("5.8", (r"ester en justice", r"action en justice", r"contentieux", r"recours (?:contre|devant)"), (r"avocat",)),
    ("5.1", (r"election (?:du |d'un |des )?(?:maire|\d*\s*(?:er|e|eme)? ?adjoint|president|vice)",
             r"installation du conseil", r"nombre d'adjoints"), ()),
    ("5.3", (r"designation", r"correspondant (?:defense|securite|tempete)"),
     (r"representants? (?:de la commune|au|a la|aux|du)", r"delegues? (?:au|a la|aux|du)")),
    ("5.4", (r"delegations? (?:de fonctions|au maire|d'attributions|du conseil)", r"delegation de pouvoirs?"), ()),
    ("5.5", (r"delegation de signature",), ()),
    ("5.6", (r"indemnites? de fonction", r"indemnites? des elus", r"formation des elus", r"frais de mission des elus"),
     ()),
    ("2.3", (r"droit de preemption", r"preemption"), ()),
    ("2.1", (r"plan local d'urbanisme", r"\bplui?\b", r"\bscot\b", r"carte communale", r"document d'urbanisme",
             r"reglement local de publicite"), ()),
    ("2.2", (r"permis de (?:construire|demolir|amenager)", r"autorisations? d'urbanisme", r"declaration prealable",
             r"droit des sols"), ()),
    ("7.3", (r"garanties? d'emprunts?", r"emprunts?\b", r"ligne de tresorerie"), (r"\bprets?\b",)),
    ("7.9", (r"prise de participation", r"\bsem\b", r"\bspl\b", r"capital social", r"actionna"), ()),
    ("7.8", (r"fonds de concours",), ()),
    ("7.7", (r"avances? remboursables?", r"\bavances? de tresorerie"), ()),
    ("7.4", (r"aides? (?:a |a l'|aux |au )?(?:l')?entreprises?", r"immobilier d'entreprise",
             r"interventions? economiques?"), ()),
    ("7.2", (r"fiscalite", r"taux d'imposition", r"\bteom\b", r"exonerations?", r"\bcfe\b"), (r"taxes?\b",)),
    ("7.1", (r"budgets? (?:primitif|supplementaire)", r"decisions? modificatives?", r"compte administratif",
             r"compte de gestion", r"compte financier unique", r"affectation du resultat", r"nomenclature budg",
             r"\bm57\b", r"\bm14\b", r"orientations? budgetaires?"), (r"\bbudgets?\b",)),
    ("7.6", (r"contributions? budgetaires?", r"\bsdis\b"), (r"contributions? (?:au|a la|aux)", r"cotisations?")),
    ("7.5", (r"subventions?", r"soutien (?:financier )?(?:a|au|aux) ", r"aides? (?:financieres?|aux associations)",
             r"aides? (?:aux|a la|au) (?:communes?|clubs?|associations?|projets?)", r"participation financiere",
             r"programmation .* contrat de ville"), ()),
    ("7.10", (r"tarifs?\b", r"tarification", r"regies?\b", r"non-valeur", r"non valeur", r"creances? eteintes?",
              r"amortissements?", r"indemnite de conseil", r"comptable du tresor"),
     (r"remboursements?", r"provisions?")),
    ("1.2", (r"delegations? de service public", r"\bdsp\b", r"concession de service"), ()),
    ("1.3", (r"conventions? de mandat", r"delegation de maitrise d'ouvrage", r"maitrise d'ouvrage deleguee",
             r"convention de maitrise d'ouvrage"), ()),
    ("1.5", (r"protocole (?:d'accord )?transactionnel",), (r"transactions?\b",)),
    ("1.6", (r"maitrise d'oeuvre",), ()),
    ("1.1", (r"marches? (?:public|de|d'|a procedure)", r"attribution du marche", r"appel d'offres", r"accord-cadre",
             r"groupement de commandes"), (r"\blots?\b", r"consultation")),
    ("4.5", (r"regime indemnitaire", r"\brifseep\b", r"\bifse\b", r"prime (?:annuelle|de fin)", r"astreintes?"), ()),
    ("4.2", (r"agents? contractuels?", r"non permanent", r"accroissement (?:temporaire|saisonnier)", r"vacataires?",
             r"contrats? (?:de travail|de projet)", r"heures hebdomadaires", r"service interim"),
     (r"contractuels?",)),
    ("4.4", (r"service civique", r"contrats? d'apprentissage"), ()),
    ("4.1", (r"creation d'(?:un )?(?:poste|emploi)", r"suppression d'(?:un )?(?:poste|emploi)",
             r"tableau des effectifs", r"personnel communal", r"document unique", r"comite social territorial",
             r"representants du personnel", r"centre de gestion", r"adjoint technique", r"adjoint administratif"),
     (r"\bagents?\b", r"\bcdg\b", r"titulaires?")),
    ("3.4", (r"limites? territoriales?", r"rattachement de parcelle"), ()),
    ("3.1", (r"acquisitions?", r"\bachats?\b", r"transfert (?:de )?propriete", r"biens? sans maitre"), ()),
    ("3.2", (r"\bventes?\b", r"cessions?", r"alienations?", r"desaffectation"), ()),
    ("3.3", (r"locations?", r"\bbaux?\b", r"loyers?", r"mise a disposition de (?:locaux|salles?|terrains?|batiments?)",
             r"conventions? d'occupation", r"titre d'occupation"), ()),
    ("3.5", (r"domaine public", r"denomination (?:de|des) (?:rues?|voies?)", r"classement (?:dans|de) la voirie",
             r"occupation du domaine", r"redevance d'occupation"), ()),
    ("3.6", (r"\bforets?\b", r"forestiers?", r"\bonf\b", r"etat d'assiettes?", r"coupes? de bois", r"affouage",
             r"sylvicoles?", r"parcelles? de bois", r"domaine prive"), ()),
    ("6.1", (r"police municipale",), (r"stationnement", r"circulation")),
    ("6.4", (r"plan communal de sauvegarde", r"reglement (?:du cimetiere|de (?:police|voirie))", r"fourriere"), ()),
    ("5.7", (r"intercommunalite", r"communaute (?:de communes|d'agglomeration|urbaine)", r"\bepci\b", r"\bclect\b",
             r"attribution de compensation", r"pacte (?:de gouvernance|financier)", r"service commun",
             r"transfert de competences?", r"\bsiaep\b", r"\bsivom\b", r"communes membres"),
     (r"syndicat", r"\bstatuts\b", r"rapport (?:annuel|d'activites?)")),
    ("5.2", (r"reglement interieur", r"questions diverses", r"publicite des actes",
             r"fonctionnement (?:du conseil|des assemblees)"), (r"commissions?\b", r"proces-verbal")),
    ("8.1", (r"ecoles?\b", r"colleges?\b", r"lycees?", r"scolaires?", r"\brased\b", r"enseignement",
             r"periscolaire", r"classe (?:decouverte|de neige|verte)", r"cantine"), ()),
    ("8.2", (r"aide sociale", r"\brsa\b", r"personnes agees", r"\behpad\b", r"handicap", r"pauvrete",
             r"action sociale", r"autonomie"), (r"\bccas\b", r"solidarite")),
    ("8.3", (r"voirie", r"\broutes?\b", r"\brd ?\d+", r"chaussee", r"deneigement", r"trottoirs?", r"voie publique",
             r"eclairage public"), ()),
    ("8.4", (r"amenagement du territoire", r"developpement (?:local|territorial|rural)", r"\bleader\b",
             r"revitalisation", r"petites villes de demain", r"zone d'activites?"), ()),
    ("8.5", (r"politique de la ville", r"contrat de ville", r"habitat", r"logements?", r"foyer (?:des )?jeunes",
             r"\bfjt\b", r"renovation urbaine"), ()),
    ("8.6", (r"\bemploi\b", r"insertion", r"\bplie\b", r"formation professionnelle", r"apprentissage",
             r"chambre de metiers", r"mission locale"), ()),
    ("8.7", (r"transports?", r"mobilites?", r"\bbus\b", r"pistes? cyclables?", r"covoiturage"), ()),
    ("8.8", (r"environnement", r"climat", r"qualite de l'air", r"dechets?", r"assainissement", r"\beau potable",
             r"energie", r"eolien", r"photovoltaique", r"biodiversite", r"chauffage", r"ordures"), ()),
    ("8.9", (r"culture", r"culturel", r"festival", r"musees?", r"mediatheque", r"bibliotheque", r"patrimoine",
             r"spectacle", r"theatre", r"musique"), ()),
    ("1.4", (), (r"conventions?", r"contrats?\b", r"avenants?", r"partenariat", r"\bcaue\b")),
)
# Fields of competence and contracts in general: chosen only when no kind of act is.
FIELDS = frozenset({"8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "1.4"})
def _patterns(family: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(rf"(?<![a-z0-9]){pattern}") for pattern in family)


_COMPILED = tuple((code, _patterns(both), _patterns(title_only)) for code, both, title_only in RULES)
_ORDER = {code: rank for rank, (code, _, _) in enumerate(RULES)}
_TITLE_NOISE = re.compile(r"^\s*(?:deliberation|objet)\s*(?:n°\s*\S+)?\s*[:\-–]?\s*")


def printed_matiere(delib: Deliberation) -> tuple[str, Evidence] | None:
    """The ACTES code printed on the deliberation (before its dispositif), with where."""
    end = next((s.start for s in delib.sections if s.kind == "dispositif"), min(len(delib.text), 3000))
    found = _PRINTED.search(delib.text, 0, max(end, 1))
    if not found:
        return None
    code = f"{found[1]}.{int(found[2])}"
    if code not in _ORDER and code not in ("9.1", "9.2", "9.3"):  # a number that only looks like a code
        return None
    return code, Evidence(delib.page_at(found.start()), found.start(), found.end(), found[0])


def classify(delib: Deliberation) -> str:
    """The sous-matière of a deliberation from its title and dispositif (see the module doc)."""
    title = _TITLE_NOISE.sub("", fold(delib.title or ""))
    dispositif = " ".join(fold(s.text) for s in delib.sections if s.kind == "dispositif")[:DISPOSITIF_CHARS]
    if not title and not dispositif:
        dispositif = fold(delib.text[:DISPOSITIF_CHARS])
    scores = {code: score for code, both, title_only in _COMPILED
              if (score := _score(both, title, dispositif) + _score(title_only, title, ""))}
    acts = {code: score for code, score in scores.items() if code not in FIELDS and score >= TITLE_WEIGHT}
    if acts:
        return _best(acts)
    if any(a.kind in DECISION_KINDS for a in delib.amounts):
        return "7.5"
    if scores:
        return _best(scores)
    return _fallback(delib.collectivite)


def matiere_of(delib: Deliberation) -> tuple[str, Evidence | None]:
    """The printed code with its evidence, else the classified one (no evidence)."""
    printed = printed_matiere(delib)
    return printed if printed else (classify(delib), None)


def _score(families: tuple[re.Pattern, ...], title: str, dispositif: str) -> int:
    return sum(TITLE_WEIGHT * bool(p.search(title)) + DISPOSITIF_WEIGHT * bool(p.search(dispositif))
               for p in families)


def _best(scores: dict[str, int]) -> str:
    return max(scores, key=lambda code: (scores[code], -_ORDER[code]))


def _fallback(collectivite: str | None) -> str:
    kind = fold(collectivite or "")
    if kind.startswith(("departement", "conseil departemental", "conseil general")):
        return "9.2"
    if kind.startswith(("region", "conseil regional")):
        return "9.3"
    return "9.1"
