"""Loading reference data from its files: what an operator running `load_reference_data`
sees for good files, a re-run, and files with mistakes in them.

The files here describe a made-up conflict in Liechtenstein, whose dozen GeoNames places
keep each load quick while going through the same code as the real data."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conflictwatch.core.exceptions import DomainError
from gazetteer.models import Actor, Conflict, ReferenceDataLoad, Settlement, SettlementAlias
from gazetteer.names import normalize_name
from gazetteer.services import reference_data_load

CONFLICTS = """\
conflicts:
  - key: alpine
    name: Alpine test conflict
    countries: [LI]
    sides:
      - {key: north, name: Northern League, agent_terms: [northern troops]}
      - {key: south, name: Southern Union, state_country: LI}
"""
ACTORS = """\
conflict: alpine
actors:
  - key: north-command
    name: Northern Command
    kind: military
    side: north
    aliases: [the northern command, Нордкоманд]
"""
SETTLEMENTS = """\
settlements:
  - key: li-hochweiler
    name: Hochweiler
    country: LI
    latitude: 47.15
    longitude: 9.55
    aliases:
      - {name: Hochwiler, kind: transliteration}
      - {name: Хохвайлер, kind: other-language, language: ru}
party_names:
  - {geonameid: 3042030, settlement: Vaduz, name: Nordvaduz, conflict: alpine, side: north}
"""


def write(directory: Path, **files: str) -> Path:
    for name, text in files.items():
        path = directory / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return directory


@pytest.fixture
def reference(tmp_path):
    return write(
        tmp_path,
        **{"conflicts.yaml": CONFLICTS, "actors__alpine.yaml": ACTORS},
        **{"settlements.yaml": SETTLEMENTS},
    )


def quiet(**kwargs):
    return reference_data_load(progress=lambda _message: None, **kwargs)


@pytest.mark.django_db
def test_a_load_brings_conflicts_sides_actors_and_places_with_their_other_names(reference):
    report = quiet(directory=reference)

    assert not report.skipped
    conflict = Conflict.objects.get(key="alpine")
    assert sorted(conflict.sides.values_list("key", flat=True)) == ["north", "south"]
    assert Actor.objects.get(key="north-command").side.key == "north"
    village = Settlement.objects.get(curated_key="li-hochweiler")
    assert village.source == Settlement.Source.CURATED
    # Searched the way the pages search: by the normalised form of the name as typed.
    assert SettlementAlias.objects.get(normalized=normalize_name("Хохвайлер")).settlement == village
    party_name = SettlementAlias.objects.get(name="Nordvaduz")
    assert party_name.settlement.name == "Vaduz" and party_name.side.key == "north"
    assert report.counts["geonames"] == Settlement.objects.filter(country="LI").count() - 1


@pytest.mark.django_db
def test_an_unchanged_rerun_is_skipped_and_a_forced_one_adds_no_rows(reference):
    quiet(directory=reference)
    rows = (Settlement.objects.count(), SettlementAlias.objects.count(), Actor.objects.count())

    assert quiet(directory=reference).skipped
    assert not quiet(directory=reference, force=True).skipped
    assert rows == (
        Settlement.objects.count(),
        SettlementAlias.objects.count(),
        Actor.objects.count(),
    )
    assert ReferenceDataLoad.objects.count() == 2


@pytest.mark.django_db
def test_files_saved_with_windows_line_endings_load_the_same(tmp_path):
    crlf = {
        "conflicts.yaml": CONFLICTS.replace("\n", "\r\n"),
        "actors__alpine.yaml": ACTORS.replace("\n", "\r\n"),
    }
    quiet(directory=write(tmp_path, **crlf), gazetteer=False)
    assert Actor.objects.get(key="north-command").aliases.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "No conflicts.yaml"),
        ({"conflicts.yaml": "conflicts: [unclosed"}, "conflicts.yaml cannot be read"),
        ({"conflicts.yaml": "conflicts:\n  - name: No key\n"}, "conflicts entry 1 has no `key`"),
        ({"conflicts.yaml": "conflicts: just text\n"}, "`conflicts` must be a list"),
        ({"conflicts.yaml": "conflicts:\n  - plain\n"}, "must be a mapping"),
        (
            {"conflicts.yaml": f"conflicts:\n  - {{key: x, name: {'N' * 201}}}\n"},
            "`name` is over 200 characters",
        ),
        (
            {"conflicts.yaml": CONFLICTS, "actors__alpine.yaml": ACTORS.replace("north", "west")},
            "unknown side west",
        ),
        (
            {"conflicts.yaml": CONFLICTS, "settlements.yaml": SETTLEMENTS.replace("47.15", "147")},
            "Reference data not loaded",
        ),
        (
            {
                "conflicts.yaml": CONFLICTS,
                "settlements.yaml": SETTLEMENTS.replace("3042030", "not-a-number"),
            },
            "Reference data not loaded",
        ),
        (
            {
                "conflicts.yaml": CONFLICTS
                + "    state_holders:\n      country: LI\n      held_by: [{side: east}]\n"
            },
            "state holder 'east' is no side",
        ),
    ],
    ids=[
        "empty-directory",
        "malformed-yaml",
        "missing-key",
        "not-a-list",
        "not-a-mapping",
        "huge-name",
        "unknown-side",
        "latitude-out-of-range",
        "geonameid-not-a-number",
        "state-holder-not-a-side",
    ],
)
def test_a_bad_file_is_refused_with_where_and_what_and_nothing_is_kept(tmp_path, files, message):
    with pytest.raises(DomainError, match=message):
        quiet(directory=write(tmp_path, **files))
    assert not Conflict.objects.exists()
    assert not ReferenceDataLoad.objects.exists()


@pytest.mark.django_db
def test_the_command_reports_a_bad_file_as_a_command_error(tmp_path):
    write(tmp_path, **{"conflicts.yaml": "conflicts:\n  - key: x\n"})
    with pytest.raises(CommandError, match="conflicts entry 1 has no `name`"):
        call_command("load_reference_data", directory=tmp_path, verbosity=0)


@pytest.mark.django_db
def test_the_shipped_reference_files_load(capsys):
    call_command("load_reference_data", verbosity=1)
    assert Conflict.objects.filter(key="russia-ukraine").exists()
    # Russia's name for Toretsk (a party name) finds it among the places of that name.
    namesakes = Settlement.objects.filter(aliases__normalized="dzerzhinsk", country="UA")
    assert "Toretsk" in {place.name for place in namesakes}
    assert "conflicts:" in capsys.readouterr().out
