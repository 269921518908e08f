import type * as z from 'zod';
import type { DOCUMENT_FACTS, PayloadSchema } from './payloads';

type Payload<T extends keyof typeof DOCUMENT_FACTS> = z.output<PayloadSchema<T>>;
type FactsOf<T extends keyof typeof DOCUMENT_FACTS> = Required<
  Pick<Payload<T>, (typeof DOCUMENT_FACTS)[T][number] & keyof Payload<T>>
>;

/**
 * The document facts as the 2021 round's papers gave them (Kecamatan Semarang Tengah, CV
 * pangan vendor): the OpenAPI examples show them, and the main job and the test drivers send
 * them where a walk is about something else than the facts themselves.
 */
export const DOCUMENT_FACT_EXAMPLES: { readonly [T in keyof typeof DOCUMENT_FACTS]: FactsOf<T> } = {
  SUBMIT_REQUEST_LETTER: {
    camat: { name: 'Drs. Bambang Suranggono, M.Si', nip: '196805121994031007' },
  },
  DRAFT_SK: { amountPerKpm: 200_000 },
  SIGN_SPK: {
    vendorName: 'CV Sumber Pangan Sejahtera',
    items: [
      { name: 'Beras medium', quantity: 10, unit: 'kg' },
      { name: 'Minyak goreng', quantity: 2, unit: 'liter' },
      { name: 'Gula pasir', quantity: 1, unit: 'kg' },
      { name: 'Mi instan', quantity: 10, unit: 'bungkus' },
      { name: 'Sarden', quantity: 2, unit: 'kaleng' },
    ],
    parcelValue: 200_000,
    startDate: '2021-07-14',
    endDate: '2021-08-13',
  },
  SCHEDULE_DELIVERY: { agreedByKecamatan: { name: 'Sri Wahyuni, S.Sos' } },
  RESCHEDULE_DELIVERY: { agreedByKecamatan: { name: 'Sri Wahyuni, S.Sos' } },
  RECORD_COMPLAINT: {
    kelurahanCode: '33.74.01.1001',
    kind: 'kualitas_barang',
    source: 'warga',
    description: 'Beras dalam dua paket berkutu',
  },
  SIGN_OFF_MONEV: {
    assessment: { onTime: true, onTarget: true, useful: true },
    reportedToTimPembinaOn: '2021-08-09',
  },
};

/** The example facts of a command's event, or none. */
export function documentFactExamplesOf(event: string): Readonly<Record<string, unknown>> {
  return (DOCUMENT_FACT_EXAMPLES as Record<string, Record<string, unknown>>)[event] ?? {};
}
