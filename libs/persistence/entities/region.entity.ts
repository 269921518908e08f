import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RegionLevel } from '@salur/libs/domain/region';

/** Every provinsi, kabupaten/kota, kecamatan and kelurahan/desa, with their Kepmendagri codes. */
@Entity({ name: 'region' })
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 13 })
  code!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  level!: RegionLevel;

  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 13, nullable: true })
  parentCode!: string | null;
}
