"""The `catalogue` command: thin Click commands that parse options and call the core."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .engines import ENGINES
from .findings import REPORTERS, Summary, display_path, sort_findings
from .load import load_catalogue
from .project import Project, catalogue_of, is_kind_folder
from .schema import SchemaSet, SchemaSetError
from .validate import Options, validate

if TYPE_CHECKING:
    from .github_api import GitHub
    from .stale import UnitStatus


def load_schemas(schema_dir: Path) -> SchemaSet:
    """The schemas, or a usage error (exit 2) that says which file is missing or broken."""
    try:
        return SchemaSet(schema_dir)
    except SchemaSetError as error:
        raise click.UsageError(f"--schema-dir: {error}") from None


def here() -> Project:
    """The project the user stands in (found by walking up to the folder with catalogue/ and schema/)."""
    return Project.around(Path.cwd())


def site_root() -> Path:
    """The project folder to build, from wherever inside it the user stands."""
    return here().root or Path.cwd()


def catalogue_folder(directory: Path | None, project: Project) -> Path:
    """The catalogue folder given, else the project's; a usage error (exit 2) when there is none."""
    folder = directory or project.catalogue_dir
    if not folder.is_dir():
        raise click.UsageError(
            f"no catalogue folder here: '{display_path(folder)}' does not exist. Run the command inside "
            "the project (the folder with catalogue/ and schema/), or name the catalogue folder"
        )
    return folder


def load_valid_or_exit(directory: Path | None, schema_dir: Path | None):
    """The validated catalogue and its schemas; on errors, print the findings and exit 1."""
    from .build import CatalogueError, load_valid_catalogue

    project = here()
    directory = catalogue_folder(directory, project).resolve()
    schema_dir = (schema_dir or project.schema_dir).resolve()
    load_schemas(schema_dir)
    try:
        return load_valid_catalogue(Path.cwd(), str(directory), str(schema_dir))
    except CatalogueError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


schema_dir_option = click.option(
    "--schema-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder with the JSON Schemas (default: schema/ of the project, else the ones shipped with "
    "the command).",
)
catalogue_argument = click.argument(
    "directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalogue")
def main() -> None:
    """Check, build and export the catalogue of testbeds, innovation projects and contact paths.

    Run them anywhere in the project: they find its folder (the one with catalogue/ and schema/)
    by looking upwards, and print paths relative to where you stand.
    """


@main.command("validate")
@click.argument("targets", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for annotations in GitHub Actions.",
)
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too, not only on errors.")
@click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    metavar="MONTHS",
    help="Warn about entries whose 'confirmed' date (the owning unit's check) is this many months old or older.",
)
@click.option(
    "--changed",
    is_flag=True,
    help="Report only entries changed since --base (by git), and the entries that refer to them.",
)
@click.option(
    "--base",
    default=None,
    metavar="REF",
    help="Git ref to compare with for --changed (default: origin/$GITHUB_BASE_REF, else origin/main).",
)
@click.option(
    "--catalogue-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The catalogue folder, when TARGETS are single files or --changed is used "
    "(default: the one the files are in, else catalogue/ of the project).",
)
@schema_dir_option
def validate_command(
    targets: tuple[Path, ...],
    output_format: str,
    strict: bool,
    stale_after: int,
    changed: bool,
    base: str | None,
    catalogue_dir: Path | None,
    schema_dir: Path | None,
) -> None:
    """Check the catalogue, or just some files in it.

    TARGETS is a catalogue folder (default: catalogue/ of the project), a kind folder such as
    catalogue/testbeds/, or entry files: then only those files and the entries that refer to them
    are reported (the whole catalogue is still read, so references are checked). News posts
    (site/news/*.md) are checked with the whole catalogue, or when named.
    Findings read `path:line:column: error|warning: message [code]`.
    Exit status: 0 valid (warnings allowed), 1 errors (or warnings with --strict), 2 usage error.
    """
    from .selection import changed_files, select_findings

    folders = [t for t in targets if t.is_dir()]
    files = [t for t in targets if not t.is_dir()]
    if len(folders) > 1 or (folders and files):
        raise click.UsageError("give one catalogue folder, or entry files, not both")
    project = Project.around(targets[0] if targets else Path.cwd())
    kind_folder = folders[0].resolve() if folders and is_kind_folder(folders[0]) else None
    if kind_folder is not None:
        root = kind_folder.parent
    elif folders:
        root = folders[0]
    else:
        root = catalogue_dir or next(filter(None, map(catalogue_of, files)), None) or project.catalogue_dir
    root = catalogue_folder(root, project)
    posts = [f for f in files if f.suffix == ".md"]
    files = [f for f in files if f.suffix != ".md"]
    if changed:
        try:
            files += changed_files(root, base)
        except RuntimeError as error:
            raise click.UsageError(str(error)) from None
    schemas = load_schemas(schema_dir or project.schema_dir)
    loaded = load_catalogue(root)
    findings = validate(loaded, schemas, Options(today=dt.date.today(), stale_after_months=stale_after))
    own_catalogue = root.resolve() == project.catalogue_dir.resolve()  # settings and news are its
    findings += project_findings(root, loaded, project if own_catalogue else None)
    files_checked = loaded.files
    if kind_folder is not None:
        findings = [f for f in findings if Path(f.path).resolve().parent == kind_folder]
        files_checked = sum(1 for e in kind_folder.iterdir() if e.suffix in (".yml", ".yaml"))
    elif files or changed or posts:
        findings, files_checked = select_findings(loaded, findings, files)
    if (own_catalogue and not (kind_folder or files or changed)) or posts:
        news_findings, news_files = check_news(project, loaded, schemas, posts)
        findings += news_findings
        files_checked += news_files
    findings = sort_findings(findings)
    summary = Summary.of(findings, files_checked)
    color = None if sys.stdout.isatty() and "NO_COLOR" not in os.environ else False
    REPORTERS[output_format](color=color).report(findings, summary)
    if summary.errors or (strict and summary.warnings):
        sys.exit(1)


