"""orkl-misp: ORKL reports in, MISP galaxy clusters and public attribution out."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/orkl-misp/orkl-misp"
USER_AGENT = f"orkl-misp/{__version__} (+{PROJECT_URL})"
