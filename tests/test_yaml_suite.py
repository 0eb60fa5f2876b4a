"""The YAML test suite's 94 error cases, each as an entry: exit 1, a finding on the file, no traceback.

The cases are conformance material, not copied into the project: they are read from
`yaml-test-suite-errors/` in the folder CATALOGUE_CONFORMANCE names (default `../shared/conformance`
beside the checkout; see tests/conformance.py). Where it is absent the tests are skipped, unless
CATALOGUE_REQUIRE_CONFORMANCE=1 (as `.ci/run` sets) makes that a failure. PyYAML accepts twelve of
them; what those load to is still no valid testbed, so the validator must reject them all the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from innokatalog.cli import main

from .conformance import conformance_dir, material

PROJECT = Path(__file__).resolve().parents[1]
SUITE = conformance_dir() / "yaml-test-suite-errors"
CASES = sorted(SUITE.glob("*.yml"))
# PyYAML's libyaml loader does not see an error in these (the README lists them); they must still fail
ACCEPTED_BY_PYYAML = {
    *("9C9N", "9JBA", "CVW2", "DK95-01", "G5U8", "QB6E", "S98Z", "SU5Z", "YJV2"),
    *("MUS6-00", "X4QW", "Y79Y-003"),
}


def test_the_suite_is_there_and_complete() -> None:
    suite = material("yaml-test-suite-errors")
    index = (suite / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    assert index[0] == "id\tname\ttags"
    ids = [row.split("\t")[0] for row in index[1:]]
    assert len(ids) == 94
    assert sorted(ids) == [case.stem for case in CASES]
    assert set(ids) >= ACCEPTED_BY_PYYAML


@pytest.mark.parametrize(
    "case",
    CASES or [SUITE / "MISSING"],  # an empty suite must fail, not be skipped as an empty parameter set
    ids=lambda case: case.stem,
)
def test_error_case_is_rejected(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suite = material("yaml-test-suite-errors")
    assert case.is_file(), f"the YAML test suite cases are missing: {suite}"
    folder = tmp_path / "catalogue" / "testbeds"
    folder.mkdir(parents=True)
    (folder / "case.yml").write_bytes(case.read_bytes())
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(
        main, ["validate", "catalogue", "--schema-dir", str(PROJECT / "schema"), "--format", "json"]
    )

    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors, report
    assert {f["path"] for f in report["findings"]} == {"catalogue/testbeds/case.yml"}
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in report["findings"])
    assert report["summary"]["files"] == 1