def check_news(project: Project, loaded, schemas: SchemaSet, posts: list[Path]) -> tuple[list, int]:
    """Findings for the news posts (all of site/news/, or the posts named), and how many were read."""
    from .news import news_dir, validate_posts

    folder = news_dir(project.root) if project.root else None
    if not posts and (folder is None or not folder.is_dir()):
        return [], 0
    ids = {(entry.kind, entry.id) for entry in loaded.entries}
    return validate_posts(posts or None, folder, schemas, ids)


def project_findings(root: Path, loaded, project: Project | None) -> list:
    """Checks of the project around the catalogue: CODEOWNERS in step with the units' teams.

    `project` gives the settings (the fallback reviewers) when the catalogue is the project's own.
    """
    from .codeowners import (
        FALLBACK_SETTING,
        codeowners_finding,
        expected_codeowners,
        fallback_finding,
        team_findings,
    )
    from .model import Catalogue

    fallback = project.setting(FALLBACK_SETTING) if project else ""
    settings_problem = fallback_finding(project.root / "pyproject.toml", fallback) if fallback else None
    if settings_problem:
        return [settings_problem]
    path = root.resolve().parent / ".github" / "CODEOWNERS"
    expected = expected_codeowners(Catalogue(loaded.entries), root.resolve().name, fallback)
    finding = codeowners_finding(path, expected)
    return ([finding] if finding else []) + team_findings(loaded.entries, fallback)


@main.command("codeowners")
@catalogue_argument
def codeowners_command(directory: Path | None) -> None:
    """Write .github/CODEOWNERS from the units' github_team fields.

    Each entry is reviewed by its unit's team. The team named by `fallback_reviewers` in
    `[tool.catalogue]` of pyproject.toml (empty as shipped) reviews entries whose unit has none.
    """
    from .codeowners import FALLBACK_SETTING, expected_codeowners, fallback_finding
    from .model import Catalogue

    project = here()
    directory = catalogue_folder(directory, project).resolve()
    fallback = project.setting(FALLBACK_SETTING)
    problem = fallback_finding(project.root / "pyproject.toml", fallback) if project.root else None
    if problem:
        raise click.UsageError(f"{problem.path}: {problem.message}")
    target = directory.parent / ".github" / "CODEOWNERS"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        expected_codeowners(Catalogue(load_catalogue(directory).entries), directory.name, fallback),
        encoding="utf-8",
    )
    click.echo(f"Wrote {display_path(target)}")


