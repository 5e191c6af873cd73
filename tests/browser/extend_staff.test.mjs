// Extensions by staff (연장, issue 14, DOMAIN.md §12) end to end in Debian's Chromium: a clerk on a
// 360 px phone opens the day sheet, unfolds 연장 (Extend) beside a power tiller due back today,
// chooses the new end, sees the dry run's added day, fee and new return deadline beside the
// rental, confirms, and is back on the day sheet with the notice — in Korean and in English.
// Screenshots: docs/screenshots/extend-staff-{ko,en}.png (the quote with its confirm button).
// The server runs with the demo data and the test clock at Tuesday 2020-05-12 09:30 KST.
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";

import { bookPublic, PHONE, SCREENSHOTS, settle, staffApi, suiteBrowser, suiteServer } from "./server.mjs";

const CLERK_GS = { username: "clerk-gs", password: "demo-clerk-gs-2020" };

const server = suiteServer({ now: "2020-05-12T09:30:00+09:00" }, { screenshots: true });
const newPage = suiteBrowser();

const TEXT = {
  ko: {
    user: "아이디", password: "비밀번호", login: "로그인", open: "연장", quote: "요금 보기",
    confirm: "연장하기", deadline: "새 반납 기한", done: "연장했습니다", day: "5월 13일 (수) 17:00",
  },
  en: {
    user: "Username", password: "Password", login: "Log in", open: "Extend", quote: "See the price",
    confirm: "Extend", deadline: "New return deadline", done: "is extended", day: "17:00",
  },
};

/** Both GS power tillers out today, due back at 17:00: one for each language. */
const codes = {};

describe("clerk extends a rental from the day sheet on a phone", () => {
  before(async () => {
    let unit = 0;
    for (const [lang, phone] of [["ko", "010-7800-0001"], ["en", "010-7800-0002"]]) {
      const r = await bookPublic(server.url, {
        branch: "GS", type: "TILLER", start: "2020-05-12", end: "2020-05-12",
        farmer: { name: lang === "ko" ? "정연장" : "Jung", phone },
      });
      unit += 1;
      const out = await staffApi(server.url, CLERK_GS, "POST", `/api/v1/reservations/${r.code}/checkout`, {
        unit: `GS-TILLER-0${unit}`, hour_meter: 5000, paid: true,
        checklist: { "타이어 상태": true, "로터리 날": true, "엔진오일": true },
      });
      assert.equal(out.status, 200, JSON.stringify(out.body));
      codes[lang] = r.code;
    }
  });

  for (const lang of ["ko", "en"]) {
    test(`${lang}: 연장 → the quote beside the rental → confirm → back on the day sheet`, async () => {
      const t = TEXT[lang];
      const code = codes[lang];
      const { context, page, errors, dialogs } = await newPage({
        ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US",
      });
      await page.goto(new URL(`/staff/login?lang=${lang}`, server.url).href);
      await page.getByLabel(t.user, { exact: true }).fill(CLERK_GS.username);
      await page.getByLabel(t.password, { exact: true }).fill(CLERK_GS.password);
      await page.getByRole("button", { name: t.login, exact: true }).click();
      await page.waitForURL(/\/staff\/day$/);

      const control = page.locator(`#ext-${code}`);
      await control.locator("summary").click(); // folded until used
      await page.locator(`#ext-${code}-end`).selectOption("2020-05-13");
      await control.getByRole("button", { name: t.quote, exact: true }).click();
      await page.waitForLoadState("domcontentloaded");

      // The dry run: the same day sheet, the quote unfolded beside the rental; nothing stored.
      const quote = page.locator(`#ext-${code} .extend-quote`);
      await quote.waitFor();
      const quoted = await quote.innerText();
      assert.match(quoted, /7,500/);
      assert.match(quoted, new RegExp(t.deadline));
      assert.ok(quoted.includes(t.day), quoted);
      const before = await staffApi(server.url, CLERK_GS, "GET", `/api/v1/reservations/${code}`);
      assert.equal(before.body.end, "2020-05-12");
      // Usable with a thumb: the control's buttons and select are 44 px high and fit the phone.
      const sizes = await page.locator(`#ext-${code}`).evaluate((el) =>
        [...el.querySelectorAll("button, select, summary")].map((b) => {
          const r = b.getBoundingClientRect();
          return { h: r.height, right: r.right };
        }));
      for (const s of sizes) {
        assert.ok(s.h >= 44, `a control is ${s.h}px high`);
        assert.ok(s.right <= 360, `a control ends at ${s.right}px, beyond the phone's 360`);
      }
      // The phone's screen with the quote and its confirm button at the bottom.
      await page.locator(`#ext-${code} .extend-confirm`).evaluate((el) => el.scrollIntoView({ block: "end" }));
      await page.evaluate(([a, b]) => { // fixed codes in the picture (they are random)
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const n = walker.currentNode;
          n.nodeValue = n.nodeValue.replaceAll(a, "K7M2Q9XW").replaceAll(b, "H4TR7CXA");
        }
      }, [codes.ko, codes.en]);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `extend-staff-${lang}.png`) });

      await page.locator(`#ext-${code} .extend-confirm button`).click();
      await page.waitForURL(/\/staff\/day\?.*done=extend/);
      assert.match(await page.locator("p.notice[role=status]").innerText(), new RegExp(t.done));
      const after = await staffApi(server.url, CLERK_GS, "GET", `/api/v1/reservations/${code}`);
      assert.equal(after.body.end, "2020-05-13");
      assert.equal(after.body.return_by, "2020-05-13T17:00:00+09:00");
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
