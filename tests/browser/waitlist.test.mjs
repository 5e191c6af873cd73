// The waitlist and extension pages end to end in Debian's Chromium (issue 14 "Done when"), on a
// 360 px phone in Korean and in English: a farmer finds the day full and joins the waitlist from
// the booking page; staff cancel the booking that blocked it (API); the offer message appears in
// the server's message log; the farmer accepts on the waitlist page and sees the reservation.
// A farmer extends a checked-out rental from the look-up page (dry run, then confirm). The
// operator's board shows the waitlist. Screenshots: docs/screenshots/waitlist-offer-{ko,en}.png,
// extend-{ko,en}.png, board-waitlist-{ko,en}.png.
//
// The server runs with the product default, verified phones (DOMAIN.md §14): the farmer's first
// action on a page (joining; the extension's quote) shows the code step inside the form
// (인증번호 받기 → the 6 digits from the message log → 계속); the next action within the 30
// minutes is not asked again (the signed cookie).
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";

import {
  PHONE, SCREENSHOTS, bookPublic, codeStep, setClock, staffApi, suiteBrowser, suiteServer, verifyPhone,
} from "./server.mjs";

const ADMIN = { username: "admin", password: "demo-admin-2020" };
const OPERATOR = { username: "operator", password: "demo-operator-2020" };
const CLERK_GS = { username: "clerk-gs", password: "demo-clerk-gs-2020" };

const server = suiteServer({ verifyPhones: true }, { screenshots: true });
const newPage = suiteBrowser();

const T = {
  ko: {
    join: "대기 신청", joinSubmit: "대기 신청하기", name: "이름", phone: "휴대전화 번호",
    joined: "대기 신청을 받았습니다.", first: "대기 순번 1번", accept: "수락",
    lookup: "예약 보기", code: "예약번호",
    seePrice: "요금 보기", extend: "연장하기", extended: "사용 기간을 연장했습니다.",
    newEnd: "새 사용 기간", login: "로그인", user: "아이디", password: "비밀번호", waitlist: "대기자",
  },
  en: {
    join: "Join the waiting list", joinSubmit: "Join the waiting list", name: "Name",
    phone: "Mobile phone number", joined: "You are on the waiting list.", first: "Number 1 in line",
    accept: "Accept", lookup: "Show my booking", code: "Booking code",
    seePrice: "See the price", extend: "Extend", extended: "The rental is extended.",
    newEnd: "New rental period", login: "Log in", user: "Username", password: "Password",
    waitlist: "Waitlist",
  },
};

async function snap(page, name, lang) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${lang}.png`), fullPage: true });
}

function phone(lang) {
  return newPage({ ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US" }, { dialogsAreErrors: true });
}

/** Waits (up to 10 s: the sender loop runs every second) for a line of the message log. */
async function messageMatching(pattern) {
  for (let i = 0; i < 100; i += 1) {
    const line = server.notifications().split("\n").find((l) => pattern.test(l));
    if (line) {
      return line;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message matching ${pattern} in:\n${server.notifications()}`);
}

/** Checks a reservation out with the first unit of its type (staff API, as a clerk). */
async function checkOut(code, type) {
  const units = await staffApi(server.url, ADMIN, "GET", `/api/v1/units?branch=GS&type=${type}`);
  const types = await (await fetch(new URL("/api/v1/machine-types", server.url))).json();
  const checklist = Object.fromEntries(
    types.find((t) => t.code === type).checklist.map((item) => [item, true]));
  const out = await staffApi(server.url, CLERK_GS, "POST", `/api/v1/reservations/${code}/checkout`,
    { unit: units.body[0].tag, hour_meter: 5000, paid: true, checklist });
  assert.equal(out.status, 200, JSON.stringify(out.body));
}

