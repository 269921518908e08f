import { ValidationFailed } from './errors';

describe('ValidationFailed', () => {
  it('names each field with its reason in the message, and keeps them as details', () => {
    const problems = [
      { field: 'kelurahanCode', reason: 'must be a kelurahan code like 33.74.01.1001' },
      { field: 'distributedCount', reason: 'must be a whole number of 0 or more' },
    ];
    const error = new ValidationFailed(problems);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(
      'kelurahanCode: must be a kelurahan code like 33.74.01.1001; ' +
        'distributedCount: must be a whole number of 0 or more',
    );
    expect(error.details).toEqual({ fields: problems });
  });
});
