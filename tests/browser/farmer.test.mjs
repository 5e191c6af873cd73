// The farmers' pages end to end in Debian's Chromium (issue 5 "Tests"): a farmer on a phone
// books an eve-pickup Sunday rental, is refused a 4-day request beside the dates, does the same
// in English, looks a booking up and cancels it, and a <script> in a name stays text.
// The server runs with the demo data and the test clock at Tuesday 2020-05-12 10:00 KST, and
// asks for the phone's code before a booking or a cancellation (issue 14).
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";

import { PHONE, SCREENSHOTS, codeStep, suiteBrowser, suiteServer, verifyPhone, assertPhoneFriendly } from "./server.mjs";

// The product default (DOMAIN.md §14): farmers verify their phone with a code first.
const server = suiteServer({ verifyPhones: true });
const newPage = suiteBrowser();
let phoneNo = 0;

/** A fresh phone number per booking: the rules limit bookings per farmer (DOMAIN.md §5). */
function nextPhone() {
  phoneNo += 1;
  return `010-7000-${String(phoneNo).padStart(4, "0")}`;
}

/**
 * A new browser context (a farmer's phone) and a page that records any dialog, and any script
 * error or script or style the Content-Security-Policy blocked.
 */
function phone(options = {}) {
  return newPage({ ...PHONE, ...options });
}

/** A label that starts with `text` (a choice's label also holds its detail: address, fee). */
function startsWith(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
}

/** Steps 1–2 of /book: office and machine by their labels, then the calendar. */
async function chooseOfficeAndMachine(page, office, machine, submit) {
  await page.getByRole("radio", { name: startsWith(office) }).check();
  await page.getByRole("radio", { name: startsWith(machine) }).check();
  await page.getByRole("button", { name: submit }).click();
}

async function tapDay(page, date) {
  await page.locator(`td[data-date="${date}"] a`).click();
  await page.waitForLoadState("domcontentloaded");
}

