import {
  inputsSha256,
  type DocumentKind,
  type InputOf,
  type Issuer,
  type SkInput,
  type SpkInput,
  type SpkItem,
  type SuratEdaranInput,
} from '@salur/libs/documents';
import { PROCEDURE_NAME } from '@salur/libs/sop/steps';
import { issuerOf, type DocumentGenerator, type DocumentSettings } from './document-generator';
import type { StoredDocument } from './document-registry.repository';
import type { Actor } from './kelurahan-papers';
import type { ProgrammePapersSource, SkFacts } from './programme-papers-source';

/** The subject of a programme's one Surat Edaran and one SPK (an SK's is its id). */
export const PROGRAMME_SUBJECT = 'programme';

/** Where a generated programme paper belongs: the step record that generated it, who did. */
export interface PaperOrigin {
  readonly stepRecordId: string | null;
  readonly actor: Actor;
}

/** SEND_QUOTA_LETTER as the programme decided it: its number and every kecamatan's quota. */
export interface QuotaLetter {
  readonly programId: string;
  readonly letterNo: string;
  readonly quotas: readonly { readonly kecamatanCode: string; readonly quota: number }[];
}

/** SIGN_SPK's facts (DOCUMENT_FACTS), as the command carried them. */
export interface SpkFacts {
  readonly programId: string;
  /** Any kecamatan of the programme: names the city. */
  readonly kecamatanCode: string;
  readonly spkNo: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly items: readonly SpkItem[];
  readonly parcelValue: number;
  readonly startDate: string;
  readonly endDate: string;
}

type Input<K extends DocumentKind> = Omit<InputOf<K>, 'verification'>;

/**
 * The programme's papers: step 1's Surat Edaran, step 5's SK (each signed SK, amending ones
 * included, is a paper of its own) and step 7's SPK. Every allocation's activity asks for the
 * same paper; the generator keeps one row per paper (same inputs, no second row), and in one
 * worker the requests for a paper run one after another, so a city's SK is rendered once,
 * not once per kecamatan at the same time.
 */
