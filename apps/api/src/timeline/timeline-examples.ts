import type { ListDocs } from '../lists/list-endpoint.decorator';

export const TIMELINE_DOCS: ListDocs = {
  summary:
    'Every step in order: SOP step, command, who (user, role), when (WIB and UTC), documents and evidence with SHA-256, verval runs, refusals, stuck periods; and where PostgreSQL and the workflow history disagree',
  item: {
    seq: 4,
    kind: 'step',
    at: { utc: '2021-07-20T03:15:00.000Z', wib: '2021-07-20T10:15:00.000+07:00' },
    workflowIds: ['allocation-jps-2021-33.74.01'],
    stepNo: 4,
    stepName: 'Tim Data verifies and validates the proposals',
    command: 'RUN_VERVAL',
    actor: { userId: '6f1c…', username: 'timdata.semarang', role: 'tim_data' },
    transitionId: '0b6f9a1e-6a53-4c1e-9a57-2c1f6d0e3c11',
    records: [{ id: '9d2e…', kind: 'verval', workflowId: 'allocation-jps-2021-33.74.01' }],
    documents: [],
    evidence: [],
    vervalRuns: [
      { round: 1, rulesetVersion: '2021.1', underReview: 13, accepted: 12, rejected: 1 },
    ],
  },
};
