"""The JSON schemas ship inside the package, versioned with the records that follow them."""

import tomllib
from fnmatch import fnmatch

import jsonschema
import pytest

from sitrep import schema
from sitrep.errors import SitrepError
from sitrep.link.records import SCHEMA_STORIES, stories_to_dict
from sitrep.model import REPORT_KINDS, SCHEMA_ARTICLE, SOURCE_KINDS, STANCES

from .conftest import ROOT


def test_each_schema_names_the_version_its_records_write():
    assert schema.load("article")["properties"]["schema"] == {"const": SCHEMA_ARTICLE}
    assert schema.load("stories")["properties"]["schema"] == {"const": SCHEMA_STORIES}
    for name in schema.SCHEMAS:
        jsonschema.Draft202012Validator.check_schema(schema.load(name))


def test_the_attribution_schema_lists_the_kinds_and_stances_the_records_use():
    properties = schema.load("article")["$defs"]["attribution"]["properties"]
    assert properties["source_kind"]["enum"] == [*SOURCE_KINDS, None]
    assert properties["kind"]["enum"] == list(REPORT_KINDS)
    assert properties["stance"]["enum"] == list(STANCES)


def test_an_empty_story_listing_is_valid_and_a_wrong_version_is_not():
    jsonschema.validate(stories_to_dict([]), schema.load("stories"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema": "sitrep.stories/0", "stories": []}, schema.load("stories"))


def test_an_unknown_schema_lists_the_known_ones():
    with pytest.raises(SitrepError) as error:
        schema.load("events")
    assert error.value.code == "E021" and "article, stories" in str(error.value)


def test_the_schema_files_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sitrep"]
    package = ROOT / "src" / "sitrep"
    files = sorted(p.relative_to(package).as_posix() for p in (package / "schema").glob("*.json"))
    assert files == [f"schema/{name}.schema.json" for name in schema.SCHEMAS]
    assert all(any(fnmatch(f, pattern) for pattern in patterns) for f in files)
