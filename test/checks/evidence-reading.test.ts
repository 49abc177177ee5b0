// How evidence is read: site chrome is not content, an unopenable extra link does not undo evidence that passed, a
// Drive-only item goes to a person, and the period is what the evidence is mostly about.
import { describe, expect, it } from 'vitest';
import { linkWorks } from '../../src/checks/link-works.js';
import { onSite } from '../../src/checks/on-site.js';
import { period } from '../../src/checks/period.js';
import { requiredElements } from '../../src/checks/required-elements.js';
import { judge } from '../../src/judge/judge.js';
import { siteChrome } from '../../src/judge/site-chrome.js';
import { BUILTIN_RULES_DIR, loadRuleSet } from '../../src/rules/load.js';
import { artifacts, check, page, SITE } from '../fixtures/artifacts.js';
import { ctx, item, pageTarget } from './context.js';
import { join } from 'node:path';

const MENU = 'หน้าหลัก\nวิสัยทัศน์ / พันธกิจ\nแผนพัฒนาท้องถิ่น\nรายงานผลการดำเนินงานประจำปี\nข่าวประชาสัมพันธ์';
const FOOTER = 'องค์การบริหารส่วนตำบลบ้านหนองบัว 99 หมู่ 1 ตำบลบ้านหนองบัว\nโทรศัพท์ 045-123-456 โทรสาร 045-123-457\nศูนย์รับเรื่องร้องเรียน โทร 045-123-458';
const CHROME_LINKS = [
  { url: 'https://www.facebook.com/abt.banhnongbua', text: 'Facebook' },
  { url: 'https://www.facebook.com/thaiwebtheme.studio', text: 'Theme by ThaiWebTheme' },
];
const sitePage = (path: string, title: string, body: string, links: Array<{ url: string; text: string }> = []) => page(path, title, `${MENU}\n${body}\n${FOOTER}`, [...links, ...CHROME_LINKS]);

describe('site chrome', () => {
  const pages = Array.from({ length: 10 }, (_, i) => sitePage(`/news/${i}.html`, `ข่าว ${i}`, `ข่าวที่ ${i}: ประชุมประจำเดือน ${i} มกราคม 2566`));
  const chrome = siteChrome(pages);
  it('takes the menu, footer and template links out of a page and keeps its own lines', () => {
    const main = chrome.main(pages[3]!);
    expect(main.text).toContain('ข่าวที่ 3');
    expect(main.text).not.toContain('แผนพัฒนาท้องถิ่น');
    expect(main.text).not.toContain('045-123-456');
    expect(main.links.map((l) => l.url)).toEqual([]);
    expect(chrome.chromeText(pages[3]!)).toContain('045-123-456');
  });
  it('sees nothing as chrome on a site too small to tell', () => {
    const few = siteChrome(pages.slice(0, 2));
    expect(few.main(pages[0]!).text).toContain('แผนพัฒนาท้องถิ่น');
  });

  it('menu words on every page never satisfy another item, and the footer serves only the contact item', () => {
    const rs = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566'));
    const index = sitePage('/ita/2566.html', 'ITA 2566 การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. 2566', 'ตารางข้อมูล', [
      { url: `${SITE}/about/vision.html`, text: 'O4 แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน' },
      { url: `${SITE}/about/contact.html`, text: 'O5 ข้อมูลการติดต่อ' },
      ...Array.from({ length: 8 }, (_, i) => ({ url: `${SITE}/oit/o${i + 10}.html`, text: `O${i + 10} รายการ` })),
    ]);
    // The "plan" page says nothing of its own about strategies: only the menu does.
    const vision = sitePage('/about/vision.html', 'แผนพัฒนาหน่วยงาน', 'ดาวน์โหลดเอกสารได้ที่สำนักปลัด');
    const contact = sitePage('/about/contact.html', 'ติดต่อเรา', 'แผนที่ตั้งสำนักงาน (ภาพ) อีเมล saraban@banhnongbua.go.th');
    const r = judge(artifacts([sitePage('/', 'องค์การบริหารส่วนตำบลบ้านหนองบัว', 'ยินดีต้อนรับ'), index, vision, contact, ...pages]), rs, { asOf: '2023-05-15' });
    const o4 = r.items.find((i) => i.id === 'O4')!;
    expect(o4.outcome).toBe('fail');
    expect(o4.defects.map((d) => d.kind)).toContain('missing-element');
    // Template links in the footer are nobody's evidence: no "unverifiable" for the theme author's Facebook page.
    expect(r.items.flatMap((i) => i.defects).some((d) => d.url?.includes('thaiwebtheme'))).toBe(false);
    const o5 = r.items.find((i) => i.id === 'O5')!;
    expect(o5.checks.find((c) => c.check === 'required-elements')?.status).not.toBe('fail');
  });
});

