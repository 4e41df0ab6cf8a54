"""What an amount is, read from the words around it or from the header of its column.

In: a `Clause` (the folded words of the sentence before an amount, since the previous amount,
and after it) or a column header and row label. Out: an `AmountKind` (records). Pure.

A clause is read in three steps. Its head is the noun nearest before the amount that says
what the money is ("subvention", "coût", "budget", "prêt", "enveloppe", "tarif", "montant
total", …; a verb such as "attribue" or "abonder" when no noun stands nearer). Markers
around it then turn it into a statement: an earlier decision recalled ("pour mémoire", "par
délibération n° …", "avait attribué", a past year), a request ("sollicite", "demandés"),
another body's share ("participation de la Région"), a unit rate ("€ par foyer", "€/an").
A grant head finally gives the kind of decision: a complement ("complémentaire"), an
amendment to a new total ("porte … à", "annule et remplace"), a reduction, a cancellation,
else an initial grant. Whether a decision stands where it is printed (dispositif, exposé,
annex) is for `ingest.amounts` to say.
"""
import re
from typing import NamedTuple

from registre.records import AmountKind


class Clause(NamedTuple):
    before: str  # folded sentence text before the amount, since the last ";" or "mais"
    local: str  # the end of `before` since the previous amount of the sentence
    after: str  # folded text after the amount, up to the next amount or the sentence end


# Heads, nearest wins; at equal ends the longer phrase wins ("coût total" over "total").
_HEADS: tuple[tuple[str, str], ...] = (
    ("grant", r"subventions?|aides?|dotations?|participations?(?: financieres?)?|soutiens?|contributions?"
              r"|financements?|allocations?|primes?|abond\w*|versements?|verser|attribu\w*|accord\w*|allou\w*"
              r"|octroi\w*|soutenu\w*|apporte"),
    ("cost", r"\bco[uû]ts?\b(?: (?:total|global|previsionnel|estimatif|annuel|d'organisation|du projet))*"
             r"|\bcoute\b|surco[uû]t|devis|march[ée]s?\b|montant (?:total |global )?(?:de l'operation|des travaux"
             r"|du projet|de la prestation)|depenses? (?:totale|globale|subventionnable|eligible)s?|facture"),
    ("budget", r"\bbudgets?\b(?: (?:total|global|previsionnel|annuel|initial|primitif))*|excedent|deficit"
               r"|s'equilibr\w*(?: en depenses et (?:en )?recettes)?|equilibre\w* (?:en|a)\b|charges de personnel"),
    ("loan", r"\bpr[eê]ts?\b(?: d'un montant(?: total| global)?(?: de)?)?|emprunts?|avances? remboursables?"),
    ("guarantee", r"garanti\w* a hauteur de \d+ ?% (?:du montant )?(?:du|de l'|des) (?:pret|emprunt)s?,? soit"
                  r"|garanties? d'emprunts?|garanti\w*"),
    ("envelope", r"enveloppes?|budget (?:reserve|alloue|consacre|dedie)|dans la limite d|credits? (?:reserves?|ouverts?)"
                 r"|\bdote\w* de|dotation (?:du|d'un) (?:fonds|dispositif)"),
    ("total", r"\btotal\b|\bglobal\b|\btotaux\b|au total|\bdont\b|montant total|montant global(?: de depenses)?"
              r"|\bsomme (?:totale|globale)"),
    ("recap", r"s'etabli\w* (?:ainsi )?a|soit un total|soit au total|soit,? au total,?|ce qui porte (?:le|la|son|leur)"
              r" (?:total|montant|soutien|aide)[^.;]*? a"),
    ("tariff", r"tarifs?|tarification|concessions?|caution|prix unitaire|redevance unitaire|cotisation"),
    ("price", r"\bprix\b|ventes?|vendu\w*|achat|acqui\w*|cession|\boffre\b|loyers?|\bbail\b|valeur|location"),
    ("revenue", r"redevances?|recettes?|\btitres? de recettes?|percevoir|rembourse\w*|fonds de concours"
                r"|compensation|dotations? (?:de l')?etat(?: garantie)?|dotations? forfaitaires?|\bdgf\b"
                r"|emettre (?:un|le) titre(?: de recettes?)?(?: pour un montant(?: total)?)?(?: de)?"),
    ("other", r"superieure?s? a|inferieure?s? a|au-dela de|plafon\w*|maximum|minimum|seuil|valeur max|perte"
              r"|creance|non-valeur|amortissements?|\d+ ?(?:er|e|eme) prix|prix communal|laureats?|bons? d'achat"
              r"|acomptes?|avances? sur|solde de la subvention|indemnit\w*|remuneration|vacations?"
              r"|participations? des (?:familles|parents|usagers|habitants|eleves|adherents)"),
    ("budget", r"dotations et participations"),
    ("cofinancing", r"co-?financ\w*|cofinanc\w*"),
)
_HEAD_PATTERNS = tuple((family, re.compile(pattern)) for family, pattern in _HEADS)

