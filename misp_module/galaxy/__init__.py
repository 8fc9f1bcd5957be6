"""misp-galaxy adapters: galaxy and cluster JSON for misp-galaxy maintainers."""