@main.command("build")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to build into (default: site_dir of mkdocs.yml, public/).",
)
@click.option(
    "--engine",
    type=click.Choice(sorted(ENGINES)),
    default=None,
    help="Site engine (default: [tool.catalogue] engine in pyproject.toml, else mkdocs).",
)
@click.option("--site-url", default=None, help="The site's public address (default: site_url of mkdocs.yml).")
@click.option("--verbose", "-v", is_flag=True, help="Show the engine's own progress messages.")
def build_command(output: Path | None, engine: str | None, site_url: str | None, verbose: bool) -> None:
    """Validate, then build the site with search index and open data.

    Refuses to build an invalid catalogue (exit 1, the same findings as validate). The site is
    built in a temporary folder and swapped into place, so a failed build leaves the previous
    output untouched.
    """
    from .build import CatalogueError, build_site

    try:
        target = build_site(site_root(), output, quiet=not verbose, engine=engine, site_url=site_url)
    except CatalogueError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Built the site into {os.path.relpath(target)}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--engine",
    type=click.Choice(sorted(ENGINES)),
    default=None,
    help="Site engine (default: [tool.catalogue] engine in pyproject.toml, else mkdocs).",
)
def serve_command(host: str, port: int, engine: str | None) -> None:
    """Preview the site and rebuild it when an entry, schema or page changes.

    A change that makes the catalogue invalid prints the findings and keeps serving the last good
    site, with a notice on the page. A port in use is a usage error (exit 2).
    """
    from .build import CatalogueError
    from .serve import PortInUse, serve

    try:
        serve(site_root(), host, port, click.echo, engine=engine)
    except PortInUse as error:
        raise click.UsageError(str(error)) from None
    except CatalogueError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


@main.command("new")
@click.argument("kind", type=click.Choice(["unit", "testbed", "project", "contact", "opportunity"]))
@click.option(
    "--set",
    "values",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Give a field's value instead of being asked, e.g. --set id=my-lab --set name.sv='Mitt labb' "
    "--set audiences=companies,startups. Repeat for each field.",
)
@click.option("--no-input", is_flag=True, help="Never ask; every required field must be given with --set.")
@click.option(
    "--catalogue-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Catalogue folder to write into (default: catalogue/ of the project).",
)
@schema_dir_option
def new_command(
    kind: str, values: tuple[str, ...], no_input: bool, catalogue_dir: Path | None, schema_dir: Path | None
) -> None:
    """Write a new KIND entry (unit, testbed, project, contact or opportunity) from the schema.

    Asks for each required field, showing what the schema allows, and checks each answer as it is
    typed. Optional fields are written as commented hints. The file starts with a line that lets
    editors such as VS Code autocomplete from the schema.
    """
    from . import scaffold

    project = here()
    catalogue_dir = catalogue_dir or project.catalogue_dir
    schemas = load_schemas(schema_dir or project.schema_dir)
    known = {k: set() for k in scaffold.PLURALS}
    for entry in load_catalogue(catalogue_dir).entries if catalogue_dir.is_dir() else []:
        known[entry.kind].add(entry.id)
    given = dict(v.split("=", 1) for v in values if "=" in v)
    bad = [v for v in values if "=" not in v]
    if bad:
        raise click.UsageError(f"--set needs FIELD=VALUE (got {bad[0]!r})")
    data: dict = {}
    preset = scaffold.defaults(kind)
    for path, value in preset.items():
        scaffold.set_value(data, path, value)
    for question in scaffold.questions(kind, schemas):
        text = given.pop(question.key, None)
        if text is None and question.path in preset:
            continue
        while True:
            if text is None:
                if no_input:
                    if question.optional:
                        break
                    raise click.UsageError(
                        f"--no-input: give '{question.key}' with --set {question.key}=VALUE"
                    )
                text = _ask(question)
            if not text.strip():
                if question.optional:
                    break
                click.echo(f"  '{question.key}' is required: type a value", err=True)
                if no_input:
                    sys.exit(1)
                text = None
                continue
            scaffold.set_value(data, question.path, scaffold.parse_answer(question, text))
            problems = scaffold.answer_problems(kind, data, question, schemas, known)
            if not problems:
                break
            for problem in problems:
                click.echo(f"  {problem}", err=True)
            if no_input:
                sys.exit(1)
            text = None
    for key, value in given.items():  # optional fields given on the command line
        scaffold.set_value(
            data,
            tuple(int(p) if p.isdigit() else p for p in key.replace("[", ".").replace("]", "").split(".")),
            value,
        )
    text = scaffold.entry_text(kind, data, schemas)
    try:
        path = scaffold.write_entry(catalogue_dir, kind, text, data["id"])
    except FileExistsError:
        existing = catalogue_dir / scaffold.PLURALS[kind] / f"{data['id']}.yml"
        click.echo(f"{display_path(existing)} exists already; nothing written", err=True)
        sys.exit(1)
    problems = scaffold.check_written(path, kind, schemas)
    for finding in problems:
        click.echo(
            f"{finding.path}:{finding.line}:{finding.column}: {finding.severity}: {finding.message} [{finding.code}]",
            err=True,
        )
    click.echo(
        f"Wrote {display_path(path)}; fill in the optional fields you need, then check it with: "
        f"{validate_command_for(project)}"
    )
    if any(f.is_error for f in problems):
        sys.exit(1)