describe('extra links and Drive', () => {
  const form = { url: 'https://forms.gle/7hYkLm2QpR9sTb3E6', anchor: 'แบบฟอร์มออนไลน์', link: check('https://forms.gle/7hYkLm2QpR9sTb3E6', { state: 'unverifiable', reason: 'google-forms', sameSite: false }) };
  it('link-works says a form beside a page with content of its own is only an extra, but not beside a bare title', () => {
    const manual = ['ขั้นตอนการให้บริการ 1. ยื่นคำร้องพร้อมเอกสาร ณ กองช่าง ใช้เวลา 10 นาที', '2. เจ้าหน้าที่ตรวจสอบเอกสารและสถานที่ ใช้เวลา 1 วันทำการ', '3. ออกใบอนุญาตและแจ้งผู้ขอ ใช้เวลา 1 วันทำการ', 'เอกสารประกอบ สำเนาบัตรประจำตัวประชาชน สำเนาทะเบียนบ้าน แบบแปลนอาคาร', 'ค่าธรรมเนียม ใบอนุญาตฉบับละ 20 บาท ตรวจแบบแปลนตารางเมตรละ 2 บาท', 'ช่องทางร้องเรียน ศูนย์รับเรื่องร้องเรียน โทร 045-123-458'].join('\n');
    expect(linkWorks.run(ctx([pageTarget(manual, { children: [form] })]), { acceptUnverifiable: false })).toMatchObject({ status: 'cant-tell', extrasOnly: true });
    expect(linkWorks.run(ctx([pageTarget('คู่มือสำหรับประชาชน ดาวน์โหลด', { children: [form] })]), { acceptUnverifiable: false }).extrasOnly).toBeUndefined();
  });
  it('a complete service manual that also links a Google Form passes', () => {
    const rs = loadRuleSet(join(BUILTIN_RULES_DIR, 'ita-2566'));
    const manual = page('/service/manual.html', 'คู่มือสำหรับประชาชน งานขออนุญาตก่อสร้างอาคาร', [
      'หน่วยงานที่ให้บริการ กองช่าง องค์การบริหารส่วนตำบลบ้านหนองบัว',
      'ช่องทางการให้บริการ ณ สำนักงาน วันจันทร์ถึงวันศุกร์ 08.30 – 16.30 น.',
      'ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ 1. ยื่นคำขอ 10 นาที 2. ตรวจสอบเอกสาร 1 วัน',
      'รายการเอกสารหลักฐานประกอบ สำเนาบัตรประจำตัวประชาชน 1 ฉบับ',
      'ค่าธรรมเนียม ใบอนุญาตฉบับละ 20 บาท',
      'ช่องทางการร้องเรียน ศูนย์รับเรื่องร้องเรียน โทร 045-123-458',
    ].join('\n'), [{ url: form.url, text: form.anchor }]);
    const index = page('/ita/', 'ITA 2566 การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ พ.ศ. 2566', 'ตาราง', rs.items.map((i) => ({ url: i.id === 'O15' ? manual.url : `${SITE}/oit/${i.id}.html`, text: i.title, context: `${i.id} ${i.title}` })));
    const r = judge(artifacts([page('/', 'อบต.บ้านหนองบัว', 'ยินดีต้อนรับ'), index, manual], [], [form.link]), rs, { asOf: '2023-05-15' });
    expect(r.items.find((i) => i.id === 'O15')!.outcome).toBe('pass');
  });
  it('a page that only links a Drive file: elements may be behind it, so a person looks', () => {
    const drive = { url: 'https://drive.google.com/file/d/1kP8/view', anchor: 'ดาวน์โหลด', link: check('https://drive.google.com/file/d/1kP8/view', { state: 'unverifiable', reason: 'google-drive', sameSite: false }) };
    const it = item({ elements: [{ id: 'results', th: 'ผลการสำรวจ', en: 'results', anyOf: ['ร้อยละความพึงพอใจ'], appliesTo: 'all', picture: false }] });
    expect(requiredElements.run(ctx([pageTarget('รายงานผลสำรวจ คลิกเพื่อดาวน์โหลด', { children: [drive] })], { item: it }), {}).status).toBe('cant-tell');
  });
  it('evidence hosted on Google Drive itself is review, not a silent off-site zero; another host is off-site', () => {
    const drive = { evidence: { url: 'https://drive.google.com/file/d/1kP8/view', via: 'index' as const, confidence: 0.95 }, children: [] };
    expect(onSite.run(ctx([drive]), { allowExternal: false }).status).toBe('cant-tell');
    const other = { evidence: { url: 'http://www.vendor-host.co.th/abt/o26.pdf', via: 'index' as const, confidence: 0.95 }, children: [] };
    expect(onSite.run(ctx([other]), { allowExternal: false })).toMatchObject({ status: 'fail', defects: [{ kind: 'off-site' }] });
  });
});

