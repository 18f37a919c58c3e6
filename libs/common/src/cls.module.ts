import { Global, Module } from '@nestjs/common';
import { ClsService } from './cls.service.js';

@Global()
@Module({ providers: [ClsService], exports: [ClsService] })
export class ClsModule {}
