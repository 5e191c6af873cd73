#!/usr/bin/env python3
"""Writes the hand-made seed corpus of tests/fuzz/corpus/<target>/ (docs/fuzzing.md).

The JSON and form targets take two leading bytes: who sends (bits 0-1: nobody, admin, operator,
clerk; bit 2: cookie + CSRF header for JSON, the form's csrf field for forms; bits 3-4 the JSON
content type) and the route index, from
  AGRIRENT_FUZZ_PRINT_ROUTES=1 build-fuzz/fuzz/fuzz_json_request -runs=0
The route indices below match the route table when this was written; a later change of the
table only remaps seeds to other routes, they stay valid inputs. Rerun after editing:
  python3 tests/fuzz/make_seeds.py
"""
import hashlib
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
NOBODY, ADMIN, OPERATOR, CLERK = 0, 1, 2, 3
COOKIE = 4


def write(target, items):
    d = os.path.join(HERE, "corpus", target)
    if os.path.isdir(d):
        for f in os.listdir(d):
            if f.startswith("seed-"):
                os.remove(os.path.join(d, f))
    os.makedirs(d, exist_ok=True)
    for name, data in items:
        if isinstance(data, str):
            data = data.encode("utf-8")
        h = hashlib.sha1(data).hexdigest()[:8]
        with open(os.path.join(d, f"seed-{name}-{h}"), "wb") as f:
            f.write(data)


def j(o):
    return json.dumps(o, ensure_ascii=False)


FARMER = {"name": "홍길동", "phone": "010-1234-5678", "farm_id": "F-1", "district": "광산구"}
BOOK = {"branch": "GS", "type": "TRACTOR", "start": "2026-12-10", "end": "2026-12-10", "farmer": FARMER}

