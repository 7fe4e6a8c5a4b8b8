"""Write shapes for bench/bench.py: typical changes driven through the API as their users make them.

wrk sends one fixed body, and a write cannot be repeated as it stands: an update names the
version it read, an application cannot be made twice. So writes are driven from Python: each
worker is one client on one kept-alive connection, with a target of its own (its own cluster to
update, its own organisation-and-cluster pairs to join), reading from each answer what the next
request needs. Every write goes the whole way: the row, the audit entry, the event, the webhook
outbox and the notifications it owes, in one transaction.

A Python client adds its own cost to each request; `driver_ceiling` measures it on the cheapest
request there is, so a reader can tell the server's limit from the driver's."""

import http.client
import json
import random
import threading
import time

WRITE_SHAPES = ["cluster_update", "application_approval", "cooperation_notice"]

EMAIL, PASSWORD = "bench-writer@example.pl", "Writer-bench-2026!x"

UPDATE = ("mutation ($i: UpdateClusterInput!) { updateCluster(input: $i) { cluster { version } "
          "userErrors { code message } } }")
APPLY = ("mutation ($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { membership { id version } "
         "userErrors { code message } } }")
APPROVE = ("mutation ($i: DecideMembershipInput!) { approveMembership(input: $i) { membership { status } "
           "userErrors { code message } } }")
POST_NOTICE = ("mutation ($i: PostCooperationOfferInput!) { postCooperationOffer(input: $i) { offer { id } "
               "userErrors { code message } } }")


class Client:
    """One kept-alive connection to the server, as one browser tab or partner system holds."""

    def __init__(self, port, token=None):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def ask(self, query, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}})
        self.connection.request("POST", "/graphql", body, self.headers)
        response = self.connection.getresponse()
        answer = json.loads(response.read())
        if response.status != 200 or answer.get("errors"):
            raise RuntimeError(f"HTTP {response.status}: {json.dumps(answer)[:500]}")
        return answer["data"]

    def close(self):
        self.connection.close()


def payload(data, field):
    """The payload of a mutation; a user error stops the run, since every input here is valid."""
    answer = data[field]
    if answer["userErrors"]:
        raise RuntimeError(f"{field}: {answer['userErrors']}")
    return answer


def sign_in(port):
    data = Client(port).ask("mutation ($i: SignInInput!) { signIn(input: $i) { session { accessToken } "
                            "userErrors { code message } } }", {"i": {"email": EMAIL, "password": PASSWORD}})
    return payload(data, "signIn")["session"]["accessToken"]


def ids(client, field, count, extra=""):
    """The first `count` rows of a list, by keyset pages of 100."""
    found, after = [], None
    while len(found) < count:
        data = client.ask(f"query ($after: String) {{ {field}(first: 100, after: $after) {{ "
                          f"pageInfo {{ endCursor hasNextPage }} edges {{ node {{ id {extra} }} }} }} }}",
                          {"after": after})
        page = data[field]
        found += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return found[:count]


class Targets:
    """What the workers write to, read once before the load: clusters that take members, each
    worker's own cluster to update, and organisation-and-cluster pairs not yet joined. A
    worker's state (the version it last saved, the next pair) is kept from one load run to the
    next; the last slot is the single operation whose statements are counted."""

    def __init__(self, client, slots):
        clusters = [c for c in ids(client, "clusters", 400, "version status")
                    if c["status"] not in ("INACTIVE", "DISSOLVED")]
        organisations = ids(client, "organisations", 3000)
        if len(clusters) < slots + 1 or not organisations:
            raise RuntimeError("the registry is too small for the write shapes")
        self.owned = clusters[:slots]
        joinable = clusters[slots:]
        pairs = [(o["id"], c["id"]) for o in organisations for c in joinable[:40]]
        random.Random(2026).shuffle(pairs)
        self.pairs = [pairs[w::slots] for w in range(slots)]
        self.organisations = organisations
        self.sectors = [s["code"] for s in client.ask("{ sectors { code } }")["sectors"]]
        self.states = [{} for _ in range(slots)]


def cluster_update(client, targets, worker, state):
    """A coordinator saves the cluster's description: the version read from the last save."""
    cluster = targets.owned[worker]
    state.setdefault("version", cluster["version"])
    state["n"] = state.get("n", 0) + 1
    data = client.ask(UPDATE, {"i": {"id": cluster["id"], "version": state["version"],
                                      "descriptionPl": f"Opis klastra, wersja {state['n']} pracownika {worker}."}})
    state["version"] = payload(data, "updateCluster")["cluster"]["version"]


def application_approval(client, targets, worker, state):
    """An organisation applies to a cluster and its coordinator approves: two requests. A pair
    that is already a member (the synthetic registry's own memberships) is passed over."""
    pairs = targets.pairs[worker]
    while True:
        organisation, cluster = pairs[state.get("next", 0)]
        state["next"] = state.get("next", 0) + 1
        answer = client.ask(APPLY, {"i": {"clusterId": cluster, "organisationId": organisation,
                                          "message": "Prosimy o przyjęcie."}})["applyForMembership"]
        if answer["userErrors"] and answer["userErrors"][0]["code"] == "NOT_UNIQUE":
            continue
        if answer["userErrors"]:
            raise RuntimeError(f"applyForMembership: {answer['userErrors']}")
        membership = answer["membership"]
        payload(client.ask(APPROVE, {"i": {"id": membership["id"], "version": membership["version"]}}),
                "approveMembership")
        return


def cooperation_notice(client, targets, worker, state):
    """An organisation posts a notice on the cooperation board."""
    state["n"] = state.get("n", 0) + 1
    organisation = targets.organisations[(worker * 7919 + state["n"]) % len(targets.organisations)]["id"]
    payload(client.ask(POST_NOTICE, {"i": {
        "organisationId": organisation, "kind": "OFFER", "category": "SUBCONTRACTING",
        "title": f"Obróbka CNC, zlecenie {state['n']}",
        "description": "Wolne moce przerobowe na frezarkach pięcioosiowych od przyszłego miesiąca.",
        "voivodeship": "MAZOWIECKIE",
        "sectors": [targets.sectors[state["n"] % len(targets.sectors)]]}}), "postCooperationOffer")


OPERATIONS = {"cluster_update": cluster_update, "application_approval": application_approval,
              "cooperation_notice": cooperation_notice}


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def drive(port, token, operation, targets, concurrency, duration):
    """`concurrency` workers repeat `operation` for `duration` seconds; operations a second and
    the p50 and p99 of an operation in ms, as wrk reports a read."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + duration

    def work(worker):
        client, mine = Client(port, token), []
        state = targets.states[worker] if targets else {}
        try:
            while time.monotonic() < deadline:
                started = time.monotonic()
                operation(client, targets, worker, state)
                mine.append((time.monotonic() - started) * 1000)
        except Exception as error:  # noqa: BLE001 - reported with the result
            errors.append(str(error))
        finally:
            client.close()
            with lock:
                latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=(w,)) for w in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"rps": len(latencies) / elapsed, "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
            "errors": len(errors), "first_error": errors[0] if errors else None}


def driver_ceiling(port, concurrency, duration):
    """The same driver on `{ __typename }`: what it can send at all, whatever the server does."""
    return drive(port, None, lambda client, *_: client.ask("{ __typename }"), None, concurrency, duration)


def one(port, token, shape, targets):
    """One operation of a shape before the load, for its statement count, in the last slot."""
    slot = len(targets.states) - 1
    client = Client(port, token)
    try:
        OPERATIONS[shape](client, targets, slot, targets.states[slot])
    finally:
        client.close()