def validate_command_for(project: Project) -> str:
    """What to type to validate: `make validate` in this project's checkout, else the command itself."""
    makefile = project.root / "Makefile" if project.root else None
    if makefile and makefile.is_file() and re.search(r"^validate:", makefile.read_text("utf-8"), re.M):
        return "make validate"
    return "catalogue validate"


def _ask(question) -> str:
    """Prompt for one answer, showing the schema's help, choices and example."""
    help_lines = [question.description]
    if question.choices:
        help_lines.append(
            ("Choose one or more, separated by commas: " if question.many else "One of: ")
            + ", ".join(question.choices)
        )
    if question.example:
        help_lines.append(f"Example: {question.example}")
    if question.optional:
        help_lines.append("(optional: press Enter to leave it out)")
    click.echo("\n".join(f"  {line}" for line in help_lines if line))
    return click.prompt(question.title, default="", show_default=False)


@main.command("report")
@click.option(
    "--year", type=int, default=None, help="The year to report on (default: this year, preliminary)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text for people, json or csv for programs and spreadsheets.",
)
@click.option(
    "--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of labels."
)
@click.option(
    "--publish",
    is_flag=True,
    help="Freeze the year's figures into reports/YEAR.json (commit that file): the site then always "
    "shows them as they are now. Only a year that has ended, and only once.",
)
@catalogue_argument
@schema_dir_option
def report_command(
    year: int | None, output_format: str, lang: str, publish: bool, directory: Path, schema_dir: Path
) -> None:
    """Print the yearly follow-up figures (innovationsbokslut) counted from the catalogue.

    The same figures as the site's report page: a published year as it was frozen, any other
    year counted now as of its 31 December (today for this year) and labelled preliminary.
    Figures a source states are listed apart from the counted ones. Refuses an invalid catalogue
    (exit 1); a year outside the catalogue's data is a usage error (exit 2).
    """
    import json

    from . import report

    today = dt.date.today()
    year = year or today.year
    catalogue, schemas = load_valid_or_exit(directory, schema_dir)
    reports_dir = Path(report.REPORTS_DIR)  # below the project folder, where the command runs
    try:
        published = report.published_reports(reports_dir)
        if year in published and not publish:
            result = published[year]
        else:
            result = report.build_report(catalogue, schemas, year, today)
        if publish:
            path = report.publish(result, reports_dir, today)
            click.echo(
                f"Published {year} in {os.path.relpath(path)}; commit it to keep the figures.", err=True
            )
            result = report.published_reports(reports_dir)[year]
    except report.ReportError as error:
        raise click.UsageError(f"--year {year}: {error}") from None
    if output_format == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(report.report_csv(result, lang), nl=False)
    else:
        click.echo(report.report_text(result, lang))


@main.command("export")
@catalogue_argument
@schema_dir_option
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("public/data"),
    show_default=True,
    help="Folder to write the open-data files into.",
)
@click.option(
    "--site-url",
    default=None,
    help="Absolute address the site is published at (default: site_url of mkdocs.yml).",
)
def export_command(directory: Path, schema_dir: Path, output: Path, site_url: str | None) -> None:
    """Write the open-data files alone: catalogue.json, one CSV per kind, JSON-LD and DCAT-AP-SE.

    The same files every build publishes under /data/. Each file is written whole and renamed
    into place. Refuses an invalid catalogue (exit 1).
    """
    from . import export

    site_url = site_url or configured_site_url((here().root or Path.cwd()) / "mkdocs.yml")
    if not site_url.startswith(("https://", "http://")):
        raise click.UsageError(f"--site-url must be an absolute http(s) address, got {site_url!r}")
    catalogue, schemas = load_valid_or_exit(directory, schema_dir)
    generated = dt.datetime.now(dt.UTC).replace(microsecond=0)
    documents = export.export_documents(catalogue, schemas, site_url, generated)
    try:
        export.write_exports(documents, output)
    except OSError as error:
        raise click.FileError(str(output), hint=str(error)) from None
    click.echo(f"Wrote {len(documents)} files into {output}")


