"""The authority registries under tei/authority/ and their loader."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from pipeline.conventions.kinds import KINDS
from pipeline.conventions.text import strip_brackets
from pipeline.entities.registry import load_registry
from pipeline.errors import EditionError
from pipeline.validate.teiall import jing_command, run_jing, tei_all_schema
from pipeline.xmlsafe import NSMAP, XML_ID, parse_file, tei

ROOT = Path(__file__).resolve().parents[1]
AUTHORITY = ROOT / "tei" / "authority"
SEED = ROOT / "tei" / "source" / "tactics-and-tasks.md"
FILES = [spec.filename for spec in KINDS]


@pytest.fixture(scope="module")
def registry():
    return load_registry(AUTHORITY)


# --- the files ---------------------------------------------------------------------


@pytest.mark.parametrize("spec", KINDS, ids=lambda s: s.filename)
def test_file_is_a_tei_document_with_header_and_standoff_list(spec):
    root = parse_file(AUTHORITY / spec.filename).getroot()
    assert root.tag == tei("TEI")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    header = root.find(tei("teiHeader"))
    assert header is not None
    title = header.findtext("tei:fileDesc/tei:titleStmt/tei:title", namespaces=NSMAP)
    assert title.startswith("Register of ")
    assert header.find("tei:fileDesc/tei:publicationStmt", NSMAP) is not None
    source = "".join(header.find("tei:fileDesc/tei:sourceDesc", NSMAP).itertext())
    assert "drawn from the editorial notes and text" in source
    assert root.find(tei("text")) is None  # teiHeader + standOff only
    entries = root.findall(f"tei:standOff/tei:{spec.list_tag}/tei:{spec.entry_tag}", NSMAP)
    assert len(entries) >= 13


@pytest.mark.parametrize("name", FILES)
def test_file_is_valid_against_tei_all(name):
    if jing_command() is None or tei_all_schema() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jing or tei_all.rng missing, and CI=true requires them")
        pytest.skip("jing or tei_all.rng not installed")
    found = run_jing([AUTHORITY / name])
    assert [str(d) for d in found if d.severity == "error"] == []


def test_ids_are_unique_and_prefixed_by_kind():
    seen: set[str] = set()
    for spec in KINDS:
        root = parse_file(AUTHORITY / spec.filename).getroot()
        for el in root.iter(tei(spec.entry_tag)):
            entry_id = el.get(XML_ID)
            assert re.fullmatch(rf"{spec.kind}-[a-z0-9]+(-[a-z0-9]+)*", entry_id), entry_id
            assert entry_id not in seen
            seen.add(entry_id)
    assert len(seen) == 73


def test_entry_counts_per_kind(registry):
    counts = {spec.kind: len(registry.of_kind(spec.kind)) for spec in KINDS}
    assert counts == {"person": 20, "org": 18, "place": 13, "work": 22}


REQUIRED = {
    "person": """trotsky lenin stalin zinoviev kamenev rakovsky beloborodov lominadze syrtsov
        piatakov muralov kossior kasparova okudzhava besedovsky yakovin solntsev stopalov
        rogovin weiss""",
    "org": """vkp comintern ecci gpu democratic-centralists mensheviks komsomol central-committee
        central-control-commission wsws sep joint-opposition left-opposition zinovievists""",
    "place": """verkhne-uralsk verkhne-uralsk-isolator moscow leningrad germany china
        soviet-ukraine caucasus aviapribor putilov-factory france paris detroit""",
    "work": """declaration-46 new-course declaration-1926 declaration-83 platform-13
        at-a-new-stage declaration-1929-10-04 declaration-four declaration-seven
        august-postcard letter-beloborodov-1928 letter-1930-08-08
        resolution-11th-congress-trade-unions theses-third-congress
        rogovin-bolsheviks-against-stalinism our-differences-decists bulletin-opposition
        crisis-of-the-revolution lecture-stalinist-bureaucracy""",
}


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_required_entries_present(registry, kind):
    for slug in REQUIRED[kind].split():
        entry = registry[f"{kind}-{slug}"]
        assert entry.kind == kind
        assert entry.main


@pytest.mark.parametrize(
    ("entry_id", "variant"),
    [
        ("person-trotsky", "Tr[otsky]"),
        ("person-trotsky", "L. T[rotsky]"),
        ("person-trotsky", "L.T."),
        ("person-lominadze", "Lominad[ze]"),
        ("person-besedovsky", "Besedovskys"),
        ("person-kasparova", "Varvara Kasporova"),
        ("person-yakovin", "Grigory Yakovín"),
        ("org-zinovievists", "Leningrad opposition"),
        ("org-democratic-centralists", "Decists"),
        ("org-democratic-centralists", "D[emocratic] C[entrist]"),
        ("org-vkp", "VKP (b)"),
        ("org-vkp", "Soviet Communist Party"),
        ("org-comintern", "CI"),
        ("org-comintern", "C[ommunist] I[nternational]"),
        ("org-central-control-commission", "Central Control Committee"),
        ("org-wsws", "WSWs"),
        ("org-komsomol", "Komsomol"),
        ("place-aviapribor", "Aviaprivor"),
        ("work-declaration-46", "Declaration of 46"),
        ("work-new-course", "“New Course”"),
        ("work-declaration-four", "“Four”"),
        ("work-declaration-83", "Platform of the 83"),
        ("work-letter-1930-08-08", "letter dated August 8, [19]30"),
    ],
)
def test_variants_are_kept_as_written(registry, entry_id, variant):
    entry = registry[entry_id]
    assert variant in entry.variants
    assert strip_brackets(variant) in entry.match_forms


def test_main_names_are_normalised(registry):
    assert registry["person-trotsky"].main == "Leon Trotsky"
    assert registry["person-kasparova"].main == "Varvara Kasparova"
    assert registry["person-lominadze"].main == "Vissarion Vissarionovich Lominadze"
    assert registry["org-comintern"].main == "Communist International"
    assert registry["work-declaration-46"].main == "Declaration of the 46"
    trotsky = registry["person-trotsky"].element
    assert trotsky.findtext("tei:persName[@type='main']/tei:surname", namespaces=NSMAP) == "Trotsky"
    assert trotsky.findtext("tei:persName[@type='main']/tei:forename", namespaces=NSMAP) == "Leon"
    # A group is an organisation, never a person.
    assert "Zinovievists" in registry.forms and registry.forms["Zinovievists"] == "org-zinovievists"
    assert "Decists" not in registry["org-zinovievists"].match_forms


def test_lominadze_dates_as_note_14_gives_them(registry):
    el = registry["person-lominadze"].element
    assert el.find(tei("birth")).get("when") == "1897"
    assert el.find(tei("death")).get("when") == "1935"
    assert el.find(tei("death")).get("cert") is None
    assert el.findtext(tei("occupation")) == "Party leader in the Caucasus"
    assert "editorial note 14" in "".join(el.find(tei("note")).itertext())


def test_besedovsky_keeps_the_uncertain_death_year(registry):
    el = registry["person-besedovsky"].element
    assert el.find(tei("birth")).get("when") == "1896"
    death = el.find(tei("death"))
    assert (death.get("when"), death.get("cert")) == ("1963", "low")
    notes = [" ".join("".join(n.itertext()).split()) for n in el.findall(tei("note"))]
    assert any('"1896-1963?"' in n and "editorial note 20" in n for n in notes)


def test_no_invented_external_identifiers():
    for name in FILES:
        root = parse_file(AUTHORITY / name).getroot()
        assert root.findall(".//tei:idno", NSMAP) == [], name


def test_person_notes_cite_their_source(registry):
    for entry in registry.of_kind("person"):
        text = " ".join(
            " ".join("".join(n.itertext()).split()) for n in entry.element.findall(tei("note"))
        )
        assert re.search(r"editorial note \d+|introduction|section [IVX]", text), entry.id


# --- works and the URLs of the notes ------------------------------------------------


def _complete_notes_urls() -> set[str]:
    """URLs of the complete (unnumbered) note list: after the last body paragraph, before [1]."""
    md = SEED.read_text(encoding="utf-8")
    start = md.index("The Declaration of 46 was issued")
    end = re.search(r"^\[1\] ", md, re.MULTILINE).start()
    notes = md[start:end]
    urls = set(re.findall(r"<(https?://[^>]+)>", notes))
    urls |= set(re.findall(r"\]\((https?://[^)]+)\)", notes))
    return urls


def _work_targets(registry) -> dict[str, str]:
    return {
        ref.get("target"): entry.id
        for entry in registry.of_kind("work")
        for ref in entry.element.findall(tei("ref"))
    }


def test_every_url_of_the_notes_is_on_its_work(registry):
    urls = _complete_notes_urls()
    assert len(urls) == 10
    targets = _work_targets(registry)
    assert urls <= set(targets), urls - set(targets)
    assert (
        targets["https://www.wsws.org/en/articles/2023/10/16/yyac-o16.html"]
        == "work-declaration-46"
    )
    assert targets["https://iskra-research.org/Fl/BO/BO-06.shtml"] == "work-declaration-1929-10-04"
    assert targets["https://iskra-research.org/Fl/BO/BO-17.shtml"] == "work-declaration-four"
    assert (
        targets["https://docs.historyrussia.org/ru/nodes/354792"]
        == "work-resolution-11th-congress-trade-unions"
    )
    assert (
        targets["https://wikirouge.net/texts/en/Letter_to_Alexander_Beloborodov,_May_23,_1928"]
        == "work-letter-beloborodov-1928"
    )


def test_corrupted_urls_of_the_numbered_list_are_not_used(registry):
    targets = " ".join(_work_targets(registry))
    for corrupted in ("ElH/BO", "FI/BO", "uscib.org", "prodati.htm", "econlib.org", "\\"):
        assert corrupted not in targets


def test_work_dates_and_authors(registry):
    def date(entry_id):
        return registry[entry_id].element.find(tei("date")).attrib

    assert date("work-declaration-46")["when"] == "1923-10-15"
    assert date("work-declaration-83")["when"] == "1927-05-25"
    assert date("work-declaration-1929-10-04")["when"] == "1929-10-04"
    assert dict(date("work-new-course")) == {"from": "1923-12", "to": "1924-01"}
    assert dict(date("work-at-a-new-stage")) == {"when": "1928-01", "cert": "medium"}
    four = registry["work-declaration-four"].element
    assert [a.get("ref") for a in four.findall(tei("author"))] == [
        "#person-rakovsky",
        "#person-muralov",
        "#person-kossior",
        "#person-kasparova",
    ]


def test_every_ref_inside_the_registries_resolves(registry):
    for entry in registry:
        for target in entry.references():
            assert target in registry, f"{entry.id} -> {target}"


def test_closure_brings_authors_and_publishers(registry):
    ids = [e.id for e in registry.closure(["work-rogovin-bolsheviks-against-stalinism"])]
    assert ids == [
        "person-rogovin",
        "org-mehring-books",
        "place-detroit",
        "work-rogovin-bolsheviks-against-stalinism",
    ]
    ids = [e.id for e in registry.closure(["work-declaration-1929-10-04"])]
    assert "work-bulletin-opposition" in ids and "person-okudzhava" in ids


def test_forms_belong_to_one_entry(registry):
    owners: dict[str, str] = {}
    for entry in registry:
        for form in entry.match_forms:
            assert owners.setdefault(form, entry.id) == entry.id, form
    assert owners == dict(registry.forms)


# --- loading and its cache -----------------------------------------------------------


def test_registry_is_loaded_once_and_reloaded_after_an_edit(tmp_path):
    for name in FILES:
        shutil.copy(AUTHORITY / name, tmp_path / name)
    first = load_registry(tmp_path)
    assert load_registry(tmp_path) is first
    persons = tmp_path / "persons.xml"
    persons.write_text(
        persons.read_text(encoding="utf-8").replace(
            '<persName type="main">Lenin</persName>',
            '<persName type="main">Lenin</persName><persName type="variant">V. I. Lenin</persName>',
        ),
        encoding="utf-8",
    )
    second = load_registry(tmp_path)
    assert second is not first
    assert second.forms["V. I. Lenin"] == "person-lenin"
    assert second["person-lenin"].element.getroottree().getroot().tag == tei("TEI")


# --- bad registries raise exact errors -----------------------------------------------

HEADER = """<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>\
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"""


def write_registry(directory: Path, **lists: str) -> Path:
    """Minimal valid registry files; ``lists[kind]`` is the XML inside that kind's list."""
    for spec in KINDS:
        body = lists.get(spec.kind, "")
        (directory / spec.filename).write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n{HEADER}\n<standOff>\n'
            f"<{spec.list_tag}>\n{body}\n</{spec.list_tag}>\n</standOff>\n</TEI>\n",
            encoding="utf-8",
        )
    return directory


