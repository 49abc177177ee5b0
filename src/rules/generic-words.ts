// Words that occur on any agency page whatever it is about: alone, none of them proves a required element.
//
// Why: required-elements passes an element when any one phrase of its `anyOf` list occurs in the evidence. A list
// holding "บาท" is satisfied by every news item that mentions money, "โครงการ" by every activity report, "กอง" by
// every page footer naming a division, "นายก" by every news photo caption ("นายก อบต. ลงพื้นที่…"). These are the
// words the domain notes (../shared/domain/ita-oit.md §1, §2, §6) use for the *subject* of many items at once, the
// units and titles every อปท. page names, and the calendar words every dated page carries. A rule must name what the
// element is ("วงเงินงบประมาณ", "ผังโครงสร้าง", "รองนายก"), never a word like these on its own.
// `oit rules check` rejects such a phrase (src/rules/load.ts); the phrasing tests import the same list.

/** Compared by compactKey: a phrase whose compact key equals one of these is rejected. */
export const GENERIC_WORDS: readonly string[] = [
  // Money, quantities and counting words: in every budget line, news item and table.
  'บาท', 'เงิน', 'จำนวน', 'รวม', 'ราย', 'ครั้ง', 'รายการ', 'ร้อยละ', 'งบประมาณ',
  // Calendar words: every dated page has them.
  'ปี', 'เดือน', 'วัน', 'วันที่', 'ประจำปี', 'ปีงบประมาณ', 'ต.ค.', 'ตุลาคม',
  // The subject words of many items at once (plans, reports, projects, activities, results).
  'โครงการ', 'กิจกรรม', 'แผน', 'รายงาน', 'ข้อมูล', 'ผล', 'สรุปผล', 'ดำเนินการ', 'ประชุม', 'ประกาศ', 'เรื่อง',
  'ประเมิน', 'พัฒนา', 'มาตรการ', 'แนวทาง', 'บริการ', 'ให้บริการ', 'ประชาชน', 'ออนไลน์', 'online', 'แบบฟอร์ม',
  // Units and titles that every page of an agency names (menus, footers, photo captions).
  'งาน', 'กอง', 'ฝ่าย', 'สำนัก', 'หน่วยงาน', 'นายก', 'สภา', 'ปลัด', 'นาย', 'นาง', 'นางสาว', 'ผู้บริหาร', 'ตำแหน่ง',
  'หัวหน้า', 'ผู้อำนวยการ', 'เจ้าหน้าที่', 'ระดับ',
  // Abbreviation fragments and English words that occur inside unrelated words ("ต." in "ต.ค.", "line" in "online").
  'ต.', 'อ.', 'จ.', 'ม.', 'line',
];
