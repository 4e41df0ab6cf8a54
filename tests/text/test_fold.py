"""One fold for every package: lower case, no accents, ligatures spelled out."""
from registre.text.fold import fold


def test_fold():
    assert fold("Délibération Œuvre Ætat l’été ‘x’") == "deliberation oeuvre aetat l'ete 'x'"


def test_ligatures_fold_the_same_way_everywhere():
    assert fold("Cœur de Ville") == fold("COEUR DE VILLE") == "coeur de ville"
    assert fold("mise en œuvre") == "mise en oeuvre"
