// The agency's ITA index page is its claim, not evidence: every row is read whole (labels in one <p>, links in the
// next), placeholder rows are named as placeholders, the index itself is never evidence by any route, and an index
// that gives nothing to read (all "#", or a table a script never filled) is said as a warning.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/collect/decode.js';
import { parseHtml } from '../../src/collect/html.js';
import { pageFlags } from '../../src/collect/page-signals.js';
import { findIndexPages, labelOf } from '../../src/judge/index-pages.js';
import { judge } from '../../src/judge/judge.js';
import type { Page } from '../../src/model/artifacts.js';
import type { Result } from '../../src/model/result.js';
import { BUILTIN_RULES_DIR, loadRuleSet } from '../../src/rules/load.js';
import { say } from '../../src/text/say.js';
import { artifacts, page, SITE } from '../fixtures/artifacts.js';

/** A page as the collector keeps it, from HTML parsed by the project's own parser. */
function htmlPage(path: string, html: string, extra: Partial<Page> = {}): Page {
  const p = parseHtml(html, SITE + path);
  return page(path, p.title, '', [], { headings: p.headings, text: p.text, links: p.links, tables: p.tables, flags: pageFlags(p, SITE + path), ...extra });
}

const doc = (body: string, title = 'เทศบาลตำบลทดสอบ') => `<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const labels = (p: Page) => p.links.filter((l) => l.tag === 'a' && l.url).map((l) => [l.text, labelOf(l)?.n]);
const rs = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566'));
const HOME = page('/', 'เทศบาลตำบลทดสอบ', 'ยินดีต้อนรับ', [{ url: `${SITE}/news/ita2566.html`, text: 'ข่าวประชาสัมพันธ์' }]);
const ASOF = { asOf: '2023-05-15' };

describe('index rows are read whole', () => {
  it('reads the label of a row whose label and links sit in different <p>s or cells, in every label style', () => {
    const p = htmlPage(
      '/ita.html',
      doc(`<h4>การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปีงบประมาณ พ.ศ. 2566</h4>
      <table class="table"><thead><tr><th>คลิกหัวข้อ เพื่อดู URL</th><th>คำอธิบาย</th></tr></thead><tbody>
        <tr><td><p class="fs-6">O1 – โครงสร้าง</p><p><a href="/o1.pdf">แผนผังองค์กร (ลิงก์ที่ 1)</a></p></td><td>อยู่ที่เมนู "ข้อมูลพื้นฐาน"</td></tr>
        <tr><td><p class="fs-6">o2 ข้อมูลผู้บริหาร</p><p><a href="/o2.html">คณะผู้บริหาร</a> <br/><a href="/o2b.html">ผู้บริหารฝ่ายประจำ</a></p></td><td></td></tr>
        <tr><td><p>OIT 3 อำนาจหน้าที่</p><p><a href="/o3.html">ดูข้อมูล</a></p></td><td></td></tr>
        <tr><td><p>ข้อ ๔ แผนพัฒนาท้องถิ่น</p><p><a href="/o4.pdf">ดาวน์โหลด</a></p></td><td></td></tr>
        <tr><td><p>029 แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต</p><p><a href="/o29.pdf">คู่มือ</a></p></td><td></td></tr>
        <tr><td>O6</td><td><ul><li><a href="/law1.pdf">พระราชบัญญัติ</a></li><li><a href="/law2.pdf">ระเบียบ</a></li></ul></td></tr>
      </tbody></table>
      <table><tr><td><p>O8 <a href="/qa.html">Q&amp;A</a></p><p>O9 <a href="/fb.html">Facebook</a></p><p><a href="/other.html">อื่น ๆ</a></p></td></tr></table>`),
    );
    expect(labels(p)).toEqual([
      ['แผนผังองค์กร (ลิงก์ที่ 1)', 1],
      ['คณะผู้บริหาร', 2],
      ['ผู้บริหารฝ่ายประจำ', 2],
      ['ดูข้อมูล', 3],
      ['ดาวน์โหลด', 4],
      ['คู่มือ', 29],
      ['พระราชบัญญัติ', 6],
      ['ระเบียบ', 6],
      // One layout cell holding several items is not a row: each <p> keeps its own label, an unlabelled one none.
      ['Q&A', 8],
      ['Facebook', 9],
      ['อื่น ๆ', undefined],
    ]);
  });

  it('reads the label of an accordion section whose body has its own sub-heading', () => {
    const section = (n: number, title: string, href: string, text: string) => `
      <div class="accordion-item">
        <h2 class="accordion-header"><button class="accordion-button" data-bs-toggle="collapse" data-bs-target="#c${n}">O${n} ${title}</button></h2>
        <div id="c${n}" class="accordion-collapse collapse"><div class="accordion-body"><h4>เอกสารประกอบ</h4><p><a href="${href}">${text}</a></p></div></div>
      </div>`;
    const p = htmlPage(
      '/oit.html',
      doc(`<h1>ITA 2566</h1><div class="accordion">${[
        section(5, 'ข้อมูลการติดต่อ', '/contact.html', 'ติดต่อหน่วยงาน'),
        section(6, 'กฎหมายที่เกี่ยวข้อง', '/law.html', 'รวมกฎหมาย'),
        section(7, 'ข่าวประชาสัมพันธ์', '/news.html', 'ข่าวทั้งหมด'),
      ].join('')}</div>`),
    );
    expect(labels(p)).toEqual([
      ['ติดต่อหน่วยงาน', 5],
      ['รวมกฎหมาย', 6],
      ['ข่าวทั้งหมด', 7],
    ]);
  });
});

/** An OIT 2566 index in the Phon-Sung layout: section headings, "O7 – …" in one <p>, its "#" links in the next. */
function placeholderIndex(): Page {
  const hrefs = ['#', '', 'javascript:void(0)'];
  const rows = rs.items.map((i, k) => {
    const n = Number(i.id.slice(1));
    const head = n === 1 ? '<h5>ข้อมูลพื้นฐาน</h5>' : n === 7 ? '<h5>การประชาสัมพันธ์</h5>' : n === 8 ? '<h5>การปฏิสัมพันธ์ข้อมูล</h5>' : '';
    const table = head ? `</tbody></table>${head}<table class="table"><tbody>` : '';
    return `${table}<tr><td><p class="fs-6">${i.id} – ${i.title}</p><p><a href="${hrefs[k % 3]}">${i.title} (ลิงก์ที่ 1)</a></p></td><td>อยู่ที่เมนู "${i.title}"</td></tr>`;
  });
  return htmlPage(
    '/news/ita2566.html',
    doc(`<h4>การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ.2566 (OIT)</h4><table class="table"><tbody>${rows.join('\n')}</tbody></table>`),
  );
}

describe('an index whose rows are all placeholders', () => {
  it('is an index, is never evidence by any route, names the placeholder of every item, and says so', () => {
    const index = placeholderIndex();
    expect(findIndexPages([index])[0]).toMatchObject({ distinctItems: 43 });
    const r = judge(artifacts([HOME, index]), rs, ASOF);
    // Not by its rows, its own section heading "การประชาสัมพันธ์", the home menu link "ข่าวประชาสัมพันธ์" to it, or its URL (/news/).
    expect(r.items.flatMap((i) => i.evidence.map((e) => `${i.id} ${e.via} ${e.url}`))).toEqual([]);
    for (const i of r.items) {
      expect(i.outcome, i.id).toBe('fail');
      expect(i.defects.find((d) => d.kind === 'not-found')?.data, i.id).toMatchObject({ placeholder: `${i.title} (ลิงก์ที่ 1)`, page: index.url });
    }
    expect(r.warnings).toContainEqual({ code: 'index-rows-unreadable', data: { url: index.url, items: 43, placeholders: 43 } });
    expect(say('th', r.warnings.find((w) => w.code === 'index-rows-unreadable')!)).toContain(index.url);
    expect(say('en', r.warnings.find((w) => w.code === 'index-rows-unreadable')!)).toContain('placeholder');
  });

  it('still takes a real row as evidence, and a row linking back to the index as a placeholder', () => {
    const index = placeholderIndex();
    index.links = index.links.map((l) => (/^O7 /.test(l.context ?? '') ? { ...l, url: `${SITE}/news/all.html`, href: '/news/all.html' } : /^O1 /.test(l.context ?? '') ? { ...l, url: index.url, href: 'ita2566.html' } : l));
    const news = page('/news/all.html', 'ข่าวประชาสัมพันธ์', 'ข่าวกิจกรรม วันที่ 12 มกราคม 2566 โครงการลงพื้นที่');
    const r = judge(artifacts([HOME, index, news]), rs, ASOF);
    expect(r.items.find((i) => i.id === 'O7')!.evidence).toMatchObject([{ via: 'index', url: news.url }]);
    expect(r.items.find((i) => i.id === 'O1')!.defects.find((d) => d.kind === 'not-found')?.data).toMatchObject({ placeholder: 'โครงสร้าง (ลิงก์ที่ 1)' });
    expect(r.warnings.map((w) => w.code)).not.toContain('index-rows-unreadable');
  });
});

describe('an index built by a script', () => {
  const shell = doc(
    `<div id="global-header"></div><header><h1>ความโปร่งใส (ITA)</h1><p>คณะครุศาสตร์</p></header>
     <section><div class="container" id="ita-content"><p class="text-center">กำลังโหลดข้อมูล...</p></div></section>
     <script>loadPageContent('ความโปร่งใส (ITA)', 'ita-content');</script><script src="js/global-loader.js"></script>`,
    'ความโปร่งใส (ITA) - คณะครุศาสตร์',
  );

  it('warns, with the URL, that a page still saying "กำลังโหลดข้อมูล..." was not readable', () => {
    const ita = htmlPage('/ita.html', shell);
    const r = judge(artifacts([HOME, ita]), rs, ASOF);
    expect(r.warnings).toContainEqual({ code: 'index-script-loaded', data: { url: ita.url, rendered: false } });
    expect(say('th', { code: 'index-script-loaded', data: { url: ita.url, rendered: false } })).toContain(ita.url);
  });

  it('warns also when it was rendered and its table body stayed empty', () => {
    const ita = htmlPage(
      '/oit/index.html',
      doc(`<h1>การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. 2566</h1><h2>ข่าวประชาสัมพันธ์ และข้อมูลหน่วยงาน</h2>
        <table id="oit"><thead><tr><th>ข้อ</th><th>ข้อมูล</th><th>URL</th></tr></thead><tbody id="oit-body"></tbody></table>`),
      { flags: ['rendered'] },
    );
    const r = judge(artifacts([HOME, ita]), rs, ASOF);
    expect(r.warnings).toContainEqual({ code: 'index-script-loaded', data: { url: ita.url, rendered: true } });
    expect(say('en', { code: 'index-script-loaded', data: { url: ita.url, rendered: true } })).toContain('after rendering');
    // Its own heading is no evidence for O7 either.
    expect(r.items.find((i) => i.id === 'O7')!.evidence.map((e) => e.url)).not.toContain(ita.url);
  });
});

const ROOT = join(import.meta.dirname, '../../../shared/realworld');
const HAVE_REAL = existsSync(ROOT);
if (!HAVE_REAL) console.warn(`../shared/realworld not found (${ROOT}): the real ITA index page tests are skipped; the fixture tests above still run`);

describe.skipIf(!HAVE_REAL)('real agency ITA pages (../shared/realworld)', () => {
  const real = (rel: string, path: string): Page => {
    const p = parseHtml(decodeHtml(readFileSync(join(ROOT, rel))).text, SITE + path);
    return page(path, p.title, '', [], { headings: p.headings, text: p.text, links: p.links, tables: p.tables, flags: pageFlags(p, SITE + path) });
  };
  const judged = (p: Page): Result => judge(artifacts([page('/', 'เทศบาลตำบลทดสอบ', 'ยินดีต้อนรับ', [{ url: p.url, text: 'ITA' }]), p]), rs, ASOF);

  it('Phon-Sung ITA.html: 43 rows read, 43 placeholders named, no item found, and a warning', () => {
    const ita = real('NonthapatKim--Phon-Sung-Website/ITA.html', '/ITA.html');
    expect(findIndexPages([ita])[0]?.distinctItems).toBe(43);
    const r = judged(ita);
    expect(r.items.filter((i) => i.outcome !== 'fail' || i.evidence.length).map((i) => i.id)).toEqual([]);
    expect(r.items.filter((i) => i.defects.some((d) => d.kind === 'not-found' && d.data?.placeholder)).length).toBe(43);
    expect(r.items.find((i) => i.id === 'O7')!.defects.find((d) => d.kind === 'not-found')?.data).toMatchObject({ placeholder: 'ข่าวประชาสัมพันธ์ (ลิงก์ที่ 1)' });
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'index-rows-unreadable', data: expect.objectContaining({ url: ita.url, items: 43 }) }));
  });

  it('edu_mcru ita.html: the script-loaded ITA page is said to be unreadable', () => {
    const ita = real('pakapat-jp--edu_mcru/ita.html', '/ita.html');
    expect(judged(ita).warnings).toContainEqual({ code: 'index-script-loaded', data: { url: ita.url, rendered: false } });
  });

  it('ui-sdh2026 ita.html: an ITA page with no readable item row is said so, and nothing is found on it', () => {
    const ita = real('SarayuthNueng--ui-sdh2026/ita.html', '/ita.html');
    const r = judged(ita);
    expect(r.warnings).toContainEqual({ code: 'index-rows-unreadable', data: { url: ita.url, items: 0 } });
    expect(r.items.flatMap((i) => i.evidence)).toEqual([]);
  });
});
