"""Registers holding several deliberations, numbering styles and vote outcomes."""

import datetime as dt
import itertools

import pytest

from registre.records import Vote

SEANCE = [
    "VILLE DE SAINT-MARTIN",
    "",
    "SEANCE DU CONSEIL MUNICIPAL DU 12 FEVRIER 2024",
    "",
    "Président de séance : M. Jean DUPONT",
    "Secrétaire de séance : Mme Claire MARTIN",
    "",
    "Nombre de conseillers en exercice : 29",
    "Présents : 25",
    "Pouvoirs : 3",
    "Votants : 28",
    "",
]
THREE = [
    SEANCE + [
        "DELIBERATION N° 2024-017",
        "SUBVENTION A L'ASSOCIATION LES AMIS DU PARC",
        "",
        "Par",
        "délibération n° 2023-044 du 5 juin 2023, le conseil municipal a soutenu l'association.",
        "",
        "Par délibération n° 2023-045 du 5 juin 2023, il a approuvé la convention.",
        "L'association anime le parc municipal toute l'année.",
    ],
    [
        "Le Conseil municipal, après en avoir délibéré :",
        "",
        "- attribue une subvention de 1 500 € à l'association Les Amis du Parc ;",
        "",
        "Adopté à l'unanimité.",
        "",
        "DELIBERATION N° 2024-018",
        "SUBVENTION AU CLUB SPORTIF",
        "",
        "Le club organise un tournoi régional, comme le prévoit la",
        "Délibération n° 2022-101 du 3 mars 2022 portant règlement des aides.",
        "Le Conseil départemental de la Loire l'avait aidé lors de sa séance du 5 juin 2023.",
    ],
    [
        "Le Conseil municipal, après en avoir délibéré :",
        "",
        "- attribue une subvention de 2 000 € au club Union Sportive Martinoise ;",
        "",
        "Adopté à l'unanimité.",
        "",
        "DELIBERATION N° 2024-019",
        "SUBVENTION AU COMITE DES FETES",
        "",
        "Le comité des fêtes organise le carnaval.",
        "",
        "Le Conseil municipal, après en avoir délibéré :",
        "",
        "- attribue une subvention de 800 € à l'association Comité des Fêtes ;",
        "",
        "Adopté à la majorité.",
        "Pour : 20, Contre : 5, Abstentions : 3",
    ],
]


@pytest.fixture
def three(parse_pdf):
    return parse_pdf(THREE, name="cm-2024-02.pdf")


def test_three_deliberations_in_one_pdf(three):
    assert [d.number for d in three] == ["2024-017", "2024-018", "2024-019"]
    assert [(d.first_page, d.last_page) for d in three] == [(1, 2), (2, 3), (3, 3)]
    assert [d.title for d in three] == [
        "SUBVENTION A L'ASSOCIATION LES AMIS DU PARC", "SUBVENTION AU CLUB SPORTIF",
        "SUBVENTION AU COMITE DES FETES"]


def test_each_deliberation_inherits_the_seance(three):
    """Even when its exposé names another instance and another séance date."""
    for delib in three:
        assert delib.source == "cm-2024-02.pdf"
        assert delib.date == dt.date(2024, 2, 12)
        assert delib.instance == "Conseil municipal"
        assert delib.collectivite == "Ville de Saint-Martin"
        assert delib.present_members == ()  # "Présents : 25" is a count, not a name
        assert delib.president == "Jean DUPONT"
        assert delib.secretaire == "Claire MARTIN"
        counts = (delib.membres_en_exercice, delib.presents, delib.pouvoirs, delib.votants)
        assert counts == (29, 25, 3, 28)


def test_seance_preamble_sections(three):
    first = three[0]
    kinds = [(s.kind, s.text.strip().split("\n")[0]) for s in first.sections[:4]]
    assert kinds == [
        ("header", "VILLE DE SAINT-MARTIN"),
        ("attendance", "Président de séance : M. Jean DUPONT"),
        ("header", "DELIBERATION N° 2024-017"),
        ("expose", "Par"),
    ]


