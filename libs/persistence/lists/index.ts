export * from './keyset-page';
export * from './proposal-list.repository';
export * from './receipt-list.repository';
export * from './sk-list.repository';
export * from './step-record-list.repository';

import { ProposalListRepository } from './proposal-list.repository';
import { ReceiptListRepository } from './receipt-list.repository';
import { SkListRepository } from './sk-list.repository';
import { StepRecordListRepository } from './step-record-list.repository';

/** The read-only list repositories, registered with the others in PersistenceModule. */
export const LIST_REPOSITORIES = [
  ProposalListRepository,
  ReceiptListRepository,
  SkListRepository,
  StepRecordListRepository,
];