# ---- fuzz_json_request: (who, route index, body) --------------------------------------------
json_seeds = [
    ("book", NOBODY, 0, j(BOOK)),
    ("book-phone", OPERATOR, 0, j({**BOOK, "channel": "phone"})),
    ("book-huge-numbers", NOBODY, 0, '{"branch":"GS","type":"TRACTOR","start":"2026-12-10",'
     '"end":"2026-12-10","farmer":{"name":"A","phone":1e999},"x":-9223372036854775809,'
     '"y":18446744073709551616,"z":1.7976931348623157e308}'),
    ("book-invalid-utf8", NOBODY, 0, b'{"branch":"GS","type":"TRACTOR","start":"2026-12-10",'
     b'"end":"2026-12-10","farmer":{"name":"\xc3\x28\xed\xa0\x80","phone":"010-1234-5678"}}'),
    ("book-escaped-nul", NOBODY, 0, '{"branch":"G\\u0000S","type":"TRACTOR","start":"2026-02-30",'
     '"end":"2026-13-01","farmer":{"name":"\\u202e\\ud800","phone":"+82 10 1234 5678"}}'),
    ("book-duplicate-key", NOBODY, 0, '{"branch":"GS","branch":"BB"}'),
    ("book-deep", NOBODY, 0, "[" * 40 + "]" * 40),
    ("book-array", NOBODY, 0, "[1,2,3]"),
    ("book-trailing-comma", NOBODY, 0, '{"branch":"GS",}'),
    ("book-comment", NOBODY, 0, '{"branch":"GS"/* c */}'),
    ("cancel", NOBODY, 1, j({"phone": "010-1234-5678"})),
    ("login", NOBODY, 2, j({"username": "admin", "password": "demo-admin-2020"})),
    ("login-wrong-types", NOBODY, 2, j({"username": ["admin"], "password": 12})),
    ("branch-create", ADMIN, 4, j({"code": "NEW", "name_ko": "새 지점", "name_en": "New",
                                   "phones": ["062-123-4567"], "address_ko": "광주",
                                   "hours": {"open": "09:00", "close": "18:00",
                                             "eve_pickup_from": "17:00", "return_by": "09:00",
                                             "booking_cutoff": "16:00"}, "horizon_days": 60})),
    ("branch-patch", ADMIN | COOKIE, 5, j({"hours": {"open": "24:00", "close": "00:00"}})),
    ("type-create", ADMIN, 7, j({"code": "BALER", "name_ko": "베일러", "name_en": "Baler",
                                 "daily_fee": 80000, "max_days": 2, "needs_approval": True,
                                 "needs_training": False, "checklist": ["tyres", "oil"]})),
    ("type-patch-negative", ADMIN, 8, j({"daily_fee": -1, "max_days": 0})),
    ("unit-create", ADMIN, 10, j({"tag": "GS-BALER-01", "branch": "GS", "type": "TRACTOR"})),
    ("discount-create", ADMIN, 13, j({"name": "봄 할인", "percent": 50, "from": "2026-04-01",
                                      "to": "2026-07-31", "types": ["TRACTOR"], "branches": ["GS"]})),
    ("category-create", ADMIN, 16, j({"code": "YOUTH", "name_ko": "청년농", "name_en": "Young"})),
    ("settings", ADMIN, 19, j({"public_rate_per_minute": 10, "late_multiplier_pct": 150,
                               "session_idle_minutes": 30})),
    ("season", ADMIN, 20, j({"branch": "GS", "from": "2026-04-01", "to": "2026-06-30"})),
    ("holiday", ADMIN, 22, j({"date": "2026-05-05", "name_ko": "어린이날", "name_en": "Children's Day"})),
    ("holiday-year", ADMIN, 24, j({"year": 2031})),
    ("closure", ADMIN, 26, j({"branch": "GS", "date": "2026-12-24", "extra_opening": False,
                              "note": "공사"})),
    ("farmer-create", ADMIN, 28, j({"phone": "010-9999-8888", "name": "김농부",
                                    "categories": ["YOUTH"], "training_completed_on": "2026-01-01"})),
    ("farmer-suspend", ADMIN, 29, j({"suspension": {"until": "2027-01-01", "reason": "no-show"}})),
    ("user-create", ADMIN, 30, j({"username": "clerk-new", "password": "long-enough-pw",
                                  "role": "clerk", "branch": "GS", "display_name": "직원"})),
    ("user-patch", ADMIN, 31, j({"active": False, "role": "operator"})),
    ("confirm", OPERATOR, 32, "{}"),
    ("reject", OPERATOR, 33, j({"reason": "정비 중"})),
    ("no-show", OPERATOR, 34, ""),
    ("checkout", CLERK, 35, j({"unit": "GS-TRACTOR-01", "hour_meter": 1234.5,
                               "checklist": {"tyres": True, "oil": False}, "paid": True,
                               "override_reason": None})),
    ("checkin", CLERK, 36, j({"hour_meter": 1240, "checklist": {"tyres": True},
                              "damage_notes": "긁힘\n앞 범퍼", "farmer_at_fault": False})),
    ("move", OPERATOR, 37, j({"start": "2026-12-11", "end": "2026-12-12", "unit": "GS-TRACTOR-02"})),
    ("unit-status", CLERK | COOKIE, 38, j({"status": "maintenance", "note": "오일 교체"})),
]
write("fuzz_json_request", [(n, bytes([who | (1 << 3 if n.endswith("patch") else 0), r]) +
                             (b if isinstance(b, bytes) else b.encode()))
                            for n, who, r, b in json_seeds])

