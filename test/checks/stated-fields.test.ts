// own-duties, vacancy-marked, none-stated: what an agency leaves blank or pastes whole, with real agency phrasing.
import { describe, expect, it } from 'vitest';
import { noneStated } from '../../src/checks/none-stated.js';
import { ownDuties } from '../../src/checks/own-duties.js';
import { vacancyMarked } from '../../src/checks/vacancy-marked.js';
import { childDoc, ctx, pageTarget } from './context.js';

const ACT_SECTIONS = Array.from({ length: 30 }, (_, i) => `มาตรา ${i + 1} ให้เทศบาลมีหน้าที่ตามที่บัญญัติไว้ในพระราชบัญญัตินี้`).join('\n');
const WHOLE_ACT = `พระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖\nภูมิพลอดุลยเดช ป.ร. ให้ไว้ ณ วันที่ ๑๓ กุมภาพันธ์ พ.ศ. ๒๔๙๖ เป็นปีที่ ๘ ในรัชกาลปัจจุบัน\n${ACT_SECTIONS}`;
const OWN = `เทศบาลตำบลหนองบัวงาม มีอำนาจหน้าที่ดังนี้\n1. รักษาความสงบเรียบร้อยของประชาชน (มาตรา 50)\n2. ให้มีและบำรุงทางบกและทางน้ำ\n3. รักษาความสะอาดของถนน ทางเดิน และที่สาธารณะ\n4. ป้องกันและระงับโรคติดต่อ`;

describe('own-duties', () => {
  it.each([
    ['the whole Act pasted', [WHOLE_ACT], 'fail'],
    ['the agency’s own list of duties citing sections', [OWN], 'pass'],
    ['a long own list without the enactment formula', [`${OWN}\n${ACT_SECTIONS}`], 'pass'],
    ['the Act beside the agency’s own summary', [WHOLE_ACT, OWN], 'pass'],
  ])('%s → %s', (_, texts, status) => {
    expect(ownDuties.run(ctx(texts.map((t) => pageTarget(t))), {}).status).toBe(status);
  });
});

describe('vacancy-marked', () => {
  it.each([
    ['a dash where the deputy’s name goes', 'นายสมชาย ใจดี\nนายกเทศมนตรีตำบลหนองบัวงาม\n-\nรองนายกเทศมนตรี คนที่ 2\nนางสาวมาลี ศรีสุข\nปลัดเทศบาล', 'fail'],
    ['a vacant post stated', 'นายสมชาย ใจดี\nนายกเทศมนตรี\n(ว่าง)\nรองนายกเทศมนตรี คนที่ 2 ตำแหน่งว่าง\nนางสาวมาลี ศรีสุข\nปลัดเทศบาล', 'pass'],
    ['ตำแหน่งว่าง on the name line', 'ตำแหน่งว่าง\nรองปลัด อบต.\nนายประยุทธ แก้วมา\nปลัด อบต.', 'pass'],
    ['every post named', 'นายสมชาย ใจดี\nนายก อบต.บ้านหนองบัว\nนายวิชัย คำดี\nรองนายก อบต.\nโทร 081-234-5678', 'pass'],
    ['a dash in a phone column is not a vacancy', 'นายวิชัย คำดี\nรองนายก อบต.\nโทร -', 'pass'],
    ['a table row with dashes for the name and photo', 'รูป ชื่อ-สกุล ตำแหน่ง โทรศัพท์\nนายประเสริฐ ทองดี รองนายก อบต. คนที่ 1 08-1234-5671\n- - รองนายก อบต. คนที่ 2 -', 'fail'],
    ['the same row marked vacant', 'รูป ชื่อ-สกุล ตำแหน่ง โทรศัพท์\n- ตำแหน่งว่าง รองนายก อบต. คนที่ 2 -', 'pass'],
  ])('%s → %s', (_, text, status) => {
    expect(vacancyMarked.run(ctx([pageTarget(text)]), {}).status).toBe(status);
  });
});

describe('none-stated', () => {
  const opts = { labels: ['ค่าธรรมเนียม'] };
  const guide = (fee: string) => `ขั้นตอนการให้บริการ\n1 ยื่นคำขอ 10 นาที\nค่าธรรมเนียม\nที่ รายละเอียดค่าธรรมเนียม ค่าธรรมเนียม (บาท) หมายเหตุ\n${fee}ช่องทางการร้องเรียน: ศูนย์รับเรื่องร้องเรียน โทร 053-106-127`;
  it.each([
    ['the fee table left empty', guide(''), 'fail'],
    ['"ไม่เสียค่าธรรมเนียม" written', guide('1 การลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ\nไม่เสียค่าธรรมเนียม –\n'), 'pass'],
    ['an amount in baht', guide('1 ค่าคัดสำเนาทะเบียน 20 บาท\n'), 'pass'],
    ['a fee line with its amount', 'ค่าธรรมเนียม 50 บาท\nระยะเวลา 1 วัน', 'pass'],
    ['a guide with no fee section at all (the element check decides that)', 'ขั้นตอนการให้บริการ\n1 ยื่นคำขอ', 'pass'],
  ])('%s → %s', (_, text, status) => {
    expect(noneStated.run(ctx([pageTarget('คู่มือสำหรับประชาชน', { children: [childDoc('/files/guide.pdf', text)] })]), opts).status).toBe(status);
  });
});
