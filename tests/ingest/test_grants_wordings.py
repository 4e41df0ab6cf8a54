"""Other wordings of the same decisions, one short deliberation each: the rules are written
for families of forms, not for the sentences of the corpora."""

import pytest

DELIBERATION = """DELIBERATION N° 2024-031
OBJET : {title}

{expose}

Le Conseil municipal, après en avoir délibéré :

{dispositif}

Adopté à l'unanimité.
"""


@pytest.mark.parametrize("title, expose, dispositif, expected", [
    ("Subvention à l'association Les Amis du Parc", "L'association anime le parc.",
     "- décide d'allouer une subvention de 1 500 € à l'association Les Amis du Parc ;",
     [(1500, "initial", "Les Amis du Parc", None)]),
    ("Aide à l'association Cinéma Rural", "L'association organise des projections.",
     "- d'octroyer à l'association Cinéma Rural une aide de 2 000 € ;",
     [(2000, "initial", "Cinéma Rural", None)]),
    ("Subvention au club sportif", "Le club forme des jeunes.",
     "DECIDE de verser à l'Union Sportive de Lavaur la somme de 800 € au titre de l'année 2024.",
     [(800, "initial", "Union Sportive de Lavaur", None)]),
    ("Subventions 2024 aux associations", "Les demandes ont été examinées.",
     "- attribue les subventions suivantes :\n- Club de pétanque : 500 €\n- Chorale Saint-Martin : 300 €",
     [(500, "initial", "Club de pétanque", None), (300, "initial", "Chorale Saint-Martin", None)]),
    ("Subvention 2023 à l'association Lire Ensemble", "L'association gère la bibliothèque.",
     "- la subvention 2023 de l'association Lire Ensemble est fixée à 3 000 € ;",
     [(3000, "initial", "Lire Ensemble", None)]),
    ("Modification de subvention - Lire Ensemble", "Le projet a été élargi.",
     "- le montant de la subvention attribuée à l'association Lire Ensemble est porté de 5 000 € à 6 500 € ;",
     [(5000, "previous", "Lire Ensemble", None), (6500, "amendment", "Lire Ensemble", 5000)]),
    ("Réduction de subvention - Lire Ensemble", "Le projet a été réduit.",
     "- réduit la subvention attribuée à l'association Lire Ensemble de 10 000 € à 8 000 € ;",
     [(10000, "previous", "Lire Ensemble", None), (8000, "amendment", "Lire Ensemble", 10000)]),
    ("Retrait de subvention", "La manifestation n'a pas eu lieu.",
     "- annule la délibération n° 2023-12 attribuant une subvention de 2 000 € à l'association Fête du Bourg ;",
     [(2000, "cancellation", "Fête du Bourg", None)]),
    ("Subvention 2024 - Lire Ensemble",
     "Une subvention de 3 000 € avait été votée en 2022. Le montant total des subventions attribuées par la "
     "commune en 2024 s'élève à 12 000 €.",
     "- attribue à l'association Lire Ensemble une subvention de 3 500 € ;",
     [(3000, "previous", "Lire Ensemble", None), (12000, "total", None, None),
      (3500, "initial", "Lire Ensemble", None)]),
    ("Subvention 2024 - Lire Ensemble - acompte", "L'association a besoin de trésorerie.",
     "- accorde à l'association Lire Ensemble un acompte de 1 000 € sur la subvention 2024 ;",
     [(1000, "other", None, None)]),  # a payment on a grant decided elsewhere
    ("Subvention au CCAS", "Le CCAS équilibre son budget.",
     "- verse au CCAS une subvention d'équilibre de 45 000 € pour l'exercice 2024 ;",
     [(45000, "initial", "CCAS", None)]),
    ("Avance remboursable - Lire Ensemble", "L'association attend un versement de l'Etat.",
     "- consent à l'association Lire Ensemble une avance remboursable de 4 000 € ;",
     [(4000, "loan", "Lire Ensemble", None)]),
])
def test_wordings(parse_text, title, expose, dispositif, expected):
    (delib,) = parse_text(DELIBERATION.format(title=title, expose=expose, dispositif=dispositif))
    assert [(a.value, a.kind, a.beneficiary, a.replaces) for a in delib.amounts] == expected


def test_acronym_with_its_expansion_in_a_sentence(parse_text):
    (delib,) = parse_text(DELIBERATION.format(
        title="Subvention à l'APE", expose="L'APE organise la kermesse.",
        dispositif="- attribue à l'APE (Association des Parents d'Élèves) une subvention de 250 € ;"))
    (grant,) = delib.amounts
    assert (grant.beneficiary_key, grant.beneficiary_aliases) == ("ape", ("parents d eleves",))


MINUTE = """Compte rendu du conseil municipal du 12 mai 2023

Présents : Paul, Marie, Jacques, Hélène, Sophie

Ordre du jour :
1. Travaux de la mairie
2. Subvention au comité des fêtes 300€

1. Travaux de la mairie

Le devis de l'entreprise Martin s'élève à 4 200 €. 5 votes pour.

2. Subvention au comité des fêtes

Le comité des fêtes sollicite une subvention de 300 € pour le feu d'artifice du 14 juillet.

5 votes pour.
"""


def test_minute_grants_what_its_item_asks_and_its_agenda_nothing(parse_text):
    """As in couthenans_2022-10-28: an item "Subvention …" of a minute states only the amount
    asked, then the vote; the agenda line announcing it decides nothing."""
    works, festivities = parse_text(MINUTE)
    assert [(a.value, a.kind) for a in works.amounts] == [(300, "other"), (4200, "cost")]
    assert [(a.value, a.kind, a.beneficiary) for a in festivities.amounts] == [(300, "initial", "Comité des fêtes")]


@pytest.mark.parametrize("title, sentence, kind", [
    ("Indemnité de conseil allouée au comptable du Trésor",
     "- fixe l'indemnité de conseil du comptable du Trésor à 450 € pour l'année ;", "other"),
    ("Subvention à la coopérative scolaire - classe découverte",
     "- prend acte d'une participation des familles de 1 200 € ;", "other"),
])
def test_money_that_a_grant_word_names_but_no_grant(parse_text, title, sentence, kind):
    """RSD_CM_2018-10-11: an indemnity "allouée" to the comptable is no grant; a
    participation of the families is no grant of the commune."""
    (delib,) = parse_text(DELIBERATION.format(title=title, expose="Le dossier est présenté.", dispositif=sentence))
    assert [a.kind for a in delib.amounts] == [kind]
