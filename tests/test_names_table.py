"""The names table (``Comparison.entities``, ``entity_table``): how runs of capitalised words are read as names."""

from __future__ import annotations

from compare import compare_texts


def rows(*texts: str) -> dict[str, str]:
    """Text -> kind of each row of the names table of ``texts`` (one source each)."""
    return {e.text: e.kind for e in compare_texts(list(texts)).entities}


class TestPossessives:
    def test_a_possessive_inside_a_place_name_is_kept(self) -> None:
        """ "St. Mark’s Square" is one place, not "St Mark" and "Square"."""
        found = rows("Crowds gathered in St. Mark’s Square on Sunday.", "Pigeons filled St. Mark’s Square.")
        assert found.get("St Mark’s Square") == "place"
        assert "Square" not in found and "St Mark" not in found

    def test_a_possessive_before_another_name_still_cuts(self) -> None:
        """ "Kyiv’s European allies" names Kyiv, not "Kyiv’s European"; "Oslo’s City Hall" is Oslo and City Hall."""
        found = rows("Rain fell on Kyiv’s European allies.", "Snow fell on Oslo’s City Hall and on Kyiv.")
        assert "Kyiv" in found
        assert not any("’" in name for name in found)


class TestConnectors:
    def test_a_body_named_with_of_and_for_is_one_row(self) -> None:
        """ "Institute for the Study of Ancient Coins" is one organisation, not "Institute" and "Study"."""
        found = rows(
            "A fellow at the Institute for the Study of Ancient Coins said so.",
            "The Bank of Norway agreed with the Institute for the Study of Ancient Coins.",
        )
        assert found.get("Institute for the Study of Ancient Coins") == "organisation"
        assert found.get("Bank of Norway") == "organisation"
        assert "Study" not in found and "Institute" not in found

    def test_a_title_word_inside_a_body_name_is_kept(self) -> None:
        """ "Ministry of Foreign Affairs", "Council on Foreign Relations", "Department of State" are
        bodies, not "Affairs", "Relations" or "Department"; "Foreign Minister Anna Berg" is still a
        person, and "the Council on Foreign aid" joins nothing."""
        found = rows(
            "The Ministry of Foreign Affairs and the Council on Foreign Relations spoke.",
            "Foreign Minister Anna Berg told the Department of State and the Council on Foreign aid.",
        )
        assert found.get("Ministry of Foreign Affairs") == "organisation"
        assert found.get("Council on Foreign Relations") == "organisation"
        assert found.get("Department of State") == "organisation"
        assert found.get("Anna Berg") == "person"
        assert not {"Affairs", "Relations", "Department", "Council on Foreign"} & set(found)

    def test_of_after_a_name_that_is_no_body_does_not_join(self) -> None:
        """ "Kremlin on Ukraine" and "Paris of Lorraine" stay two names each."""
        found = rows("Pressure grew on the Kremlin on Ukraine.", "She left Paris of Lorraine behind.")
        assert {"Kremlin", "Ukraine", "Paris", "Lorraine"} <= set(found)


class TestParticles:
    def test_lower_case_particles_stay_in_a_name(self) -> None:
        """ "Hans von der Berg" and "Pieter van Dijk" keep their particles (not "Berg", "Dijk")."""
        found = rows("Officials met Hans von der Berg and Pieter van Dijk.", "Later von der Berg left.")
        assert "Hans von der Berg" in found and "Pieter van Dijk" in found
        assert "Berg" not in found and "Dijk" not in found

    def test_a_particle_joins_rows_by_surname(self) -> None:
        """ "von der Berg" alone is the same row as "Hans von der Berg"."""
        c = compare_texts(["Officials met Hans von der Berg.", "Later von der Berg left."])
        (row,) = [e for e in c.entities if e.text == "Hans von der Berg"]
        assert row.units == {"A": ("A0",), "B": ("B0",)}


class TestContractions:
    def test_a_contraction_is_no_name(self) -> None:
        """ "I’d", "I’m", "We’ll" inside a sentence are no names."""
        found = rows("He left because I’d rather stay, and I’m sure.", "Marta Olsen said that We’ll go.")
        assert not any(name.startswith(("I’", "We’", "I'")) for name in found)
        assert "Marta Olsen" in found


class TestKinds:
    def test_a_person_after_a_title_with_a_body_in_it_is_a_person(self) -> None:
        """ "Baltic Transport Ministry Spokeswoman Anna Kowalski" is a person, though "Ministry" names a body."""
        found = rows("Officials say Baltic Transport Ministry Spokeswoman Anna Kowalski left.", "Rain fell.")
        assert found["Anna Kowalski"] == "person"

    def test_a_body_is_still_a_body(self) -> None:
        """A name whose own words name a body stays an organisation."""
        assert (
            rows("The Northern Health Agency said it.", "The Northern Health Agency agreed.")["Northern Health Agency"]
            == "organisation"
        )
