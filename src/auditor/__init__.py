"""auditor: finds leaked personal data in drafted Chinese government disclosure documents."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("auditor")
except PackageNotFoundError:  # running from a source checkout without installing
    __version__ = "0.0.0"
