"""Text made valid at the read boundary: each kind of bad character, and the real files that hold them."""
from collections import Counter

from locations import CORPUS

from registre.ingest import read_file
from registre.text.valid import describe, make_valid

REAL = CORPUS / "real" / "docs"


def test_a_surrogate_pair_becomes_its_character_and_a_lone_one_the_replacement_character():
    valid = make_valid("Jean-Pierre \ud83d\ude0a). Fin \udc00 et \ud800")
    assert valid.text == "Jean-Pierre 😊). Fin \ufffd et \ufffd"
    assert valid.replaced == Counter(pair=1, surrogate=2)
    assert valid.text.encode("utf-8")  # what failed in index/cache.py text_hash


def test_nul_is_removed_control_characters_become_spaces_or_line_breaks():
    valid = make_valid("sub\x00vention\x01de\x7f500\x0bcinq\x0ccents\u2028x\r\ny\rz\tw")
    assert valid.text == "subvention de 500\ncinq\ncents\nx\ny\nz\tw"
    assert valid.replaced == Counter(nul=1, control=6)


def test_private_use_glyphs_of_symbol_fonts_become_their_symbols_others_the_replacement_character():
    valid = make_valid("conseil \uf0e0 230€\n\uf0b7 Mouvement\n\uf0f0 On peut\n\ue123")
    assert valid.text == "conseil → 230€\n• Mouvement\n⇨ On peut\n\ufffd"
    assert valid.replaced == Counter(private=4)


def test_text_is_composed_into_nfc():
    valid = make_valid("De\u0301libe\u0301ration")
    assert valid.text == "Délibération" and valid.normalised and not valid.replaced


def test_valid_text_is_left_as_it_is():
    text = "Le conseil municipal, après en avoir délibéré, décide… « oui » 1 500 € 😊\n\tfin"
    valid = make_valid(text)
    assert valid.text == text and not valid.changed and describe(valid) == ""


def test_one_sentence_says_what_was_done():
    assert describe(make_valid("a\ud800b\x00c\x00\uf0e0é")) == (
        "texte rendu valide : 1 demi-caractère UTF-16 isolé (surrogate) remplacé, 2 octets nuls supprimés, "
        "1 glyphe d'usage privé remplacé")
    assert describe(make_valid("x\ud83d\ude0ae\u0301")) == (
        "texte rendu valide : 1 paire UTF-16 recomposée, Unicode composé (NFC)")


def test_the_couthenans_emoji_is_read_whole_with_one_warning():
    doc = read_file(REAL / "couthenans_2021-01-29.pdf")
    assert "1er mariage pour Jean-Pierre 😊)" in doc.text
    assert [w for w in doc.warnings if w.startswith("texte rendu valide")] == [
        "texte rendu valide : 1 paire UTF-16 recomposée, Unicode composé (NFC)"]
    doc.text.encode("utf-8")


def test_wingdings_arrows_and_symbol_bullets_of_a_real_minute():
    doc = read_file(REAL / "couthenans_2021-06-04.pdf")
    assert "Proposition initial d'attribution du conseil municipal → 230€\nBanque alimentaire" in doc.text
    assert "• Mouvement de -8'355,59€" in doc.text
    assert "⇨ On peut laisser en herbe." in doc.text
    assert not any("\ue000" <= c <= "\uf8ff" for c in doc.text)
    assert [w for w in doc.warnings if w.startswith("texte rendu valide")] == [
        "texte rendu valide : 23 glyphes d'usage privé remplacés"]


def test_a_text_file_with_nul_and_control_bytes_gets_one_warning(tmp_path):
    path = tmp_path / "cm.txt"
    path.write_bytes("DÉLIBÉRATION N° 2024-017\nSubvention\x00 de 1 500 €\x07 au club\x00.\n".encode())
    doc = read_file(path)
    assert doc.text == "DÉLIBÉRATION N° 2024-017\nSubvention de 1 500 €  au club.\n"
    assert doc.warnings == ("texte rendu valide : 2 octets nuls supprimés, 1 caractère de contrôle remplacé",)