def load_error(directory: Path) -> str:
    with pytest.raises(EditionError) as info:
        load_registry(directory)
    return str(info.value)


def test_minimal_registry_loads(tmp_path):
    write_registry(
        tmp_path,
        person='<person xml:id="person-a"><persName type="main">Anna A</persName>'
        '<persName type="variant">A[nna]</persName>'
        '<idno type="wikidata">Q42</idno><idno type="VIAF">113230702</idno>'
        '<idno type="GND">118624024</idno><idno type="GND">4005728-8</idno></person>',
        work='<bibl xml:id="work-b"><title type="main">B</title></bibl>',
    )
    reg = load_registry(tmp_path)
    assert [e.id for e in reg] == ["person-a", "work-b"]
    assert reg["person-a"].match_forms == ("Anna A", "Anna")
    assert reg["person-a"].line == 5


def test_duplicate_id_across_files(tmp_path):
    write_registry(
        tmp_path,
        person='<person xml:id="person-a"><persName type="main">A</persName></person>',
        org='<org xml:id="person-a"><orgName type="main">B</orgName></org>',
    )
    assert load_error(tmp_path) == (
        f"{tmp_path}/orgs.xml:5: duplicate xml:id 'person-a' "
        f"(first defined at {tmp_path}/persons.xml:5)"
    )


