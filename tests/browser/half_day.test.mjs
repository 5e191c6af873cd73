// Half-day rentals (반일 임대, issue 14, DOMAIN.md §11) end to end in Debian's Chromium: a farmer
// on a 360 px phone books a seeder for a morning in Korean and for an afternoon in English. The
// form offers 종일 / 오전 / 오후 (Full day / Morning / Afternoon) for types with half days,
// re-quotes with the slot and the half-day fee before booking, and the booking page shows the
// slot. A day whose full day is taken but whose afternoon is free can still be chosen.
// Screenshots: docs/screenshots/book-half-day-{ko,en}.png.
// The server runs with the demo data and the test clock at Tuesday 2020-05-12 10:00 KST.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";

import { bookPublic, codeStep, PHONE, SCREENSHOTS, suiteBrowser, suiteServer, verifyPhone, assertPhoneFriendly, settle } from "./server.mjs";

// The product default (DOMAIN.md §14): the farmer verifies the phone with a code before booking.
const server = suiteServer({ verifyPhones: true }, { screenshots: true });
const newPage = suiteBrowser();

const TEXT = {
  ko: {
    am: "오전", pm: "오후", full: "종일", name: "이름", phone: "휴대전화 번호",
    confirm: "이대로 예약하기", total: "내실 금액", booked: "예약되었습니다", half: "반일",
  },
  en: {
    am: "Morning", pm: "Afternoon", full: "Full day", name: "Name", phone: "Mobile phone number",
    confirm: "Book it", total: "You pay", booked: "booked", half: "Half day",
  },
};

describe("farmer books a half day on a phone", () => {
  for (const [lang, half, day, slot] of [
    ["ko", "am", "2020-05-19", "09:00–13:00"],
    ["en", "pm", "2020-05-20", "14:00–18:00"],
  ]) {
    test(`${lang}: chooses the ${half === "am" ? "morning" : "afternoon"}, sees the slot and the half-day fee, books it`, async () => {
      const t = TEXT[lang];
      const { context, page, dialogs, errors } = await newPage({
        ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US",
      });
      // Northern office, seeder (10,000 won a day, 50 % off in spring: 5,000; a half day 2,500).
      await page.goto(new URL(`/book?branch=BB&type=SEEDER&start=${day}&lang=${lang}`, server.url).href);
      await page.locator("#quote").waitFor();
      await assertPhoneFriendly(page);
      // The full day is quoted first, and chosen.
      assert.match(await page.locator("#quote").innerText(), new RegExp(`${t.total}\\s+[^\\n]*5,000`));
      assert.ok(await page.getByRole("radio", { name: new RegExp(`^${t.full}`) }).isChecked());

      await page.getByLabel(t.name, { exact: true }).fill(lang === "ko" ? "박반일" : "Park");
      const phone = lang === "ko" ? "010-7700-0001" : "010-7700-0002";
      await page.getByLabel(t.phone, { exact: true }).fill(phone);
      const radio = page.getByRole("radio", { name: new RegExp(`^${t[half]}`) });
      await radio.check();
      await page.getByRole("button", { name: t.confirm }).click();
      await page.waitForLoadState("domcontentloaded");

      // Re-quoted for the half day: not booked yet, the choice kept.
      const quote = page.locator("#quote");
      await quote.waitFor();
      const quoteText = await quote.innerText();
      assert.match(quoteText, new RegExp(`${t.half}: ${t[half]} ${slot}`));
      assert.match(quoteText, new RegExp(`${t.total}\\s+[^\\n]*2,500`));
      assert.ok(await page.locator(".notice").isVisible());
      assert.ok(await radio.isChecked());
      await assertPhoneFriendly(page);
      await settle(page);
      await page.locator("#quote").screenshot({ path: path.join(SCREENSHOTS, `book-half-day-${lang}.png`) });

      await page.getByRole("button", { name: t.confirm }).click();
      await codeStep(page, server, phone); // 인증번호 받기 → 6 digits → continue
      await page.waitForURL(/\/booking\/[A-Z0-9]{8}\?new=1/);
      const body = await page.locator("main").innerText();
      assert.match(body, new RegExp(t.booked, "i"));
      assert.match(body, new RegExp(`${t.half}: ${t[half]} ${slot}`));
      assert.match(body, /2,500/);
      await assertPhoneFriendly(page);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test("a day with only the afternoon free can be chosen; types without half days offer no choice", async () => {
    // The Northern office's one seeder is taken on the morning of Thursday 2020-05-21.
    await bookPublic(server.url, {
      branch: "BB", type: "SEEDER", start: "2020-05-21", half: "am",
      farmer: { name: "김오전", phone: "010-7700-0011" },
      verification: await verifyPhone(server, "010-7700-0011"),
    });
    const { context, page } = await newPage(PHONE);
    await page.goto(new URL("/book?branch=BB&type=SEEDER&month=2020-05", server.url).href);
    const cell = page.locator('td[data-date="2020-05-21"]');
    await cell.waitFor();
    assert.match(await cell.innerText(), /반일/);
    await cell.locator("a").click();
    // The link quotes the free afternoon at once.
    await page.locator("#quote").waitFor();
    assert.match(await page.locator("#quote").innerText(), /반일: 오후 14:00–18:00/);
    assert.ok(await page.getByRole("radio", { name: /^오후/ }).isChecked());
    await page.getByLabel("이름", { exact: true }).fill("이오후");
    await page.getByLabel("휴대전화 번호", { exact: true }).fill("010-7700-0012");
    await page.getByRole("button", { name: "이대로 예약하기" }).click();
    await codeStep(page, server, "010-7700-0012");
    await page.waitForURL(/\/booking\/[A-Z0-9]{8}\?new=1/);

    await page.goto(new URL("/book?branch=BB&type=TRACTOR&start=2020-05-19", server.url).href);
    await page.locator("#quote").waitFor();
    assert.equal(await page.locator("fieldset.half-day").count(), 0);
    await context.close();
  });
});
