// Converts @hyunbinseo/holidays-kr into common/data/holidays_kr.csv (DOMAIN.md §2).
// Run through scripts/update_holidays.sh, which installs the package into a temporary folder and
// runs this file from there. Usage: node update_holidays.mjs <output.csv>
//
// Every Korean name the package gives must map to an English name below; an unknown name stops
// the run, so a new kind of holiday is looked at by a person before it ships.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const PACKAGE = '@hyunbinseo/holidays-kr';

// The English names, one per kind of holiday, the same in every year.
const BASE_NAMES = new Map([
    ['1월 1일', "New Year's Day"],
    ['설날 전날', 'Seollal'],
    ['설날', 'Seollal'],
    ['설날 다음 날', 'Seollal'],
    ['3ㆍ1절', 'Independence Movement Day'],
    ['노동절', 'Labor Day'],
    ['어린이날', "Children's Day"],
    ['부처님 오신 날', "Buddha's Birthday"],
    ['현충일', 'Memorial Day'],
    ['제헌절', 'Constitution Day'],
    ['광복절', 'Liberation Day'],
    ['추석 전날', 'Chuseok'],
    ['추석', 'Chuseok'],
    ['추석 다음 날', 'Chuseok'],
    ['개천절', 'National Foundation Day'],
    ['한글날', 'Hangul Day'],
    ['기독탄신일', 'Christmas Day'],
    ['임시공휴일', 'Temporary Holiday'],
]);

// Election days come under many names ("제21대 국회의원선거", "대통령선거", "전국동시지방선거",
// and a snap election declared a temporary holiday: "임시공휴일(대통령선거)"). All are "Election Day".
const ELECTION = /선거\)?$/u;
const SUBSTITUTE = /^대체공휴일\((.+)\)$/u;

function englishName(ko) {
    if (BASE_NAMES.has(ko)) {
        return BASE_NAMES.get(ko);
    }
    if (ELECTION.test(ko)) {
        return 'Election Day';
    }
    const substitute = SUBSTITUTE.exec(ko);
    if (substitute && BASE_NAMES.has(substitute[1])) {
        return `Substitute Holiday (${BASE_NAMES.get(substitute[1])})`;
    }
    throw new Error(`no English name for "${ko}": add it to scripts/update_holidays.mjs`);
}

function checkField(s, what) {
    if (s.length === 0 || s.trim() !== s || /[,\r\n"]/u.test(s)) {
        throw new Error(`${what} "${s}" is empty, padded or holds a comma, quote or newline`);
    }
    return s;
}

const output = process.argv[2];
if (!output) {
    throw new Error('usage: node update_holidays.mjs <output.csv>');
}

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8'));
const all = await import(`${PACKAGE}/all`);

const years = Object.keys(all)
    .map((k) => /^y(\d{4})$/u.exec(k))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
if (years.length === 0) {
    throw new Error(`${PACKAGE} exports no yearly presets`);
}
const first = years[0];
const last = years[years.length - 1];
if (years.length !== last - first + 1) {
    throw new Error(`${PACKAGE} skips years: ${years.join(' ')}`);
}

const rows = [];
for (const year of years) {
    const preset = all[`y${year}`];
    for (const date of Object.keys(preset).sort()) {
        if (!/^\d{4}-\d{2}-\d{2}$/u.test(date) || Number(date.slice(0, 4)) !== year) {
            throw new Error(`bad date "${date}" in preset y${year}`);
        }
        const names = preset[date];
        if (!Array.isArray(names) || names.length === 0) {
            throw new Error(`no names for ${date}`);
        }
        // One line per (date, name); the parser merges holidays that fall on one date.
        for (const ko of new Set(names)) {
            rows.push(`${date},${checkField(ko, 'name')},${checkField(englishName(ko), 'name')}`);
        }
    }
}

const lines = [
    '# Korean public holidays (공휴일), DOMAIN.md §2. Embedded in the build; do not edit by hand.',
    `# Source: npm ${PACKAGE} ${pkg.version} (MIT, https://github.com/hyunbinseo/holidays-kr),`,
    '#   which follows the official almanac (월력요항) of the Korea AeroSpace Administration.',
    '# Regenerate: scripts/update_holidays.sh [version] (needs node and npm; the build does not).',
    '# Holidays declared later (e.g. a temporary holiday) can also be added by an admin at run time.',
    `# years: ${first}-${last}`,
    'date,name_ko,name_en',
    ...rows,
];
writeFileSync(output, `${lines.join('\n')}\n`, 'utf8');
console.log(`${output}: ${rows.length} holidays, years ${first}-${last}, ${PACKAGE} ${pkg.version}`);
