// `oit serve` end to end: the built server (dist/cli.js serve) over a store filled by real audits of the demo site,
// driven in Debian's Chromium. Review, waivers that carry over and lapse, alerts, sign-off and its export, roles,
// CSRF, hostile crawled text; screenshots of every page at 1280 and 390 px in test-results/serve/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../../src/collect/browser.js';
import { DEMO_SITE_DIR, serveDirectory, type Served } from '../../src/demo/serve.js';
import { loadConfig } from '../../src/schedule/config.js';
import { HistoryStore, sqliteRunStore } from '../../src/schedule/store.js';
import { runOnce } from '../../src/schedule/worker.js';

test.skip(!findChromium().path, 'no Chromium found (install Debian chromium or set OIT_CHROMIUM)');
test.describe.configure({ mode: 'serial' });

const ROOT = process.cwd();
const OUT = join(ROOT, 'test-results', 'serve');
mkdirSync(OUT, { recursive: true });

const USERS = { somchai: 'reviewer', suda: 'reviewer', malee: 'approver', wichai: 'viewer' } as const;
const PASSWORD = (name: string) => `${name}-password-2566`;
const PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

let dir = '';
let site: Served;
let server: ChildProcess;
let base = '';
let store: HistoryStore;
let hookServer: Server;
const hooks: Array<{ runId: number; text: string; body: Record<string, unknown> }> = [];
let day = 14;

/** One scheduled run of every agency, a day after the last (the demo site is assessed in May 2566). */
async function scheduledRun(opts: { screenshots?: boolean } = {}): Promise<number> {
  day++;
  const cfgFile = join(dir, 'oit.config.yaml');
  writeFileSync(cfgFile, configText(opts.screenshots ?? false));
  const s = await runOnce(loadConfig(cfgFile), sqliteRunStore(store), { now: () => new Date(`2023-05-${String(day).padStart(2, '0')}T03:00:00Z`), trigger: 'schedule' });
  return s.runId;
}

function configText(screenshots: boolean): string {
  return `agencies:
  - id: nongnamsai
    name: อบต.หนองน้ำใส (ตัวอย่าง)
    url: ${site.url}
    rules: ita-2566
    type: อบต.
    province: ขอนแก่น
  - id: closed
    name: เทศบาลตำบลปิดปรับปรุง
    url: http://127.0.0.1:9/
    rules: ita-2566
    type: เทศบาลตำบล
    province: อุดรธานี
alerts:
  webhook:
    url: http://127.0.0.1:${(hookServer.address() as { port: number }).port}/oit
collector:
  render: never
  maxMinutes: 2
  timeoutSeconds: 5
  screenshots: ${screenshots}
store: ./data
`;
}

const siteFile = (p: string) => join(dir, 'site', p);
const hooksFor = (runId: number) => hooks.filter((h) => h.runId === runId && h.body.agency && (h.body.agency as { id: string }).id === 'nongnamsai');

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'oit-serve-e2e-'));
  cpSync(DEMO_SITE_DIR, join(dir, 'site'), { recursive: true });
  // Crawled text carrying markup: the O1 page's title and its link text on the ITA index.
  const o1 = readFileSync(siteFile('oit/o1.html'), 'utf8').replace('<title>โครงสร้าง', `<title>โครงสร้าง ${PAYLOAD.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`);
  writeFileSync(siteFile('oit/o1.html'), o1);
  const index = readFileSync(siteFile('ita/2566.html'), 'utf8').replace('<a href="/oit/o1.html">โครงสร้าง</a>', `<a href="/oit/o1.html">โครงสร้าง &lt;img src=x onerror=alert(1)&gt;</a>`);
  writeFileSync(siteFile('ita/2566.html'), index);
  site = await serveDirectory(join(dir, 'site'), 0);
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const j = JSON.parse(body) as Record<string, unknown>;
      hooks.push({ runId: Number(j.runId), text: String(j.text), body: j });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  writeFileSync(join(dir, 'oit.config.yaml'), configText(false));
  store = new HistoryStore(join(dir, 'data'));
  // Users through the real command line: the password from OIT_PASSWORD for one, from standard input for the others.
  for (const [name, role] of Object.entries(USERS)) {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'users', 'add', name, '--role', role, '--config', 'oit.config.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      ...(name === 'somchai' ? { env: { ...process.env, OIT_PASSWORD: PASSWORD(name) } } : { input: `${PASSWORD(name)}\n` }),
    });
    expect(r.status, r.stderr).toBe(0);
  }
  // Run 1: the baseline. Then the O5 page disappears (a change), run 2 with screenshots: O5 newly fails and alerts.
  expect(await scheduledRun()).toBe(1);
  renameSync(siteFile('oit/o5.html'), join(dir, 'o5.html.kept'));
  expect(await scheduledRun({ screenshots: true })).toBe(2);
  expect(hooksFor(2).length).toBe(1);
  expect(hooksFor(2)[0]!.text).toContain('o5.html');
  server = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'serve', '--config', 'oit.config.yaml', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /oit serve: (http:\/\/[^\s]+?)\/? /.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`oit serve exited ${code}: ${out}`)));
  });
  expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await site?.close();
  hookServer?.close();
  store?.close();
});

