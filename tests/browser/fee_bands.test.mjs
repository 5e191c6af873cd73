// Issue 15 (DOMAIN.md §17) in Debian's Chromium on a 360 px phone screen, in Korean and English:
// an admin opens a machine type, sees the statutory band and the allowed range beside the daily
// fee, types a fee outside it and gets the form back with the reason beside the fee field and
// what was typed kept; a fee inside the range is saved. The server runs with the demo data.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { PHONE, suiteBrowser, suiteServer } from "./server.mjs";

const newPage = suiteBrowser();

const texts = {
  ko: {
    band: /법정 기준 110,000원, 허용 범위 93,500원~126,500원/,
    refused: /93,500~126,500원/,
    saved: /저장했습니다/,
  },
  en: {
    band: /Statutory band fee ₩110,000, allowed ₩93,500 to ₩126,500/,
    refused: /93,500–126,500 won/,
    saved: /Saved/,
  },
};

describe("admin: the statutory fee band beside a machine type's fee (360 px)", () => {
  const server = suiteServer();

  for (const lang of ["ko", "en"]) {
    test(`the band is shown, an out-of-band fee refused, one inside saved (${lang})`, async () => {
      const { context, page, errors } = await newPage({
        ...PHONE,
        locale: lang === "en" ? "en-US" : "ko-KR",
      });
      const at = (p) => new URL(p, server.url).toString();
      await page.goto(at(`/staff/login?lang=${lang}`));
      await page.locator('input[name="username"]').fill("admin");
      await page.locator('input[name="password"]').fill("demo-admin-2020");
      await page.locator('input[name="password"]').press("Enter");
      await page.waitForURL((u) => u.pathname.startsWith("/staff"));

      await page.goto(at(`/staff/admin/types/TRACTOR?lang=${lang}`));
      const fee = page.locator("#f-edit-daily_fee");
      const hint = page.locator("#f-edit-daily_fee-hint");
      assert.match(await hint.innerText(), texts[lang].band);
      assert.ok(await hint.isVisible());
      // Nothing sticks out of a phone's screen.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `the page is ${width} px wide`);

      await fee.fill("130000");
      await page.locator("#form-edit button[type=submit]").click();
      await page.waitForLoadState("domcontentloaded");
      assert.match(await page.locator("#f-edit-daily_fee-error").innerText(), texts[lang].refused);
      assert.equal(await page.locator("#f-edit-daily_fee").inputValue(), "130000");
      assert.match(await page.locator(".error-summary").innerText(), texts[lang].refused);

      await page.locator("#f-edit-daily_fee").fill("110000");
      await page.locator("#form-edit button[type=submit]").click();
      await page.waitForURL((u) => u.searchParams.get("done") === "saved");
      assert.match(await page.locator(".admin-notice").innerText(), texts[lang].saved);
      // Restore the fee for the other language's run.
      await page.goto(at(`/staff/admin/types/TRACTOR?lang=${lang}`));
      await page.locator("#f-edit-daily_fee").fill("100000");
      await page.locator("#form-edit button[type=submit]").click();
      await page.waitForURL((u) => u.searchParams.get("done") === "saved");

      // The page answered 422 once (the API's status), which Chromium notes in the console.
      assert.deepEqual(
        errors.filter((e) => !/status of 422/.test(e)),
        [],
      );
      await context.close();
    });
  }
});
