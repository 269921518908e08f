import { ID_NUMBER_REASONS } from './id-number-text';
import { parseProposalCorrection, parseProposalUpload, type ProposalArea } from './programme';
import { validationProblemsOf } from './errors.testing';

describe('parseProposalUpload', () => {
  const area: ProposalArea = {
    kecamatanCode: '33.74.14',
    kelurahanCodes: new Set(['33.74.14.1001', '33.74.14.1002']),
  };
  const nik = '3374141006830236';
  const problemsOf = validationProblemsOf;

  it('reads a NIK as the file import does: spaces and the apostrophe mark dropped', () => {
    const { persons } = parseProposalUpload(
      {
        persons: [
          { nik: ` ${nik} `, kelurahanCode: ' 33.74.14.1001' },
          { nik: `'${nik}`, kelurahanCode: '33.74.14.1002' },
        ],
      },
      area,
    );
    expect(persons).toEqual([
      { nik, kelurahanCode: '33.74.14.1001' },
      { nik, kelurahanCode: '33.74.14.1002' },
    ]);
  });

  it('names every bad field with its reason and never the value', () => {
    const persons = [
      { nik: '3.37414E+15', kelurahanCode: '33.74.14.1001' },
      { nik: `${nik}.0`, kelurahanCode: '33.74.14.9999' },
      { nik: '12345', kelurahanCode: '33.74.01.1001' },
      { nik: 3374141006830236, kelurahanCode: '33.74.14.1001' },
    ];
    const problems = problemsOf(() => parseProposalUpload({ persons }, area));
    expect(problems).toEqual([
      { field: 'persons[0].nik', reason: ID_NUMBER_REASONS.writtenAsNumber },
      { field: 'persons[1].nik', reason: ID_NUMBER_REASONS.writtenAsNumber },
      { field: 'persons[1].kelurahanCode', reason: 'is not a known kelurahan code' },
      { field: 'persons[2].nik', reason: ID_NUMBER_REASONS.digits16 },
      {
        field: 'persons[2].kelurahanCode',
        reason: 'must be a kelurahan code of kecamatan 33.74.14',
      },
      { field: 'persons[3].nik', reason: 'must be text of 16 digits' },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/3374|9999/);
  });

  it('reads a correction by the same rule, naming its fields without a list index', () => {
    expect(
      parseProposalCorrection({ nik: `'${nik}`, kelurahanCode: '33.74.14.1002' }, area),
    ).toEqual({ nik, kelurahanCode: '33.74.14.1002' });
    expect(
      problemsOf(() =>
        parseProposalCorrection({ nik: '3,37414E+15', kelurahanCode: '33.74.14.1003' }, area),
      ),
    ).toEqual([
      { field: 'nik', reason: ID_NUMBER_REASONS.writtenAsNumber },
      { field: 'kelurahanCode', reason: 'is not a known kelurahan code' },
    ]);
    expect(problemsOf(() => parseProposalCorrection(undefined, area))).toEqual([
      { field: 'body', reason: 'must be an object { nik, kelurahanCode, noKk?, covidImpact? }' },
    ]);
  });

  it('takes a No. KK by the NIK’s rule and a Covid-19 impact as written, both optional', () => {
    const kk = '3374141507210001';
    const stated = {
      nik,
      kelurahanCode: '33.74.14.1001',
      noKk: ` '${kk}`,
      covidImpact: ' usaha TUTUP ',
    };
    // The impact is kept as written: whether it is allowed is verval's call, with its reason.
    expect(parseProposalUpload({ persons: [stated] }, area).persons).toEqual([
      { nik, kelurahanCode: '33.74.14.1001', noKk: kk, covidImpact: ' usaha TUTUP ' },
    ]);
    expect(parseProposalCorrection({ ...stated, noKk: undefined }, area)).toEqual({
      nik,
      kelurahanCode: '33.74.14.1001',
      covidImpact: ' usaha TUTUP ',
    });
    const bad = [
      { ...stated, noKk: '3.37414E+15', covidImpact: 'x'.repeat(301) },
      { ...stated, noKk: 3374141507210001, covidImpact: ['Usaha tutup'] },
      { ...stated, noKk: '12' },
    ];
    expect(problemsOf(() => parseProposalUpload({ persons: bad }, area))).toEqual([
      { field: 'persons[0].noKk', reason: ID_NUMBER_REASONS.writtenAsNumber },
      { field: 'persons[0].covidImpact', reason: 'must be text of at most 300 characters' },
      { field: 'persons[1].noKk', reason: 'must be text of 16 digits' },
      { field: 'persons[1].covidImpact', reason: 'must be text of at most 300 characters' },
      { field: 'persons[2].noKk', reason: ID_NUMBER_REASONS.digits16 },
    ]);
    expect(
      JSON.stringify(problemsOf(() => parseProposalUpload({ persons: bad }, area))),
    ).not.toMatch(/3374|3\.37/);
  });

  it('takes 1 to 100,000 persons, each a kelurahan code of the kecamatan, exactly', () => {
    const person = { nik, kelurahanCode: '33.74.14.1001' };
    expect(parseProposalUpload({ persons: [person] }, area).persons).toEqual([person]);
    expect(
      parseProposalUpload({ persons: new Array(100_000).fill(person) }, area).persons,
    ).toHaveLength(100_000);
    for (const persons of [[], new Array(100_001).fill(person), person]) {
      expect(problemsOf(() => parseProposalUpload({ persons }, area))).toEqual([
        {
          field: 'persons',
          reason: 'must be a list of 1 to 100000 { nik, kelurahanCode, noKk?, covidImpact? }',
        },
      ]);
    }
    expect(
      problemsOf(() =>
        parseProposalUpload(
          {
            persons: [
              { nik, kelurahanCode: '33.74.14.10011' },
              { nik, kelurahanCode: '33.74.141.001' },
              { nik, kelurahanCode: 33741410 },
              'x',
            ],
          },
          area,
        ),
      ),
    ).toEqual([
      {
        field: 'persons[0].kelurahanCode',
        reason: 'must be a kelurahan code of kecamatan 33.74.14',
      },
      {
        field: 'persons[1].kelurahanCode',
        reason: 'must be a kelurahan code of kecamatan 33.74.14',
      },
      {
        field: 'persons[2].kelurahanCode',
        reason: 'must be a kelurahan code of kecamatan 33.74.14',
      },
      {
        field: 'persons[3]',
        reason: 'must be an object { nik, kelurahanCode, noKk?, covidImpact? }',
      },
    ]);
    expect(problemsOf(() => parseProposalUpload([person], area))).toEqual([
      { field: 'body', reason: 'must be a JSON object' },
    ]);
  });
});
