"""The API's schemas have distinct names.

Django Ninja names each OpenAPI component after its class; two classes with the same
name in two modules silently become one component, and the published schema then
describes one module's output with the other's fields (a documents list that "lacks"
an officer's role). This was found by the fuzz run; this test names the clash directly.
"""

from collections import defaultdict

from ninja import Schema


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_api_schemas_share_a_name(client):
    client.get("/api/openapi.json")  # imports every router
    seen = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("fazhi."):
            seen[cls.__name__].add(cls.__module__)
    clashes = {name: sorted(mods) for name, mods in seen.items() if len(mods) > 1}
    assert clashes == {}
