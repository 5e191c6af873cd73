// Issue 16: server/api/openapi.json says exactly what the server does.
//
//   node check_responses.mjs <openapi.json> [<recorded responses dir>]
//
// 1. Validates the document with a maintained OpenAPI validator (@seriousme/openapi-schema-validator,
//    the OpenAPI Initiative's JSON schema of 3.0) and checks that it is self-consistent: every
//    $ref resolves, every JSON response and request body has a schema.
// 2. With a directory: reads every exchange the HTTP integration suites recorded there
//    (tests/support/harness.cpp, AGRIRENT_RECORD_RESPONSES=<dir>: one JSON line per request) and
//    checks each against the operation it addressed (path template + method):
//      - the status is among the operation's documented responses;
//      - the content type is one the response documents (none for a body-less response);
//      - a JSON body is valid against the response's schema — objects are closed: a property the
//        document does not name fails ("additionalProperties": false unless the schema says
//        otherwise), so a new field cannot appear undocumented;
//      - a request the server accepted (2xx) used only documented query parameters, gave every
//        required one, and its JSON body is valid against the documented request body (closed
//        too: the server refuses unknown fields, issue 16);
//      - a request to a documented path with another method is answered 405, and one to an
//        undocumented /api/ path 404 (info.description says so), both with the Error schema;
//      - the server's own answers listed in x-server-responses (413 body_too_large, 431
//        header_too_large) may end any operation, with that error code; a 500 always fails.
//    HTML pages and static files (paths outside /api/, /healthz and /metrics) are counted and
//    named as not checked: they are not part of the API document.
//    Informational: documented operations never exercised, and documented statuses never seen.
// Exit status 1 on any failure (each printed), 0 otherwise.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [docPath, recordDir] = process.argv.slice(2);
if (!docPath) {
  console.error("usage: node check_responses.mjs <openapi.json> [<recorded responses dir>]");
  process.exit(2);
}
const doc = JSON.parse(readFileSync(docPath, "utf8"));
const failures = [];
const fail = (kind, text) => failures.push({ kind, text });
const methods = ["get", "put", "post", "delete", "patch", "head", "options"];

// ---- 1. the document ----------------------------------------------------------------------
const validator = new Validator();
const verdict = await validator.validate(structuredClone(doc));
if (!verdict.valid) {
  for (const e of verdict.errors ?? []) {
    fail("document", `${e.instancePath ?? ""} ${e.message ?? JSON.stringify(e)}`);
  }
}

function resolve(obj) {
  let seen = 0;
  while (obj && obj.$ref) {
    const target = pointer(obj.$ref);
    if (target === undefined) {
      fail("document", `unresolved $ref ${obj.$ref}`);
      return undefined;
    }
    obj = target;
    if (++seen > 20) {
      fail("document", "$ref loop");
      return undefined;
    }
  }
  return obj;
}

function pointer(ref) {
  if (!ref.startsWith("#/")) {
    return undefined;
  }
  let at = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (at === undefined || at === null || !(key in at)) {
      return undefined;
    }
    at = at[key];
  }
  return at;
}

// OpenAPI 3.0 schema objects → JSON Schema for Ajv: `nullable` becomes a "null" type, objects
// with properties are closed unless they say otherwise, `$ref`s point into the document.
function toJsonSchema(s) {
  if (Array.isArray(s)) {
    return s.map(toJsonSchema);
  }
  if (s === null || typeof s !== "object") {
    return s;
  }
  if (s.$ref) {
    return { $ref: `openapi.json${s.$ref}` };
  }
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === "nullable" || k === "example" || k === "description" || k === "summary") {
      continue;
    }
    if (k === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(v).map(([name, sub]) => [name, toJsonSchema(sub)]),
      );
    } else if (k === "additionalProperties" && typeof v === "object") {
      out.additionalProperties = toJsonSchema(v);
    } else if (["items", "not"].includes(k)) {
      out[k] = toJsonSchema(v);
    } else if (["allOf", "anyOf", "oneOf"].includes(k)) {
      out[k] = v.map(toJsonSchema);
    } else {
      out[k] = v;
    }
  }
  if (out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (s.nullable === true) {
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (out.enum) {
        out.enum = [...out.enum, null];
      }
    } else {
      return { anyOf: [out, { type: "null" }] };
    }
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
addFormats(ajv);
const componentSchemas = {};
for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) {
  componentSchemas[name] = toJsonSchema(s);
}
ajv.addSchema({ components: { schemas: componentSchemas } }, "openapi.json");

const compiled = new Map();
function validatorFor(key, schema) {
  if (!compiled.has(key)) {
    try {
      compiled.set(key, ajv.compile(toJsonSchema(schema)));
    } catch (e) {
      fail("document", `${key}: schema does not compile: ${e.message}`);
      compiled.set(key, null);
    }
  }
  return compiled.get(key);
}

