import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

/** File imports: proposals (SOP steps 2-3) and exclusion registers. */
@Module({ controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
