"""MISP adapters: the misp-modules handler, results and event report, the REST client, watch, the server wrapper."""
