// What the judge adds for the reports: the agency's name from its own site, the index page used, where each evidence
// link was found, and each broken or unverifiable link once with its words and the number of pages that link it.
import { describe, expect, it } from 'vitest';
import { agencyNameOf } from '../../src/judge/agency-name.js';
import { judge } from '../../src/judge/judge.js';
import { resolveRuleSet } from '../../src/rules/load.js';
import { artifacts, check, page, SITE } from '../fixtures/artifacts.js';

describe('agencyNameOf: the name the site gives itself', () => {
  it('a vendor CMS: every title ends in the name, the header says it in an h1', () => {
    const pages = [
      page('/', 'หน้าแรก :: องค์การบริหารส่วนตำบลบ้านหนองบัว', 'องค์การบริหารส่วนตำบลบ้านหนองบัว\nอำเภอนาดอกไม้ จังหวัดศรีสะเกษ\nหน้าแรก'),
      page('/about/executives.html', 'คณะผู้บริหาร :: องค์การบริหารส่วนตำบลบ้านหนองบัว', 'นายก'),
      page('/contact.html', 'ข้อมูลการติดต่อ :: องค์การบริหารส่วนตำบลบ้านหนองบัว', 'โทร'),
    ];
    pages[0]!.headings = [{ level: 1, text: 'องค์การบริหารส่วนตำบลบ้านหนองบัว' }];
    expect(agencyNameOf(artifacts(pages))).toEqual({ name: 'องค์การบริหารส่วนตำบลบ้านหนองบัว', source: 'site' });
  });

  it('WordPress: "หน้าหลัก – name" titles, a logo whose alt text names it, no h1', () => {
    const home = page('/', 'หน้าหลัก – กรมส่งเสริมหัตถกรรมและภูมิปัญญาชุมชน', 'ข้ามไปยังเนื้อหา ขนาดตัวอักษร ก- ก ก+ TH | EN\nกรมส่งเสริมหัตถกรรมและภูมิปัญญาชุมชน', [], {
      headings: [{ level: 2, text: 'ข่าวประชาสัมพันธ์' }],
      images: [{ src: `${SITE}/logo.png`, alt: 'ตราสัญลักษณ์กรมส่งเสริมหัตถกรรมและภูมิปัญญาชุมชน' }],
    });
    const other = page('/news/', 'ข่าวประชาสัมพันธ์ – กรมส่งเสริมหัตถกรรมและภูมิปัญญาชุมชน', 'ข่าว');
    expect(agencyNameOf(artifacts([home, other])).name).toBe('กรมส่งเสริมหัตถกรรมและภูมิปัญญาชุมชน');
  });

  it('one page only: a welcome heading and a header line with the district are read down to the name', () => {
    const home = page('/', 'Welcome', 'เทศบาลตำบลหนองบัวงาม อำเภอสันป่าตอง จังหวัดเชียงใหม่\nหน้าหลัก', [], { headings: [{ level: 2, text: 'ยินดีต้อนรับสู่เว็บไซต์เทศบาลตำบลหนองบัวงาม' }] });
    expect(agencyNameOf(artifacts([home])).name).toBe('เทศบาลตำบลหนองบัวงาม');
  });

  it('a menu line is not a name; a site that names no one is its host (with the port), never the URL', () => {
    const home = page('/', 'หน้าแรก', 'หน้าแรก\nสภาพทั่วไปและข้อมูลพื้นฐาน\nติดต่อเรา', [], { headings: [{ level: 1, text: 'หน้าแรก' }] });
    expect(agencyNameOf({ pages: [home], site: 'http://127.0.0.1:8080' })).toEqual({ name: '127.0.0.1:8080', source: 'host' });
  });
});

describe('judge: the data every report needs', () => {
  const rs = resolveRuleSet('ita-2566');
  const index = page('/ita/2566.html', 'ITA 2566 :: อบต.ทดสอบ', 'การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี 2566', [
    { url: `${SITE}/about/structure.html`, text: 'O1 โครงสร้าง', context: 'O1 โครงสร้าง' },
    { url: `${SITE}/files/gone.pdf`, text: 'O13 รายงานผลการดำเนินงานประจำปี', context: 'O13 รายงานผลการดำเนินงานประจำปี' },
    ...[2, 3, 4, 5, 6].map((n) => ({ url: `${SITE}/oit/o${n}.html`, text: `O${n}`, context: `O${n}` })),
  ]);
  const menu = [{ url: `${SITE}/news/old.html`, text: 'ข่าวเก่า' }, { url: 'https://drive.google.com/file/d/x/view', text: 'แบบฟอร์ม (Drive)' }];
  const home = page('/', 'หน้าแรก :: อบต.ทดสอบ', 'อบต.ทดสอบ', [...menu, { url: index.url, text: 'ITA 2566' }]);
  const pages = [home, index, page('/about/structure.html', 'โครงสร้าง :: อบต.ทดสอบ', 'แผนผังโครงสร้าง', menu), page('/contact.html', 'ติดต่อ :: อบต.ทดสอบ', 'โทร', menu)];
  const a = artifacts(pages, [], [
    check(`${SITE}/news/old.html`, { state: 'broken', status: 404, foundOn: [SITE + '/'] }),
    check(`${SITE}/files/gone.pdf`, { state: 'broken', status: 404, foundOn: [index.url] }),
    check('https://drive.google.com/file/d/x/view', { state: 'unverifiable', status: 0, reason: 'google-drive', sameSite: false, foundOn: [SITE + '/'] }),
  ]);

  it('names the agency from the site, or from the config when given', () => {
    expect(judge(a, rs, { asOf: '2023-05-15' })).toMatchObject({ agency: 'อบต.ทดสอบ', agencySource: 'site' });
    expect(judge(a, rs, { asOf: '2023-05-15', agency: 'อบต.ตามไฟล์ตั้งค่า' })).toMatchObject({ agency: 'อบต.ตามไฟล์ตั้งค่า', agencySource: 'config' });
  });

  it('the index page used, and each evidence link with the page it was found on', () => {
    const r = judge(a, rs, { asOf: '2023-05-15' });
    expect(r.indexPages.map((p) => p.url)).toEqual([index.url]);
    expect(r.items.find((i) => i.id === 'O1')!.evidence[0]).toMatchObject({ via: 'index', from: index.url });
  });

  it('a broken menu link is listed once, with its words and the number of pages that link it; unverifiable links are listed', () => {
    const r = judge(a, rs, { asOf: '2023-05-15' });
    expect(r.links.broken.find((b) => b.url.endsWith('/news/old.html'))).toMatchObject({ text: 'ข่าวเก่า', pages: 3 });
    expect(r.links.broken.filter((b) => b.url.endsWith('/news/old.html'))).toHaveLength(1);
    expect(r.links.unverifiableLinks).toEqual([{ url: 'https://drive.google.com/file/d/x/view', reason: 'google-drive', foundOn: [SITE + '/'], text: 'แบบฟอร์ม (Drive)', pages: 3 }]);
  });

  it('a broken evidence link carries the error code its wording needs (no English message in Thai text)', () => {
    const b = artifacts(pages, [], [check(`${SITE}/files/gone.pdf`, { state: 'broken', status: 0, error: { code: 'dns', message: 'DNS: getaddrinfo ENOTFOUND' }, foundOn: [index.url] })]);
    const o13 = judge(b, rs, { asOf: '2023-05-15' }).items.find((i) => i.id === 'O13')!;
    expect(o13.defects[0]).toMatchObject({ kind: 'broken-link', data: { status: 0, error: 'dns' } });
  });
});
