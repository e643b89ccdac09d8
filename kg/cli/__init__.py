"""The ``kg`` command line: a thin typer layer over the library API.

Every command parses its options and calls one library function; errors a user can act on
(:class:`kg.errors.KgError`) are printed on one line with a non-zero exit code.
"""

from __future__ import annotations

import sys

from kg.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point (``kg``)."""
    import warnings

    from kg.errors import KgError, OptionError

    warnings.formatwarning = lambda message, *_args, **_kw: f"kg: warning: {message}\n"
    try:
        app()
    except OptionError as exc:  # the library names the setting, the command line its flag
        print(f"kg: error: {exc.with_flags()}", file=sys.stderr)
        sys.exit(1)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        sys.exit(1)