/** Every page must stay inert: no dialog, no script from crawled text, no console error, nothing fetched elsewhere. */
function guard(page: Page) {
  const seen = { dialogs: [] as string[], errors: [] as string[], foreign: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => !r.url().startsWith(base) && !r.url().startsWith('data:') && seen.foreign.push(r.url()));
  return seen;
}

/** Each user signs in once through the form (sign-in attempts are rate-limited); later contexts reuse the session. */
const sessions = new Map<string, Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>>();
async function signIn(browser: Browser, name: keyof typeof USERS) {
  const had = sessions.get(name);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...(had ? { storageState: had } : {}) });
  const page = await context.newPage();
  const seen = guard(page);
  await page.goto(`${base}/`);
  if (!had) {
    await expect(page).toHaveURL(/\/login/);
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PASSWORD(name));
    await page.click('button[type=submit]');
    sessions.set(name, await context.storageState());
  }
  await expect(page.locator('h1')).toContainText('ผลตรวจทุกหน่วยงาน');
  return { context, page, seen };
}

/** A full-page picture at 1280 px and at 390 px (a phone). */
async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(OUT, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(OUT, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function inert(page: Page, seen: ReturnType<typeof guard>) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
}

const afterReview = async (page: Page) => (await page.locator('.card.reviewed .big').innerText()).trim();

test('sign-in page, fleet, agency and audit pages render in Thai and English, on a phone too', async ({ browser }) => {
  const anon = await browser.newPage();
  await anon.goto(`${base}/login`);
  await shoot(anon, 'login');
  await anon.close();
  const { context, page, seen } = await signIn(browser, 'somchai');
  await expect(page.locator('table.fleet tbody tr')).toHaveCount(2);
  await expect(page.locator('table.fleet')).toContainText('เข้าเว็บไซต์ไม่ได้');
  await shoot(page, 'fleet');
  await page.goto(`${base}/?state=unreachable`);
  await expect(page.locator('table.fleet tbody tr')).toHaveCount(1);
  await page.goto(`${base}/?q=${encodeURIComponent('หนองน้ำใส')}&lang=en`);
  await expect(page.locator('h1')).toHaveText('All agencies');
  await expect(page.locator('table.fleet tbody tr')).toHaveCount(1);
  await shoot(page, 'fleet-en');
  await page.goto(`${base}/?lang=th`);
  await page.click('text=อบต.หนองน้ำใส (ตัวอย่าง)');
  await expect(page.locator('h1')).toContainText('อบต.หนองน้ำใส');
  await expect(page.locator('#compare')).toContainText('ปัญหาใหม่');
  await expect(page.locator('#compare .cmp.new')).toContainText('o5.html');
  await shoot(page, 'agency');
  await page.goto(`${base}/audit/nongnamsai/2`);
  await expect(page.locator('h1')).toContainText('ผลตรวจรอบที่ 2');
  // Evidence screenshots of run 2 are served beside the report.
  await expect(page.locator('#O1 img')).toHaveCount(1);
  expect((await page.request.get(`${base}/audit/nongnamsai/2/shot/O1.png`)).headers()['content-type']).toBe('image/png');
  // The crawled title and link text are shown as text.
  await expect(page.locator('#O1')).toContainText('<script>window.__pwned=1</script>');
  await expect(page.locator('#O1')).toContainText('<img src=x onerror=alert(1)>');
  await shoot(page, 'audit');
  await page.goto(`${base}/audit/nongnamsai/2?show=fail`);
  await expect(page.locator('details.item:visible')).toHaveCount(await page.locator('details.item.o-fail').count());
  await inert(page, seen);
  await context.close();
});

test('a reviewer resolves a review item (the after-review score changes) and waives defects', async ({ browser }) => {
  const { context, page, seen } = await signIn(browser, 'somchai');
  await page.goto(`${base}/audit/nongnamsai/2`);
  const crawled = (await page.locator('.card.crawled .big').innerText()).trim();
  const before = await afterReview(page);
  expect(before).toBe(crawled);
  const o17 = page.locator('#O17');
  await o17.locator('.review-box summary').click();
  await o17.locator('input[name=verdict][value=pass]').check();
  await o17.locator('.review-box textarea[name=note]').fill('เปิดไฟล์แล้ว เป็นผลสำรวจความพึงพอใจปี 2565 ครบถ้วน (ไฟล์สแกนที่อ่านได้ด้วยตา)');
  await o17.locator('.review-box button[type=submit]').click();
  await expect(page.locator('#O17 .decided')).toContainText('somchai');
  const after = await afterReview(page);
  expect(after).not.toBe(before);
  expect(Number(after)).toBeGreaterThan(Number(before));
  // Waive O5's broken link (the page is being rebuilt: an accepted risk, until the end of May) and O17's scanned file.
  for (const [item, reason, note] of [
    ['O5', 'accepted-risk', 'หน้าข้อมูลการติดต่อกำลังย้ายไประบบใหม่ หน่วยงานรับทราบ'],
    ['O17', 'false-alarm', 'ไฟล์สแกนแต่ผู้ตรวจทานอ่านแล้ว'],
  ] as const) {
    const defect = page.locator(`#${item} .defect`).first();
    await defect.locator('details.act summary').click();
    await defect.locator('select[name=reason]').selectOption(reason);
    await defect.locator('textarea[name=note]').fill(note);
    if (item === 'O5') await defect.locator('input[name=expires]').fill('2023-05-31');
    await defect.locator('button[type=submit]').click();
    await expect(page.locator(`#${item} .defect .waived`).first()).toContainText('somchai');
  }
  await expect(page.locator('.card.reviewed .big')).toHaveText(after);
  await shoot(page, 'audit-reviewed');
  await page.goto(`${base}/trail`);
  await expect(page.locator('table.trail tbody tr')).toHaveCount(3 + Object.keys(USERS).length);
  await shoot(page, 'trail');
  await inert(page, seen);
  await context.close();
});

test('the next scheduled runs keep the waiver and send no alert for it, even when the link breaks again', async ({ browser }) => {
  // Run 3: the site as in run 2. The waiver and the verdict carry over; nothing is sent.
  expect(await scheduledRun()).toBe(3);
  expect(hooksFor(3)).toEqual([]);
  // Run 4: the page is back (fixed); run 5: it breaks again, which alerted in run 2 but is waived now.
  renameSync(join(dir, 'o5.html.kept'), siteFile('oit/o5.html'));
  expect(await scheduledRun()).toBe(4);
  renameSync(siteFile('oit/o5.html'), join(dir, 'o5.html.kept'));
  expect(await scheduledRun()).toBe(5);
  expect(hooksFor(4)).toEqual([]);
  expect(hooksFor(5)).toEqual([]);
  const { context, page, seen } = await signIn(browser, 'somchai');
  for (const run of [3, 5]) {
    await page.goto(`${base}/audit/nongnamsai/${run}`);
    await expect(page.locator('#O5 .defect .waived')).toContainText('รอบที่ 2');
    await expect(page.locator('#O17 .decided')).toContainText('รอบที่ 2');
  }
  await page.goto(`${base}/agency/nongnamsai?a=3&b=5`);
  await expect(page.locator('#compare .cmp.flapping')).toContainText('o5.html');
  await shoot(page, 'agency-flapping');
  await inert(page, seen);
  await context.close();
});

test('a changed evidence file makes the verdict and the waiver on it lapse, and the page says so', async ({ browser }) => {
  appendFileSync(siteFile('files/o17-satisfaction-2565.pdf'), '\n% replaced by the agency\n');
  expect(await scheduledRun()).toBe(6);
  const { context, page, seen } = await signIn(browser, 'somchai');
  await page.goto(`${base}/audit/nongnamsai/6`);
  await expect(page.locator('#O17 .review-box .lapsed')).toContainText('สิ้นผลเพราะหลักฐานเปลี่ยน');
  await expect(page.locator('#O17 .review-box .lapsed')).toContainText('o17-satisfaction-2565.pdf');
  await expect(page.locator('#O17 .defect .lapsed').first()).toContainText('สิ้นผลเพราะหลักฐานเปลี่ยน');
  // The O5 waiver is about an unchanged page: it still holds.
  await expect(page.locator('#O5 .defect .waived')).toHaveCount(1);
  expect(await afterReview(page)).toBe((await page.locator('.card.crawled .big').innerText()).trim());
  await shoot(page, 'audit-lapsed');
  await inert(page, seen);
  await context.close();
});

test('sign-off: prepared, reviewed, approved by three people; the audit freezes and its ITAS export carries the sign-off', async ({ browser }) => {
  const url = `${base}/audit/nongnamsai/6`;
  const sign = async (name: keyof typeof USERS, comment: string, button: string) => {
    const s = await signIn(browser, name);
    await s.page.goto(url);
    await s.page.fill('#signoff textarea[name=comment]', comment);
    await s.page.click(`#signoff button:has-text("${button}")`);
    await expect(s.page.locator('#signoff table')).toContainText(name);
    return s;
  };
  // The reviewer records the verdict again on the new file first.
  const first = await signIn(browser, 'somchai');
  await first.page.goto(url);
  await first.page.locator('#O17 .review-box summary').click();
  await first.page.locator('#O17 input[name=verdict][value=pass]').check();
  await first.page.locator('#O17 .review-box textarea[name=note]').fill('ไฟล์ใหม่ตรวจแล้ว ครบถ้วน');
  await first.page.locator('#O17 .review-box button[type=submit]').click();
  const reviewed = await afterReview(first.page);
  await first.context.close();
  (await sign('somchai', 'จัดทำโดยกลุ่มงานนิติการ', 'ลงนามผู้จัดทำ')).context.close();
  // The preparer may not also review.
  const again = await signIn(browser, 'somchai');
  await again.page.goto(url);
  await expect(again.page.locator('#signoff form textarea[name=comment]')).toHaveCount(1);
  const token = await again.page.locator('#signoff input[name=_csrf]').first().inputValue();
  const same = await again.page.request.post(`${url}/signoff`, { form: { _csrf: token, step: 'reviewed', comment: 'ตรวจเอง' }, maxRedirects: 0 });
  expect(same.status()).toBe(409);
  await again.context.close();
  (await sign('suda', 'ตรวจทานแล้ว ถูกต้อง', 'ลงนามผู้ตรวจทาน')).context.close();
  const approver = await sign('malee', 'อนุมัติส่งผล ITAS', 'อนุมัติและปิดผล');
  const page = approver.page;
  await expect(page.locator('p.frozen').first()).toContainText('อนุมัติและปิดแล้ว');
  await expect(page.locator('form[action$="/decision"]')).toHaveCount(0);
  expect(await afterReview(page)).toBe(reviewed);
  await shoot(page, 'audit-approved');
  // The server refuses a change to a frozen audit, even from an approver with a valid token.
  const token2 = await page.locator('input[name=_csrf]').first().inputValue();
  const refused = await page.request.post(`${url}/decision`, { form: { _csrf: token2, item: 'O11', verdict: 'pass', note: 'ลองแก้หลังอนุมัติ' }, maxRedirects: 0 });
  expect(refused.status()).toBe(409);
  // Exports: the ITAS sheet after review, with the sign-off block; the PDF.
  const csv = await (await page.request.get(`${url}/itas.csv`)).text();
  expect(csv).toContain('"อนุมัติแล้ว"');
  for (const name of ['somchai', 'suda', 'malee']) expect(csv).toContain(`"${name}"`);
  expect(csv).toContain('"อนุมัติส่งผล ITAS"');
  const o17 = csv.split('\r\n').find((l) => l.startsWith('"O17"'))!;
  // The reviewer's pass makes O17 ready to answer in the final sheet.
  expect(o17).toContain('"พร้อมตอบ"');
  writeFileSync(join(OUT, 'itas-approved.csv'), csv);
  const xlsx = await page.request.get(`${url}/itas.xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-disposition']).toContain('oit-nongnamsai-6.itas.xlsx');
  expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  const pdf = await (await page.request.get(`${url}/report.pdf`)).body();
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  writeFileSync(join(OUT, 'final-approved.pdf'), pdf);
  await page.goto(`${url}/final.html`);
  await expect(page.locator('table.sign')).toContainText('malee');
  await shoot(page, 'final');
  await approver.context.close();
  // Later runs and later decisions do not change the approved audit.
  expect(await scheduledRun()).toBe(7);
  const later = await signIn(browser, 'somchai');
  await later.page.goto(`${base}/audit/nongnamsai/7`);
  await later.page.locator('#O17 .review-box summary').click();
  await later.page.locator('#O17 input[name=verdict][value=fail]').check();
  await later.page.locator('#O17 .review-box textarea[name=note]').fill('รอบ 7: ไฟล์ไม่ตรงปี');
  await later.page.locator('#O17 .review-box button[type=submit]').click();
  await later.page.goto(url);
  expect(await afterReview(later.page)).toBe(reviewed);
  await expect(later.page.locator('#O17 .decided')).toContainText('ไฟล์ใหม่ตรวจแล้ว');
  await inert(later.page, later.seen);
  await later.context.close();
});

test('a viewer can look but the server refuses every change; a form without its CSRF token is refused', async ({ browser }) => {
  const { context, page, seen } = await signIn(browser, 'wichai');
  await page.goto(`${base}/audit/nongnamsai/5`);
  await expect(page.locator('form[action$="/decision"], form[action$="/waiver"], form[action$="/signoff"]')).toHaveCount(0);
  // A valid token (from the viewer's own sign-out form): the refusal is the role's, not the token's.
  const token = await page.locator('input[name=_csrf]').first().inputValue();
  const trailBefore = store.review.trail().length;
  for (const [path, form] of [
    ['/audit/nongnamsai/5/decision', { item: 'O11', verdict: 'pass', note: 'ผู้ดูลองแก้' }],
    ['/audit/nongnamsai/5/waiver', { key: 'O11|out-of-period|x|', reason: 'false-alarm', note: 'ผู้ดูลองยกเว้น' }],
    ['/audit/nongnamsai/5/signoff', { step: 'prepared', comment: 'ผู้ดูลองลงนาม' }],
    ['/agency/nongnamsai/run', {}],
  ] as const) {
    const r = await page.request.post(`${base}${path}`, { form: { _csrf: token, ...form }, maxRedirects: 0 });
    expect(r.status(), path).toBe(403);
    expect(await r.text()).toContain('ไม่มีสิทธิ์');
  }
  expect(store.review.trail().length).toBe(trailBefore);
  await page.goto(`${base}/agency/nongnamsai`);
  await expect(page.locator('form[action$="/run"]')).toHaveCount(0);
  await shoot(page, 'agency-viewer');
  await inert(page, seen);
  await context.close();
  // A reviewer's form posted without its token (a forged cross-site post would look like this).
  const rev = await signIn(browser, 'somchai');
  const forged = await rev.page.request.post(`${base}/audit/nongnamsai/5/decision`, { form: { item: 'O11', verdict: 'pass', note: 'ไม่มีโทเค็น' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('CSRF');
  const wrong = await rev.page.request.post(`${base}/audit/nongnamsai/5/decision`, { form: { _csrf: 'not-a-token', item: 'O11', verdict: 'pass', note: 'โทเค็นปลอม' }, maxRedirects: 0 });
  expect(wrong.status()).toBe(403);
  expect(store.review.trail().length).toBe(trailBefore);
  await rev.page.goto(`${base}/audit/nongnamsai/5/nothing-here`);
  await shoot(rev.page, 'error');
  await rev.context.close();
});

test('run now: the audit runs in the background, the page shows its progress and then the new run', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page, seen } = await signIn(browser, 'somchai');
  await page.goto(`${base}/agency/nongnamsai`);
  await page.click('#run button[type=submit]');
  await expect(page.locator('#run [data-progress]')).toBeVisible();
  await shoot(page, 'agency-running');
  // The server answers other pages while the audit runs.
  const t0 = Date.now();
  expect((await page.request.get(`${base}/`)).status()).toBe(200);
  expect(Date.now() - t0).toBeLessThan(2000);
  // The script polls and reloads when done; the new run (from the real clock's date) is listed.
  await expect(page.locator('#run [data-progress]')).toContainText('ตรวจเสร็จ', { timeout: 90_000 });
  await expect(page.locator('table.cards').first()).toContainText('#8');
  await inert(page, seen);
  await context.close();
});
