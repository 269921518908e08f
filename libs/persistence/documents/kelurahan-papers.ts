import {
  documentNumber,
  type BastInput,
  type BnbaInput,
  type DocumentKind,
  type InputOf,
  type Region,
} from '@salur/libs/documents';
import { PROCEDURE_NAME } from '@salur/libs/sop/steps';
import type { BastBnbaSource, KelurahanRecipients, Official, SkInForce } from './bast-bnba-source';
import { issuerOf, type DocumentGenerator, type DocumentSettings } from './document-generator';
import type { StoredDocument } from './document-registry.repository';

/** Who generates: the transition's actor (step 6: tim_data), or the API's caller. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** An allocation's step-6 facts, read once for all its kelurahan. */
export interface AllocationPapers {
  readonly programId: string;
  readonly workflowId: string;
  readonly kecamatan: Region;
  readonly city: string;
  readonly sk: SkInForce;
  /** Only the kelurahan with recipients in the SK: the others get no papers. */
  readonly kelurahan: readonly KelurahanRecipients[];
  /** Who signs for the kecamatan, when its request letter named them. */
  readonly camat: Official | undefined;
}

type PaperInputs = {
  bnba: Omit<BnbaInput, 'verification'>;
  bast: Omit<BastInput, 'verification'>;
};
/** Any kind's inputs: none for the kinds other classes make. */
type InputsOfKind = { readonly [K in DocumentKind]?: Omit<InputOf<K>, 'verification'> };

/**
 * Step 6's papers of each kelurahan: the BNBA (PDF and XLSX) listing the SK's recipients in
 * it and the BAST handing over their parcels. Dated the day the SK in force was signed: they
 * print what that SK fixed, so the same SK prints the same bytes on any day.
 */
export class KelurahanPapers {
  constructor(
    private readonly source: BastBnbaSource,
    private readonly generator: DocumentGenerator,
    private readonly settings: DocumentSettings,
  ) {}

  async plan(
    programId: string,
    workflowId: string,
    kecamatanCode: string,
  ): Promise<AllocationPapers> {
    const sk = await this.source.skInForce(workflowId);
    const { kecamatan, city } = await this.source.names(kecamatanCode);
    const kelurahan = await this.source.kelurahanWithRecipients(sk, kecamatanCode);
    const camat = await this.source.camat(workflowId);
    return { programId, workflowId, kecamatan, city, sk, kelurahan, camat };
  }

  /** Generates (or finds, unchanged) the kelurahan's BNBA and BAST; linked to its step record. */
  async generate(
    papers: AllocationPapers,
    kelurahan: KelurahanRecipients,
    stepRecordId: string | null,
    actor: Actor,
  ): Promise<StoredDocument[]> {
    const inputs = this.inputs(papers, kelurahan);
    const common = {
      programId: papers.programId,
      subject: kelurahan.code,
      workflowId: papers.workflowId,
      kecamatanCode: papers.kecamatan.code,
      kelurahanCode: kelurahan.code,
      stepRecordId,
      actor,
    };
    return [
      ...(await this.generator.generate({ ...common, kind: 'bnba', input: inputs.bnba })),
      ...(await this.generator.generate({ ...common, kind: 'bast', input: inputs.bast })),
    ];
  }

  /** A registered document's inputs as the database holds them now (for a copy with full NIKs). */
  async inputsOf<K extends DocumentKind>(
    document: StoredDocument & { kind: K },
  ): Promise<InputsOfKind[K] | undefined> {
    if (!document.workflowId || !document.kelurahanCode || !document.kecamatanCode) {
      return undefined;
    }
    const papers = await this.plan(document.programId, document.workflowId, document.kecamatanCode);
    const kelurahan = papers.kelurahan.find((k) => k.code === document.kelurahanCode);
    const inputs: InputsOfKind = kelurahan ? this.inputs(papers, kelurahan) : {};
    return inputs[document.kind];
  }

  private inputs(papers: AllocationPapers, kelurahan: KelurahanRecipients): PaperInputs {
    const { sk, kecamatan } = papers;
    const issuer = issuerOf(papers.city, this.settings);
    const paper = {
      programme: `${PROCEDURE_NAME} Tahun ${sk.skDate.slice(0, 4)}`,
      basis: { skNo: sk.skNo, skDate: sk.skDate },
      kecamatan,
      kelurahan: { code: kelurahan.code, name: kelurahan.name },
    };
    const number = (kind: DocumentKind) => documentNumber(kind, kelurahan.code, papers.programId);
    // The Camat is named by the request letter; Salur does not hold the Lurah (a dotted line).
    const camat = { office: `Camat ${kecamatan.name}`, ...papers.camat };
    const lurah = { office: `Lurah ${kelurahan.name}` };
    return {
      bnba: {
        ...paper,
        facts: { issuer, number: number('bnba'), date: sk.skDate },
        recipientCount: kelurahan.recipients,
        rows: () => this.source.recipients(sk, kelurahan.code),
        signatories: [{ heading: 'Mengetahui,', ...camat }, lurah],
      },
      bast: {
        ...paper,
        facts: { issuer, number: number('bast'), date: sk.skDate },
        parcels: kelurahan.recipients,
        bnbaNumber: number('bnba'),
        pihakPertama: camat,
        pihakKedua: lurah,
      },
    };
  }
}
