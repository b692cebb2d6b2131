pytest_plugins = [
    "tests.servers.fixtures",
    "tests.buses",
    "tests.databases",
    "tests.monolith",
    "tests.services",
    "tests.e2e.topologies",
    "tests.e2e.browser",
]
