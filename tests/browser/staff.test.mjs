// The staff pages end to end in Debian's Chromium (issue 5 "Tests"): an operator logs in and
// books for a caller from the board; a clerk checks a machine out, the session times out two
// days later (the login page brings the clerk back to the day sheet), and the late check-in
// shows the late fee. Screenshots of the login, the board, a reservation and the day sheet in
// both languages on a counter PC's screen (1280 × 800).
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";

import { bookPublic, DESKTOP, SCREENSHOTS, setClock, staffApi, suiteBrowser, suiteServer } from "./server.mjs";

const OPERATOR = { username: "operator", password: "demo-operator-2020" };
const CLERK_GS = { username: "clerk-gs", password: "demo-clerk-gs-2020" };

const newPage = suiteBrowser();

/** A new browser (a staff PC) and a page that records script errors and dialogs. */
async function desk(options = {}) {
  const { context, page, errors } = await newPage({ ...DESKTOP, ...options }, { dialogsAreErrors: true });
  return { context, page, problems: errors };
}

/** Fills the login form the page shows and sends it. */
async function logIn(page, { username, password }, lang = "ko") {
  await page.getByLabel(lang === "ko" ? "아이디" : "Username", { exact: true }).fill(username);
  await page.getByLabel(lang === "ko" ? "비밀번호" : "Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: lang === "ko" ? "로그인" : "Log in", exact: true }).click();
  await page.waitForLoadState("domcontentloaded");
}

/** The table row of a reservation in a section of the page. */
function rowOf(page, section, code) {
  return page.locator(`${section} tr`, { has: page.locator(`a.code:text-is("${code}")`) });
}

/** The work row (the forms) right after a reservation's row on the day sheet. */
function workRowOf(page, section, code) {
  return rowOf(page, section, code).locator("xpath=following-sibling::tr[1]");
}

describe("operator on the board", () => {
  const server = suiteServer();

  test("logs in and books for a caller from the board: cell → quote → confirm → code", async () => {
    const { context, page, problems } = await desk();
    await page.goto(new URL("/staff/board", server.url).href);
    // No session: the login page, which will come back to the board.
    await page.waitForURL(/\/staff\/login\?next=\/staff\/board$/);
    await page.getByText("로그인하면 보려던 화면으로 바로 갑니다.").waitFor();
    await logIn(page, OPERATOR);
    await page.waitForURL(/\/staff\/board$/);
    await page.getByRole("heading", { name: "예약 보드" }).waitFor();

    // Tuesday 19 May, a cultivator at the Gwangsan office: 4 of 4 free.
    const cell = (free) =>
      page.getByRole("link", { name: `광산본소 관리기 5월 19일 (화): 4대 중 ${free}대 남음` });
    assert.equal(await cell(4).locator(".cell-n").innerText(), "4");
    // Cultivators are lent by the half day too (DOMAIN.md §11): free mornings and afternoons.
    assert.equal(await cell(4).locator(".cell-half").innerText(), "오전 4 · 오후 4");
    await cell(4).click();
    await page.waitForURL(/\/staff\/book\?/);
    const quote = page.locator("#quote");
    assert.match(await quote.innerText(), /5월 19일 \(화\) 09:00~18:00/);
    assert.match(await quote.innerText(), /내실 금액\s+10,000원/);
    // Two days: the quote follows the choice.
    await page.getByRole("link", { name: /^2일 · 5월 20일 \(수\)까지/ }).click();
    await page.waitForURL(/end=2020-05-20/);
    assert.match(await page.locator("#quote").innerText(), /내실 금액\s+20,000원/);
    assert.match(await page.locator("#quote").innerText(), /5월 20일 \(수\) 17:00까지/);

    await page.getByLabel("농업인 이름", { exact: true }).fill("박전화");
    await page.getByLabel("농업인 휴대전화", { exact: true }).fill("010-7800-0001");
    await page.getByRole("button", { name: "예약 확정" }).click();

    await page.waitForURL(/\/staff\/reservations\/[A-Z0-9]{8}\?booked=1/);
    await page.getByText("예약했습니다. 예약번호를 불러 주세요.").waitFor();
    const code = page.locator(".booking-code .code-text");
    assert.match(await code.innerText(), /^[A-Z0-9]{8}$/);
    const size = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 48, `the code is ${size}px: large enough to read out`);
    assert.equal(await page.locator(".code-box .status").innerText(), "예약 확정");
    assert.match(await page.locator(".staff-facts").innerText(), /예약 경로\s+전화/);

    // The board now counts one less, and the cell's page names the caller.
    await page.getByRole("link", { name: "예약 보드로" }).click();
    await page.waitForURL(/\/staff\/board/);
    assert.equal(await cell(3).locator(".cell-n").innerText(), "3");
    assert.equal(await cell(3).locator(".cell-half").innerText(), "오전 3 · 오후 3");
    await cell(3).click();
    await page.locator(".book-holders").getByText("박전화").waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("clerk at the counter", () => {
  const server = suiteServer({ now: "2020-05-12T10:00:00+09:00" });

  test("checks a machine out, and back in two days late: the late fee shows", async () => {
    const booked = await bookPublic(server.url, {
      branch: "GS", type: "CULTIVATOR", start: "2020-05-13", end: "2020-05-13",
      farmer: { name: "최늦음", phone: "010-7810-0001" },
    });
    await setClock(server.url, "2020-05-13T10:00:00+09:00");

    const { context, page, problems } = await desk();
    await page.goto(new URL("/staff/login", server.url).href);
    await logIn(page, CLERK_GS);
    await page.waitForURL(/\/staff\/day$/); // a clerk's home: today's day sheet
    await page.getByText("2020년 5월 13일 (수)").first().waitFor();

    // Check-out: the unit, the hour meter, the checklist, paid.
    const pickup = workRowOf(page, "#pickups-title + table", booked.code);
    await pickup.getByText("출고 처리").click();
    await pickup.getByLabel("내줄 기계").selectOption("GS-CULTIVATOR-02");
    await pickup.getByLabel("계기 시간 (시간)").fill("300");
    for (const item of ["로터리 날", "엔진오일", "연료", "세척 상태"]) {
      await pickup.getByLabel(item).check();
    }
    await pickup.getByLabel("요금을 받았습니다").check();
    await pickup.getByRole("button", { name: "출고", exact: true }).click();
    await page.waitForURL(/done=checkout/);
    await page.getByText(`${booked.code} 예약의 기계를 내주었습니다.`).waitFor();
    const unitRow = page.locator(".units-table tr", { hasText: "GS-CULTIVATOR-02" });
    assert.match(await unitRow.innerText(), /대여 중/);

    // Friday noon: the return deadline was Wednesday 17:00. The session has long idled out:
    // the day sheet shows the login page, and logging in comes back to the day sheet.
    await setClock(server.url, "2020-05-15T12:00:00+09:00");
    await page.goto(new URL("/staff/day", server.url).href);
    await page.waitForURL(/\/staff\/login\?next=\/staff\/day&expired=1$/);
    await page.getByText("오래 사용하지 않아 로그아웃되었습니다.", { exact: false }).waitFor();
    await logIn(page, CLERK_GS);
    await page.waitForURL(/\/staff\/day$/);
    await page.getByText("2020년 5월 15일 (금)").first().waitFor();

    // Check-in from the overdue list.
    const late = workRowOf(page, "#overdue-title + table", booked.code);
    await late.getByText("반납 처리").click();
    assert.match(await late.innerText(), /지금 반납하면 연체료 40,000원 \(2일 늦음\)/);
    await late.getByLabel("계기 시간 (시간)").fill("306.5");
    for (const item of ["로터리 날", "엔진오일", "연료", "세척 상태"]) {
      await late.getByLabel(item).check();
    }
    await late.getByRole("button", { name: "반납", exact: true }).click();

    await page.waitForURL(new RegExp(`/staff/reservations/${booked.code}\\?done=checkin`));
    const fee = page.locator(".late-fee-amount");
    assert.equal(await fee.innerText(), "40,000원");
    const size = await fee.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 40, `the late fee is ${size}px: large`);
    assert.equal(await page.locator(".late-days").innerText(), "반납 기한보다 2일 늦음");
    assert.equal(await page.locator(".code-box .status").innerText(), "반납 완료");

    // Back to the sheet: the machine is being disinfected; one click makes it available.
    await page.getByRole("link", { name: "일일 업무로" }).click();
    await page.waitForURL(/\/staff\/day/);
    assert.match(await unitRow.innerText(), /방역 중/);
    await unitRow.getByRole("button", { name: "방역 완료 → 사용 가능" }).click();
    await page.waitForURL(/done=unit_available/);
    assert.match(await unitRow.innerText(), /사용 가능/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// Screenshots for the README (docs/screenshots/, committed). A server of their own keeps them
// identical run after run: the test clock fixes every date, the bookings are made here, and
// random booking codes are replaced by fixed ones in the picture only.
describe("screenshots", () => {
  const shots = suiteServer({ now: "2020-05-12T10:00:00+09:00" }, { screenshots: true });

  /** Booking codes that are not the demo's (DEMQ…) become fixed ones, in order of appearance. */
  async function fixCodes(page) {
    await page.evaluate(() => {
      const fixed = ["K7M2Q9XW", "H4TR7CXA", "P3WN6DKE", "T9CF4MHY", "W6XA3JQR", "M4QK7TCE"];
      const seen = new Map();
      const code = /\b[ACDEFGHJKMNPQRTWXY34679]{8}\b/g;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) {
        nodes.push(walker.currentNode);
      }
      for (const node of nodes) {
        node.textContent = node.textContent.replace(code, (c) => {
          if (c.startsWith("DEMQ")) {
            return c;
          }
          if (!seen.has(c)) {
            seen.set(c, fixed[seen.size % fixed.length]);
          }
          return seen.get(c);
        });
      }
      // The code spoken for screen readers, too.
      for (const el of document.querySelectorAll(".booking-code .visually-hidden")) {
        const shown = el.parentElement.querySelector(".code-text").textContent;
        el.textContent = [...shown].join(" ");
      }
    });
    // Paint the whole page again, not only what changed, so the picture is the same every run.
    const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    await page.evaluate(frames);
    await page.evaluate(() => { document.body.style.opacity = "0.99"; });
    await page.evaluate(frames);
    await page.evaluate(() => { document.body.style.opacity = ""; });
  }

  async function snap(page, name, lang) {
    // Nothing hovered (the last click's position) and every frame painted.
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${lang}.png`) });
  }

  before(async () => {
    // The demo also books around the real today: approvals of other years would change the
    // pictures from year to year. Only 2020 stays.
    const waiting = await staffApi(shots.url, OPERATOR, "GET", "/api/v1/reservations?status=requested");
    for (const r of waiting.body.items) {
      if (!r.start.startsWith("2020")) {
        await staffApi(shots.url, OPERATOR, "POST", `/api/v1/reservations/${r.code}/reject`,
                       { reason: "screenshots" });
      }
    }
    // A full day on the board, and work for the day sheet of Friday 22 May.
    const farmer = (name, phone) => ({ name, phone });
    await bookPublic(shots.url, { branch: "GS", type: "POTATO_HARVESTER", start: "2020-05-20",
                                  end: "2020-05-21", farmer: farmer("이감자", "010-7900-1001") });
    await bookPublic(shots.url, { branch: "GS", type: "CULTIVATOR", start: "2020-05-22",
                                  end: "2020-05-22", farmer: farmer("오미순", "010-7900-1002") });
    const tiller = await bookPublic(shots.url, {
      branch: "GS", type: "TILLER", start: "2020-05-20", end: "2020-05-21",
      farmer: farmer("정경운", "010-7900-1003") });
    await setClock(shots.url, "2020-05-20T09:30:00+09:00");
    const out = await staffApi(shots.url, CLERK_GS, "POST",
      `/api/v1/reservations/${tiller.code}/checkout`,
      { unit: "GS-TILLER-01", hour_meter: 160, paid: true,
        checklist: { "타이어 상태": true, "로터리 날": true, "엔진오일": true } });
    assert.equal(out.status, 200);
    await setClock(shots.url, "2020-05-12T10:00:00+09:00");
  });

  test("login, board and a booking for a caller, in Korean and English", async () => {
    for (const lang of ["ko", "en"]) {
      const { context, page, problems } = await desk({ locale: lang === "ko" ? "ko-KR" : "en-US" });
      const at = (target) => new URL(target, shots.url).href;
      await page.goto(at(`/staff/login?next=/staff/board&lang=${lang}`));
      await snap(page, "staff-login", lang);
      await logIn(page, OPERATOR, lang);
      await page.waitForURL(/\/staff\/board/);
      await snap(page, "staff-board", lang);

      // A caller wants a rice transplanter on Sunday 24 May: pickup on Saturday evening.
      await page.goto(at("/staff/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-24&from=2020-05-12"));
      await page.getByLabel(lang === "ko" ? "농업인 이름" : "Caller's name", { exact: true })
        .fill(lang === "ko" ? "홍길동" : "Hong Gildong");
      await page.getByLabel(lang === "ko" ? "농업인 휴대전화" : "Caller's mobile phone", { exact: true })
        .fill(lang === "ko" ? "010-7900-2001" : "010-7900-2002");
      await page.locator(".caller-form button[type=submit]").click();
      await page.waitForURL(/\/staff\/reservations\/[A-Z0-9]{8}\?booked=1/);
      await fixCodes(page);
      await snap(page, "staff-reservation", lang);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });

  test("the clerk's day sheet, in Korean and English", async () => {
    await setClock(shots.url, "2020-05-22T09:30:00+09:00");
    for (const lang of ["ko", "en"]) {
      const { context, page, problems } = await desk({ locale: lang === "ko" ? "ko-KR" : "en-US" });
      await page.goto(new URL(`/staff/login?lang=${lang}`, shots.url).href);
      await logIn(page, CLERK_GS, lang);
      await page.waitForURL(/\/staff\/day$/);
      await fixCodes(page);
      await snap(page, "staff-day", lang);
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
});
