import { Module } from '@nestjs/common';
import { SignalEngine } from './signal-engine.js';
import { SignalEngineRepository } from './signal-engine.repository.js';

/** Signals' write side: the engine the event pipeline applies to every chunk. */
@Module({ providers: [SignalEngine, SignalEngineRepository], exports: [SignalEngine] })
export class SignalsModule {}
