import { Module } from '@nestjs/common';
import { SkController } from './sk.controller';
import { SkService } from './sk.service';

@Module({ controllers: [SkController], providers: [SkService] })
export class SkModule {}