def test_duplicate_id_within_a_file(tmp_path):
    write_registry(
        tmp_path,
        place='<place xml:id="place-a"><placeName type="main">A</placeName></place>\n'
        '<place xml:id="place-a"><placeName type="main">B</placeName></place>',
    )
    # libxml2 itself refuses a repeated xml:id within one document.
    assert (
        load_error(tmp_path)
        == f"{tmp_path}/places.xml:6:24: malformed XML: ID place-a already defined"
    )


def test_id_of_the_wrong_kind(tmp_path):
    write_registry(tmp_path, org='<org xml:id="place-a"><orgName type="main">A</orgName></org>')
    assert (
        load_error(tmp_path)
        == f"{tmp_path}/orgs.xml:5: xml:id 'place-a' in orgs.xml must start with 'org-'"
    )


def test_id_not_lowercase_ascii(tmp_path):
    write_registry(
        tmp_path,
        person='<person xml:id="person-Trotsky"><persName type="main">T</persName></person>',
    )
    assert load_error(tmp_path) == (
        f"{tmp_path}/persons.xml:5: xml:id 'person-Trotsky' "
        "must be 'person-', 'org-', 'place-' or 'work-' "
        "and lowercase ASCII words joined by '-'"
    )


def test_entry_without_id(tmp_path):
    write_registry(tmp_path, person='<person><persName type="main">T</persName></person>')
    assert load_error(tmp_path) == f"{tmp_path}/persons.xml:5: <person> without xml:id"


