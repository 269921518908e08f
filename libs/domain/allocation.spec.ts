import { allocationWorkflowId } from './allocation';

describe('allocationWorkflowId', () => {
  it('is built from programme and kecamatan only', () => {
    expect(allocationWorkflowId('jps-2021', '33.74.01')).toBe('allocation-jps-2021-33.74.01');
  });
});
