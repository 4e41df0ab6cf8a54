"""Small registers written as collectivités print them, for the question types' own tests."""

LIGNON = """LIGNON MÉTROPOLE
EXTRAIT DU REGISTRE DES DELIBERATIONS DU BUREAU METROPOLITAIN

SEANCE DU BUREAU METROPOLITAIN DU 9 MARS 2023

Le Bureau Métropolitain a été convoqué le 3 mars 2023.
Président : M. Paul DURAND
Secrétaire de séance : Mme Anne LEROY
Membres en exercice : 50
Présents : 45
Pouvoirs : 2
Votants : 47

DELIBERATION N°2023.00011

CULTURE - LES TRETEAUX DU LIGNON - SUBVENTION 2023

Le Bureau de Lignon Métropole, après en avoir délibéré :

- attribue à l'association Les Tréteaux du Lignon une subvention de 6 000 € au titre de l'année 2023 ;

Ce dossier a été adopté à l'unanimité.

DELIBERATION N°2023.00012

HABITAT - GARANTIE D'EMPRUNT A LIGNON HABITAT

Lignon Habitat sollicite la garantie de la collectivité pour un prêt de 1 000 000 €.

Le Bureau de Lignon Métropole, après en avoir délibéré :

- accorde sa garantie à hauteur de 50 % pour le remboursement du prêt de 1 000 000 € souscrit par Lignon Habitat, soit un montant garanti de 500 000 € ;

Ce dossier a été adopté à la majorité. Pour : 40, Contre : 2, Abstentions : 5.

DELIBERATION N°2023.00013

MOYENS GENERAUX - MARCHE DE NETTOYAGE DES LOCAUX

M. Marc PETIT quitte la salle et ne prend pas part au vote.

Le Bureau de Lignon Métropole, après en avoir délibéré :

- approuve l'attribution du marché de nettoyage des locaux à l'entreprise Net Services pour un montant de 120 000 € HT ;

Ce dossier a été adopté à l'unanimité.
"""

# An amendment that sets a new total for the grant of LIGNON's first item.
AVENANT = """EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU BUREAU MÉTROPOLITAIN DU 23 JUIN 2023

DELIBERATION N°2023.00298

CULTURE - LES TRETEAUX DU LIGNON - AVENANT N° 1

Le Bureau de Lignon Métropole, après en avoir délibéré :

- approuve l'avenant n° 1 à la convention 2023, qui porte le montant de la subvention attribuée à
l'association Les Tréteaux du Lignon de 6 000 € à 7 500 € ;

Ce dossier a été adopté à l'unanimité.
"""

# The next year's grant, and one that was withdrawn.
TRETEAUX_2024 = """EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU BUREAU MÉTROPOLITAIN DU 15 FEVRIER 2024

DELIBERATION N°2024.00040

CULTURE - LES TRETEAUX DU LIGNON - SUBVENTION 2024

Le Bureau de Lignon Métropole, après en avoir délibéré :

- attribue à l'association Les Tréteaux du Lignon une subvention de 8 500 € au titre de l'année 2024 ;

Ce dossier a été adopté à l'unanimité.

DELIBERATION N°2024.00041

CULTURE - FESTIVAL DES BRUYERES - SUBVENTION 2024

Le rapport proposait l'attribution d'une subvention de 12 000 € à l'association du Festival des Bruyères.

Ce point a été retiré de l'ordre du jour.
"""

COMMUNE = """REPUBLIQUE FRANÇAISE
COMMUNE DE SAINT-AUBIN-LES-PRÉS
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL

Séance du 14 mai 2021

L'an deux mille vingt et un, le quatorze mai, le Conseil municipal de la Commune de Saint-Aubin-les-Prés, régulièrement convoqué, s'est réuni sous la présidence de Monsieur Jean MARTIN, Maire.
Nombre de conseillers en exercice : 15
Présents : 13
Votants : 14
Secrétaire de séance : Mme Claire ROUX

Délibération n° 2021-015
Objet : Création d'un poste d'adjoint technique

Le Conseil municipal, après en avoir délibéré, décide de créer un poste d'adjoint technique à temps complet à compter du 1er septembre 2021.
Adopté à l'unanimité.

Délibération n° 2021-016
Objet : Désignation du correspondant incendie et secours

Le Conseil municipal, après en avoir délibéré, désigne M. Luc BERNARD correspondant incendie et secours de la commune.
Adopté à l'unanimité.
"""

# A commune with a compound name, whose council designates delegates to other bodies' councils.
MONTREUIL = """COMMUNE DE MONTREUIL-SUR-LOIRE
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL

Séance du 2 juillet 2020

Président : M. Henri LEBLANC
Secrétaire de séance : Mme Julie FAURE

Délibération n° 2020-031
Objet : Conseil d'administration du collège Jean Moulin : désignation des délégués

Le Conseil municipal désigne Mme Julie FAURE déléguée titulaire au conseil d'administration du collège Jean Moulin.
Adopté à l'unanimité.

Délibération n° 2020-032
Objet : Conseil d'administration de l'EHPAD : désignation des délégués

Le Conseil municipal désigne M. Henri LEBLANC délégué au conseil d'administration de l'EHPAD.
Pour : 14, Contre : 0, Abstentions : 1.

Délibération n° 2020-033
Objet : Remboursement d'un livre perdu à la médiathèque

Le Conseil municipal fixe à 18 € la somme à réclamer à l'emprunteur pour le livre non rendu.
Adopté à l'unanimité.
"""

# A CCAS whose instance is a conseil d'administration.
CCAS = """CENTRE COMMUNAL D'ACTION SOCIALE DE BELLEFOND
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL D'ADMINISTRATION

Séance du 3 mars 2021

Délibération n° CCAS-2021-04
Objet : Aide alimentaire d'urgence

Le Conseil d'administration décide d'attribuer une aide alimentaire d'urgence de 150 € à un ménage.
Adopté à l'unanimité.
"""

# A département: its council and its commission permanente.
DEPARTEMENT = """DÉPARTEMENT DU VAL BRUNE
CONSEIL DÉPARTEMENTAL
Séance du 15 décembre 2021

N° CD-2021-0090

objet : Finances - budget primitif 2022

Le Conseil départemental adopte le budget primitif 2022.

Adopté à l'unanimité.

DÉPARTEMENT DU VAL BRUNE
COMMISSION PERMANENTE
Séance du 7 mars 2022

N° CP-2022-0101

objet : Environnement - subvention à la recyclerie du Val Brune

La Commission permanente attribue à l'association Recyclerie du Val Brune une subvention de 11 000 € au titre de l'année 2022.

Adopté à l'unanimité.
"""
