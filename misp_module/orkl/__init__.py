"""ORKL adapters: the API client, the local library, sync and import, look-up of one entry."""
