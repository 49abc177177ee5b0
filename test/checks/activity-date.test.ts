// activity-date: the date (and, for ITA 2568, the time) must be in the activity's own text — its heading, caption,
// body or its own document — not in the site's footer, the index's link text, or an order filed beside it.
import { describe, expect, it } from 'vitest';
import { activityDate } from '../../src/checks/activity-date.js';
import type { EvidenceTarget } from '../../src/checks/types.js';
import { child, cmsPage, context, file, target } from '../fixtures/check-context.js';

const NO_GIFT_TITLE = 'กิจกรรมส่งเสริมวัฒนธรรมองค์กร ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)';
const CAPTION = 'ผู้บริหารและพนักงานองค์การบริหารส่วนตำบลบ้านหนองบัว ร่วมกิจกรรมประกาศเจตนารมณ์และรับฟังการชี้แจงแนวทางการไม่รับของขวัญและของกำนัลจากการปฏิบัติหน้าที่ ณ ห้องประชุม อบต.';
const PHOTOS = { images: [1, 2, 3].map((n) => ({ src: `/images/activity/nogift-${n}.jpg`, alt: 'ภาพกิจกรรม No Gift Policy' })) };

/** abt-2566 O32: photos and a caption, no date anywhere in the activity. */
const activityPage = (content: string, extra = {}) => cmsPage('/activity/act-07.html', NO_GIFT_TITLE, `เข้าชม 126 ครั้ง\n${content}`, [], { ...PHOTOS, ...extra });

const O32 = (targets: EvidenceTarget[]) => activityDate.run(context('ita-2566', 'O32', targets), { requireTime: false });
const O16 = (targets: EvidenceTarget[]) => activityDate.run(context('ita-2568', 'O16', targets), { requireTime: true });

const NO_DATE = { kind: 'missing-element', data: { element: 'วันที่จัดกิจกรรม', elementEn: 'the date of the activity' } };
const NO_TIME = { kind: 'missing-element', data: { element: 'เวลาที่จัดกิจกรรม', elementEn: 'the time of the activity' } };

// The working-group order and the code of ethics are O16's other elements, dated by their signing.
const ORDER = file('/images/ita2568/o16/ethics-working-group-order.pdf', 'คำสั่งเทศบาลตำบลหนองบัวงาม\nที่ 412/2567\nเรื่อง แต่งตั้งคณะทำงานขับเคลื่อนการส่งเสริมคุณธรรมและจริยธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\nทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป\nสั่ง ณ วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๗');
const CODE = file('/images/ita2568/o16/code-of-ethics.pdf', 'ประมวลจริยธรรมของพนักงานเทศบาล\nเทศบาลตำบลหนองบัวงาม\nประกาศ ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๗');
const ETHICS_PAGE = (content: string, links: Array<{ url: string; text: string }> = []) => cmsPage('/article-152.html', 'ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม', content, links);

describe('activity-date: a date outside the activity is not its date', () => {
  const cases: Array<[string, () => ReturnType<typeof O32>, unknown]> = [
    ['abt-2566 O32: photos and a caption, the footer "updated 12 พฤษภาคม 2566"', () => O32([target(activityPage(`${CAPTION}\nปรับปรุงข้อมูลล่าสุด 12 พฤษภาคม 2566`))]), undefined],
    ['the visitor counter is stamped "วันที่ 15 พ.ค. 2566"', () => O32([target(activityPage(`${CAPTION}\nสถิติผู้เข้าชม ณ วันที่ 15 พ.ค. 2566 : 12,845 ครั้ง`))]), { code: 'date-not-activity', data: {} }],
    ['only the index link text is dated ("… (15 ธ.ค. 2565)")', () => O32([target(activityPage(CAPTION), [], { evidence: { url: 'http://www.testtambon.go.th/activity/act-07.html', via: 'index', confidence: 0.95, label: 'o32', text: 'การสร้างวัฒนธรรม No Gift Policy (15 ธ.ค. 2565)' } })]), { code: 'date-not-activity', data: {} }],
    ['only the No Gift declaration shown beside it is dated ("ประกาศ ณ วันที่ 3 ตุลาคม 2565")', () => O32([target(activityPage(`ประกาศ ณ วันที่ 3 ตุลาคม พ.ศ. 2565\n${CAPTION}`))]), { code: 'date-not-activity', data: {} }],
  ];
  it.each(cases)('fails: %s', (_, run, note) => {
    const out = run();
    expect(out.status).toBe('fail');
    expect(out.defects).toEqual([NO_DATE]);
    if (note) expect(out.note).toEqual(note);
  });

  it('tessaban-2568 O16: the order and the code are dated, the activity described on the page is not', () => {
    const p = ETHICS_PAGE('เขียนโดย ผู้ดูแลระบบ ฮิต: 190\nประมวลจริยธรรมของพนักงานเทศบาลและข้อกำหนด Do & Don\'t (610 KB)\nคำสั่งแต่งตั้งคณะทำงานขับเคลื่อนการส่งเสริมคุณธรรมและจริยธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (210 KB)\nกิจกรรมการขับเคลื่อนจริยธรรม: อบรมส่งเสริมคุณธรรมจริยธรรมให้แก่พนักงานเทศบาล ผู้เข้าร่วม 54 คน');
    const out = activityDate.run(context('ita-2568', 'O16', [target(p, [child("ประมวลจริยธรรมของพนักงานเทศบาลและข้อกำหนด Do & Don't", CODE), child('คำสั่งแต่งตั้งคณะทำงานขับเคลื่อนการส่งเสริมคุณธรรมและจริยธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๘', ORDER)])]), { requireTime: false });
    expect(out).toEqual({ status: 'fail', defects: [NO_DATE], note: { code: 'date-not-activity', data: {} } });
  });

  it('asks a person when the activity is a linked page it was not given (tessaban-2568 O16/O21 shape)', () => {
    const activity = 'http://www.testtambon.go.th/gallery/activity-9.html';
    const p = ETHICS_PAGE('คำสั่งแต่งตั้งคณะทำงานขับเคลื่อนการส่งเสริมคุณธรรมและจริยธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (210 KB)\nกิจกรรมการขับเคลื่อนจริยธรรม: โครงการอบรมส่งเสริมคุณธรรมจริยธรรมและการป้องกันผลประโยชน์ทับซ้อน', [{ url: 'http://www.testtambon.go.th/gallery/', text: 'ภาพกิจกรรม' }, { url: activity, text: 'โครงการอบรมส่งเสริมคุณธรรมจริยธรรมและการป้องกันผลประโยชน์ทับซ้อน' }]);
    const out = activityDate.run(context('ita-2568', 'O16', [target(p, [child('คำสั่งแต่งตั้งคณะทำงาน', ORDER)])]), { requireTime: false });
    expect(out).toEqual({ status: 'cant-tell', defects: [], note: { code: 'activity-on-linked-page', data: { url: activity } } });
  });
});