describe("waitlist and extension on a phone", () => {
  const holders = {};
  const rentals = {};
  before(async () => {
    // GS has two power tillers: one in maintenance, so one booking fills a day.
    const m = await staffApi(server.url, ADMIN, "POST", "/api/v1/units/GS-TILLER-02/status",
      { status: "maintenance", note: "browser test" });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    const farmer = (name, phone) => ({ name, phone });
    for (const [lang, day, no] of [["ko", "2020-05-14", 1], ["en", "2020-05-19", 2], ["board", "2020-05-21", 3]]) {
      const mobile = `010-7950-000${no}`;
      holders[lang] = await bookPublic(server.url, {
        branch: "GS", type: "TILLER", start: day, end: day, farmer: farmer("김보유", mobile),
        verification: await verifyPhone(server, mobile) });
    }
    // Someone waits for the 21st (an operator adds a caller): the board shows the queue.
    const w = await staffApi(server.url, OPERATOR, "POST", "/api/v1/waitlist", {
      branch: "GS", type: "TILLER", start: "2020-05-21", end: "2020-05-21",
      farmer: farmer("박대기", "010-7950-0100") });
    assert.equal(w.status, 201, JSON.stringify(w.body));
    // Rentals out today, to extend from the look-up page.
    for (const [lang, type, no] of [["ko", "CULTIVATOR", 4], ["en", "RICE_TRANSPLANTER", 5]]) {
      const mobile = `010-7950-000${no}`;
      rentals[lang] = await bookPublic(server.url, {
        branch: "GS", type, start: "2020-05-12", end: "2020-05-12", farmer: farmer("정연장", mobile),
        verification: await verifyPhone(server, mobile) });
      await checkOut(rentals[lang].code, type);
    }
  });

  for (const lang of ["ko", "en"]) {
    const t = T[lang];
    test(`waitlist join, offer message, accept (${lang})`, async () => {
      const day = lang === "ko" ? "2020-05-14" : "2020-05-19";
      const mobile = lang === "ko" ? "010-7950-0201" : "010-7950-0202";
      const { context, page, errors } = await phone(lang);
      await page.goto(new URL(`/book?branch=GS&type=TILLER&month=2020-05&lang=${lang}`, server.url).href);
      // The full day can be tapped: the quote is refused and the waitlist offered.
      assert.ok(await page.locator(`td[data-date="${day}"].day-full a`).count() === 1);
      await page.locator(`td[data-date="${day}"] a`).click();
      await page.getByRole("link", { name: t.join }).click();
      await page.getByLabel(t.name, { exact: true }).fill(lang === "ko" ? "이대기" : "Lee Waits");
      await page.getByLabel(t.phone, { exact: false }).first().fill(mobile);
      await page.getByRole("button", { name: t.joinSubmit }).click();
      // The code step inside the join form (nothing joined yet), the name and phone kept.
      await codeStep(page, server, mobile);
      await page.getByText(t.joined).waitFor();
      await page.getByText(t.first).waitFor();
      const code = (await page.locator(".code-text").innerText()).trim();
      assert.match(code, /^[A-Z0-9]{8}$/);

      // Staff cancel the booking that blocked it: the entry gets an offer by message.
      const c = await staffApi(server.url, OPERATOR, "POST",
        `/api/v1/reservations/${holders[lang].code}/cancel`, { reason: "농가 전화 요청" });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      const message = await messageMatching(new RegExp(`waitlist_offer\\t.*${code}`));
      assert.match(message, /\/waitlist/);

      await page.goto(new URL(`/waitlist/${code}`, server.url).href);
      await page.getByRole("button", { name: t.accept, exact: true }).waitFor();
      await snap(page, "waitlist-offer", lang);
      // Verified when joining, minutes ago: accepting is not asked again (the cookie).
      await page.getByRole("button", { name: t.accept, exact: true }).click();
      await page.waitForURL(/\/booking\/[A-Z0-9]{8}\?new=1/);
      const booked = page.url().match(/\/booking\/([A-Z0-9]{8})/)[1];
      assert.equal((await page.locator(".code-text").innerText()).trim(), booked);
      const r = await staffApi(server.url, OPERATOR, "GET", `/api/v1/reservations/${booked}`);
      assert.equal(r.body.start, day);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test(`extension from the look-up page (${lang})`, async () => {
      const rental = rentals[lang];
      // The farmer comes back later (a new code is sent at most once a minute per phone).
      await setClock(server.url, lang === "ko" ? "2020-05-12T10:05:00+09:00" : "2020-05-12T10:10:00+09:00");
      const { context, page, errors } = await phone(lang);
      await page.goto(new URL(`/my?lang=${lang}`, server.url).href);
      await page.getByLabel(t.code, { exact: false }).first().fill(rental.code);
      await page.getByLabel(t.phone, { exact: false }).first().fill(rental.farmer.phone);
      await page.getByRole("button", { name: t.lookup }).click();
      await page.waitForURL(/\/booking\//);
      await page.getByLabel(t.newEnd).selectOption("2020-05-13");
      await page.getByRole("button", { name: t.seePrice }).click();
      // The code step inside the quote's form, the new end kept; then the quote.
      await codeStep(page, server, rental.farmer.phone);
      await page.locator(".extend-quote").waitFor();
      await snap(page, "extend", lang);
      // Within the 30 minutes: confirming is not asked again.
      await page.getByRole("button", { name: t.extend, exact: true }).click();
      await page.getByText(t.extended).waitFor();
      const r = await staffApi(server.url, OPERATOR, "GET", `/api/v1/reservations/${rental.code}`);
      assert.equal(r.body.end, "2020-05-13");
      assert.deepEqual(errors, []);
      await context.close();
    });

    test(`the operator's board shows the waitlist (${lang})`, async () => {
      const { context, page, errors } = await phone(lang);
      await page.goto(new URL(`/staff/login?next=/staff/board&lang=${lang}`, server.url).href);
      await page.getByLabel(t.user, { exact: true }).fill(OPERATOR.username);
      await page.getByLabel(t.password, { exact: true }).fill(OPERATOR.password);
      await page.getByRole("button", { name: t.login, exact: true }).click();
      await page.waitForURL(/\/staff\/board/);
      const section = page.locator("#waitlist");
      await section.scrollIntoViewIfNeeded();
      assert.match(await section.innerText(), /박대기/);
      // The board is made for a counter PC: on a phone, the waitlist section is what is shown.
      const box = await section.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { x: 0, y: r.top + window.scrollY, width: document.documentElement.scrollWidth, height: r.height };
      });
      await page.screenshot({ path: path.join(SCREENSHOTS, `board-waitlist-${lang}.png`), fullPage: true, clip: box });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
