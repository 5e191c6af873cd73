// The checker itself (issue 16): it must fail on each kind of drift between the server's answers
// and server/api/openapi.json, and pass on answers that match. Runs the real script on the real
// document with hand-made recordings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const doc = join(here, "..", "..", "server", "api", "openapi.json");

function check(records) {
  const dir = mkdtempSync(join(tmpdir(), "agrirent-openapi-"));
  try {
    writeFileSync(join(dir, "responses-1.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const run = spawnSync(process.execPath, [join(here, "check_responses.mjs"), doc, dir], {
      encoding: "utf8",
    });
    return { status: run.status, out: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const health = {
  method: "GET",
  target: "/healthz",
  status: 200,
  content_type: "application/json; charset=utf-8",
  body: { status: "ok" },
};
const error = (status, code) => ({
  content_type: "application/json; charset=utf-8",
  status,
  body: { error: { code, message: "m", details: { field: "x" } } },
});

test("the document alone is valid", () => {
  const run = spawnSync(process.execPath, [join(here, "check_responses.mjs"), doc], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /valid/);
});

test("documented answers pass, and the report counts them", () => {
  const r = check([
    health,
    { method: "GET", target: "/api/v1/branches?lang=en", ...error(405, "method_not_allowed"), method: "PUT" },
    { method: "GET", target: "/api/v1/nowhere", ...error(404, "not_found") },
    { method: "POST", target: "/api/v1/reservations", ...error(400, "bad_request") },
    { method: "GET", target: "/book", status: 200, content_type: "text/html", body_bytes: 10 },
  ]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /5 recorded responses/);
  assert.match(r.out, /2 responses of 2 of \d+ operations checked/);
  assert.match(r.out, /1 responses of HTML pages/);
});

test("an undocumented status fails", () => {
  const r = check([{ method: "GET", target: "/healthz", ...error(418, "bad_request") }]);
  assert.equal(r.status, 1);
  assert.match(r.out, /GET \/healthz: 418 bad_request is not documented/);
});

test("a property the schema does not name fails", () => {
  const r = check([{ ...health, body: { status: "ok", extra: 1 } }]);
  assert.equal(r.status, 1);
  assert.match(r.out, /FAIL \(schema\)/);
  assert.match(r.out, /extra/);
});

test("an error code outside the Error schema fails", () => {
  const r = check([{ method: "POST", target: "/api/v1/reservations", ...error(400, "oops") }]);
  assert.equal(r.status, 1);
  assert.match(r.out, /oops/);
});

test("an accepted request with an undocumented parameter or body field fails", () => {
  const r = check([
    { ...health, target: "/healthz?verbose=1" },
    {
      method: "POST",
      target: "/api/v1/auth/login",
      request_body: { username: "a", password: "b", remember: true },
      status: 200,
      content_type: "application/json",
      body: {
        token: "t",
        csrf_token: "c",
        user: { username: "a", display_name: "", role: "admin", branch: null },
      },
    },
  ]);
  assert.equal(r.status, 1);
  assert.match(r.out, /undocumented query parameter 'verbose'/);
  assert.match(r.out, /accepted a body outside its schema/);
});

test("the wrong content type fails", () => {
  const r = check([{ ...health, content_type: "text/plain", body: undefined, body_bytes: 2 }]);
  assert.equal(r.status, 1);
  assert.match(r.out, /content type text\/plain not documented/);
});

test("no recording at all fails", () => {
  const r = check([]);
  assert.equal(r.status, 1);
  assert.match(r.out, /no recorded responses/);
});