_PREVIOUS = re.compile(
    r"pour memoire|\brappel\b|\brappel(?:le|lent)? (?:les?|la|des) (?:tarifs?|montants?|subventions?|aides?|prix"
    r"|deliberations?)|precedemment|l'an (?:dernier|passe)|l'annee (?:derniere|passee|precedente)"
    r"|(?:saison|annee|exercice|edition|campagne) precedente|deja (?:ete )?(?:verse|attribue|accorde|vote)"
    r"|ont deja ete|avai(?:t|ent) (?:ete )?(?:attribu|accord|vers|vot|apport|soutenu|octroy|obtenu|donne|beneficie)"
    r"|par (?:deliberation|decision) (?:n°|du)|(?:deliberation|decision) (?:n° ?\S+ )?du [^,;]* dernier"
    r"|au titre de l'annee (?:precedente|passee)|\bon a donne|(?:a|ont) (?:ete )?(?:attribue|accorde|verse)e?s? (?:en|le)"
)
_PREVIOUS_AFTER = re.compile(r"^[^;]{0,20}\((?:deliberation|decision) n°|^,? (?:attribuee?s? |accordee?s? |versee?s? )?"
                             r"(?:en|le) \d{4}\b.*\((?:deliberation|decision)")
_PAST = re.compile(r"\b(?:soutenue?s?|attribuee?s?|accordee?s?|versee?s?|allouee?s?|obtenue?s?|percue?s?|beneficie"
                   r"|a (?:ete|recu|obtenu|beneficie)|avai(?:t|ent)|ont ete|etai(?:t|ent))\b")
_REQUEST = re.compile(r"sollicit\w*|\bdemand(?:e|es|ee|ees|ait|aient)\b(?! (?:au|aux|a la|a l') )|\bdemande de\b|requete")
_REQUEST_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:demande\w*|sollicite\w*|avai(?:t|ent) ete (?:sollicite|demande)\w*)")
_COFINANCING = re.compile(
    r"co-?financ|(?:participation|financement|subvention|dotation|aide|contribution|soutien)s? (?:de la region|de l'etat"
    r"|de l'europe|de l'union europeenne|de l'ademe|de la caf|du feder|du fse|de l'anru|de l'agence de l'eau)"
    r"|\bfeder\b|fonds (?:social )?europeen|\bdetr\b|\bdsil\b|(?:la region|l'etat) (?:apporte|finance|participe)"
)
_UNIT_AFTER = re.compile(r"^\s*(?:/\s*|par |l'|le |la )(?:an|annee|mois|heure|h|jour|nuit|pi[eè]ces?|unite|[ée]l[eè]ves?"
                         r"|personnes?|foyers?|menages?|habitants?|enfants?|repas|m[2²]|m3|metres?|km|lots?|places?)\b"
                         r"|^\s*annuel")
_SYMBOLIC_AFTER = re.compile(r"^\s*symbolique")
_REVENUE_AFTER = re.compile(r"^\s*(?:de compensation|verse\w* par|percu\w*|encaiss\w*)|^[^;]{0,60}?\bpar (?:le |la |l')"
                            r"?(?:conseil departemental|conseil regional|departement|region|etat|caf)\b")
_COST_AFTER = re.compile(r"^\s*(?:h\.?t\.?|ttc)\b")
_PARTS_AFTER = re.compile(r"^\s*,?\s*dont\s*$")
_CHANGE_AFTER = re.compile(r"^\s*a\s*$")  # "de 8 000 € à" …the next amount
# A change "de X € à Y €" (passe, porté, ramené, réduit …): X is the figure replaced (`_CHANGE`
# ends before it), Y the new total (`_CHANGE_TO` ends before it).
_CHANGE_VERB = (r"\b(?:pass\w*|port(?:e|ee|es|er|ant)|ramen\w*|augment\w*|modifi\w*|evolu\w*|relev\w*"
                r"|rehauss\w*|redui\w*|diminu\w*|baiss\w*|minor\w*)\b[^;]*")
