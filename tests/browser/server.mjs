// Starts the built agrirent-server for a browser test: a fresh database with the demo data, a
// free port, the test clock set (DOMAIN.md §1: every rule is testable at any date).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the browser tests put the README's screenshots (committed). */
export const SCREENSHOTS = path.join(repoRoot, "docs", "screenshots");

/** The server binary: $AGRIRENT_SERVER, else build/agrirent-server. */
export function serverBinary() {
  return process.env.AGRIRENT_SERVER ?? path.join(repoRoot, "build", "agrirent-server");
}

/** PUT /api/v1/test/clock: the clock runs on from `now`. */
export async function setClock(baseUrl, now) {
  const res = await fetch(new URL("/api/v1/test/clock", baseUrl), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ now }),
  });
  if (!res.ok) {
    throw new Error(`setting the clock failed: ${res.status} ${await res.text()}`);
  }
}

/**
 * Verified phones (DOMAIN.md §14, issue 14): the product default is on. Browser tests written
 * before §14 run the server as a *kiosk* (the documented configuration of README "Verified
 * phones"): right after the start the demo admin turns verify_farmer_phone off through PATCH
 * /api/v1/settings. `verifyPhones: true` keeps the default; the farmer then goes through the
 * code step (codeStep below).
 */
async function turnPhoneVerificationOff(baseUrl) {
  const login = await fetch(new URL("/api/v1/auth/login", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "demo-admin-2020" }),
  });
  if (!login.ok) {
    throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  }
  const { token } = await login.json();
  const res = await fetch(new URL("/api/v1/settings", baseUrl), {
    method: "PATCH",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ verify_farmer_phone: false }),
  });
  if (!res.ok) {
    throw new Error(`turning verify_farmer_phone off failed: ${res.status} ${await res.text()}`);
  }
  await fetch(new URL("/api/v1/auth/logout", baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
}

/**
 * The newest verification code the server sent to `phone` ("010-1234-5678"), read from its
 * message log (--notify-log: "<instant>\t<phone>\tverification_code\t<body>" per line), as a
 * tester reads it; "" if none.
 */
export function lastCodeSent(server, phone) {
  let code = "";
  for (const line of readFileSync(server.messageLog, "utf8").split("\n")) {
    const [, to, kind, body] = line.split("\t");
    if (to === phone && kind === "verification_code") {
      code = body.match(/\d{6}/)?.[0] ?? code;
    }
  }
  return code;
}

/**
 * The code step of a farmer's page (DOMAIN.md §14) as a farmer does it: 인증번호 받기 (Send code),
 * the code from the server's message log, then the form's own button to go on (계속 on the
 * booking form, the cancel button on the cancel form). `atSent` runs once the code is sent
 * (e.g. a screenshot).
 */
export async function codeStep(page, server, phone, { atSent } = {}) {
  const step = page.locator("#code-step");
  await step.waitFor();
  await page.locator("#send-code").click();
  await page.locator("#code-step .notice").waitFor();
  if (atSent) {
    await atSent();
  }
  await page.locator("#f-verify-code").fill(lastCodeSent(server, phone));
  await page.locator("form:has(#code-step) button[type=submit]").last().click();
}

/** The same through the API: returns a verification for `phone` (valid 30 minutes). */
export async function verifyPhone(server, phone) {
  const post = (target, body) => fetch(new URL(target, server.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const sent = await post("/api/v1/phone-verifications", { phone });
  if (sent.status !== 202) {
    throw new Error(`phone-verifications: ${sent.status} ${await sent.text()}`);
  }
  const confirmed = await post("/api/v1/phone-verifications/confirm",
                               { phone, code: lastCodeSent(server, phone) });
  if (!confirmed.ok) {
    throw new Error(`phone-verifications/confirm: ${confirmed.status} ${await confirmed.text()}`);
  }
  return (await confirmed.json()).verification;
}

/**
 * Starts a server and sets its clock. Returns {url, stop(), log(), messageLog}. The server may
 * print other lines before "agrirent listening on http://127.0.0.1:PORT/" (e.g. a first admin
 * password). Phone verification is off unless `verifyPhones` (see above).
 */
export async function startServer({ now = "2020-05-12T10:00:00+09:00", verifyPhones = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "agrirent-browser-"));
  const child = spawn(
    serverBinary(),
    ["--port", "0", "--db", path.join(dir, "agrirent.db"), "--demo", "--test-clock",
     "--notify-log", path.join(dir, "notifications.log")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stderr.on("data", keep);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20000);
    child.stdout.on("data", (chunk) => {
      keep(chunk);
      const m = output.match(/agrirent listening on (http:\/\/[^\s/]+\/)/);
      if (m) {
        clearTimeout(timer);
        // Never depend on localhost resolution: always the loopback address.
        resolve(m[1].replace("localhost", "127.0.0.1"));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
  await setClock(url, now);
  if (!verifyPhones) {
    await turnPhoneVerificationOff(url);
  }
  return {
    url,
    messageLog: path.join(dir, "notifications.log"),
    log: () => output,
    /** The message log (--notify-log): one line per message sent to a phone. */
    notifications: () => {
      const file = path.join(dir, "notifications.log");
      return existsSync(file) ? readFileSync(file, "utf8") : "";
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless and without a sandbox; a browser is never downloaded. */
export const chromiumOptions = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/** An office's counter PC. Korean unless said otherwise. */
export const DESKTOP = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  locale: "ko-KR",
  timezoneId: "Asia/Seoul",
};

/** A farmer's cheap phone: 360 × 740, touch. Korean unless said otherwise. */
export const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 1,
  locale: "ko-KR",
  timezoneId: "Asia/Seoul",
};

/**
 * A server of its own for the tests of the current describe() (or file): started before them
 * with `options` as for startServer, stopped after. Its `url`, `log()` and `stop()` are there
 * once the tests run. With `screenshots`, the screenshots' folder is made as well.
 */
export function suiteServer(options, { screenshots = false } = {}) {
  const server = {};
  before(async () => {
    Object.assign(server, await startServer(options));
    if (screenshots) {
      mkdirSync(SCREENSHOTS, { recursive: true });
    }
  });
  after(async () => {
    await server.stop?.();
  });
  return server;
}

/**
 * Chromium for the tests of this file: launched before them, closed after. Returns
 * open(options): a new browser context (DESKTOP, PHONE …) and a page that records what must not
 * happen: script errors and what the Content-Security-Policy refused (`errors`), and dialogs
 * (`dialogs`, dismissed; with `dialogsAreErrors` also in `errors` as "dialog: …").
 */
export function suiteBrowser() {
  let browser;
  before(async () => {
    browser = await chromium.launch(chromiumOptions);
  });
  after(async () => {
    await browser?.close();
  });
  return async function open(options, { dialogsAreErrors = false } = {}) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const errors = [];
    const dialogs = [];
    page.on("console", (m) => {
      if (m.type() === "error") {
        errors.push(m.text());
      }
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      if (dialogsAreErrors) {
        errors.push(`dialog: ${d.message()}`);
      }
      await d.dismiss();
    });
    return { context, page, errors, dialogs };
  };
}

/** A JSON API call as a staff member (bearer token, no CSRF needed): {status, body}. */
export async function staffApi(baseUrl, { username, password }, method, target, body) {
  const login = await fetch(new URL("/api/v1/auth/login", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) {
    throw new Error(`login of ${username} failed: ${login.status} ${await login.text()}`);
  }
  const { token } = await login.json();
  const res = await fetch(new URL(target, baseUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** POST /api/v1/reservations as the public web form would (returns the reservation). */
export async function bookPublic(baseUrl, reservation) {
  const res = await fetch(new URL("/api/v1/reservations", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(reservation),
  });
  if (res.status !== 201) {
    throw new Error(`booking failed: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

/** Every visible control is at least 44 px high, and nothing is wider than the phone. */
export async function assertPhoneFriendly(page) {
  const problems = await page.evaluate(() => {
    const out = [];
    // Radio buttons sit inside a .choice label: the label is what a thumb hits.
    const selector = "a.button, button, .choice, .lang-switch, .site-nav a, .month td > a, " +
      "input:not([type=radio]):not([type=checkbox]):not([type=hidden])";
    for (const el of document.querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.height < 44) {
        out.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 20)}" is ${r.height}px high`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) {
      out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    }
    return out;
  });
  assert.deepEqual(problems, []);
}

/** Waits until the page is still: no hover, the fonts loaded, two frames drawn (for screenshots). */
export async function settle(page) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
