import { Injectable } from '@nestjs/common';
import { Role, TenantScopedRepository } from '#libs/database/src/index.js';
import { MEMBER_COLUMNS, MemberRow } from './tenant.types.js';

@Injectable()
export class MembersRepository extends TenantScopedRepository {
  list(afterUserId: string | undefined, limit: number): Promise<MemberRow[]> {
    return this.scopedPrepared<MemberRow>(
      'members_list',
      `SELECT ${MEMBER_COLUMNS} FROM memberships WHERE tenant_id = $1 AND ($2::text IS NULL OR user_id > $2) ORDER BY user_id LIMIT $3`,
      [afterUserId ?? null, limit],
    );
  }

  get(userId: string): Promise<MemberRow | undefined> {
    return this.scopedOne<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [userId]);
  }

  async countOwners(): Promise<number> {
    const row = await this.scopedOne<{ owners: number }>(`SELECT count(*)::int AS owners FROM memberships WHERE tenant_id = $1 AND role = 'owner'`);
    return row?.owners ?? 0;
  }

  upsert(userId: string, role: Role, email: string | undefined): Promise<MemberRow | undefined> {
    return this.scopedOne<MemberRow>(
      `INSERT INTO memberships (tenant_id, user_id, role, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, user_id) DO UPDATE
         SET role = EXCLUDED.role, email = coalesce(EXCLUDED.email, memberships.email), updated_at = now()
       RETURNING ${MEMBER_COLUMNS}`,
      [userId, role, email ?? null],
    );
  }

  async remove(userId: string): Promise<void> {
    await this.scoped(`DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [userId]);
  }
}
