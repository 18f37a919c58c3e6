import { describe, expect, it } from '@jest/globals';
import { csvFormat } from './export-stream.js';

describe('csvFormat', () => {
  const format = csvFormat(['id', 'geo.lat', 'geo.city', 'labels', 'details', 'ok']);

  it('writes the columns as a CRLF header row and reads dotted columns from nested objects', () => {
    expect(format.header).toBe('id,geo.lat,geo.city,labels,details,ok\r\n');
    expect(format.line({ id: 'e1', geo: { lat: -33.5, city: 'Sydney' }, labels: [], details: {}, ok: true })).toBe('e1,-33.5,Sydney,[],{},true\r\n');
    expect(format.line({ id: 'e2', geo: null, labels: ['vip', 'a,b'], details: { k: 'v' }, ok: false })).toBe(
      'e2,,,"[""vip"",""a,b""]","{""k"":""v""}",false\r\n',
    );
    expect(format.line({ id: '' })).toBe(',,,,,\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const cells = (id: string) => format.line({ id }).split(',,,,,')[0];
    expect(['a,b', 'say "hi"', 'two\nlines', 'cr\rlf', 'plain'].map(cells)).toEqual(['"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\rlf"', 'plain']);
  });

  it("defuses text that a spreadsheet would run as a formula, but keeps a number's sign", () => {
    const cells = (id: unknown) => format.line({ id }).split(',,,,,')[0];
    expect(['=1+2', '+cpc', '-dp', '@evil', '\tx', '\rx', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF20x', 'a=b'].map(cells)).toEqual([
      "'=1+2",
      "'+cpc",
      "'-dp",
      "'@evil",
      "'\tx",
      `"'\rx"`,
      "'\uFF1D1",
      "'\uFF0B1",
      "'\uFF0D1",
      "'\uFF20x",
      'a=b',
    ]);
    expect([-1.5, 10n, '=a,b'].map(cells)).toEqual(['-1.5', '10', `"'=a,b"`]);
  });
});
