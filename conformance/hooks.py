"""schemathesis hooks for the conformance run (docs/conformance.md).

They keep generated requests away from the two documented server bugs the fake reproduces
(``description`` and unknown volume types both end in an HTML 500), and mix real ids of the
fake server's world into generated bodies and paths, so the success paths (201, 200, 204) are
exercised and their bodies checked against the schema, not only the 400s and 404s.
"""

import os
import re

import requests
import schemathesis
from hypothesis import strategies as st

BASE = os.environ["FAKE_WALDUR_URL"].rstrip("/")
HEADERS = {"Authorization": "Token " + os.environ["FAKE_WALDUR_TOKEN"]}


def _get(path):
    response = requests.get(BASE + path, headers=HEADERS, timeout=10)
    response.raise_for_status()
    return response.json()


RESOURCES = _get("/api/marketplace-resources/?offering_type=OpenStack.Tenant&page_size=300")
OFFERINGS = _get("/api/marketplace-public-offerings/?type=OpenStack.Tenant&page_size=300")
VOLUME_TYPES = [item["uuid"] for item in _get("/api/openstack-volume-types/?page_size=300")]
MIGRATIONS = [item["uuid"] for item in _get("/api/openstack-migrations/?page_size=300")]

# Source, offering and plan triples the server accepts: sources with limits in projects the
# user may order in, plans that are neither archived nor full.
VALID_IDS = [
    {"src_resource": resource["uuid"], "dst_offering": offering["uuid"], "dst_plan": plan["uuid"]}
    for resource in RESOURCES
    if resource["limits"] and resource["project_name"] != "Physics Lab"
    for offering in OFFERINGS
    for plan in offering["plans"]
    if not plan["archived"] and plan["name"] != "Pilot"
]


UUID = re.compile(r"^(urn:uuid:)?\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?$")


def _known_volume_type(value):
    """Maps a well-formed uuid onto a volume type that exists (unknown ones make the server
    answer 500); malformed values stay, so negative cases still get their 400."""
    if not isinstance(value, str) or not UUID.match(value):
        return value
    return VOLUME_TYPES[sum(map(ord, value)) % len(VOLUME_TYPES)]


def _avoid_server_bugs(body):
    if not isinstance(body, dict):
        return body
    body = dict(body)
    body.pop("description", None)
    mappings = body.get("mappings")
    if isinstance(mappings, dict) and isinstance(mappings.get("volume_types"), list):
        mappings = dict(mappings)
        mappings["volume_types"] = [
            {key: _known_volume_type(value) if key.endswith("_type_uuid") else value for key, value in pair.items()}
            if isinstance(pair, dict)
            else pair
            for pair in mappings["volume_types"]
        ]
        body["mappings"] = mappings
    return body


@schemathesis.hook
def flatmap_body(context, body):
    body = _avoid_server_bugs(body)
    keys = ("src_resource", "dst_offering", "dst_plan")
    well_formed = isinstance(body, dict) and all(isinstance(body.get(key), str) and UUID.match(body[key]) for key in keys)
    if context.operation.method.upper() == "POST" and well_formed:
        # Well-formed but random ids name nothing; half the time use ids that exist.
        return st.one_of(st.just(body), st.sampled_from(VALID_IDS).map(lambda ids: {**body, **ids}))
    return st.just(body)


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    if path_parameters and "uuid" in path_parameters and MIGRATIONS:
        return st.one_of(
            st.just(path_parameters),
            st.sampled_from(MIGRATIONS).map(lambda uuid: {**path_parameters, "uuid": uuid}),
        )
    return st.just(path_parameters)