def test_entry_without_main_name(tmp_path):
    write_registry(tmp_path, work='<bibl xml:id="work-a"><title type="variant">A</title></bibl>')
    assert load_error(tmp_path) == f"{tmp_path}/works.xml:5: 'work-a' has no <title type=\"main\">"


def test_entry_with_two_main_names(tmp_path):
    write_registry(
        tmp_path,
        person=(
            '<person xml:id="person-a">\n<persName type="main">A</persName>\n'
            '<persName type="main">B</persName></person>'
        ),
    )
    assert load_error(tmp_path) == (
        f"{tmp_path}/persons.xml:7: 'person-a' has 2 <persName type=\"main\">; "
        "exactly one is allowed"
    )


def test_empty_variant(tmp_path):
    write_registry(
        tmp_path,
        org=(
            '<org xml:id="org-a"><orgName type="main">A</orgName>\n'
            '<orgName type="variant"> </orgName></org>'
        ),
    )
    assert load_error(tmp_path) == f"{tmp_path}/orgs.xml:6: 'org-a' has an empty variant orgName"


def test_variant_of_only_brackets_is_empty(tmp_path):
    write_registry(
        tmp_path,
        org=(
            '<org xml:id="org-a"><orgName type="main">A</orgName>'
            '<orgName type="variant">[]</orgName></org>'
        ),
    )
    assert load_error(tmp_path) == f"{tmp_path}/orgs.xml:5: 'org-a' has an empty variant orgName"


