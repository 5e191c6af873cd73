// Group rentals (작목반 공동 이용, issue 15, DOMAIN.md §16) end to end in Debian's Chromium on a
// 360 px phone, in Korean and in English: an admin registers a farmer group on the admin page,
// its representative books a rice transplanter for the group for five days (the public API),
// and the operator sees the booking as a group booking waiting for approval on the reservation
// page and on the board; the representative books for the group on the farmer's booking page
// (작목반 공동 이용: the group's length rule in the quote, the group found from the phone); the
// operator books a delivery for a caller on the board's booking page. Screenshots:
// docs/screenshots/group-booking-{ko,en}.png, group-booking-farmer-{ko,en}.png.
// The server runs with the demo data and the test clock at Tuesday 2020-05-12 10:00 KST.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";

import { bookPublic, PHONE, SCREENSHOTS, staffApi, suiteBrowser, suiteServer, assertPhoneFriendly, settle } from "./server.mjs";

const server = suiteServer({}, { screenshots: true });
const newPage = suiteBrowser();
const ADMIN = { username: "admin", password: "demo-admin-2020" };
const OPERATOR = { username: "operator", password: "demo-operator-2020" };

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

// The farmer's booking page and the operator's booking page (issue 15's remaining gaps).
const BOOK = {
  ko: {
    groupRental: "작목반 공동 이용", name: "이름", phone: "휴대전화 번호", confirm: "이대로 예약하기",
    received: "예약 신청이 접수되었습니다", approval: "작목반 공동 이용은 담당자가 확인한 뒤",
    callerName: "농업인 이름", callerPhone: "농업인 휴대전화", roundTrip: "배달·회수",
    area: "읍·면·동", address: "배달 장소", book: "예약 확정", booked: "예약했습니다",
  },
  en: {
    groupRental: "Group rental", name: "Name", phone: "Mobile phone number", confirm: "Book it",
    received: "Your request is received", approval: "A group rental is confirmed once",
    callerName: "Caller's name", callerPhone: "Caller's mobile phone",
    roundTrip: "Delivery and collection", area: "Village (eup, myeon, dong)",
    address: "Delivery address", book: "Confirm the booking", booked: "booked",
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

describe("the representative books for the group on the farmer's booking page", () => {
  for (const [lang, n, start, end] of [["ko", 3, "2020-06-01", "2020-06-05"], ["en", 4, "2020-06-08", "2020-06-12"]]) {
    test(`${lang}: 작목반 공동 이용, five days of a 3-day type, found from the phone, awaiting approval`, async () => {
      const b = BOOK[lang];
      const rep = `010-7500-000${n}`;
      const member = `010-7500-001${n}`;
      const groupName = lang === "ko" ? "들녘작목반" : "Field group";
      for (const phone of [rep, member]) {
        const r = await staffApi(server.url, ADMIN, "POST", "/api/v1/farmers", { phone, name: `농부${phone.slice(-2)}` });
        assert.equal(r.status, 201);
      }
      const made = await staffApi(server.url, ADMIN, "POST", "/api/v1/groups",
        { name: groupName, representative_phone: rep, member_phones: [member] });
      assert.equal(made.status, 201);

      const { context, page, dialogs, errors } = await newPage({ ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US" });
      // Five days of a rice transplanter (at most 3 for one farmer): the group's rule quotes it.
      await page.goto(new URL(`/book?branch=GS&type=RICE_TRANSPLANTER&start=${start}&end=${end}&lang=${lang}`, server.url).href);
      assert.equal(await page.locator("#quote").count(), 0);
      await page.getByRole("link", { name: b.groupRental, exact: true }).click();
      await page.waitForLoadState("domcontentloaded");
      await page.locator("#quote").waitFor();
      assert.match(await page.locator("#quote").innerText(), new RegExp(b.approval));
      // The page names no group before the phone is sent.
      assert.ok(!(await page.locator("main").innerText()).includes(groupName));
      await assertPhoneFriendly(page);

      await page.getByLabel(b.name, { exact: true }).fill(lang === "ko" ? "대표자" : "Rep");
      await page.getByLabel(b.phone, { exact: true }).fill(rep);
      // (Verified phones, DOMAIN.md §14: the phone's code step goes here, before sending.)
      await page.getByRole("button", { name: b.confirm }).click();
      await page.waitForURL(/\/booking\/[A-Z0-9]{8}\?new=1/);
      const main = await page.locator("main").innerText();
      assert.match(main, new RegExp(b.received));
      assert.ok(main.includes(groupName), main.slice(0, 600));
      await assertPhoneFriendly(page);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `group-booking-farmer-${lang}.png`) });

      const code = page.url().match(/\/booking\/([A-Z0-9]{8})/)[1];
      const seen = await staffApi(server.url, ADMIN, "GET", `/api/v1/reservations/${code}`);
      assert.equal(seen.body.status, "requested");
      assert.deepEqual(seen.body.group, { id: made.body.id, name: groupName });
      assert.equal(seen.body.fee.days.length, 5);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

describe("the operator books a delivery for a caller on the board's booking page", () => {
  for (const [lang, n, day, area] of [["ko", 5, "2020-05-26", "임곡동"], ["en", 6, "2020-05-27", "평동"]]) {
    test(`${lang}: 배달·회수 to a village, booked and confirmed`, async () => {
      const b = BOOK[lang];
      const { context, page, errors } = await newPage({ ...PHONE, locale: lang === "ko" ? "ko-KR" : "en-US" });
      await logIn(page, lang, "/staff/board", OPERATOR.username, OPERATOR.password);
      await page.goto(new URL(`/staff/book?branch=GS&type=RICE_TRANSPLANTER&start=${day}&lang=${lang}`, server.url).href);
      await page.locator("#quote").waitFor();
      await page.getByLabel(new RegExp(`^${b.callerName}`)).fill(lang === "ko" ? "전화배달" : "Caller");
      await page.getByLabel(new RegExp(`^${b.callerPhone}`)).fill(`010-7500-002${n}`);
      await page.getByRole("radio", { name: new RegExp(`^${b.roundTrip}`) }).check();
      await page.getByLabel(b.area, { exact: true }).selectOption(area);
      await page.getByLabel(b.address, { exact: true }).fill(`${area} 마을회관 앞`);
      await assertPhoneFriendly(page);
      await page.getByRole("button", { name: b.book, exact: true }).click();
      await page.waitForURL(/\/staff\/reservations\/[A-Z0-9]{8}/);
      assert.match(await page.locator("main").innerText(), new RegExp(b.booked, "i"));
      const code = page.url().match(/\/staff\/reservations\/([A-Z0-9]{8})/)[1];
      const seen = await staffApi(server.url, OPERATOR, "GET", `/api/v1/reservations/${code}`);
      assert.equal(seen.body.status, "confirmed");
      assert.equal(seen.body.channel, "phone");
      assert.equal(seen.body.delivery.mode, "round_trip");
      assert.equal(seen.body.delivery.area, area);
      assert.equal(seen.body.delivery.address, `${area} 마을회관 앞`);
      assert.equal(seen.body.fee.delivery, 40000);
      await assertPhoneFriendly(page);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
