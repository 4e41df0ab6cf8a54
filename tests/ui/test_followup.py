"""Follow-up questions in the chat: "et en 2023 ?" reuses the previous question."""
import pytest

from registre.ui.followup import follow_up_question

WEEEJOB = "combien pour Weeejob en 2022"


@pytest.mark.parametrize("message, previous, expected", [
    ("et en 2023 ?", WEEEJOB, "combien pour Weeejob en 2023"),
    ("Et en 2023 ?", WEEEJOB + " ?", "combien pour Weeejob en 2023 ?"),
    ("et 2021", WEEEJOB, "combien pour Weeejob en 2021"),
    ("et pour 2021 ?", WEEEJOB, "combien pour Weeejob pour 2021"),
    ("et en mars 2019 ?", WEEEJOB, "combien pour Weeejob en mars 2019"),
    ("et entre 2019 et 2021 ?", WEEEJOB, "combien pour Weeejob entre 2019 et 2021"),
    ("et du 6 octobre 2022 ?", "qui présidait le bureau du 14 avril 2022",
     "qui présidait le bureau du 6 octobre 2022"),
    ("et en 2021 ?", "combien pour Weeejob ?", "combien pour Weeejob en 2021 ?"),
    ("puis en 2020", "quelle subvention pour Forez Entreprendre", "quelle subvention pour Forez Entreprendre en 2020"),
])
def test_a_follow_up_takes_the_previous_question_with_its_new_period(message, previous, expected):
    assert follow_up_question(message, previous) == expected


@pytest.mark.parametrize("message, previous", [
    ("et pour Emmaüs Connect ?", WEEEJOB),            # names an entity: a question of its own
    ("et pour Emmaüs en 2021 ?", WEEEJOB),
    ("combien pour Weeejob en 2023", WEEEJOB),        # a whole question
    ("et en 2023 ?", None),                           # nothing to follow
    ("et l'année suivante ?", WEEEJOB),               # no period named
    ("et en 2023 combien de présents au bureau métropolitain de Saint-Etienne ?", WEEEJOB),
])
def test_other_messages_are_asked_as_typed(message, previous):
    assert follow_up_question(message, previous) == message
