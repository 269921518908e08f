export * from './document-registry.repository';
export * from './document-generator';
export * from './bast-bnba-source';
export * from './kelurahan-papers';
export * from './kecamatan-papers';
export * from './programme-papers-source';
export * from './programme-papers';
export * from './lpj-papers';

import type { DataSource } from 'typeorm';
import { ContentStore } from '../content-store';
import { BastBnbaSource } from './bast-bnba-source';
import { DocumentGenerator, type DocumentSettings } from './document-generator';
import { DocumentRegistry } from './document-registry.repository';
import { KelurahanPapers } from './kelurahan-papers';
import { KecamatanPapers } from './kecamatan-papers';
import { ProgrammePapers } from './programme-papers';
import { ProgrammePapersSource } from './programme-papers-source';
import { LpjPapers } from './lpj-papers';

/** Where documents live (AppConfig.documents): their content directory and print settings. */
export interface DocumentsConfig extends DocumentSettings {
  readonly dir: string;
}

/** Everything that generates, stores and finds documents, on one data source. */
export function createDocumentServices(dataSource: DataSource, config: DocumentsConfig) {
  const registry = new DocumentRegistry(dataSource);
  const store = new ContentStore(config.dir);
  const generator = new DocumentGenerator(registry, store, config);
  const source = new BastBnbaSource(dataSource);
  const papers = new KelurahanPapers(source, generator, config);
  const kecamatanPapers = new KecamatanPapers(dataSource, source, generator, config);
  const programme = new ProgrammePapers(new ProgrammePapersSource(dataSource), generator, config);
  const lpj = new LpjPapers(dataSource, source, generator, config);
  return { registry, store, generator, papers, kecamatanPapers, programme, lpj };
}

export type DocumentServices = ReturnType<typeof createDocumentServices>;
