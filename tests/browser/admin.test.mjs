// The administration pages end to end in Debian's Chromium (issue 5, "Admin pages"): an admin
// at a counter PC adds a closure for a branch through the form, and a farmer's booking calendar
// shows that day closed. Also takes the admin screenshots (desktop, Korean and English).
// The server runs with the demo data and the test clock at Tuesday 2020-05-12 10:00 KST.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { DESKTOP, PHONE, SCREENSHOTS, suiteBrowser, suiteServer } from "./server.mjs";

const newPage = suiteBrowser();

/** A browser context and a page that records script errors and CSP refusals. */
async function open(server, options) {
  const opened = await newPage(options);
  const at = (p) => new URL(p, server.url).toString();
  return { ...opened, at };
}

/** Signs in through the JSON login API from the page (the session cookie lands in the context). */
async function apiLogin(page, at, username, password) {
  await page.goto(at("/"));
  const status = await page.evaluate(
    async ([u, p]) =>
      (
        await fetch("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: u, password: p }),
        })
      ).status,
    [username, password],
  );
  assert.equal(status, 200);
}

describe("admin at the counter", () => {
  const server = suiteServer();

  test("adds a closure for a branch and the farmers' booking calendar shows the day closed", async () => {
    const calendar = "/book?branch=GS&type=CULTIVATOR&month=2020-05";
    const farmer = await open(server, PHONE);
    await farmer.page.goto(farmer.at(calendar));
    const day = farmer.page.locator('td[data-date="2020-05-21"]');
    assert.match(await day.getAttribute("class"), /\bday-open\b/, "Thursday 21 May is open before");

    const admin = await open(server, DESKTOP);
    const { page, at } = admin;
    // Not signed in: the admin page sends the person to the login page and back.
    await page.goto(at("/staff/admin"));
    assert.match(new URL(page.url()).pathname, /^\/staff\/login/);
    await page.locator('input[name="username"]').fill("admin");
    await page.locator('input[name="password"]').fill("demo-admin-2020");
    await page.locator('input[name="password"]').press("Enter");
    await page.waitForURL((u) => u.pathname === "/staff/admin");

    await page.getByRole("link", { name: /^휴무일·추가 운영일/ }).first().click();
    await page.waitForURL((u) => u.pathname === "/staff/admin/closures");
    await page.getByLabel("사업소").selectOption("GS");
    await page.getByLabel("날짜").fill("2020-05-21");
    await page.getByLabel("사유").fill("재고 조사");
    await page.locator("#form-add button[type=submit]").click();
    await page.waitForURL((u) => u.searchParams.get("done") === "closure_added");

    assert.match(await page.locator(".admin-notice").innerText(), /휴무일을 추가했습니다/);
    const row = page.locator("tr", { hasText: "2020년 5월 21일 (목)" });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /광산본소[\s\S]*휴무[\s\S]*재고 조사/);
    assert.deepEqual(admin.errors, []);

    // The farmer's calendar: the day is closed, with the office's reason.
    await farmer.page.goto(farmer.at(calendar));
    assert.match(await day.getAttribute("class"), /\bday-closed\b/);
    assert.match(await farmer.page.locator(".closed-days").innerText(), /재고 조사/);
    // The other office is not affected.
    await farmer.page.goto(farmer.at("/book?branch=BB&type=CULTIVATOR&month=2020-05"));
    assert.match(
      await farmer.page.locator('td[data-date="2020-05-21"]').getAttribute("class"),
      /\bday-open\b/,
    );
    assert.deepEqual(farmer.errors, []);

    await admin.context.close();
    await farmer.context.close();
  });

  test("a refused form keeps what was typed and says why beside the field", async () => {
    const { context, page, at, errors } = await open(server, { ...DESKTOP, locale: "en-US" });
    await apiLogin(page, at, "admin", "demo-admin-2020");
    await page.goto(at("/staff/admin/types?lang=en"));
    const form = page.locator("#form-add");
    await form.getByLabel("Code").fill("TRACTOR");
    await form.getByLabel("Name (Korean)").fill("트랙터");
    await form.getByLabel("Name (English)").fill("Tractor again");
    await form.getByLabel("Daily fee (won)").fill("90000");
    await form.locator("button[type=submit]").click();
    await page.waitForLoadState("domcontentloaded");
    assert.equal(await page.locator("#f-add-code-error").innerText(), "'TRACTOR' already exists.");
    assert.equal(await page.locator("#f-add-name_en").inputValue(), "Tractor again");
    assert.equal(await page.locator("#f-add-daily_fee").inputValue(), "90000");
    assert.match(await page.locator(".error-summary").innerText(), /already exists/);
    // The page itself answers 409 (the API's status), which Chromium notes in the console.
    assert.deepEqual(
      errors.filter((e) => !/status of 409/.test(e)),
      [],
    );
    await context.close();
  });
});

// Screenshots of the admin pages at a desktop size, in both languages (docs/screenshots/). A
// server of their own and the test clock keep them identical run after run.
describe("admin screenshots", () => {
  const shots = suiteServer(undefined, { screenshots: true });

  for (const lang of ["ko", "en"]) {
    test(`admin home, machine types and holidays (${lang})`, async () => {
      const { context, page, at } = await open(shots, {
        ...DESKTOP,
        locale: lang === "en" ? "en-US" : "ko-KR",
      });
      await apiLogin(page, at, "admin", "demo-admin-2020");
      const snap = async (name, target) => {
        await page.goto(at(target));
        const file = path.join(SCREENSHOTS, `${name}-${lang}.png`);
        await page.screenshot({ path: file });
        // A budget per image (the repository keeps them): the admin home grew past 150 KB with
        // the fee band and group cards of issue 15.
        assert.ok(statSync(file).size <= 200 * 1024, `${name}-${lang}.png is over 200 KB`);
      };
      await snap("admin-home", `/staff/admin?lang=${lang}`);
      await snap("admin-types", `/staff/admin/types?lang=${lang}`);
      await snap("admin-holidays", `/staff/admin/holidays?year=2020&lang=${lang}`);
      await context.close();
    });
  }
});
