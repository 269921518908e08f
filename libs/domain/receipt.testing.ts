import type { ReceiptContent } from './receipt';

/** For specs and test drivers: the plain receipt, the KPM signed for its own parcel. */
export const RECEIVED: ReceiptContent = {
  status: 'received',
  reason: null,
  proxyName: null,
  proxyRelationship: null,
  note: null,
  evidenceId: null,
};
