"""auditor: finds leaked personal data in drafted Chinese government disclosure documents."""

# The one place the version is written (pyproject.toml reads it: [tool.hatch.version]); a literal,
# because importlib.metadata costs a tenth of a second at every start.
__version__ = "0.1.0"