describe("farmer on a phone", () => {
  test("books an eve-pickup Sunday in Korean and sees the 17:00 Saturday pickup and the 50 % fee", async () => {
    const { context, page, dialogs, errors } = await phone();
    await page.goto(server.url);
    assert.equal(await page.getAttribute("html", "lang"), "ko");
    await assertPhoneFriendly(page);
    await page.locator(".hero-actions").getByRole("link", { name: "예약하기" }).click();

    await chooseOfficeAndMachine(page, "광산본소", "이앙기(6조)", "빈 날짜 보기");
    await page.getByRole("heading", { name: "2020년 5월" }).waitFor();
    await assertPhoneFriendly(page);
    // Sunday 24 May: the office is closed, but the day can be chosen (eve pickup).
    const sunday = page.locator('td[data-date="2020-05-24"]');
    assert.match(await sunday.innerText(), /휴무/);
    await tapDay(page, "2020-05-24");

    const quote = page.locator("#quote");
    await quote.waitFor();
    const quoteText = await quote.innerText();
    assert.match(quoteText, /5월 23일 \(토\) 17:00~18:00/);
    assert.match(quoteText, /토요일\(5월 23일\) 오후 5시~6시에 미리 수령/);
    assert.doesNotMatch(quoteText, /전날/); // issue 13: the pickup day is named
    // The window stands out: larger than the sentence around it.
    const sizes = await quote.locator(".eve-note").evaluate((note) => [
      parseFloat(getComputedStyle(note).fontSize),
      parseFloat(getComputedStyle(note.querySelector(".eve-window")).fontSize),
    ]);
    assert.ok(sizes[1] > sizes[0], `eve window ${sizes[1]}px vs sentence ${sizes[0]}px`);
    assert.match(quoteText, /50% 할인/);
    assert.match(quoteText, /내실 금액\s+30,000원/);

    await page.getByLabel("이름", { exact: true }).fill("홍길동");
    const number = nextPhone();
    await page.getByLabel("휴대전화 번호", { exact: true }).fill(number);
    await page.getByRole("button", { name: "이대로 예약하기" }).click();

    // The code step: 인증번호 받기 → 6 digits → 계속, the form kept as typed.
    await page.getByRole("group", { name: "휴대폰 인증" }).waitFor();
    assert.equal(await page.locator("#f-phone").inputValue(), number);
    await assertPhoneFriendly(page);
    await page.getByRole("button", { name: "계속" }).click(); // without a code: still the step
    await page.locator("#code-step").waitFor();
    await page.locator("#f-verify-code").fill("000000");
    await page.getByRole("button", { name: "계속" }).click();
    await page.locator("#code-step-error").filter({ hasText: /인증번호가 맞지 않습니다|받은 인증번호가 없거나/ }).waitFor();
    // The refused code came back with its status (403), which the console reports: expected.
    assert.deepEqual(errors.splice(0),
                     ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]);
    await codeStep(page, server, number, { atSent: () => assertPhoneFriendly(page) });

    await page.waitForURL(/\/booking\/[A-Z0-9]{8}\?new=1$/);
    assert.equal(new URL(page.url()).search.includes("010"), false); // no phone in the URL
    await page.getByText("예약되었습니다").waitFor();
    const code = page.locator(".booking-code .code-text");
    assert.match(await code.innerText(), /^[A-Z0-9]{8}$/);
    const size = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 32, `the code is ${size}px: large enough to read out`);
    const body = await page.locator("main").innerText();
    assert.match(body, /5월 23일 \(토\) 17:00~18:00에 광산본소로 오세요/);
    assert.match(body, /30,000원/);
    assert.match(body, /신분증/);
    assert.match(body, /062-613-5328/);
    const ics = await page.getByRole("link", { name: "휴대전화 달력에 넣기" }).getAttribute("href");
    const res = await context.request.get(new URL(ics, server.url).href);
    assert.equal(res.status(), 200);
    assert.match(await res.text(), /BEGIN:VEVENT/);
    await assertPhoneFriendly(page);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a 4-day request is refused with the message beside the dates", async () => {
    const { context, page } = await phone();
    await page.goto(new URL("/book", server.url).href);
    await chooseOfficeAndMachine(page, "광산본소", "관리기", "빈 날짜 보기");
    await tapDay(page, "2020-05-18");
    await tapDay(page, "2020-05-21"); // Monday … Thursday: 4 days
    const error = page.locator("fieldset.dates #dates-error");
    assert.equal(await error.innerText(), "최대 3일까지 예약할 수 있습니다.");
    assert.ok(await error.isVisible());
    assert.equal(await page.locator("#f-start").inputValue(), "2020-05-18");
    assert.equal(await page.locator("#f-end").inputValue(), "2020-05-21");
    assert.equal(await page.locator("#quote .fee-table").count(), 0); // no price for it

    // Typed in the form and sent: refused again, the farmer's entries kept.
    await page.locator("#f-end").fill("2020-05-20");
    await page.getByLabel("이름", { exact: true }).fill("김농부");
    await page.getByLabel("휴대전화 번호", { exact: true }).fill("010-7100-0001");
    await page.getByRole("button", { name: "이대로 예약하기" }).click();
    await page.getByText("날짜가 바뀌어 요금을 다시 계산했습니다").waitFor(); // 3 days: quoted first
    await page.locator("#f-end").fill("2020-05-21");
    await page.getByRole("button", { name: "이대로 예약하기" }).click();
    await page.locator("#dates-error", { hasText: "최대 3일까지" }).waitFor();
    assert.equal(await page.locator("#f-name").inputValue(), "김농부");
    assert.equal(await page.locator("#f-phone").inputValue(), "010-7100-0001");
    assert.match(await page.locator(".error-summary").innerText(), /최대 3일까지/);
    await context.close();
  });

  test("the same in English, through the visible language switch", async () => {
    const { context, page } = await phone();
    await page.goto(server.url);
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/lang=en/);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.getByRole("heading", { name: "Rent farm machinery" }).waitFor();
    await page.locator(".hero-actions").getByRole("link", { name: "Book a machine" }).click();

    await chooseOfficeAndMachine(page, "Gwangsan office", "Cultivator", "Show free days");
    await page.getByRole("heading", { name: "May 2020" }).waitFor();
    await tapDay(page, "2020-05-24");
    const quoteText = await page.locator("#quote").innerText();
    assert.match(quoteText, /Sat 23 May, 17:00–18:00/);
    assert.match(quoteText, /pick the machine up early: Saturday 23 May, 5–6 pm/);
    assert.match(quoteText, /50% off/);
    assert.match(quoteText, /You pay\s+₩10,000/);
    // Complete in English: no Korean left but the switch back to Korean.
    const english = (await page.locator("body").innerText()).replace("한국어", "");
    assert.doesNotMatch(english, /[\uAC00-\uD7A3]/u);

    await page.getByLabel("Name", { exact: true }).fill("Kim Farmer");
    const number = nextPhone();
    await page.getByLabel("Mobile phone number", { exact: true }).fill(number);
    await page.getByRole("button", { name: "Book it" }).click();
    await page.getByRole("group", { name: "Verify your phone" }).waitFor();
    const step = await page.locator("#code-step").innerText();
    assert.match(step, /Send code/);
    assert.doesNotMatch(step, /[\uAC00-\uD7A3]/u);
    await codeStep(page, server, number);
    await page.getByText("You are booked").waitFor();
    assert.match(await page.locator("main").innerText(), /Come to the Gwangsan office on Sat 23 May, 17:00–18:00/);

    // The 4-day refusal, in English.
    await page.goto(new URL("/book?branch=GS&type=CULTIVATOR&month=2020-05", server.url).href);
    await tapDay(page, "2020-05-18");
    await tapDay(page, "2020-05-21");
    assert.equal(await page.locator("fieldset.dates #dates-error").innerText(),
                 "You can book at most 3 days.");
    await context.close();
  });

  test("looks a booking up with code and phone, and cancels it", async () => {
    const booking = await phone();
    const number = nextPhone();
    await booking.page.goto(new URL("/book?branch=BB&type=TILLER&start=2020-05-19", server.url).href);
    await booking.page.getByLabel("이름", { exact: true }).fill("이농부");
    await booking.page.getByLabel("휴대전화 번호", { exact: true }).fill(number);
    await booking.page.getByRole("button", { name: "이대로 예약하기" }).click();
    await codeStep(booking.page, server, number);
    await booking.page.waitForURL(/\/booking\//);
    const code = await booking.page.locator(".booking-code .code-text").innerText();
    await booking.context.close();

    // Another day, another phone: no grant, so code and phone are asked for.
    const { context, page } = await phone();
    await page.goto(server.url);
    await page.getByRole("link", { name: "내 예약 확인" }).first().click();
    await page.getByLabel("예약번호", { exact: true }).fill(code.toLowerCase());
    await page.getByLabel("휴대전화 번호", { exact: true }).fill("010-0000-0000");
    await page.getByRole("button", { name: "예약 보기" }).click();
    await page.getByText("예약번호와 전화번호가 맞는 예약이 없습니다.").first().waitFor();
    assert.equal(await page.locator("#f-code").inputValue(), code.toLowerCase());

    await page.getByLabel("휴대전화 번호", { exact: true }).fill(number.replaceAll("-", ""));
    await page.getByRole("button", { name: "예약 보기" }).click();
    await page.waitForURL(new RegExp(`/booking/${code}$`));
    assert.equal(await page.locator(".status").innerText(), "예약 확정");
    assert.match(await page.locator("main").innerText(), /5월 19일 \(화\) 09:00~18:00/);

    await page.getByRole("link", { name: "예약 취소하기" }).click();
    await page.getByRole("heading", { name: "예약을 취소할까요?" }).waitFor();
    await assertPhoneFriendly(page);
    await page.getByRole("button", { name: "네, 취소합니다" }).click();
    // Another browser: the phone is verified again (a new code, a minute after the first).
    await fetch(new URL("/api/v1/test/clock", server.url), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ now: "2020-05-12T10:30:00+09:00" }),
    });
    await codeStep(page, server, number);
    await page.getByText("예약을 취소했습니다.").waitFor();
    assert.equal(await page.locator(".status").innerText(), "예약 취소됨");
    assert.equal(await page.getByRole("link", { name: "예약 취소하기" }).count(), 0);

    const api = await context.request.get(
      new URL(`/api/v1/reservations/${code}?phone=${number}`, server.url).href);
    assert.equal((await api.json()).status, "cancelled");
    await context.close();
  });

  test("the calendar's free counts stay live while the page is open (JavaScript)", async () => {
    const { context, page, errors } = await phone();
    await page.goto(new URL("/book?branch=BB&type=POTATO_HARVESTER&month=2020-05", server.url).href);
    const free = page.locator('td[data-date="2020-05-27"] .day-free');
    assert.equal(await free.innerText(), "1대");
    // Someone else books the office's only potato harvester for that day.
    const res = await context.request.post(new URL("/api/v1/reservations", server.url).href, {
      data: await (async () => {
        const other = nextPhone();
        return { branch: "BB", type: "POTATO_HARVESTER", start: "2020-05-27", end: "2020-05-27",
                 farmer: { name: "다른 농부", phone: other },
                 verification: await verifyPhone(server, other) };
      })(),
    });
    assert.equal(res.status(), 201);
    // The script refreshes when the page becomes visible again (and every 30 s).
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await page.locator('td[data-date="2020-05-27"].day-full').waitFor();
    assert.equal(await free.innerText(), "마감");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("stays usable at 200 % zoom (a 180 CSS-pixel wide phone screen)", async () => {
    const { context, page } = await phone({ viewport: { width: 180, height: 370 }, deviceScaleFactor: 2 });
    for (const target of ["/", "/book", "/book?branch=GS&type=RICE_TRANSPLANTER&start=2020-05-24",
                          "/my"]) {
      await page.goto(new URL(target, server.url).href);
      await assertPhoneFriendly(page);
    }
    // The month is a list now: each day on its own line with its weekday.
    const day = page.locator('td[data-date="2020-05-24"]');
    await page.goto(new URL("/book?branch=GS&type=RICE_TRANSPLANTER&month=2020-05", server.url).href);
    assert.match(await day.innerText(), /24\s*일/);
    await context.close();
  });

  test("a name containing <script> is shown as text and never runs", async () => {
    const { context, page, dialogs } = await phone();
    const evil = "<script>alert(1);window.x=1</script>"; // fits the 40-character name
    await page.goto(new URL("/book?branch=GS&type=SEEDER&start=2020-05-20", server.url).href);
    await page.getByLabel("이름", { exact: true }).fill(evil);
    const number = nextPhone();
    await page.getByLabel("휴대전화 번호", { exact: true }).fill(number);
    await page.getByRole("button", { name: "이대로 예약하기" }).click();
    await codeStep(page, server, number);
    await page.waitForURL(/\/booking\//);
    await page.locator(".farmer-name").waitFor();
    assert.equal(await page.locator(".farmer-name").innerText(), evil);
    assert.ok(await page.getByText(evil).isVisible());
    assert.equal(await page.evaluate(() => window.x), undefined);
    await page.reload();
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});

// Screenshots of the main farmer pages in both languages on the phone, for the README
// (docs/screenshots/, committed). A server of their own keeps them identical run after run:
// the test clock fixes the dates and no other test books in between. The random booking code
// is replaced by a fixed one in the picture only.
describe("screenshots", () => {
  const shots = suiteServer({ verifyPhones: true }, { screenshots: true });

  for (const lang of ["ko", "en"]) {
    test(`main farmer pages in ${lang === "ko" ? "Korean" : "English"}`, async () => {
      const { context, page, dialogs } = await phone({ locale: lang === "ko" ? "ko-KR" : "en-US" });
      const at = (target) => new URL(target, shots.url).href;
      const snap = async (name, options = {}) => {
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${lang}.png`), ...options });
      };

      await page.goto(at(`/?lang=${lang}`));
      // The hero and the first office: address, phones, hours, Saturday season, discount.
      await snap("home", { fullPage: true, clip: { x: 0, y: 0, width: 360, height: 1300 } });
      await page.goto(at("/book?branch=GS&type=RICE_TRANSPLANTER&month=2020-05"));
      await page.locator(".calendar").scrollIntoViewIfNeeded();
      await page.evaluate(() => document.querySelector("#step2-title").scrollIntoView());
      await snap("book-calendar");
      await page.goto(at("/book?branch=GS&type=RICE_TRANSPLANTER&month=2020-05&start=2020-05-24"));
      await page.evaluate(() => document.querySelector("#quote").scrollIntoView());
      await snap("book-quote");
      await page.goto(at("/book?branch=GS&type=CULTIVATOR&month=2020-05&start=2020-05-18&end=2020-05-21"));
      await page.evaluate(() => document.querySelector("#details").scrollIntoView());
      await snap("book-refused");

      await page.goto(at("/book?branch=BB&type=RICE_TRANSPLANTER&start=2020-05-24"));
      await page.getByLabel(lang === "ko" ? "이름" : "Name", { exact: true })
        .fill(lang === "ko" ? "홍길동" : "Hong Gildong");
      await page.getByLabel(lang === "ko" ? "휴대전화 번호" : "Mobile phone number", { exact: true })
        .fill(lang === "ko" ? "010-7900-0001" : "010-7900-0002");
      await page.locator(".booking-form button[type=submit]").click();
      // The code step (issue 14), once the code is sent.
      await codeStep(page, shots, lang === "ko" ? "010-7900-0001" : "010-7900-0002", {
        atSent: async () => {
          await page.evaluate(() => document.querySelector("#code-step").scrollIntoView());
          await snap("book-code");
        },
      });
      await page.waitForURL(/\/booking\//);
      await page.evaluate(() => {
        document.querySelector(".booking-code .code-text").textContent = "K7M2Q9XW";
        document.querySelector(".booking-code .visually-hidden").textContent = "K 7 M 2, Q 9 X W";
      });
      // The top of the page: the code, when to come, the plan and the fee (kept under 150 KB).
      await snap("booking", { fullPage: true, clip: { x: 0, y: 0, width: 360, height: 1480 } });

      await page.goto(at("/my"));
      await snap("my");
      assert.deepEqual(dialogs, []);
      await context.close();
    });
  }
});
