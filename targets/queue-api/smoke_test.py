#!/usr/bin/python3
"""Stdlib-only smoke test for a RUNNING queue-api server.

    /usr/bin/python3 smoke_test.py http://127.0.0.1:5077 [--username csr1]
        [--password csr1-password] [--client-id queue-web]

Starts nothing. Hits every REST route, checks status codes and JSON shapes,
and exits non-zero when anything is off. Redirects are NOT followed (a 3xx is
a failure: clients must get answers on the URLs exactly as documented).
"""
import argparse
import http.client
import json
import sys
import urllib.parse

FAILURES = []
CHECKS = 0


class Client:
    def __init__(self, base):
        parsed = urllib.parse.urlsplit(base)
        if parsed.scheme != "http":
            raise SystemExit("only http:// base URLs are supported")
        self.host = parsed.hostname
        self.port = parsed.port or 80
        self.prefix = parsed.path.rstrip("/")

    def request(self, method, path, body=None, token=None, cookie=None,
                form=None, raw=None, headers=None):
        hdrs = dict(headers or {})
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        elif raw is not None:
            data = raw if isinstance(raw, bytes) else raw.encode()
            hdrs.setdefault("Content-Type", "application/json")
        elif body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if token:
            hdrs["Authorization"] = "Bearer " + token
        if cookie:
            hdrs["Cookie"] = "oidc-jwt=" + cookie
        conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
        try:
            conn.request(method, self.prefix + path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
        finally:
            conn.close()
        parsed = None
        if payload:
            try:
                parsed = json.loads(payload)
            except ValueError:
                parsed = payload
        return resp.status, parsed, resp


def check(cond, what):
    global CHECKS
    CHECKS += 1
    if cond:
        print("  ok   %s" % what)
    else:
        print("  FAIL %s" % what)
        FAILURES.append(what)
    return cond


def expect(result, status, what):
    got, body, _ = result
    ok = check(got == status, "%s -> %d (got %d%s)" % (
        what, status, got, "" if got == status else ", body %r" % (body,)))
    return body if ok else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("base_url", help="e.g. http://127.0.0.1:5077")
    ap.add_argument("--username", default="csr1")
    ap.add_argument("--password", default="csr1-password")
    ap.add_argument("--client-id", default="queue-web")
    args = ap.parse_args()
    c = Client(args.base_url)
    A = "/api/v1"

    print("health")
    body = expect(c.request("GET", A + "/healthz"), 200, "GET healthz (no auth)")
    check(body == {"status": "ok"}, "healthz body is {\"status\": \"ok\"}")

    print("auth/token")
    good = {"grant_type": "password", "username": args.username,
            "password": args.password, "client_id": args.client_id}
    body = expect(c.request("POST", A + "/auth/token", form=dict(good, grant_type="client_credentials")),
                  400, "token with wrong grant_type")
    check(isinstance(body, dict) and body.get("error") == "unsupported_grant_type",
          "error == unsupported_grant_type")
    body = expect(c.request("POST", A + "/auth/token", form=dict(good, password="wrong")),
                  401, "token with bad password")
    check(isinstance(body, dict) and body.get("error") == "invalid_grant", "error == invalid_grant")
    body = expect(c.request("POST", A + "/auth/token", form=dict(good, username="nobody")),
                  401, "token with unknown user")
    check(isinstance(body, dict) and body.get("error") == "invalid_grant", "error == invalid_grant")
    body = expect(c.request("POST", A + "/auth/token", form=dict(good, client_id="evil-client")),
                  401, "token with unknown client_id")
    check(isinstance(body, dict) and body.get("error") == "invalid_client", "error == invalid_client")
    body = expect(c.request("POST", A + "/auth/token", form=good), 200, "token with good credentials")
    if not isinstance(body, dict) or "access_token" not in body:
        print("cannot continue without a token")
        return 1
    check(body.get("token_type") == "Bearer", "token_type == Bearer")
    check(isinstance(body.get("expires_in"), int) and body["expires_in"] > 0, "expires_in > 0")
    token = body["access_token"]

    print("authentication required")
    for path in ("/citizens/", "/appointments/", "/categories/", "/channels/",
                 "/services/?office_id=1", "/exam_types/"):
        expect(c.request("GET", A + path), 401, "GET %s without token" % path)
    body = expect(c.request("GET", A + "/citizens/", token="not.a.jwt"), 401, "GET citizens/ with garbage token")
    check(isinstance(body, dict) and "message" in body, "401 body has message")
    expect(c.request("POST", A + "/appointments/draft", body={}), 401, "POST appointments/draft without token")
    expect(c.request("DELETE", A + "/appointments/1/"), 401, "DELETE appointments/1/ without token")

    print("reference data")
    lists = {"/citizens/": "citizens", "/appointments/": "appointments",
             "/categories/": "categories", "/channels/": "channels",
             "/exam_types/": "exam_types"}
    for path, key in lists.items():
        body = expect(c.request("GET", A + path, token=token), 200, "GET %s" % path)
        check(isinstance(body, dict) and isinstance(body.get(key), list) and body[key],
              "%s has a non-empty %r list" % (path, key))
        no_slash = path.rstrip("/")
        expect(c.request("GET", A + no_slash, token=token), 200, "GET %s (no trailing slash, no redirect)" % no_slash)
    body = expect(c.request("GET", A + "/citizens/", cookie=token), 200, "GET citizens/ with oidc-jwt cookie")
    check(isinstance(body, dict) and len(body.get("citizens", [])) >= 300, "at least 300 citizens")
    body = expect(c.request("GET", A + "/services/?office_id=1", token=token), 200, "GET services/?office_id=1")
    office1 = {s["service_id"] for s in (body or {}).get("services", [])}
    check(bool(office1) and all(s["office_id"] == 1 for s in body["services"]),
          "office 1 services all carry office_id 1")
    body = expect(c.request("GET", A + "/services/?office_id=2", token=token), 200, "GET services/?office_id=2")
    office2 = {s["service_id"] for s in (body or {}).get("services", [])}
    check(office1 != office2, "office 1 and office 2 offer different service subsets")
    body = expect(c.request("GET", A + "/services/", token=token), 400, "GET services/ without office_id")
    check(isinstance(body, dict) and body.get("field") == "office_id", "400 names field office_id")
    body = expect(c.request("GET", A + "/services/?office_id=abc", token=token), 400, "GET services/?office_id=abc")
    check(isinstance(body, dict) and body.get("field") == "office_id", "400 names field office_id")
    expect(c.request("GET", A + "/services/?office_id=999", token=token), 404, "GET services/?office_id=999")
    service_id = min(office1) if office1 else 1

    print("drafts")
    slot = {"start_time": "2025-04-01T17:00:00Z", "end_time": "2025-04-01T17:15:00Z", "office_id": 1}
    result = c.request("POST", A + "/appointments/draft", body=slot, token=token)
    body = expect(result, 201, "POST appointments/draft")
    draft = (body or {}).get("appointment", {})
    check(isinstance(draft.get("appointment_id"), int) and draft.get("is_draft") is True,
          "draft has integer appointment_id and is_draft true")
    expect(c.request("DELETE", A + "/appointments/draft/%d/" % draft.get("appointment_id", 0), token=token),
           204, "DELETE appointments/draft/<id>/")
    body = expect(c.request("DELETE", A + "/appointments/draft/%d/" % draft.get("appointment_id", 0), token=token),
                  404, "DELETE same draft again")
    check(isinstance(body, dict) and "message" in body, "404 body has message")
    body = expect(c.request("POST", A + "/appointments/draft", raw="{not json", token=token), 400,
                  "POST appointments/draft malformed JSON")
    check(isinstance(body, dict) and "message" in body and "field" in body, "400 body has message and field")
    body = expect(c.request("POST", A + "/appointments/draft", body={"end_time": slot["end_time"], "office_id": 1},
                            token=token), 400, "POST appointments/draft without start_time")
    check(isinstance(body, dict) and body.get("field") == "start_time", "400 names field start_time")
    body = expect(c.request("POST", A + "/appointments/draft", body=dict(slot, end_time="2025-04-01T16:00:00Z"),
                            token=token), 400, "POST appointments/draft with end_time before start_time")
    check(isinstance(body, dict) and body.get("field") == "end_time", "400 names field end_time")

    print("appointments")
    body = expect(c.request("POST", A + "/appointments/draft", body=slot, token=token), 201, "POST draft to book")
    draft_id = (body or {}).get("appointment", {}).get("appointment_id", 0)
    new = {"start_time": slot["start_time"], "end_time": slot["end_time"], "service_id": service_id,
           "citizen_name": "Smoke Test", "contact_information": "smoke@example.com",
           "office_id": 1, "appointment_draft_id": draft_id}
    body = expect(c.request("POST", A + "/appointments/", body=new, token=token), 201,
                  "POST appointments/ consuming a draft")
    appt = (body or {}).get("appointment", {})
    appt_id = appt.get("appointment_id", 0)
    check(appt.get("citizen_name") == "Smoke Test" and appt.get("is_draft") is False,
          "created appointment echoes fields")
    expect(c.request("DELETE", A + "/appointments/draft/%d/" % draft_id, token=token), 404,
           "consumed draft is gone")
    expect(c.request("POST", A + "/appointments/", body=dict(new, appointment_draft_id=99999999), token=token),
           404, "POST appointments/ with unknown draft id")
    body = expect(c.request("POST", A + "/appointments/", body={k: v for k, v in new.items()
                                                                if k not in ("appointment_draft_id", "citizen_name")},
                            token=token), 400, "POST appointments/ without citizen_name")
    check(isinstance(body, dict) and body.get("field") == "citizen_name", "400 names field citizen_name")
    body = expect(c.request("POST", A + "/appointments/", body=dict(new, appointment_draft_id=None,
                                                                   start_time="next tuesday"),
                            token=token), 400, "POST appointments/ with unparsable start_time")
    check(isinstance(body, dict) and body.get("field") == "start_time", "400 names field start_time")
    body = expect(c.request("POST", A + "/appointments/", raw="[1, 2", token=token), 400,
                  "POST appointments/ malformed JSON")
    no_draft = dict(new)
    del no_draft["appointment_draft_id"]
    body = expect(c.request("POST", A + "/appointments/", body=no_draft, token=token), 201,
                  "POST appointments/ without draft")
    second_id = (body or {}).get("appointment", {}).get("appointment_id", 0)

    body = expect(c.request("PUT", A + "/appointments/%d/" % appt_id,
                            body={"citizen_name": "Renamed", "comments": "moved"}, token=token),
                  200, "PUT appointments/<id>/")
    updated = (body or {}).get("appointment", {})
    check(updated.get("citizen_name") == "Renamed" and updated.get("appointment_id") == appt_id,
          "PUT applied and kept the id")
    body = expect(c.request("PUT", A + "/appointments/%d/" % appt_id,
                            body={"end_time": "2025-04-01T16:00:00Z"}, token=token),
                  400, "PUT with end_time before start_time")
    check(isinstance(body, dict) and body.get("field") == "end_time", "400 names field end_time")
    expect(c.request("PUT", A + "/appointments/%d/" % appt_id, raw="{", token=token), 400, "PUT malformed JSON")
    expect(c.request("PUT", A + "/appointments/99999999/", body={"comments": "x"}, token=token), 404,
           "PUT unknown id")
    body = expect(c.request("GET", A + "/appointments/", cookie=token), 200, "GET appointments/ (cookie)")
    ids = {a["appointment_id"] for a in (body or {}).get("appointments", [])}
    check(appt_id in ids and second_id in ids and draft_id not in ids,
          "list contains new appointments and no drafts")
    expect(c.request("DELETE", A + "/appointments/%d/" % appt_id, token=token), 204, "DELETE appointments/<id>/")
    expect(c.request("DELETE", A + "/appointments/%d/" % second_id, cookie=token), 204,
           "DELETE appointments/<id>/ (cookie)")
    body = expect(c.request("DELETE", A + "/appointments/%d/" % appt_id, token=token), 404, "DELETE again")
    check(isinstance(body, dict) and "message" in body, "404 body has message")
    expect(c.request("GET", A + "/no-such-route/", token=token), 404, "unknown route")

    print()
    if FAILURES:
        print("%d of %d checks FAILED" % (len(FAILURES), CHECKS))
        return 1
    print("all %d checks passed" % CHECKS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
