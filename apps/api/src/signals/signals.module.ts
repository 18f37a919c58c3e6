import { Module } from '@nestjs/common';
import { SignalEngine } from './signal-engine.js';
import { SignalEngineRepository } from './signal-engine.repository.js';

@Module({ providers: [SignalEngine, SignalEngineRepository], exports: [SignalEngine] })
export class SignalsModule {}