# ---- fuzz_form: (who, route index, urlencoded body) -----------------------------------------
form_seeds = [
    ("book", NOBODY, 0, "branch=GS&type=TRACTOR&start=2026-12-10&end=2026-12-10&quoted_start="
     "2026-12-10&quoted_end=2026-12-10&name=%ED%99%8D%EA%B8%B8%EB%8F%99&phone=010-1234-5678&district=%EA%B4%91%EC%82%B0"),
    ("book-plus", NOBODY, 0, "branch=GS&type=TRACTOR&start=2026-12-10&end=2026-12-10&name=Hong+Gil+Dong&phone=%2B82+10+1234+5678"),
    ("book-bad-escape", NOBODY, 0, "name=%E0%A4%A&phone=%zz&start=%00"),
    ("book-invalid-utf8", NOBODY, 0, "name=%C3%28%ED%A0%80%FF&phone=010%E2%80%AE1234"),
    ("book-many-fields", NOBODY, 0, "&".join(f"f{i}=v{i}" for i in range(80))),
    ("cancel", NOBODY, 1, "phone=010-1234-5678"),
    ("lookup", NOBODY, 2, "code=demq-a7xa&phone=01012345678"),
    ("staff-login", NOBODY, 3, "username=operator&password=demo-operator-2020&next=%2Fstaff%2Fboard"),
    ("staff-login-open-redirect", NOBODY, 3, "username=x&password=y&next=https%3A%2F%2Fevil.example%2F"),
    ("staff-logout", OPERATOR | COOKIE, 4, "csrf=@CSRF@"),
    ("staff-book", OPERATOR | COOKIE, 5, "csrf=@CSRF@&branch=GS&type=TRACTOR&start=2026-12-10&end=2026-12-10&name=%EA%B9%80&phone=010-2222-3333&channel=phone"),
    ("confirm", OPERATOR | COOKIE, 6, "csrf=@CSRF@&back=%2Fstaff%2Fboard"),
    ("reject", OPERATOR, 7, "reason=%EC%9E%AC%EA%B3%A0+%EC%97%86%EC%9D%8C"),
    ("cancel-staff", OPERATOR, 8, "reason=farmer+called"),
    ("move", OPERATOR, 9, "start=2026-12-11&end=2026-12-12&unit=GS-TRACTOR-02"),
    ("no-show", OPERATOR, 10, ""),
    ("checkout", CLERK, 11, "unit=GS-TRACTOR-01&hour_meter=1234.5&paid=on&override_reason="),
    ("checkin", CLERK, 12, "hour_meter=99999999999999999999&damage_notes=%0D%0A&farmer_at_fault=on"),
    ("unit-status", CLERK, 13, "status=maintenance&note=%EC%98%A4%EC%9D%BC"),
    ("branch-create", ADMIN, 14, "code=NEW&name_ko=%EC%83%88&name_en=New&phones=062-123-4567%0D%0A062-765-4321&hours.open=09%3A00&hours.close=18%3A00&horizon_days=60"),
    ("branch-edit", ADMIN, 15, "name_en=&hours.open=25%3A00&horizon_days=-1"),
    ("type-create", ADMIN, 18, "code=BALER&name_ko=%EB%B2%A0%EC%9D%BC%EB%9F%AC&name_en=Baler&daily_fee=80000&max_days=2&needs_approval=on&checklist=tyres%0Aoil"),
    ("unit-create", ADMIN, 22, "tag=GS-NEW-01&branch=GS&type=TRACTOR&notes="),
    ("discount-create", ADMIN, 26, "name=spring&percent=150&from=2026-04-01&to=2026-03-01&types=TRACTOR&branches=GS"),
    ("settings", ADMIN, 32, "public_rate_per_minute=0&late_multiplier_pct=9223372036854775808&session_idle_minutes=abc"),
    ("season", ADMIN, 33, "branch=GS&from=2026-04-01&to=2026-06-30"),
    ("holiday", ADMIN, 35, "date=2026-05-05&name_ko=%EC%96%B4%EB%A6%B0%EC%9D%B4%EB%82%A0&name_en=Children"),
    ("holiday-year", ADMIN, 37, "year=2031"),
    ("closure", ADMIN, 39, "branch=GS&date=2026-12-24&extra_opening=on&note=x"),
    ("farmer-edit", ADMIN, 41, "name=%EA%B9%80&categories=YOUTH&training_completed_on=2026-01-01"),
    ("farmer-suspend", ADMIN, 42, "suspension.until=2027-01-01&suspension.reason=no-show"),
    ("user-create", ADMIN, 44, "username=clerk-new&password=long-enough-pw&role=clerk&branch=GS&display_name=x"),
    ("user-edit", ADMIN | COOKIE, 45, "csrf=@CSRF@&active=&role=admin"),
]
write("fuzz_form", [(n, bytes([who, r]) + b.encode()) for n, who, r, b in form_seeds])

