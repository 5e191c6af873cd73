// Delivery (운반 서비스, issue 15) end to end in Debian's Chromium: a farmer on a 360 px phone
// books a rice transplanter with 배달·회수 in Korean and with one-way delivery in English (the
// form re-quotes with the delivery line before booking; the booking page shows it), and a
// clerk prints the day's run sheet, grouped by village. Screenshots: docs/screenshots/
// book-delivery-{ko,en}.png and run-sheet-{ko,en}.png.
// The server runs with the demo data and the test clock at Tuesday 2020-05-12 10:00 KST.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";

import { bookPublic, DESKTOP, PHONE, SCREENSHOTS, suiteBrowser, suiteServer, assertPhoneFriendly, settle } from "./server.mjs";

const server = suiteServer({}, { screenshots: true });
const newPage = suiteBrowser();

const TEXT = {
  ko: {
    roundTrip: "배달·회수", oneWay: "배달", name: "이름", phone: "휴대전화 번호",
    area: "읍·면·동", address: "배달 장소", confirm: "이대로 예약하기", fee: "운반비",
    total: "내실 금액", booked: "예약되었습니다",
  },
  en: {
    roundTrip: "Delivery and collection", oneWay: "Delivery", name: "Name",
    phone: "Mobile phone number", area: "Village (eup, myeon, dong)", address: "Delivery address",
    confirm: "Book it", fee: "Delivery fee", total: "You pay", booked: "booked",
  },
};