describe('period: what the evidence is mostly about', () => {
  const fy = (time: 'fiscal-year' | 'previous-fiscal-year', text: string, title = 'หน้าหลักฐาน') => period.run(ctx([pageTarget(text, { title })], { item: item({ time }) }), {}).status;
  const news = Array.from({ length: 12 }, (_, i) => `ข่าวที่ ${i + 1} (${(i % 28) + 1} มกราคม 2566)`).join('\n');
  it.each([
    ['a news list of FY2566 that mentions "ปีงบประมาณ 2567" once', 'fiscal-year', `${news}\nประชาสัมพันธ์การลงทะเบียนรับเงินเบี้ยยังชีพ ปีงบประมาณ 2567 (1 กุมภาพันธ์ 2566)`, 'ข่าวประชาสัมพันธ์', 'pass'],
    ['a report headed FY2565 that cites a 2564–2566 plan', 'fiscal-year', 'ทบทวนแผนอัตรากำลัง 3 ปี (พ.ศ. 2564 – 2566) 15 ธันวาคม 2564\nสรรหาพนักงานจ้าง 1 มีนาคม 2565\nรายงาน ณ วันที่ 30 กันยายน 2565', 'การดำเนินการตามนโยบาย ประจำปีงบประมาณ พ.ศ. 2565', 'fail'],
    ['the previous year’s annual report, dated early in the assessed year', 'previous-fiscal-year', 'ผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2565\nประกาศ ณ วันที่ 15 พฤศจิกายน 2565', 'รายงานผลการดำเนินงานประจำปี', 'pass'],
    ['no year anywhere', 'fiscal-year', 'ภาพกิจกรรม', 'กิจกรรม', 'cant-tell'],
  ] as const)('%s → %s', (_, time, text, title, status) => {
    expect(fy(time, text, title)).toBe(status);
  });
  it('a scan dated only by its file name cannot be judged for its period', () => {
    const scan = { evidence: { url: `${SITE}/files/gift-report-2567.pdf`, via: 'index' as const, confidence: 0.95 }, document: { url: `${SITE}/files/gift-report-2567.pdf`, finalUrl: `${SITE}/files/gift-report-2567.pdf`, status: 200, contentType: 'application/pdf', kind: 'pdf' as const, claimedKind: 'pdf', size: 90000, sizeCapped: false, text: '', textTruncated: false, pageCount: 2, hasTextLayer: false, meta: {}, tables: [] }, children: [] };
    expect(period.run(ctx([scan], { item: item({ time: 'fiscal-year' }), fiscalYear: 2568 }), {}).status).toBe('cant-tell');
  });
});