@pytest.mark.parametrize(
    ("scheme", "value", "expected"),
    [
        ("wikidata", "Q0", "a Wikidata item id (Q followed by digits)"),
        ("wikidata", "33391", "a Wikidata item id (Q followed by digits)"),
        ("wikidata", "Q33391 ", None),  # surrounding whitespace is tolerated
        ("VIAF", "0123", "a VIAF id (2 to 22 digits)"),
        ("VIAF", "7", "a VIAF id (2 to 22 digits)"),
        ("viaf", "97006051", None),
        ("GND", "11862402", "a GND id (for example 118623761 or 4004733-1)"),
        ("GND", "abc", "a GND id (for example 118623761 or 4004733-1)"),
        ("GND", "2026245-1", None),
        ("GND", "118624024", None),
    ],
)
def test_idno_format(tmp_path, scheme, value, expected):
    write_registry(
        tmp_path,
        person=f'<person xml:id="person-a"><persName type="main">A</persName>\n'
        f'<idno type="{scheme}">{value}</idno></person>',
    )
    if expected is None:
        assert load_registry(tmp_path)["person-a"].main == "A"
    else:
        assert load_error(tmp_path) == (
            f"{tmp_path}/persons.xml:6: 'person-a' has a malformed {scheme} idno "
            f"'{value.strip()}': expected {expected}"
        )


def test_same_form_in_two_entries(tmp_path):
    write_registry(
        tmp_path,
        person='<person xml:id="person-a"><persName type="main">Lenin</persName></person>',
        work=(
            '<bibl xml:id="work-a"><title type="main">Works</title>'
            '<title type="variant">Len[in]</title></bibl>'
        ),
    )
    assert load_error(tmp_path) == (
        f"{tmp_path}/works.xml:5: form 'Lenin' of 'work-a' is also a form of 'person-a' "
        f"({tmp_path}/persons.xml:5)"
    )


def test_missing_file(tmp_path):
    write_registry(tmp_path)
    (tmp_path / "places.xml").unlink()
    assert load_error(tmp_path) == f"{tmp_path}/places.xml: no such file"


def test_missing_list(tmp_path):
    write_registry(tmp_path)
    (tmp_path / "orgs.xml").write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<standOff><listPlace/></standOff></TEI>',
        encoding="utf-8",
    )
    assert load_error(tmp_path) == f"{tmp_path}/orgs.xml:1: no <listOrg> in <standOff>"


def test_not_tei(tmp_path):
    write_registry(tmp_path)
    (tmp_path / "works.xml").write_text("<listBibl/>", encoding="utf-8")
    assert (
        load_error(tmp_path)
        == f"{tmp_path}/works.xml:1: root element must be TEI <TEI>, not <listBibl>"
    )


def test_hostile_registry_is_refused(tmp_path):
    write_registry(tmp_path)
    (tmp_path / "persons.xml").write_text(
        '<!DOCTYPE TEI [<!ENTITY x "y">]><TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
        encoding="utf-8",
    )
    assert load_error(tmp_path) == (
        f"{tmp_path}/persons.xml:1:1: DOCTYPE declarations are not allowed "
        "(entities and DTDs are refused)"
    )
