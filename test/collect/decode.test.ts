// Charset decisions on the project's own fixtures (no ../shared needed).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/collect/decode.js';
import { parseHtml } from '../../src/collect/html.js';

const page = '<html><head><title>ข้อมูลผู้บริหาร</title></head><body><p>นายกองค์การบริหารส่วนตำบล</p></body></html>';

describe('decodeHtml', () => {
  it.each([
    ['header charset', Buffer.from(page), 'text/html; charset=utf-8', 'utf-8', 'header'],
    ['BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page)]), 'text/html', 'utf-8', 'bom'],
    ['meta tis-620', iconv.encode(page.replace('<head>', '<head><meta http-equiv="Content-Type" content="text/html; charset=tis-620">'), 'windows-874'), 'text/html', 'windows-874', 'meta'],
    ['undeclared windows-874', iconv.encode(page, 'windows-874'), 'text/html', 'windows-874', 'detected'],
    ['TIS-620 bytes declared Latin-1', iconv.encode(page.replace('<head>', '<head><meta charset="iso-8859-1">'), 'windows-874'), 'text/html', 'windows-874', 'detected-over-declared'],
    ['TIS-620 bytes sent as utf-8 by a server that labels every page so', iconv.encode(page, 'windows-874'), 'text/html; charset=utf-8', 'windows-874', 'detected-over-declared'],
  ])('%s', (_name, bytes, type, charset, source) => {
    const d = decodeHtml(bytes, type);
    expect(d).toMatchObject({ charset, source });
    expect(parseHtml(d.text, 'http://x/').title).toBe('ข้อมูลผู้บริหาร');
  });

  it('keeps a Word export declared windows-1252 whose Thai is in character references', () => {
    const word = Buffer.from('<html><head><meta charset="windows-1252"><title>&#3629;&#3635;&#3609;&#3634;&#3592;</title></head><body>caf\xe9</body></html>', 'latin1');
    const d = decodeHtml(word, 'text/html');
    expect(d.charset).toBe('windows-1252');
    expect(parseHtml(d.text, 'http://x/').title).toBe('อำนาจ');
  });
});

describe('parseHtml', () => {
  it('keeps each link with its text, heading and table row, and placeholder links as empty URLs', () => {
    const p = parseHtml(
      '<h2>ข้อมูลพื้นฐาน</h2><table><tr><td>O1</td><td><a href="/o1.html">โครงสร้าง</a></td></tr><tr><td>O2 – <a href="#">ผู้บริหาร</a></td></tr></table><a href="javascript:void(0)">x</a><a href="#top">top</a>',
      'http://agency.go.th/ita/',
    );
    expect(p.links[0]).toMatchObject({ url: 'http://agency.go.th/o1.html', text: 'โครงสร้าง', heading: 'ข้อมูลพื้นฐาน', context: 'O1 โครงสร้าง' });
    expect(p.links[1]).toMatchObject({ url: '', text: 'ผู้บริหาร' });
    expect(p.links.filter((l) => l.href === '#top')).toHaveLength(0);
    expect(p.tables[0]!.rows).toEqual([['O1', 'โครงสร้าง'], ['O2 – ผู้บริหาร']]);
  });
  it('survives malformed markup and a committed git conflict marker', () => {
    const p = parseHtml('<<<<<<< HEAD\n<div><p>เมนู<a href="/a">ก<ul><li><a href=/b>ข</a></table></div>\n=======\n>>>>>>> x', 'http://x/');
    expect(p.links.map((l) => l.url)).toEqual(['http://x/a', 'http://x/b']);
  });
});