export class ProgrammePapers {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly source: ProgrammePapersSource,
    private readonly generator: DocumentGenerator,
    private readonly settings: DocumentSettings,
  ) {}

  async suratEdaran(letter: QuotaLetter, origin: PaperOrigin): Promise<StoredDocument[]> {
    const input = await this.suratEdaranInput(letter);
    return this.generate('surat_edaran', letter.programId, PROGRAMME_SUBJECT, input, origin);
  }

  async sk(skId: string, origin: PaperOrigin): Promise<StoredDocument[]> {
    const sk = await this.source.sk(skId);
    return this.generate('sk', sk.programId, sk.skId, await this.skInput(sk), origin);
  }

  async spk(facts: SpkFacts, origin: PaperOrigin): Promise<StoredDocument[]> {
    const input = await this.spkInput(facts);
    return this.generate('spk', facts.programId, PROGRAMME_SUBJECT, input, origin);
  }

  /** An SK paper's inputs as the database holds them now (for a copy with full NIKs). */
  async inputsOf<K extends DocumentKind>(
    document: StoredDocument & { kind: K },
  ): Promise<Input<K> | undefined> {
    const kind: DocumentKind = document.kind;
    if (kind !== 'sk') return undefined;
    const input: Input<'sk'> = await this.skInput(await this.source.sk(document.subject));
    return input as unknown as Input<K>;
  }

  private async generate<K extends DocumentKind>(
    kind: K,
    programId: string,
    subject: string,
    input: Input<K>,
    origin: PaperOrigin,
  ): Promise<StoredDocument[]> {
    return this.oneAtATime(`${programId}\u0000${kind}\u0000${subject}`, () =>
      this.generator.generate({
        kind,
        programId,
        subject,
        workflowId: null,
        kecamatanCode: null,
        kelurahanCode: null,
        stepRecordId: origin.stepRecordId,
        actor: origin.actor,
        input,
      }),
    );
  }

  /** Runs `work` after every earlier work of the same key in this process has settled. */
  private async oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.running.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.running.set(key, mine);
    try {
      return await mine;
    } finally {
      if (this.running.get(key) === mine) this.running.delete(key);
    }
  }

  private async suratEdaranInput(letter: QuotaLetter): Promise<Input<'surat_edaran'>> {
    const quotas = [...letter.quotas].sort((a, b) => (a.kecamatanCode < b.kecamatanCode ? -1 : 1));
    const { kecamatan, city } = await this.source.kecamatan(quotas.map((q) => q.kecamatanCode));
    const date = await this.source.quotaLetterDate(letter.programId, letter.letterNo);
    const input: Omit<SuratEdaranInput, 'verification'> = {
      facts: { issuer: this.issuer(city), number: letter.letterNo, date },
      programme: programmeName(date),
      city,
      quotas: quotas.map((q, i) => ({ kecamatan: kecamatan[i], quota: q.quota })),
      signatory: { heading: `KEPALA ${this.settings.agency.toUpperCase()}`, office: city },
    };
    return input;
  }

  private async skInput(sk: SkFacts): Promise<Input<'sk'>> {
    const byKelurahan = await this.source.byKelurahan(sk.skId);
    const { city } = await this.source.kecamatan([byKelurahan[0].kecamatan.code]);
    const head = headOf(city);
    const amends = sk.amendsSkId ? await this.amendment(sk) : null;
    // The Walikota decrees: the heading is the city's, without the Dinas's address.
    const { government, place } = this.issuer(city);
    const kop = { government, place };
    const input: Omit<SkInput, 'verification'> = {
      facts: {
        issuer: { ...kop, agency: head },
        number: sk.skNo,
        date: sk.skDate,
      },
      programme: programmeName(sk.skDate),
      city,
      head,
      recipientCount: sk.recipientCount,
      byKelurahan,
      amountPerKpm: await this.source.amountPerKpm(sk.skId),
      amends,
      rows: () => this.source.persons(sk.skId),
      changes: () => this.source.changes(sk),
      signatory: { heading: `${head.toUpperCase()},`, office: '', nip: null },
    };
    return input;
  }

  private async amendment(sk: SkFacts): Promise<SkInput['amends']> {
    const amended = await this.source.sk(sk.amendsSkId!);
    const { added, removed } = await this.source.changeCounts(sk.skId);
    return {
      skNo: amended.skNo,
      skDate: amended.skDate,
      reason: sk.amendmentReason ?? '',
      added,
      removed,
      // The change rows stream when printed; their hash stands for them among the inputs.
      changesSha256: await inputsSha256({ rows: () => this.source.changes(sk) }),
    };
  }

  private async spkInput(facts: SpkFacts): Promise<Input<'spk'>> {
    const sk = await this.source.skInForce(facts.programId);
    const { city } = await this.source.kecamatan([facts.kecamatanCode]);
    const input: Omit<SpkInput, 'verification'> = {
      facts: { issuer: this.issuer(city), number: facts.spkNo, date: facts.startDate },
      programme: programmeName(sk.skDate),
      city,
      vendor: { id: facts.vendorId, name: facts.vendorName },
      items: facts.items.map(({ name, quantity, unit }) => ({ name, quantity, unit })),
      parcelValue: facts.parcelValue,
      parcels: sk.recipientCount,
      basis: { skNo: sk.skNo, skDate: sk.skDate },
      startDate: facts.startDate,
      endDate: facts.endDate,
      vendorSignatory: { heading: 'PENYEDIA', office: facts.vendorName, nip: null },
      commitmentOfficer: {
        heading: 'PEJABAT PEMBUAT KOMITMEN',
        office: `${this.settings.agency} ${city}`,
      },
    };
    return input;
  }

  private issuer(city: string): Issuer {
    return issuerOf(city, this.settings);
  }
}

const programmeName = (date: string) => `${PROCEDURE_NAME} Tahun ${date.slice(0, 4)}`;

/** Who decrees for a city or a regency: "Kota Semarang" → "Walikota Semarang". */
export function headOf(city: string): string {
  const place = city.replace(/^(Kota|Kabupaten)\s+/i, '');
  return /^Kabupaten\s/i.test(city) ? `Bupati ${place}` : `Walikota ${place}`;
}
