// Regression: an ordinary procurement workbook with blank cells inside rows (a totals row "รวม 30 โครงการ" with empty
// columns between its numbers) crashed the audit: exceljs's sparse rows became null cells the artifact schema rejects.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/collect/documents.js';
import { Table } from '../../src/model/artifacts.js';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('สขร.1');
  ws.getCell('A1').value = 'สรุปผลการดำเนินการจัดซื้อจัดจ้าง ประจำเดือน มกราคม 2566';
  ws.addRow([]);
  ws.getRow(3).values = ['ลำดับ', 'งานที่จัดซื้อจัดจ้าง', 'วงเงิน', 'ราคากลาง', 'วิธีซื้อ/จ้าง', 'เลขที่โครงการ'];
  ws.getRow(4).values = [1, 'จัดซื้อวัสดุสำนักงาน', 12000, 12000, 'เฉพาะเจาะจง', '66017123456'];
  ws.getRow(5).values = [2, 'จ้างซ่อมถนน หมู่ 3', 95000, null, 'เฉพาะเจาะจง', '66017123457'];
  // The totals row: words in A, numbers in C, blanks elsewhere.
  ws.getCell('A7').value = 'รวม 30 โครงการ';
  ws.getCell('C7').value = 107000;
  ws.getCell('F8').value = 'หมายเหตุ: ข้อมูล ณ วันที่ 31 มกราคม 2566';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX with blank cells', () => {
  it('keeps every blank cell as an empty string in its column, and the sheet row numbers', async () => {
    const x = await extractDocument(await workbook(), 'http://x.go.th/skr1.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(x.error).toBeUndefined();
    const t = x.tables[0]!;
    expect(() => Table.parse(JSON.parse(JSON.stringify(t)))).not.toThrow();
    expect(t.rows.flat().every((c) => typeof c === 'string')).toBe(true);
    const totals = t.rows.find((r) => r[0] === 'รวม 30 โครงการ')!;
    expect(totals.slice(0, 3)).toEqual(['รวม 30 โครงการ', '', '107000']);
    expect(t.rows.find((r) => r[1] === 'จ้างซ่อมถนน หมู่ 3')![3]).toBe('');
    expect(t.rowNumbers).toEqual([1, 3, 4, 5, 7, 8]);
  });
});
