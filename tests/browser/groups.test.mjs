// Group rentals (작목반 공동 이용, issue 15, DOMAIN.md §16) end to end in Debian's Chromium on a
// 360 px phone, in Korean and in English: an admin registers a farmer group on the admin page,
// its representative books a rice transplanter for the group for five days (the public API: the
// farmer's booking page has no group choice yet), and the operator sees the booking as a group
// booking waiting for approval on the reservation page and on the board. Screenshots:
// docs/screenshots/group-booking-{ko,en}.png.
// The server runs with the demo data and the test clock at Tuesday 2020-05-12 10:00 KST.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";

import { bookPublic, PHONE, SCREENSHOTS, staffApi, suiteBrowser, suiteServer } from "./server.mjs";

const server = suiteServer({}, { screenshots: true });
const newPage = suiteBrowser();
const ADMIN = { username: "admin", password: "demo-admin-2020" };

const TEXT = {
  ko: {
    username: "아이디", password: "비밀번호", login: "로그인", name: "이름",
    rep: "대표자 전화번호", members: "회원 전화번호", register: "등록", group: "공동 이용: ",
    requested: "승인 대기",
  },
  en: {
    username: "Username", password: "Password", login: "Log in", name: "Name",
    rep: "Representative's phone", members: "Members' phones", register: "Register",
    group: "Group booking: ", requested: "(Requested|Waiting)",
  },
};

async function logIn(page, lang, next, username, password) {
  const t = TEXT[lang];
  await page.goto(new URL(`/staff/login?next=${next}&lang=${lang}`, server.url).href);
  await page.getByLabel(t.username, { exact: true }).fill(username);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.login, exact: true }).click();
  await page.waitForLoadState("domcontentloaded");
}

async function settle(page) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

describe("a farmer group books a rice transplanter for five days", () => {
  for (const [lang, n, start, end] of [["ko", 1, "2020-05-18", "2020-05-22"], ["en", 2, "2020-05-25", "2020-05-29"]]) {
    test(`${lang}: the admin registers the group, the representative books, the operator sees it`, async () => {
      const t = TEXT[lang];
      const rep = `010-7400-000${n}`;
      const member = `010-7400-001${n}`;
      const groupName = lang === "ko" ? "새마을작목반" : "Saemaeul group";
      for (const phone of [rep, member]) {
        const r = await staffApi(server.url, ADMIN, "POST", "/api/v1/farmers", { phone, name: `농부${phone.slice(-2)}` });
        assert.equal(r.status, 201);
      }
      const { context, page, errors } = await newPage({ ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US" });
      await logIn(page, lang, "/staff/admin/groups", ADMIN.username, ADMIN.password);
      await page.goto(new URL(`/staff/admin/groups?lang=${lang}`, server.url).href);
      // The fields by their labels (a required field's label carries a mark after the name).
      await page.getByLabel(new RegExp(`^${t.name}`)).fill(groupName);
      await page.getByLabel(new RegExp(`^${t.rep}`)).fill(rep);
      await page.getByLabel(new RegExp(`^${t.members}`)).fill(member);
      await page.getByRole("button", { name: t.register, exact: true }).click();
      await page.waitForLoadState("domcontentloaded");
      assert.match(await page.locator("main").innerText(), new RegExp(groupName));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `the groups page is ${width}px wide`);

      const groups = await staffApi(server.url, ADMIN, "GET", "/api/v1/groups");
      const group = groups.body.groups.find((g) => g.name === groupName);
      assert.deepEqual(group.member_phones, [member]);
      const booked = await bookPublic(server.url, {
        branch: "GS", type: "RICE_TRANSPLANTER", start, end, group: group.id,
        farmer: { name: "대표", phone: rep },
      });
      assert.equal(booked.status, "requested");
      assert.deepEqual(booked.group, { id: group.id, name: groupName });

      await page.goto(new URL(`/staff/reservations/${booked.code}?lang=${lang}`, server.url).href);
      const main = await page.locator("main").innerText();
      assert.ok(main.includes(`${t.group}${groupName}`), main.slice(0, 400));
      await page.goto(new URL(`/staff/board?lang=${lang}`, server.url).href);
      assert.ok((await page.locator("main").innerText()).includes(`${t.group}${groupName}`));
      await page.goto(new URL(`/staff/reservations/${booked.code}?lang=${lang}`, server.url).href);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `group-booking-${lang}.png`) });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