_CHANGE = re.compile(_CHANGE_VERB + r"\bde\s*$")
_CHANGE_TO = re.compile(_CHANGE_VERB + r"\bde [\d\s.,']+(?:€|euros?) a\s*$")
_LEFT_AFTER = re.compile(r"^\s*restants?\b")
_WHOLE_LOAN_GUARANTEED = re.compile(r"garanti\w* (?:de |pour )?(?:l'|le |un |d'un |du )?(?:emprunt|pret)s?"
                                    r"(?: d'un montant)? de\s*$")
_TOTAL_OF_GRANTS = re.compile(r"\b(?:montant|somme) (?:total|global)|\btotal des\b|ensemble des (?:subventions|aides)")

_CANCELLATION = re.compile(r"\bannul\w*(?! et rempla)|\bretir\w* (?:la|sa|cette) (?:subvention|aide|participation)"
                           r"|renonc\w*|\bsupprim\w*")
_AMENDMENT = re.compile(r"annule et remplace|\b(?:est|sont|etre|sera|seront) portee?s? a\s*$|\bport(?:e|er|ant) (?:le "
                        r"montant|le total|la subvention|sa subvention|l'aide|la participation|la dotation|le soutien"
                        r"|sa participation)\b|modifi\w* (?:le montant|la subvention|l'aide|la participation)"
                        r"|ramen\w*|fix\w* desormais|nouveau montant")
_REDUCTION = re.compile(r"redui\w*|reduction|minor\w*|diminu\w*|\bbaisse\b|en moins")
_COMPLEMENT = re.compile(r"complementaires?|supplementaires?|en complement|complement de|abondement|rallonge")

# Column headers.
_COUNT_HEADER = re.compile(r"nombre|\bnbr?e?\b|\bnrb\b|effectif|votes?\b|longueur|\bkms?\b|surface|\btaux\b|%|heures?"
                           r"|\bans?\b|niveau|rang|code|n°")
_MONEY_HEADER = re.compile(r"€|euro|montant|co[uû]t|subvention|aide|dotation|contribution|participation|financ|budget"
                           r"|tarif|prix|total|somme|attribu|accord|allou|propos|redevance|\bpv\b|d[ée]pense|recette"
                           r"|\betat\b|region|departement|feder|europe|\bcaf\b")
_HEADER_KINDS: tuple[tuple[str, str], ...] = (
    ("tariff", r"tarif|prix unitaire|redevance"),
    ("request", r"demand|sollicit"),
    ("previous", r"pour memoire|rappel|precedent|\bn-1\b|realise"),
    ("cost", r"co[uû]t|d[ée]pense|montant (?:du projet|de l'action|des travaux)|\bht\b"),
    ("budget", r"budget"),
    ("cofinancing", r"\betat\b|region|feder|europe|\bcaf\b|autres? financ|co-?financ|fse\b"),
    ("total", r"^total|^totaux|^sous-total"),
    ("grant", r"montant attribu|montant accord|montant allou|montant propos|montant vot|subvention|contribution"
              r"|dotation|\baide|participation|\bpv\b|attribu|accord|allou|propos|vot|financement|montant|somme"),
)


def clause_kind(clause: Clause, fallback: str | None = None, item_year: int | None = None,
                inherited: AmountKind | None = None) -> AmountKind:
    """The kind of the amount `clause` surrounds. Without a head of its own, a list entry
    takes the kind `inherited` from its lead-in ("Rappel des demandes 2019 :"), and any other
    clause the family `fallback` its item's title names ("grant" for "Subvention …", "price"
    for "Achat …"). `item_year` is the year the item is for: a grant of an earlier year,
    told in the past tense, is "previous"."""
    before, local, after = clause
    if _CHANGE_AFTER.match(after) and _CHANGE.search(before) or re.search(r"au lieu de\s*$", local):
        return "previous"  # "de 8 000 € à 10 000 €", "au lieu de 8 000 €": the figure replaced
    if re.fullmatch(r"\W*dont\s*", local):  # "coût de 19 003 €, dont 4 000 € de …": a part of the whole
        whole = _head(before[:before.rfind("dont")])
        return whole if whole in ("cost", "budget") else "total"  # type: ignore[return-value]
    family = _head(local) or _head(before) or _after_family(after)
    if family is None and _REVENUE_AFTER.match(after):
        return "revenue"
    if family is None and inherited and not (_REQUEST.search(local) or _PREVIOUS.search(local)):
        return inherited
    family = family or fallback
    return _statement(family, local, after, item_year) or _of_family(family, before, local, after)