# ---- fuzz_router: whole requests ------------------------------------------------------------
def req(method, target, headers=(), body=""):
    return f"{method} {target}\n" + "".join(f"{h}\n" for h in headers) + "\n" + body


router_seeds = [
    ("branches", req("GET", "/api/v1/branches")),
    ("types-en", req("GET", "/api/v1/machine-types?lang=en")),
    ("calendar", req("GET", "/api/v1/calendar?branch=GS&from=2020-05-01&to=2020-06-30")),
    ("availability", req("GET", "/api/v1/availability?branch=GS&type=TRACTOR&from=2020-05-18&to=2020-06-17")),
    ("availability-all", req("GET", "/api/v1/availability?branch=@BRANCH@&from=2026-12-01&to=2026-12-31")),
    ("quote", req("GET", "/api/v1/quote?branch=GS&type=TRACTOR&start=2020-05-24&end=2020-05-24")),
    ("quote-reversed", req("GET", "/api/v1/quote?branch=GS&type=TRACTOR&start=2020-05-24&end=2020-05-01")),
    ("book", req("POST", "/api/v1/reservations", ["content-type: application/json"], j(BOOK))),
    ("lookup", req("GET", "/api/v1/reservations/@CODE@?phone=@PHONE@")),
    ("lookup-lower", req("GET", "/api/v1/reservations/demq-a7xa?phone=010%201234%205678")),
    ("ics", req("GET", "/api/v1/reservations/@CODE@.ics?phone=@PHONE@")),
    ("cancel", req("POST", "/api/v1/reservations/@CODE@/cancel", [], j({"phone": "@PHONE@"}))),
    ("staff-list", req("GET", "/api/v1/reservations?branch=GS&status=requested&from=2020-01-01&to=2030-01-01&limit=5", ["as: operator"])),
    ("staff-list-cursor", req("GET", "/api/v1/reservations?limit=-1&cursor=%FF%FE&at_risk=maybe", ["as: admin"])),
    ("schedule", req("GET", "/api/v1/schedule?branch=GS&date=2020-05-23", ["as: clerk"])),
    ("units", req("GET", "/api/v1/units?branch=GS&type=TRACTOR&status=available", ["as: clerk"])),
    ("report-util", req("GET", "/api/v1/reports/utilization?branch=GS&from=2020-01-01&to=2020-12-31", ["as: operator"])),
    ("report-revenue", req("GET", "/api/v1/reports/revenue?from=2020-01-01&to=2020-12-31", ["as: admin"])),
    ("csv", req("GET", "/api/v1/reservations.csv?from=2020-01-01&to=2020-12-31", ["as: admin"])),
    ("me", req("GET", "/api/v1/auth/me", ["as: clerk-cookie"])),
    ("admin-users", req("GET", "/api/v1/users", ["as: admin"])),
    ("audit", req("GET", "/api/v1/audit?limit=10", ["as: admin"])),
    ("csrf-missing", req("POST", "/api/v1/reservations/@CODE@/confirm", ["as: operator-cookie", "x-csrf-token: wrong"])),
    ("method", req("DELETE", "/api/v1/branches")),
    ("head", req("HEAD", "/")),
    ("bad-target", req("GET", "/api/v1/../../etc/passwd%00?%zz")),
    ("absolute-target", req("GET", "http://example.com/")),
    ("healthz", req("GET", "/healthz")),
    ("metrics", req("GET", "/metrics", ["as: admin"])),
    ("openapi", req("GET", "/api/v1/openapi.json")),
    ("home", req("GET", "/?lang=en", ["accept-language: en-GB,en;q=0.9"])),
    ("book-page", req("GET", "/book?branch=GS&type=TRACTOR&start=2026-12-10&end=2026-12-10&month=2026-12")),
    ("book-post", req("POST", "/book", ["content-type: application/x-www-form-urlencoded"],
                      "branch=GS&type=TRACTOR&start=2026-12-10&end=2026-12-10&name=%ED%99%8D&phone=010-1234-5678")),
    ("booking-page", req("GET", "/booking/@CODE@?v=abc")),
    ("my", req("GET", "/my")),
    ("static", req("GET", "/static/app.css")),
    ("staff-board", req("GET", "/staff/board?branch=GS&from=2020-05-18", ["as: operator-cookie"])),
    ("staff-day", req("GET", "/staff/day?date=2020-05-23", ["as: clerk-cookie"])),
    ("staff-reservation", req("GET", "/staff/reservations/@CODE@", ["as: operator-cookie"])),
    ("admin-home", req("GET", "/staff/admin", ["as: admin-cookie"])),
    ("admin-farmers", req("GET", "/staff/admin/farmers?q=%EA%B9%80", ["as: admin-cookie"])),
    ("admin-audit", req("GET", "/staff/admin/audit?actor=admin&from=2020-01-01", ["as: admin-cookie"])),
    ("not-found-page", req("GET", "/%ED%95%9C%EA%B8%80")),
    ("cookie-lang", req("GET", "/api/v1/branches", ["cookie: a=b; lang=en; agrirent_session=zzz"])),
    ("bearer-garbage", req("GET", "/api/v1/auth/me", ["authorization: Bearer \u00ff\u0000"])),
    ("xff", req("POST", "/api/v1/reservations", ["x-forwarded-for: 1.2.3.4, 5.6.7.8"], "{")),
]
write("fuzz_router", router_seeds)