describe('activity-date: the activity shows its own date', () => {
  const cases: Array<[string, EvidenceTarget[]]> = [
    ['in the photo captions only', [target(activityPage(CAPTION, { images: [{ src: '/images/activity/nogift-1.jpg', alt: 'กิจกรรม No Gift Policy วันที่ 20 ธันวาคม 2565' }] }))]],
    ['in its own page, one click from the evidence (a linked page the judge passes)', [target(ETHICS_PAGE('การสร้างวัฒนธรรม No Gift Policy'), [child(NO_GIFT_TITLE, '/activity/act-07.html', { page: activityPage(`เมื่อวันที่ 20 ธันวาคม 2565 ${CAPTION}`) })])]],
  ];
  it.each(cases)('passes: date %s', (_, targets) => {
    expect(O32(targets)).toEqual({ status: 'pass', defects: [] });
  });

  it.each([
    ['in the body', `เมื่อวันที่ 8 มีนาคม 2566 ${CAPTION}`],
    ['as "วันพุธที่ ๒๒ กุมภาพันธ์ ๒๕๖๖" in Thai digits', `วันพุธที่ ๒๒ กุมภาพันธ์ ๒๕๖๖ ${CAPTION}`],
    ['in a "กิจกรรมประกาศเจตนารมณ์" line (an event, not the declaration document)', `กิจกรรมประกาศเจตนารมณ์ No Gift Policy วันที่ 5 ม.ค. 2566 ณ ห้องประชุม อบต.`],
  ])('passes (guard): date %s', (_, content) => {
    expect(O32([target(activityPage(content))])).toEqual({ status: 'pass', defects: [] });
  });

  it('passes (guard): date in the activity report filed with it', () => {
    const report = file('/files/ethics/report-ethics-training-2566.pdf', 'รายงานผลการดำเนินโครงการอบรมคุณธรรมจริยธรรม ประจำปีงบประมาณ 2566\nจัดเมื่อวันที่ 22 กุมภาพันธ์ 2566 ณ ห้องประชุม อบต.บ้านหนองบัว');
    expect(O32([target(ETHICS_PAGE('การขับเคลื่อนจริยธรรม'), [child('รายงานผลโครงการอบรมคุณธรรมจริยธรรม', report)])])).toEqual({ status: 'pass', defects: [] });
  });
});

describe('activity-date with requireTime (ITA 2568: the date and the time must show)', () => {
  const activity = (content: string) => cmsPage('/oit-2567/o21-activity.html', 'กิจกรรมประกาศเจตนารมณ์และสร้างวัฒนธรรมองค์กร No Gift Policy ประจำปี ๒๕๖๘', content);
  it.each([
    ['"เมื่อวันที่ ๗ พฤศจิกายน ๒๕๖๗ เวลา ๐๙.๓๐ น."', 'เขียนโดย ผู้ดูแลระบบ เมื่อวันที่ ๗ พฤศจิกายน ๒๕๖๗ เวลา ๐๙.๓๐ น. นายกเทศมนตรีตำบลหนองบัวงาม นำคณะผู้บริหาร ร่วมกล่าวคำประกาศเจตนารมณ์ ณ ห้องประชุมสำนักงานเทศบาล'],
    ['"วันที่ 22 ม.ค. 2568 ตั้งแต่เวลา 09.00 - 16.30 น."', 'จัดโครงการอบรมคุณธรรมจริยธรรม วันที่ 22 ม.ค. 2568 ตั้งแต่เวลา 09.00 - 16.30 น. ณ หอประชุมเทศบาล'],
  ])('passes with %s', (_, content) => {
    expect(O16([target(activity(content))])).toEqual({ status: 'pass', defects: [] });
  });

  it('fails naming the time when only the date shows', () => {
    expect(O16([target(activity('เมื่อวันที่ ๗ พฤศจิกายน ๒๕๖๗ นายกเทศมนตรีตำบลหนองบัวงาม นำคณะผู้บริหาร ร่วมกล่าวคำประกาศเจตนารมณ์'))])).toEqual({ status: 'fail', defects: [NO_TIME] });
  });

  it('fails naming both when neither shows, and a price "2,520.00 บาท" is no time', () => {
    expect(O16([target(activity('ร่วมกล่าวคำประกาศเจตนารมณ์ ณ ห้องประชุม ค่าป้ายไวนิล 2,520.00 บาท'))])).toEqual({ status: 'fail', defects: [NO_DATE, NO_TIME] });
  });

  it('defaults to the date alone when the rule does not ask for the time', () => {
    expect(activityDate.options.parse({})).toEqual({ requireTime: false });
  });
});