def _statement(family: str | None, local: str, after: str, item_year: int | None) -> AmountKind | None:
    """An amount recalled, asked for or paid by another body, told by markers around it."""
    if family in (None, "grant", "total", "recap", "tariff", "price"):
        if _PREVIOUS.search(local) or _PREVIOUS_AFTER.search(after) or (
                family == "grant" and _earlier_year(local, after, item_year)):
            return "previous"
    if family in (None, "grant"):
        if _COFINANCING.search(local):
            return "cofinancing"
        if _REQUEST_AFTER.match(after) or _REQUEST.search(local):
            return "request"
    return None


def _of_family(family: str | None, before: str, local: str, after: str) -> AmountKind:
    """The kind a head gives, once the words right after the amount are read: a unit rate
    ("€/an", "par foyer"), "symbolique", "restants", "HT"; for a grant head, the decision."""
    if _UNIT_AFTER.match(after):
        unit_kinds: dict[str | None, AmountKind] = {"grant": "other", "price": "price", "cost": "cost",
                                                    "revenue": "revenue"}
        return unit_kinds.get(family, "tariff")
    if _SYMBOLIC_AFTER.match(after):
        return "price"
    if _LEFT_AFTER.match(after):
        return "envelope"
    if family == "loan" and _WHOLE_LOAN_GUARANTEED.search(before):
        return "guarantee"  # "garantit l'emprunt de 50 000 €": the whole loan is guaranteed
    if family is None:
        return "revenue" if _REVENUE_AFTER.match(after) else "cost" if _COST_AFTER.match(after) else "other"
    if family == "grant":
        if _REVENUE_AFTER.match(after):
            return "revenue"
        if _PARTS_AFTER.match(after) or _TOTAL_OF_GRANTS.search(local):
            return "total"
        return _decision(before, local, after)
    return family  # type: ignore[return-value]


def has_head(text: str) -> bool:
    """Whether folded `text` holds a word that says what money is for."""
    return _head(text) is not None


def _decision(before: str, local: str, after: str) -> AmountKind:
    if _AMENDMENT.search(before) or re.match(r"\s*au lieu de\b", after) or _CHANGE_TO.search(before):
        return "amendment"
    if _CANCELLATION.search(before):
        return "cancellation"
    if _REDUCTION.search(local) and re.search(r"\bde\s*$", local):
        return "reduction"
    if _COMPLEMENT.search(local):
        return "complement"
    return "initial"


def _head(text: str) -> str | None:
    """The family of the head nearest the end of `text` (longest at equal ends)."""
    best = None
    for family, pattern in _HEAD_PATTERNS:
        for m in pattern.finditer(text):
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[0]:
                best = (key, family)
    return best[1] if best else None


def _after_family(after: str) -> str | None:
    """A head printed just after the amount ("425€ concession", "20 000€ demandés")."""
    if re.match(r"\s*(?:la|sa|cette|leur) (?:subvention|aide|participation|dotation|contribution)\b", after):
        return "grant"  # "réduit de 300 € la subvention …"
    found = _head(" ".join(after.split()[:2]))
    return found if found in ("tariff", "price", "cost", "revenue", "budget", "envelope") else None


def _earlier_year(local: str, after: str, item_year: int | None) -> bool:
    """A grant said of an earlier year than the item's, in the past tense."""
    if item_year is None:
        return False
    years = [int(y) for y in re.findall(r"\b(?:en|de|pour) ((?:19|20)\d{2})\b(?![/-]\d)", f"{local} {after[:40]}")]
    return any(year < item_year for year in years) and bool(_PAST.search(f"{local} {after[:40]}"))


def title_family(title: str) -> str | None:
    """The family a title names: "Subvention …" a grant, "Achat garage" a price, "Tarifs …"."""
    return _head(title) if title else None


def column_kind(header: str, label: str, cell: str, item_year: int | None = None) -> AmountKind | None:
    """The kind of a table cell's amount from its (folded) column header and row label; None
    when the column holds no money (counts, lengths, rates). A grant column gives "initial"
    or "complement" (whether the table decides is for the caller to say), "previous" when its
    header names a year before `item_year` ("Subvention 2021" in a 2022 programme)."""
    if "%" in cell or (_COUNT_HEADER.search(header) and not _MONEY_HEADER.search(header)):
        return None
    if not ("€" in cell or "euro" in cell.lower() or _MONEY_HEADER.search(header)):
        return None
    if not label.strip() or re.match(r"\s*(?:sous-)?tota(?:l|ux)\b", label, re.IGNORECASE):
        return "total"
    for kind, pattern in _HEADER_KINDS:
        if re.search(pattern, header):
            years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", header)]
            if kind == "grant" and item_year and years and max(years) < item_year:
                return "previous"
            if kind == "grant":
                return "complement" if _COMPLEMENT.search(header) else "initial"
            return kind  # type: ignore[return-value]
    return "other"