# ---- fuzz_query_parsing: typed values --------------------------------------------------------
query_seeds = [
    "2020-05-24", "2020-02-29", "2021-02-29", "0000-01-01", "9999-12-31", "+2020-05-24", "2020-5-4",
    "17:00", "24:00", "24:01", "2020-05-23T17:00:00+09:00", "2020-05-23T17:00:00.123456789Z",
    "2020-05-23T17:00:00-23:59", "9999-12-31T23:59:60+14:00",
    "010-1234-5678", "+82 10-1234-5678", "82.10.1234.5678", "01012345678", "011-123-4567",
    "016 1234 5678", "010-1234-567", "+８２ 10 1234 5678", "010\u20121234\u20125678",
    "홍길동", "  김 철수  ", "\u202eevil", "a\u0000b", "名前", "x" * 41, "가" * 40,
    "K7M2-Q9XW", "k7m2 q9xw", "K7M2Q9XWX", "0OIL1", "requested", "confirmed", "no_show", "web",
    "phone", "counter", "admin", "clerk", "maintenance",
    "branch=GS&type=TRACTOR&from=2020-05-18&to=2020-06-17",
    "from=2020-06-17&to=2020-05-18", "from=2020-01-01&to=2020-12-31", "from=%zz&to=",
    "branch=%ED%95%9C&lang=en&phone=010+1234+5678", "a=1&a=2&&=&%00=%00",
]
items = [(f"q{i:02d}", s) for i, s in enumerate(query_seeds)]
items += [("invalid-utf8-1", b"\xc3\x28"), ("invalid-utf8-2", b"\xed\xa0\x80"),
          ("invalid-utf8-3", b"\xf4\x90\x80\x80"), ("overlong", b"\xc0\xaf"),
          ("c1-control", "a\u0085b".encode()), ("bom", b"\xef\xbb\xbf010-1234-5678")]
write("fuzz_query_parsing", items)
