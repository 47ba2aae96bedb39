import { describe, expect, it } from 'vitest';

import { CsvParser, type CsvRecord } from '../../../src/main/import/csv-parser';

function parseInChunks(text: string, size: number, maxRecordChars?: number) {
  const parser = new CsvParser({ maxRecordChars });
  const records: CsvRecord[] = [];
  for (let at = 0; at < text.length; at += size) {
    records.push(...parser.push(text.slice(at, at + size)));
  }
  records.push(...parser.finish());
  return records;
}

const CHUNK_SIZES = [1, 2, 3, 7, 64, 100_000];

describe('CSV parser', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\r\nlines",3\r\n';

    for (const size of CHUNK_SIZES) {
      expect(parseInChunks(text, size)).toEqual([
        { line: 1, fields: ['a', 'b'], error: null },
        { line: 2, fields: ['x, y', 'say "hi"'], error: null },
        { line: 3, fields: ['two\r\nlines', '3'], error: null },
      ]);
    }
  });

  it('drops a leading BOM, skips blank lines and reads a last line without a line end', () => {
    const text = '\uFEFFid,n\n\n1,\n\n2,"" \n3,x';

    const records = parseInChunks(text, 4);

    expect(records.map((r) => r.fields)).toEqual([
      ['id', 'n'],
      ['1', ''],
      ['2', ' '],
      ['3', 'x'],
    ]);
    expect(records[2]?.error).toMatch(/text follows a closing quote/);
    expect(records.map((r) => r.line)).toEqual([1, 3, 5, 6]);
  });

  it('reports the physical line a record starts on after multi-line fields', () => {
    const text = 'h\n"a\nb\nc"\nnext\r\n"d\r\ne"\r\nlast\n';

    for (const size of CHUNK_SIZES) {
      expect(parseInChunks(text, size).map((r) => r.line)).toEqual([
        1, 2, 5, 6, 8,
      ]);
    }
  });

  it('flags a stray quote but keeps parsing the following records', () => {
    const records = parseInChunks('a,b"c,d\nok,1\n', 5);

    expect(records[0]?.error).toMatch(/quote appears inside an unquoted field/);
    expect(records[1]).toEqual({ line: 2, fields: ['ok', '1'], error: null });
  });

  it('reports a quote that is never closed with the line it opened on', () => {
    const records = parseInChunks('h\n1,"open\n2,x\n', 3);

    expect(records).toHaveLength(2);
    expect(records[1]?.line).toBe(2);
    expect(records[1]?.error).toMatch(/opened on line 2 is never closed/);
  });

  it('skips a runaway record past the length limit and resumes', () => {
    const huge = 'x'.repeat(500);
    const records = parseInChunks(`1,"${huge}\n2,ok\n`, 16, 100);

    expect(records[0]?.error).toMatch(/longer than 100 characters/);
    expect(records.at(-1)).toEqual({
      line: 2,
      fields: ['2', 'ok'],
      error: null,
    });
  });
});
