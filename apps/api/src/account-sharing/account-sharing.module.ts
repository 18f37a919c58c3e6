import { Module } from '@nestjs/common';
import { AccountSharingController } from './account-sharing.controller.js';
import { AccountSharingRepository } from './account-sharing.repository.js';
import { AccountSharingService } from './account-sharing.service.js';

/** Account sharing: the account_sharing incidents of the signal engine, per flagged user. */
@Module({ controllers: [AccountSharingController], providers: [AccountSharingService, AccountSharingRepository] })
export class AccountSharingModule {}
