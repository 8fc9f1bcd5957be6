"""The engine: entry model and reader, galaxy index, name scan, matching with evidence, attribution, taxonomy.

It knows nothing of HTTP, MISP or the ORKL API, and opens no file it was not handed."""