def test_three_deliberations_are_lossless(three):
    assert three[0].start == 0
    for before, after in itertools.pairwise(three):
        assert before.start + len(before.text) == after.start
    for delib in three:
        assert "".join(s.text for s in delib.sections) == delib.text
        assert [s.start for s in delib.sections[1:]] == [s.end for s in delib.sections[:-1]]


def test_each_deliberation_has_its_own_grant(three):
    found = [[(a.value, a.role, a.beneficiary, a.page) for a in d.amounts] for d in three]
    assert found == [
        [(1500, "grant", "Les Amis du Parc", 2)],
        [(2000, "grant", "Union Sportive Martinoise", 3)],
        [(800, "grant", "Comité des Fêtes", 3)],
    ]


def test_votes(three):
    assert [d.vote for d in three] == [
        Vote("adopted", True), Vote("adopted", True),
        Vote("adopted", False, pour=20, contre=5, abstention=3)]


def test_references_to_other_deliberations_stay_in_the_expose(three):
    first, second, _ = three
    expose = "".join(s.text for s in first.sections if s.kind == "expose")
    assert "délibération n° 2023-044 du 5 juin 2023" in expose
    assert "Par délibération n° 2023-045" in expose
    second_expose = "".join(s.text for s in second.sections if s.kind == "expose")
    assert "Délibération n° 2022-101" in second_expose


def _single(number_line, parse_text, parse_pdf, kind):
    lines = [
        number_line,
        "OBJET : Subvention au comité de jumelage",
        "",
        "Le comité organise l'accueil de la ville jumelle.",
        "",
        "Le Conseil municipal, après en avoir délibéré :",
        "",
        "- attribue une subvention de 700 € au comité de jumelage ;",
        "",
        "Adopté à l'unanimité.",
    ]
    return parse_text("\n".join(lines)) if kind == "txt" else parse_pdf([lines])


@pytest.mark.parametrize("number_line, number", [
    ("DELIBERATION N° D-2021-145", "D-2021-145"),
    ("Délibération n° DEL2024_087", "DEL2024_087"),
    ("DELIBERATION n° 17/2020", "17/2020"),
    ("DELIBERATION N°2022.00159", "2022.00159"),
    ("Délibération n°2024-017 – Subvention au comité de jumelage", "2024-017"),
    ("DÉCISION N° CP-2021-0668", "CP-2021-0668"),
    ("ARRÊTÉ N° 2024/12", "2024/12"),
])
@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_numbering_styles(parse_text, parse_pdf, kind, number_line, number):
    (delib,) = _single(number_line, parse_text, parse_pdf, kind)
    assert delib.number == number
    assert delib.title == "Subvention au comité de jumelage"
    assert [(a.value, a.role) for a in delib.amounts] == [(700, "grant")]
    assert delib.vote == Vote("adopted", True)


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_rejected_deliberation(parse_text, parse_pdf, kind):
    lines = [
        "DELIBERATION N° 2024-040",
        "OBJET : Cession d'un terrain communal",
        "",
        "Il est proposé de céder la parcelle AB 12.",
        "",
        "Le Conseil municipal, après en avoir délibéré :",
        "",
        "- autorise la cession de la parcelle AB 12 ;",
        "",
        "La délibération est rejetée.",
        "Pour : 10, Contre : 25, Abstentions : 3",
    ]
    (delib,) = parse_text("\n".join(lines)) if kind == "txt" else parse_pdf([lines])
    assert delib.vote == Vote("rejected", False, pour=10, contre=25, abstention=3)


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_withdrawn_deliberation(parse_text, parse_pdf, kind):
    lines = [
        "DELIBERATION N° 2024-041",
        "OBJET : Tarifs de la piscine municipale",
        "",
        "Ce point est retiré de l'ordre du jour.",
    ]
    (delib,) = parse_text("\n".join(lines)) if kind == "txt" else parse_pdf([lines])
    assert delib.number == "2024-041"
    assert delib.vote == Vote("withdrawn")  # not put to the vote: no unanimity either way


