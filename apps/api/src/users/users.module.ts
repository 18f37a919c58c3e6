import { Module } from '@nestjs/common';
import { FingerprintsModule } from '../fingerprints/fingerprints.module.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({ imports: [FingerprintsModule], controllers: [UsersController], providers: [UsersService, UsersRepository] })
export class UsersModule {}
