"""Registers holding several deliberations, numbering styles and vote outcomes."""

import datetime as dt

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
    for before, after in zip(three, three[1:]):
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
    assert "Délibération n° 2022-101" in "".join(s.text for s in second.sections if s.kind == "expose")


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