def test_member_leaving_the_room_is_not_a_withdrawal(parse_text):
    lines = [
        "DELIBERATION N° 2024-042",
        "OBJET : Subvention au club de tennis",
        "",
        "Le club accueille 200 licenciés.",
        "",
        "Le Conseil municipal, après en avoir délibéré :",
        "",
        "- attribue une subvention de 900 € au club de tennis ;",
        "",
        "M. Paul DURAND s'est retiré et ne prend pas part au vote.",
        "Adopté à l'unanimité des suffrages exprimés.",
    ]
    (delib,) = parse_text("\n".join(lines))
    assert delib.vote == Vote("adopted", True)


COMMUNE = [
    "COMMUNE DE LA TALAUDIERE",
    "REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL",
    "Séance du 3 mars 2020",
    "",
    ("L'an deux mille vingt, le trois mars, le Conseil municipal, régulièrement "
     "convoqué, s'est réuni sous la présidence de Mme Anne MARTIN, Maire."),
    "Date de convocation : 25 février 2020",
    "Conseillers en exercice : 27 - Présents : 22 - Votants : 25",
    "Secrétaire de séance : M. Paul DURAND",
    "",
    "Délibération n° 17/2020",
    "Objet : Subvention exceptionnelle à l'association Talaudière Animation",
    "",
    "Vu le Code général des collectivités territoriales ;",
    "Vu la délibération n° 12/2019 du 4 avril 2019 ;",
    "",
    "Le Conseil municipal, après en avoir délibéré, DECIDE :",
    ("Article 1er : d'attribuer une subvention exceptionnelle de 2.500,00 euros à "
     "l'association Talaudière Animation."),
    "Adopté par 20 voix pour, 3 contre et 2 abstentions.",
    "",
    "Délibération n° 18/2020",
    "Objet : Garantie d'emprunt - Loire Habitat",
    "",
    "Loire Habitat sollicite la garantie de la commune pour un prêt de 1,2 M€.",
    "Le Conseil municipal, après en avoir délibéré, DECIDE :",
    ("Article 1er : d'accorder sa garantie à hauteur de 50 % pour le remboursement "
     "d'un prêt de 1 200 000 € souscrit par Loire Habitat."),
    "Adopté à l'unanimité.",
    "",
]


def test_commune_register_in_running_text(parse_text):
    first, second = parse_text("\n".join(COMMUNE))
    assert (first.number, second.number) == ("17/2020", "18/2020")
    assert (first.title, second.title) == (
        "Subvention exceptionnelle à l'association Talaudière Animation",
        "Garantie d'emprunt - Loire Habitat")
    for delib in (first, second):
        assert delib.date == dt.date(2020, 3, 3)
        assert delib.collectivite == "Commune de la Talaudiere"
        assert delib.president == "Anne MARTIN"  # ", Maire" is her office, not her name
        assert delib.secretaire == "Paul DURAND"
        assert delib.convocation_date == dt.date(2020, 2, 25)
        assert (delib.membres_en_exercice, delib.presents, delib.votants) == (27, 22, 25)
    assert first.vote == Vote("adopted", False, pour=20, contre=3, abstention=2)
    assert second.vote == Vote("adopted", True)
    assert [(a.value, a.role, a.beneficiary) for a in first.amounts] == [
        (2500, "grant", "Talaudière Animation")]
    # 1 200 000 € is the loan, both times; the guarantee covers 50 % of it, a figure not printed.
    assert [(a.value, a.kind, a.role, a.section) for a in second.amounts] == [
        (1200000, "loan", "other", "expose"), (1200000, "loan", "other", "dispositif")]
    assert [s.kind for s in second.sections] == ["header", "expose", "dispositif", "vote"]


@pytest.mark.parametrize("vote_lines, vote", [
    # A printed tally without abstentions: nobody abstained.
    (["La délibération n'est pas adoptée.", "Pour : 12, Contre : 15"],
     Vote("rejected", False, pour=12, contre=15, abstention=0)),
    (["Vote : Pour : 25, Contre : 2, Abstention : 1"],
     Vote("adopted", False, pour=25, contre=2, abstention=1)),
    (["ADOPTE A L'UNANIMITE"], Vote("adopted", True)),
    (["Adopté par 18 voix pour et 9 voix contre."], Vote("adopted", False, pour=18, contre=9, abstention=0)),
])
def test_vote_wordings(parse_text, vote_lines, vote):
    lines = [
        "DELIBERATION N° 2024-050",
        "OBJET : Règlement intérieur des salles communales",
        "",
        "Le règlement est revu.",
        "",
        "Le Conseil municipal, après en avoir délibéré :",
        "- approuve le règlement intérieur ;",
        "",
        *vote_lines,
    ]
    (delib,) = parse_text("\n".join(lines))
    assert delib.vote == vote


