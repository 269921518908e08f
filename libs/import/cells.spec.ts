import { cellText } from './cells';

describe('cellText', () => {
  it('reads the exceljs value shapes as text', () => {
    expect(cellText(undefined)).toEqual({ text: '', numeric: false });
    expect(cellText('  Budi ')).toEqual({ text: 'Budi', numeric: false });
    expect(cellText('3374010101900001')).toEqual({ text: '3374010101900001', numeric: false });
    expect(cellText(true).text).toBe('TRUE');
    expect(cellText(new Date('2021-07-12T00:00:00Z')).text).toBe('2021-07-12');
    expect(cellText({ richText: [{ text: 'Jl. ' }, { text: 'Mawar' }] }).text).toBe('Jl. Mawar');
    expect(cellText({ formula: 'A1', result: 'x' }).text).toBe('x');
    expect(cellText({ text: 'link', hyperlink: 'http://x' }).text).toBe('link');
    expect(cellText({ error: '#N/A' }).text).toBe('#ERROR');
  });

  it('flags every number, whatever its size: a NIK or phone typed as a number', () => {
    expect(cellText(Number('9171011501850001'))).toMatchObject({ numeric: true });
    expect(cellText(3374011006830230)).toEqual({ text: '3374011006830230', numeric: true });
    expect(cellText(3.37401e15)).toMatchObject({ numeric: true });
    expect(cellText(81234567)).toEqual({ text: '81234567', numeric: true });
    expect(cellText({ formula: 'A1*1', result: 12 })).toMatchObject({ numeric: true });
  });

  it('reads every other shape as plain text, without spaces around it', () => {
    expect(cellText(null)).toEqual({ text: '', numeric: false });
    expect(cellText(false)).toEqual({ text: 'FALSE', numeric: false });
    expect(cellText(true)).toEqual({ text: 'TRUE', numeric: false });
    expect(cellText(new Date(Number.NaN))).toEqual({ text: '', numeric: false });
    expect(cellText({ richText: [{ text: ' Jl. ' }, { font: {} }, { text: 'Mawar ' }] })).toEqual({
      text: 'Jl. Mawar',
      numeric: false,
    });
    expect(cellText({ sharedFormula: 'A2', result: ' ya ' })).toEqual({
      text: 'ya',
      numeric: false,
    });
    expect(cellText({ formula: 'A1' })).toEqual({ text: '', numeric: false });
    expect(cellText({ text: ' link ', hyperlink: 'http://x' })).toEqual({
      text: 'link',
      numeric: false,
    });
    expect(cellText({})).toEqual({ text: '', numeric: false });
  });

  it('writes a whole number too large for exact digits out in digits, never as 1e+21', () => {
    expect(cellText(1e21)).toEqual({ text: '1000000000000000000000', numeric: true });
    expect(cellText(0.5)).toEqual({ text: '0.5', numeric: true });
  });
});