@main.command("stale")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for programs (and the monthly review issues), markdown for a page or an issue.",
)
@click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    metavar="MONTHS",
    help="An entry confirmed this many months ago or more is overdue.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count from this date instead of today (YYYY-MM-DD).",
)
@click.option(
    "--sync-issues",
    is_flag=True,
    help="Open or update one GitHub issue per unit with overdue entries and close the others "
    "(needs GITHUB_REPOSITORY and GITHUB_TOKEN, as GitHub Actions gives them).",
)
@catalogue_argument
@schema_dir_option
def stale_command(
    output_format: str,
    stale_after: int,
    today: dt.datetime | None,
    sync_issues: bool,
    directory: Path,
    schema_dir: Path,
) -> None:
    """List, per unit, its entries by the date the unit last confirmed them.

    Overdue entries (confirmed --stale-after months ago or more) are marked; entries never
    confirmed are listed apart. The same as the site's review status pages. Refuses an invalid
    catalogue (exit 1).
    """
    from .stale import FORMATTERS, review_status

    catalogue, _ = load_valid_or_exit(directory, schema_dir)
    day = today.date() if today else dt.date.today()
    units = review_status(catalogue, day, stale_after)
    if sync_issues:
        sync_review_issues(units, day, stale_after)
        return
    click.echo(FORMATTERS[output_format](units, day, stale_after), nl=False)


def sync_review_issues(units: list[UnitStatus], day: dt.date, stale_after: int) -> None:
    """`catalogue stale --sync-issues`: the review issues brought in line with the status."""
    from .github_api import GitHubError
    from .review_issues import ReviewIssues, plan_issues

    github = ReviewIssues(github_from_environment("--sync-issues"))
    try:
        for action in plan_issues(units, github.open_issues(), day, stale_after):
            click.echo(github.apply(action))
    except GitHubError as error:
        click.echo(f"GitHub: {error}", err=True)
        sys.exit(1)


@main.command("preview")
@click.argument("old_site", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("new_site", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--artifact-url", default="", help="Where the new site can be downloaded (the workflow's artifact)."
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also append the comment to this file (such as $GITHUB_STEP_SUMMARY).",
)
@click.option(
    "--comment",
    "pull_request",
    type=click.IntRange(min=1),
    default=None,
    metavar="NUMBER",
    help="Write the comment on this pull request, replacing our earlier one "
    "(needs GITHUB_REPOSITORY and GITHUB_TOKEN).",
)
def preview_command(
    old_site: Path, new_site: Path, artifact_url: str, output: Path | None, pull_request: int | None
) -> None:
    """Compare two built sites: the pages a change adds, changes or removes, as Markdown.

    OLD_SITE is the site built from the base branch, NEW_SITE the one built from the change.
    """
    from .github_api import GitHubError
    from .preview import COMMENT_MARKER, comment_markdown, compare_sites

    text = comment_markdown(compare_sites(old_site, new_site), artifact_url)
    click.echo(text, nl=False)
    if output is not None:
        with output.open("a", encoding="utf-8") as stream:
            stream.write(text)
    if pull_request is not None:
        github = github_from_environment("--comment")
        try:
            click.echo(github.upsert_comment(pull_request, COMMENT_MARKER, text))
        except GitHubError as error:
            click.echo(f"GitHub: {error}", err=True)
            sys.exit(1)


def github_from_environment(option: str) -> GitHub:
    """The repository's GitHub API client from the variables GitHub Actions sets, or a usage error."""
    from .github_api import DEFAULT_API_URL, GitHub

    repository, token = os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_TOKEN")
    if not repository or not token:
        raise click.UsageError(f"{option} needs GITHUB_REPOSITORY (owner/name) and GITHUB_TOKEN")
    return GitHub(repository, token, os.environ.get("GITHUB_API_URL", DEFAULT_API_URL))


def configured_site_url(config_file: Path) -> str:
    """`site_url` from mkdocs.yml, or the placeholder address when there is none."""
    import yaml

    from .build import DEFAULT_SITE_URL

    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (OSError, yaml.YAMLError):
        return DEFAULT_SITE_URL
    site_url = config.get("site_url") if isinstance(config, dict) else None
    return site_url if isinstance(site_url, str) and site_url else DEFAULT_SITE_URL


if __name__ == "__main__":
    main()