// The operations, with a matcher per path template; literal characters win over parameters
// (/api/v1/reservations/{code}.ics before /api/v1/reservations/{code}).
const operations = [];
const globalQuery = new Set(); // none: even ?lang is documented per operation
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  const regex = new RegExp(
    "^" +
      path
        .split(/(\{[^}]+\})/)
        .map((part) =>
          part.startsWith("{") ? "([^/]+)" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"),
        )
        .join("") +
      "$",
  );
  const literal = path.replace(/\{[^}]+\}/g, "").length;
  for (const method of methods) {
    const op = item[method];
    if (!op) {
      continue;
    }
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])]
      .map(resolve)
      .filter(Boolean);
    const responses = {};
    for (const [status, r] of Object.entries(op.responses ?? {})) {
      const response = resolve(r);
      if (!response) {
        continue;
      }
      responses[status] = response;
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (type.includes("json") && !media.schema) {
          fail("document", `${method.toUpperCase()} ${path} ${status} ${type}: no schema`);
        }
      }
    }
    const body = op.requestBody ? resolve(op.requestBody) : undefined;
    if (body) {
      for (const [type, media] of Object.entries(body.content ?? {})) {
        if (type.includes("json") && !media.schema) {
          fail("document", `${method.toUpperCase()} ${path} request ${type}: no schema`);
        }
      }
    }
    operations.push({
      key: `${method.toUpperCase()} ${path}`,
      path,
      method,
      regex,
      literal,
      params,
      responses,
      body,
      seen: new Map(), // status → count
    });
  }
}
operations.sort((a, b) => b.literal - a.literal);

const errorCodes = new Set(
  resolve(doc.components?.schemas?.Error)?.properties?.error?.properties?.code?.enum ?? [],
);
const errorValidator = doc.components?.schemas?.Error
  ? validatorFor("Error", { $ref: "#/components/schemas/Error" })
  : null;

// ---- 2. the recorded responses ------------------------------------------------------------
const stats = { total: 0, checked: 0, pages: 0, unrouted: 0, bodies: 0, requests: 0 };
const pageRoutes = new Map();
const codesSeen = new Map();