def test_running_headers_page_numbers_and_wrapped_objet(parse_pdf):
    running = "Conseil municipal de Saint-Martin - séance du 12 février 2024"
    title = ("Subvention de fonctionnement 2024 à l'association Les Amis du Parc pour l'animation "
             "du parc municipal et l'organisation de la fête de printemps")
    pages = [
        [running, "", "DELIBERATION N° 2024-017", f"OBJET : {title}", "",
         ("L'association anime le parc municipal depuis 1998 et organise chaque année la fête de "
         "printemps, qui accueille plus de 3 000 visiteurs venus de toute la région."), "",
         "Page 1/3"],
        [running, "", "Le Conseil municipal, après en avoir délibéré :", "",
         "- attribue une subvention de 1 500 € à l'association Les Amis du Parc ;", "",
         "Adopté à l'unanimité.", "", "Page 2/3"],
        [running, "", "Pour extrait conforme,", "Le Maire,", "Jean DUPONT", "", "Page 3/3"],
    ]
    (delib,) = parse_pdf(pages)
    assert delib.title == title  # wrapped over two PDF lines
    assert delib.date == dt.date(2024, 2, 12)
    assert (delib.first_page, delib.last_page) == (1, 3)
    for section in delib.sections:
        if running in section.text or "Page 2/3" in section.text:
            assert section.kind == "furniture"
    assert [s.kind for s in delib.sections if s.kind != "furniture"] == [
        "header", "expose", "dispositif", "vote", "signature"]


DEPARTEMENT = [
    "DEPARTEMENT DE LA LOIRE",
    "COMMISSION PERMANENTE",
    "Réunion du 12 avril 2021",
    "",
    "Délibération n° CP-2021-145",
    "Objet : Aide aux communes - Fonds de solidarité",
    "territoriale 2021",
    "",
    "Rapporteur : M. Jean DURAND, Vice-Président",
    "",
    "Présents : M. Georges ZIEGLER, Mme Annie MARTIN et M. Paul DUPUY",
    "Absents excusés : Mme Claire PETIT",
    "",
    "Vu le code général des collectivités territoriales ;",
    "Considérant que le fonds a été doté de 2 500 000 € au budget primitif 2021 ;",
    "",
    "La Commission permanente, après en avoir délibéré :",
    "- attribue à la commune de Saint-Just une subvention de 45 000 € ;",
    "- attribue à la commune de Veauche une subvention de 32 500 € ;",
    "",
    "Adopté à l'unanimité.",
    "",
    "Pour extrait conforme,",
    "Le Président,",
    "Georges ZIEGLER",
]


def test_departement_commission_permanente(parse_text):
    (delib,) = parse_text("\n".join(DEPARTEMENT))
    assert delib.number == "CP-2021-145"
    assert delib.date == dt.date(2021, 4, 12)
    assert delib.instance == "Commission permanente"
    assert delib.collectivite == "Département de la Loire"
    assert delib.title == "Aide aux communes - Fonds de solidarité territoriale 2021"
    assert delib.rapporteur == "Jean DURAND"
    assert delib.present_members == ("Georges ZIEGLER", "Annie MARTIN", "Paul DUPUY")
    assert delib.absent_members == ("Claire PETIT",)
    assert [(a.value, a.role, a.beneficiary) for a in delib.amounts] == [
        (2500000, "total", None), (45000, "grant", "Commune de Saint-Just"),
        (32500, "grant", "Commune de Veauche")]
    assert delib.amounts[0].kind == "envelope"  # "le fonds a été doté de 2 500 000 €"
    assert [s.kind for s in delib.sections] == [
        "header", "attendance", "expose", "dispositif", "vote", "signature"]
