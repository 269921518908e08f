import { cellText } from './cells';

describe('cellText', () => {
  it('reads the exceljs value shapes as text', () => {
    expect(cellText(undefined)).toEqual({ text: '', lossy: false });
    expect(cellText('  Budi ')).toEqual({ text: 'Budi', lossy: false });
    expect(cellText(3374010101900001)).toEqual({ text: '3374010101900001', lossy: false });
    expect(cellText(true).text).toBe('TRUE');
    expect(cellText(new Date('2021-07-12T00:00:00Z')).text).toBe('2021-07-12');
    expect(cellText({ richText: [{ text: 'Jl. ' }, { text: 'Mawar' }] }).text).toBe('Jl. Mawar');
    expect(cellText({ formula: 'A1', result: 'x' }).text).toBe('x');
    expect(cellText({ text: 'link', hyperlink: 'http://x' }).text).toBe('link');
    expect(cellText({ error: '#N/A' }).text).toBe('#ERROR');
  });

  it('flags a number too large to keep every digit (a NIK typed as a number)', () => {
    expect(cellText(Number('9171011501850001'))).toMatchObject({ lossy: true });
  });
});
