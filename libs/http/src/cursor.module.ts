import { Global, Module } from '@nestjs/common';
import { CursorCodec } from './cursor-codec.js';

/** The cursor codec every list uses, keyed once per instance from the configuration. */
@Global()
@Module({ providers: [CursorCodec], exports: [CursorCodec] })
export class CursorModule {}
