"""The `catalogue` command: thin Click commands that parse options and call the core."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from . import __version__
from .findings import REPORTERS, Summary, sort_findings
from .load import load_catalogue
from .schema import SchemaSet
from .validate import Options, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalogue")
def main() -> None:
    """Check, build and export the catalogue of testbeds, innovation projects and contact paths.

    Run the commands from the project folder (the one with catalogue/, schema/ and mkdocs.yml).
    """


@main.command("validate")
@click.argument("directory", default="catalogue", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="text for people, json for programs, github for annotations in GitHub Actions.")
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too, not only on errors.")
@click.option("--stale-after", type=click.IntRange(min=1), default=12, show_default=True, metavar="MONTHS",
              help="Warn about entries whose 'reviewed' date is this many months old or older.")
@click.option("--schema-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("schema"),
              show_default=True, help="Folder with the JSON Schemas.")
def validate_command(directory: Path, output_format: str, strict: bool, stale_after: int, schema_dir: Path) -> None:
    """Check the entries in DIRECTORY (default: catalogue/).

    Reports YAML problems, schema errors, unknown ids, dates and staleness as
    `path:line:column: error|warning: message [code]`. Exit status: 0 valid (warnings
    allowed), 1 errors (or warnings with --strict), 2 usage error.
    """
    schemas = SchemaSet(schema_dir)
    loaded = load_catalogue(directory)
    findings = sort_findings(validate(loaded, schemas, Options(today=dt.date.today(), stale_after_months=stale_after)))
    summary = Summary.of(findings, loaded.files)
    color = None if sys.stdout.isatty() and "NO_COLOR" not in os.environ else False
    REPORTERS[output_format](color=color).report(findings, summary)
    if summary.errors or (strict and summary.warnings):
        sys.exit(1)


@main.command("build")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to build into (default: site_dir of mkdocs.yml, public/).")
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' own progress messages.")
def build_command(output: Path | None, verbose: bool) -> None:
    """Validate, then build the site with search index and open data.

    Refuses to build an invalid catalogue (exit 1, the same findings as validate). The site is
    built in a temporary folder and swapped into place, so a failed build leaves the previous
    output untouched.
    """
    from .build import build_site
    from .plugin import CatalogueError

    try:
        target = build_site(Path.cwd(), output, quiet=not verbose)
    except CatalogueError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Built the site into {os.path.relpath(target)}")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve_command(host: str, port: int) -> None:
    """Preview the site and rebuild it when an entry, schema or page changes.

    A change that makes the catalogue invalid prints the findings and keeps serving the last good
    site, with a notice on the page.
    """
    from .serve import serve

    serve(Path.cwd(), host, port, click.echo)
