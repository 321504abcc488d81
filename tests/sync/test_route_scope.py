"""Every route of the OpenAPI description, tried by one rep against another rep's customer:
nothing of bob's customer leaks to alice, and nothing she sends changes it.

The test enumerates the routes from ``app.openapi()`` and fails on a route it has no probe for,
so a new endpoint cannot ship without its scope being checked here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import select

from sync.protocol import dumps, loads
from sync.server.tables import records
from sync.transport import HttpResponse
from tests.sync.helpers import PASSWORD, Replica, Server, add_contact, add_customer

Factory = Callable[..., Replica]


def _server_rows(server: Server, customer_id: str) -> dict[tuple[str, str], tuple[int, str]]:
    with server.store.read() as conn:
        return {(e, i): (int(s), d) for e, i, s, d in conn.execute(
            select(records.c.entity, records.c.id, records.c.seq, records.c.data)
            .where(records.c.customer_id == customer_id, records.c.entity != "conflicts"))}


def test_a_rep_cannot_reach_another_reps_customer_through_any_route(
        server: Server, replica_factory: Factory) -> None:
    server.user("alice")
    server.user("bob")
    bob = replica_factory("bob")
    secret_name = "鲍勃的秘密客户有限公司"
    cid = add_customer(bob.db, name=secret_name, phone="+8613800000000")
    contact = add_contact(bob.db, cid, name="鲍勃联系人")
    bob.sync()
    before = _server_rows(server, cid)
    assert len(before) == 2

    alice = replica_factory("alice")
    token = alice.engine.token
    headers = {"Authorization": f"Bearer {token}", "X-Sync-Protocol": "1",
               "Content-Type": "application/json"}
    seq = iter(range(1, 10_000))

    def call(method: str, path: str, body: Any = None,
             params: dict[str, str] | None = None) -> HttpResponse:
        return server.transport.request(method, path, params=params, headers=headers,
                                        body=None if body is None else dumps(body))

    def push(*changes: dict[str, Any]) -> list[HttpResponse]:
        out: list[HttpResponse] = []
        for change in changes:
            out.append(call("POST", "/sync/v1/push", {
                "client_id": alice.db.client_id, "epoch": server.store.epoch(),
                "changes": [{"client_seq": next(seq), "change_id": f"evil-{change['op']}-"
                             f"{change['entity']}-{len(out)}", "base_seq": 10**9,
                             "hlc": "999999999999999-000000-zzzz", **change}]}))
        return out

    def pull_all() -> list[HttpResponse]:
        out: list[HttpResponse] = []
        for params in ({}, {"snapshot": "all"}, {"snapshot": "customers,contacts"},
                       {"verify": "true"}):
            resp = call("GET", "/sync/v1/pull", params=params)
            out.append(resp)
            while resp.status == 200 and loads(resp.body)["has_more"]:
                resp = call("GET", "/sync/v1/pull",
                            params={"cursor": loads(resp.body)["next_cursor"]})
                out.append(resp)
        return out

    probes: dict[tuple[str, str], Callable[[], list[HttpResponse]]] = {
        ("get", "/health"): lambda: [call("GET", "/health")],
        ("post", "/auth/login"): lambda: [server.transport.request(
            "POST", "/auth/login", body=dumps({"username": "alice", "password": PASSWORD,
                                               "client_id": cid}))],
        ("post", "/auth/refresh"): lambda: [call("POST", "/auth/refresh",
                                                 {"refresh_token": cid})],
        ("get", "/sync/v1/pull"): pull_all,
        ("post", "/sync/v1/push"): lambda: push(
            {"entity": "customers", "id": cid, "op": "update",
             "fields": {"full_name": "stolen", "owner_id": "alice"}},
            {"entity": "customers", "id": cid, "op": "delete", "fields": {}},
            {"entity": "customers", "id": cid, "op": "insert",
             "fields": {"full_name": "hijack", "industry": "other", "region": "other",
                        "source": "manual", "level": "normal"}},
            {"entity": "contacts", "id": contact, "op": "update", "fields": {"name": "x"}},
            {"entity": "contacts", "id": "new-contact", "op": "insert",
             "fields": {"customer_id": cid, "name": "planted"}},
            {"entity": "stage_history", "id": "new-history", "op": "insert",
             "fields": {"customer_id": cid}},
            {"entity": "conflicts", "id": "new-conflict", "op": "insert",
             "fields": {"customer_id": cid, "entity": "customers", "entity_id": cid}}),
        # A rep may not change the catalog at all (403), let alone plant bob's name in it.
        ("post", "/catalog/v1/products"): lambda: [call("POST", "/catalog/v1/products", {
            "rows": [{"row": 2, "cells": {"sku": "X-1", "name": secret_name,
                                          "list_price": "1"}}]})],
        # Last: it ends the session the other probes use.
        ("post", "/auth/logout"): lambda: [call("POST", "/auth/logout")],
    }
    routes = {(method, path) for path, item in server.app.openapi()["paths"].items()
              for method in item}
    assert routes == set(probes), "a route has no scope probe: add one above"

    responses: list[HttpResponse] = []
    for key in [k for k in probes if k[1] != "/auth/logout"] + [("post", "/auth/logout")]:
        got = probes[key]()
        assert all(r.status < 500 for r in got), key
        responses.extend(got)
    for resp in responses:
        assert secret_name.encode() not in resp.body
        assert "鲍勃的秘密客户有限公司".encode("unicode_escape") not in resp.body
        if resp.body.startswith(b"{") and b'"puts"' in resp.body:
            for put in orjson.loads(resp.body)["puts"]:
                assert put["id"] not in (cid, contact)
                assert put["d"].get("customer_id") in (None, *(
                    [] if put["e"] != "conflicts" else [cid]))
                if put["e"] == "conflicts":  # alice's own refusals, carrying only her values
                    assert put["d"]["kept_value"] in (None, {}) or \
                        secret_name not in str(put["d"]["kept_value"])
    after = _server_rows(server, cid)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) == set(before)  # nothing planted under bob's customer