describe("farmer books with delivery on a phone", () => {
  for (const [lang, mode, area, day, fee, total] of [
    ["ko", "roundTrip", "임곡동", "2020-05-19", "40,000원", "70,000원"],
    ["en", "oneWay", "본량동", "2020-05-20", "20,000", "50,000"],
  ]) {
    test(`${lang}: chooses ${mode}, sees the delivery line in the quote, books it`, async () => {
      const t = TEXT[lang];
      const { context, page, dialogs, errors } = await newPage({
        ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US",
      });
      // Gwangsan, rice transplanter (deliverable), a Tuesday/Wednesday a week ahead: 30,000 won
      // after the spring reduction.
      await page.goto(new URL(`/book?branch=GS&type=RICE_TRANSPLANTER&start=${day}&lang=${lang}`, server.url).href);
      await page.locator("#quote").waitFor();
      await assertPhoneFriendly(page);
      assert.equal(await page.locator("#quote .fee-delivery").count(), 0); // pickup: no line

      await page.getByLabel(t.name, { exact: true }).fill(lang === "ko" ? "최배달" : "Choi");
      await page.getByLabel(t.phone, { exact: true }).fill(lang === "ko" ? "010-7300-0001" : "010-7300-0002");
      const radio = page.getByRole("radio", { name: new RegExp(`^${t[mode]}(?! and)(?!·)`) });
      await radio.check();
      await page.getByLabel(t.area, { exact: true }).selectOption(area);
      await page.getByLabel(t.address, { exact: true }).fill(`${area} 마을회관 앞`);
      await page.getByRole("button", { name: t.confirm }).click();
      await page.waitForLoadState("domcontentloaded");

      // Re-quoted with the delivery line: not booked yet, the choice kept.
      const quote = page.locator("#quote");
      await quote.waitFor();
      const quoteText = await quote.innerText();
      assert.match(quoteText, new RegExp(`${t.fee}[^\\n]*\\n?[^\\n]*${fee.replace(/[,]/g, ",")}`));
      assert.match(quoteText, new RegExp(`${t.total}\\s+[^\\n]*${total}`));
      assert.match(quoteText, new RegExp(`${area} 마을회관 앞 \\(${area}\\)`));
      assert.ok(await page.locator(".notice").isVisible());
      assert.ok(await radio.isChecked());
      assert.equal(await page.getByLabel(t.area, { exact: true }).inputValue(), area);
      await assertPhoneFriendly(page);
      await settle(page);
      await page.locator("#quote").screenshot({ path: path.join(SCREENSHOTS, `book-delivery-${lang}.png`) });

      await page.getByRole("button", { name: t.confirm }).click();
      await page.waitForURL(/\/booking\/[A-Z0-9]{8}\?new=1/);
      const body = await page.locator("main").innerText();
      assert.match(body, new RegExp(t.booked, "i"));
      assert.match(body, new RegExp(`${area} 마을회관 앞 \\(${area}\\)`));
      assert.match(body, new RegExp(total));
      await assertPhoneFriendly(page);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test("a branch that does not deliver offers no choice", async () => {
    const { context, page } = await newPage(PHONE);
    await page.goto(new URL("/book?branch=BB&type=RICE_TRANSPLANTER&start=2020-05-19", server.url).href);
    await page.locator("#quote").waitFor();
    assert.equal(await page.locator("fieldset.delivery").count(), 0);
    await page.goto(new URL("/book?branch=GS&type=CULTIVATOR&start=2020-05-19", server.url).href);
    await page.locator("#quote").waitFor();
    assert.equal(await page.locator("fieldset.delivery").count(), 0); // not deliverable
    await context.close();
  });
});

describe("clerk prints the run sheet", () => {
  test("deliveries and collections grouped by village, on A4, in Korean and English", async () => {
    const at = (p) => new URL(p, server.url).href;
    // Thursday 2020-05-21: two deliveries to 평동 and 삼도동 (one a round trip of one day,
    // fetched at 17:00 the same day), and a pickup at the office that is not on the sheet.
    const a = await bookPublic(server.url, {
      branch: "GS", type: "RICE_TRANSPLANTER", start: "2020-05-21",
      farmer: { name: "김평동", phone: "010-7300-0011" },
      delivery: { mode: "round_trip", address: "평동 농로 입구", area: "평동" },
    });
    const b = await bookPublic(server.url, {
      branch: "GS", type: "TRACTOR", start: "2020-05-21", end: "2020-05-22",
      farmer: { name: "홍길동", phone: "010-1234-5678" },
      delivery: { mode: "one_way", address: "삼도동 마을회관", area: "삼도동" },
    });
    await bookPublic(server.url, {
      branch: "GS", type: "RICE_TRANSPLANTER", start: "2020-05-21",
      farmer: { name: "직접수령", phone: "010-7300-0012" },
    });
    for (const lang of ["ko", "en"]) {
      const { context, page, errors } = await newPage({ ...DESKTOP, locale: lang === "ko" ? "ko-KR" : "en-US" });
      await page.goto(at(`/staff/login?next=/staff/day&lang=${lang}`));
      await page.getByLabel(lang === "ko" ? "아이디" : "Username", { exact: true }).fill("clerk-gs");
      await page.getByLabel(lang === "ko" ? "비밀번호" : "Password", { exact: true }).fill("demo-clerk-gs-2020");
      await page.getByRole("button", { name: lang === "ko" ? "로그인" : "Log in", exact: true }).click();
      await page.waitForLoadState("domcontentloaded");

      await page.goto(at(`/staff/day?date=2020-05-21&lang=${lang}`));
      const sheet = page.locator("section.run-sheet");
      assert.match(await sheet.locator("h2 .count").innerText(), /^3$/);
      // The full day page links to the run sheet alone.
      await sheet.getByRole("link").first().click();
      await page.waitForURL(/view=runs/);
      assert.equal(await page.locator("#pickups-title").count(), 0);
      const areas = await page.locator(".run-area").allInnerTexts();
      assert.deepEqual(areas, ["삼도동", "평동"]);
      const text = await page.locator("section.run-sheet").innerText();
      assert.match(text, /삼도동 마을회관/);
      assert.match(text, /010-1234-5678/);
      assert.match(text, /평동 농로 입구/);
      assert.ok(text.includes(a.code) && text.includes(b.code));
      assert.equal((text.match(/직접수령/g) ?? []).length, 0);
      const kinds = await page.locator("section.run-sheet .run-kind").allInnerTexts();
      assert.deepEqual(kinds, lang === "ko" ? ["배달", "배달", "회수"] : ["Deliver", "Deliver", "Collect"]);

      // On paper: the navigation and the buttons go, the signature column comes.
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.locator(".site-header").isVisible(), false);
      assert.ok(await page.locator("section.run-sheet th.print-only").first().isVisible());
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1280, `the sheet is ${width}px wide`);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `run-sheet-${lang}.png`) });
      const pdf = await page.pdf({ format: "A4" });
      assert.ok(pdf.length > 1000);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});
