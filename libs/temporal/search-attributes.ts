import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes, defined once. infra/temporal.sh registers the same names
 * with the dev server (keep SEARCH_ATTRIBUTE_FLAGS below in step with it).
 * None of them ever holds personal data.
 */
export const ProgramIdAttr = defineSearchAttributeKey('ProgramId', SearchAttributeType.KEYWORD);
export const KecamatanAttr = defineSearchAttributeKey('Kecamatan', SearchAttributeType.KEYWORD);
export const SopStepAttr = defineSearchAttributeKey('SopStep', SearchAttributeType.KEYWORD);
export const SopStepNoAttr = defineSearchAttributeKey('SopStepNo', SearchAttributeType.INT);
export const StuckAttr = defineSearchAttributeKey('Stuck', SearchAttributeType.BOOL);
/** The kabupaten/kota of a programme and its allocations, e.g. 32.73. */
export const KotaKodeAttr = defineSearchAttributeKey('KotaKode', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_FLAGS = [
  'ProgramId=Keyword',
  'Kecamatan=Keyword',
  'SopStep=Keyword',
  'SopStepNo=Int',
  'Stuck=Bool',
  'KotaKode=Keyword',
] as const;
