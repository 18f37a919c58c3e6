import { Global, Module } from '@nestjs/common';
import { CROSS_TENANT_READ_RECORDER } from '#libs/auth/src/tenant.guard.js';
import { AuditRecorders } from './audit-recorders.js';
import { AuditWriter } from './audit.writer.js';

@Global()
@Module({
  providers: [AuditWriter, AuditRecorders, { provide: CROSS_TENANT_READ_RECORDER, useExisting: AuditRecorders }],
  exports: [AuditWriter, AuditRecorders, CROSS_TENANT_READ_RECORDER],
})
export class AuditModule {}
