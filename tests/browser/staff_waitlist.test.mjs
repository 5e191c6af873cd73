// The operator's waitlist for a caller end to end in Debian's Chromium (issue 14, DOMAIN.md §13),
// on a 360 px phone in Korean and in English: the board's full cell → the booking page refuses
// for no_capacity and offers "대기 등록" → the caller's name and phone → the staff entry page
// with the waitlist code to read out; the booking that blocked the day is cancelled (API): the
// entry shows the offer → 수락 (예약 생성) → the staff reservation page of the new booking.
// No phone code anywhere: staff act for a caller (DOMAIN.md §14), even though the server runs
// with the product default (verified phones for farmers).
// Screenshots: docs/screenshots/staff-waitlist-{ko,en}.png (the entry page with the offer).
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";

import { PHONE, SCREENSHOTS, assertPhoneFriendly, settle, staffApi, suiteBrowser, suiteServer } from "./server.mjs";

const ADMIN = { username: "admin", password: "demo-admin-2020" };
const OPERATOR = { username: "operator", password: "demo-operator-2020" };

const server = suiteServer({ verifyPhones: true }, { screenshots: true });
const newPage = suiteBrowser();

const T = {
  ko: {
    login: "로그인", user: "아이디", password: "비밀번호", add: "대기 등록",
    joined: "대기 등록했습니다.", first: "대기 순번 1번", accept: "수락 (예약 생성)",
    offer: /까지 수락하면 예약됩니다/, booked: "예약했습니다",
  },
  en: {
    login: "Log in", user: "Username", password: "Password", add: "Add to waitlist",
    joined: "Added to the waitlist.", first: "Number 1 in line", accept: "Accept (make the booking)",
    offer: /Accept by .* and it is booked/, booked: "Booked",
  },
};

describe("the operator adds a caller to the waitlist and accepts the offer for them", () => {
  const holders = {};
  before(async () => {
    // GS has two power tillers: one in maintenance, so one booking fills a day.
    const m = await staffApi(server.url, ADMIN, "POST", "/api/v1/units/GS-TILLER-02/status",
      { status: "maintenance", note: "browser test" });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    for (const [lang, day, no] of [["ko", "2020-05-14", 1], ["en", "2020-05-19", 2]]) {
      const r = await staffApi(server.url, OPERATOR, "POST", "/api/v1/reservations", {
        branch: "GS", type: "TILLER", start: day, end: day, channel: "phone",
        farmer: { name: "김보유", phone: `010-7960-000${no}` } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      holders[lang] = { code: r.body.code, day };
    }
  });

  for (const lang of ["ko", "en"]) {
    const t = T[lang];
    test(`board → book → no_capacity → waitlist → offer → accept (${lang})`, async () => {
      const { day, code: holder } = holders[lang];
      const caller = lang === "ko" ? { name: "박전화", phone: "010-7960-0101" }
        : { name: "Park Calls", phone: "010-7960-0102" };
      const { context, page, errors } = await newPage(
        { ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US" }, { dialogsAreErrors: true });
      await page.goto(new URL(`/staff/login?next=/staff/board%3Ffrom%3D2020-05-12&lang=${lang}`, server.url).href);
      await page.getByLabel(t.user, { exact: true }).fill(OPERATOR.username);
      await page.getByLabel(t.password, { exact: true }).fill(OPERATOR.password);
      await page.getByRole("button", { name: t.login, exact: true }).click();
      await page.waitForURL(/\/staff\/board/);

      // The full cell of the board's grid: 0 left.
      const cell = page.locator(`a[href*="branch=GS&type=TILLER&start=${day}"]`);
      assert.equal((await cell.innerText()).trim(), "0");
      await cell.click();
      await page.waitForURL(/\/staff\/book\?/);
      // Refused for no_capacity: no booking form, the waitlist form instead.
      assert.notEqual((await page.locator("#dates-error").innerText()).trim(), "");
      const form = page.locator("#waitlist");
      await form.waitFor();
      await form.locator("#f-wl_name").fill(caller.name);
      await form.locator("#f-wl_phone").fill(caller.phone);
      await form.getByRole("button", { name: t.add, exact: true }).click();

      // The entry's page: the code to read out, first in line. No phone code was asked.
      await page.waitForURL(/\/staff\/waitlist\/[A-Z0-9]{8}\?new=1/);
      await page.getByText(t.joined).waitFor();
      await page.getByText(t.first).waitFor();
      const code = (await page.locator(".code-text").innerText()).trim();
      assert.match(code, /^[A-Z0-9]{8}$/);
      assert.equal(page.url().match(/\/staff\/waitlist\/([A-Z0-9]{8})/)[1], code);

      // The booking that blocked the day is cancelled: the entry gets the offer.
      const c = await staffApi(server.url, OPERATOR, "POST", `/api/v1/reservations/${holder}/cancel`,
        { reason: "농가 전화 요청" });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      await page.goto(new URL(`/staff/waitlist/${code}?lang=${lang}`, server.url).href);
      await page.locator(".status-wl-offered").waitFor();
      assert.match(await page.locator(".offer-until").innerText(), t.offer);
      const accept = page.getByRole("button", { name: t.accept, exact: true });
      await accept.waitFor();
      await assertPhoneFriendly(page);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `staff-waitlist-${lang}.png`), fullPage: true });

      // The caller says yes on the phone: the booking, its code in large type.
      await accept.click();
      await page.waitForURL(/\/staff\/reservations\/[A-Z0-9]{8}\?booked=1/);
      const booked = page.url().match(/\/staff\/reservations\/([A-Z0-9]{8})/)[1];
      assert.equal((await page.locator(".code-text").innerText()).trim(), booked);
      const r = await staffApi(server.url, OPERATOR, "GET", `/api/v1/reservations/${booked}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.start, day);
      assert.equal(r.body.farmer.phone, caller.phone);
      const w = await staffApi(server.url, OPERATOR, "GET", `/api/v1/waitlist/${code}`);
      assert.equal(w.body.status, "booked");
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
