import type { Writable } from 'node:stream';
import {
  DOCUMENT_KINDS,
  inputsSha256,
  rendererOf,
  RENDITIONS,
  renditionsOf,
  verificationCode,
  type DocumentKind,
  type InputOf,
  type Issuer,
  type NikDisplay,
  type Rendition,
} from '@salur/libs/documents';
import type { ContentStore } from '../content-store';
import type {
  DocumentRegistry,
  DocumentSlot,
  StoredDocument,
} from './document-registry.repository';

/** What the settings say about the documents (AppConfig.documents). */
export interface DocumentSettings {
  readonly agency: string;
  readonly agencyAddress: string;
  /** The verification endpoint; a code is appended. */
  readonly verifyUrl: string;
}

/** A document to generate: its kind, what it covers, where it belongs, its inputs. */
export interface GenerationRequest<K extends DocumentKind> {
  readonly kind: K;
  readonly programId: string;
  readonly subject: string;
  readonly workflowId: string | null;
  readonly kecamatanCode: string | null;
  readonly kelurahanCode: string | null;
  readonly stepRecordId: string | null;
  readonly actor: { readonly id: string; readonly role: string };
  /** Everything the renderer takes but the verification, which is derived from it here. */
  readonly input: Omit<InputOf<K>, 'verification'>;
}

/** The heading of a city's (or regency's) papers: its government, the office, the place. */
export function issuerOf(city: string, settings: DocumentSettings): Issuer {
  return {
    government: `Pemerintah ${city}`,
    agency: settings.agency,
    ...(settings.agencyAddress ? { address: settings.agencyAddress } : {}),
    place: city.replace(/^(Kota|Kabupaten)\s+/i, ''),
  };
}

export const issuerText = (issuer: Issuer): string => `${issuer.government} - ${issuer.agency}`;

/**
 * Generates a document in each of its kind's renditions, once: the inputs are hashed first,
 * and when the slot's current version has the same inputs it is returned as it is (a
 * retried activity, a second request). Otherwise the next version is rendered, its
 * verification code derived from its identity and inputs, its bytes streamed to the content
 * store while hashed, and it is registered, superseding the version before.
 */
export class DocumentGenerator {
  constructor(
    private readonly registry: DocumentRegistry,
    private readonly store: ContentStore,
    private readonly settings: DocumentSettings,
  ) {}

  async generate<K extends DocumentKind>(request: GenerationRequest<K>): Promise<StoredDocument[]> {
    const inputs = await inputsSha256(request.input);
    const generated: StoredDocument[] = [];
    for (const rendition of renditionsOf(request.kind)) {
      generated.push(await this.generateRendition(request, rendition, inputs));
    }
    return generated;
  }

  /** The verification a document of this identity and inputs prints. */
  verificationFor(slot: DocumentSlot, version: number, inputs: string) {
    const code = verificationCode([
      slot.kind,
      slot.rendition,
      slot.programId,
      slot.subject,
      String(version),
      inputs,
    ]);
    return { code, url: `${this.settings.verifyUrl}/${code}` };
  }

  /**
   * Renders a registered document again from `input` (its inputs unchanged, checked by the
   * caller) with the NIKs shown as asked: the copy with full NIKs is never stored.
   */
  async renderCopy<K extends DocumentKind>(
    document: StoredDocument & { kind: K },
    input: Omit<InputOf<K>, 'verification'>,
    nik: NikDisplay,
    out: Writable,
  ): Promise<void> {
    const render = rendererOf(document.kind, document.rendition);
    if (!render) throw new Error(`no ${document.rendition} renderer for ${document.kind}`);
    const verification = {
      code: document.verificationCode,
      url: `${this.settings.verifyUrl}/${document.verificationCode}`,
    };
    await render({ ...input, verification } as InputOf<K>, out, { nik });
  }

  private async generateRendition<K extends DocumentKind>(
    request: GenerationRequest<K>,
    rendition: Rendition,
    inputs: string,
  ): Promise<StoredDocument> {
    const slot: DocumentSlot = {
      programId: request.programId,
      kind: request.kind,
      rendition,
      subject: request.subject,
    };
    const current = await this.registry.current(slot);
    if (current?.inputsSha256 === inputs) return current;
    const version = (current?.version ?? 0) + 1;
    const verification = this.verificationFor(slot, version, inputs);
    const render = rendererOf(request.kind, rendition)!;
    const input = { ...request.input, verification } as InputOf<K>;
    const received = await this.store.receiveWritten((out) =>
      render(input, out, { nik: 'masked' }),
    );
    try {
      const { document } = await this.registry.register(
        {
          ...slot,
          mediaType: RENDITIONS[rendition].mediaType,
          number: request.input.facts.number,
          documentDate: request.input.facts.date,
          issuer: issuerText(request.input.facts.issuer),
          workflowId: request.workflowId,
          kecamatanCode: request.kecamatanCode,
          kelurahanCode: request.kelurahanCode,
          sopStep: DOCUMENT_KINDS[request.kind].sopStep,
          version,
          inputsSha256: inputs,
          sha256: received.sha256,
          sizeBytes: received.size,
          verificationCode: verification.code,
          stepRecordId: request.stepRecordId,
          supersedesId: current?.id ?? null,
          generatedBy: request.actor.id,
          role: request.actor.role,
        },
        () => this.store.commit(received),
      );
      return document;
    } finally {
      await this.store.discard(received.path);
    }
  }
}