function mediaType(contentType) {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

function schemaErrors(validate) {
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`)
    .join("; ");
}

function checkError(where, rec) {
  if (mediaType(rec.content_type) !== "application/json" || rec.body === undefined) {
    fail("content", `${where}: ${rec.status} without a JSON error body (${rec.content_type})`);
    return;
  }
  if (errorValidator && !errorValidator(rec.body)) {
    fail("schema", `${where}: ${rec.status} error body: ${schemaErrors(errorValidator)}`);
  }
}

function checkRecord(rec) {
  stats.total++;
  const url = new URL(rec.target, "http://x");
  const path = url.pathname;
  const method = rec.method.toLowerCase();
  const where = `${rec.method} ${rec.target.length > 120 ? rec.target.slice(0, 120) + "…" : rec.target}`;
  if (rec.body?.error?.code) {
    codesSeen.set(rec.body.error.code, (codesSeen.get(rec.body.error.code) ?? 0) + 1);
  }
  if (!path.startsWith("/api/") && path !== "/healthz" && path !== "/metrics") {
    stats.pages++;
    const first = "/" + (path.split("/")[1] ?? "");
    pageRoutes.set(first, (pageRoutes.get(first) ?? 0) + 1);
    return;
  }
  if (rec.unparsable_body !== undefined) {
    fail("content", `${where}: ${rec.status} ${rec.content_type} body is not JSON`);
  }
  const byPath = operations.filter((op) => op.regex.test(path));
  const op = byPath.find((o) => o.method === method);
  if (!op) {
    stats.unrouted++;
    const expected = byPath.length > 0 ? 405 : 404;
    if (rec.status !== expected) {
      fail("status", `${where}: no documented operation; expected ${expected}, got ${rec.status}`);
    }
    checkError(where, rec);
    return;
  }
  stats.checked++;
  const status = String(rec.status);
  op.seen.set(status, (op.seen.get(status) ?? 0) + 1);
  const response = op.responses[status];
  const server = doc["x-server-responses"]?.[status];
  if (!response && server && rec.status !== 500) {
    // The server's own answers (x-server-responses: 413, 431, 503) may end any operation.
    if (rec.body?.error?.code !== server.code) {
      fail("status", `${op.key}: ${status} should be ${server.code} (${where})`);
    }
    checkError(where, rec);
    return;
  }
  if (!response) {
    const code = rec.body?.error?.code ? ` ${rec.body.error.code}` : "";
    fail("status", `${op.key}: ${status}${code} is not documented (${where})`);
    return;
  }
  const type = mediaType(rec.content_type);
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) {
    if (type !== "" && (rec.body_bytes ?? 1) > 0) {
      fail("content", `${op.key} ${status}: documented without a body, got ${rec.content_type}`);
    }
  } else if (!content[type]) {
    fail("content", `${op.key} ${status}: content type ${type || "(none)"} not documented`);
  } else if (type.includes("json")) {
    if (rec.body === undefined) {
      fail("content", `${op.key} ${status}: JSON body missing`);
    } else {
      const validate = validatorFor(`${op.key} ${status} ${type}`, content[type].schema);
      stats.bodies++;
      if (validate && !validate(rec.body)) {
        fail("schema", `${op.key} ${status}: ${schemaErrors(validate)} (${where})`);
      }
    }
  }
  if (rec.status >= 400 && rec.body?.error?.code && !errorCodes.has(rec.body.error.code)) {
    fail("error code", `${op.key} ${status}: error code ${rec.body.error.code} not in the Error schema`);
  }
  if (rec.status >= 200 && rec.status < 300) {
    checkAcceptedRequest(op, rec, url, where);
  }
}

// What the server accepted must be what the document allows.
function checkAcceptedRequest(op, rec, url, where) {
  stats.requests++;
  const query = op.params.filter((p) => p.in === "query");
  const names = new Set(query.map((p) => p.name));
  for (const name of new Set(url.searchParams.keys())) {
    if (!names.has(name) && !globalQuery.has(name)) {
      fail("parameter", `${op.key}: accepted the undocumented query parameter '${name}' (${where})`);
    }
  }
  for (const p of query) {
    if (p.required && !url.searchParams.get(p.name)) {
      fail("parameter", `${op.key}: accepted without the required '${p.name}' (${where})`);
    }
  }
  const sent = rec.request_body;
  if (sent === undefined) {
    if (op.body?.required && rec.request_body_bytes === undefined) {
      fail("request body", `${op.key}: accepted without the required body (${where})`);
    }
    return;
  }
  const media = op.body?.content?.["application/json"];
  if (!media) {
    const empty = sent && typeof sent === "object" && !Array.isArray(sent) && Object.keys(sent).length === 0;
    if (!empty) {
      fail("request body", `${op.key}: accepted a body the document does not describe (${where})`);
    }
    return;
  }
  const validate = validatorFor(`${op.key} request`, media.schema);
  if (validate && !validate(sent)) {
    fail("request body", `${op.key}: accepted a body outside its schema: ${schemaErrors(validate)} (${where})`);
  }
}

let files = [];
if (recordDir) {
  files = readdirSync(recordDir).filter((f) => f.endsWith(".jsonl"));
  for (const f of files) {
    const lines = createInterface({ input: createReadStream(join(recordDir, f)), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) {
        continue;
      }
      let rec;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        fail("recording", `${f}: a line that is not JSON: ${e.message}`);
        continue;
      }
      checkRecord(rec);
    }
  }
  if (stats.total === 0) {
    fail("recording", `no recorded responses in ${recordDir}: is AGRIRENT_RECORD_RESPONSES set for ctest?`);
  }
}

// ---- 3. the report ------------------------------------------------------------------------
const exercised = operations.filter((op) => op.seen.size > 0);
console.log(`openapi: ${docPath}: ${operations.length} operations, OpenAPI ${doc.openapi}, ` +
  `validated with @seriousme/openapi-schema-validator: ${verdict.valid ? "valid" : "INVALID"}`);
if (recordDir) {
  console.log(`openapi: ${stats.total} recorded responses from ${files.length} test processes`);
  console.log(`openapi: ${stats.checked} responses of ${exercised.length} of ${operations.length} operations checked ` +
    `(status, content type, ${stats.bodies} JSON bodies against their schemas; ${stats.requests} accepted requests ` +
    `against the documented parameters and request bodies); ${stats.unrouted} answers to undocumented paths or methods (404/405)`);
  const pages = [...pageRoutes].map(([p, n]) => `${p}… ${n}`).join(", ");
  console.log(`openapi: not checked: ${stats.pages} responses of HTML pages and static files (${pages}); ` +
    "raw-socket exchanges (hostile input, slow clients, keep-alive) are not recorded");
  const never = operations.filter((op) => op.seen.size === 0).map((op) => op.key);
  console.log(`openapi: documented operations never exercised (${never.length}): ${never.join(", ") || "none"}`);
  const unseen = [];
  for (const op of operations) {
    for (const status of Object.keys(op.responses)) {
      if (op.seen.size > 0 && !op.seen.has(status)) {
        unseen.push(`${op.key} ${status}`);
      }
    }
  }
  console.log(`openapi: documented statuses of exercised operations never seen (${unseen.length})` +
    (process.env.AGRIRENT_OPENAPI_VERBOSE ? `: ${unseen.join(", ")}` : " (AGRIRENT_OPENAPI_VERBOSE=1 lists them)"));
  const codesNever = [...errorCodes].filter((c) => !codesSeen.has(c));
  console.log(`openapi: error codes seen ${codesSeen.size} of ${errorCodes.size}; never seen: ${codesNever.join(", ") || "none"}`);
}
if (failures.length > 0) {
  const byKind = new Map();
  for (const f of failures) {
    byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f.text]);
  }
  for (const [kind, texts] of byKind) {
    const unique = [...new Set(texts)];
    console.error(`FAIL (${kind}): ${texts.length} (${unique.length} distinct)`);
    for (const t of unique.slice(0, 40)) {
      console.error(`  ${t}`);
    }
  }
  process.exit(1);
}
console.log("openapi: PASS");
