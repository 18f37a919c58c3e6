import type { Role } from '#libs/database/src/index.js';

export interface Tenant {
  id: string;
  name: string;
  allowedOrigins: string[];
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  userId: string;
  role: Role;
  email: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TenantRow {
  id: string;
  name: string;
  allowed_origins: string[];
  settings: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface MemberRow {
  user_id: string;
  role: Role;
  email: string | null;
  created_at: Date;
  updated_at: Date;
}

export const TENANT_COLUMNS = 'id, name, allowed_origins, settings, created_at, updated_at';
export const MEMBER_COLUMNS = 'user_id, role, email, created_at, updated_at';

export const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  name: row.name,
  allowedOrigins: row.allowed_origins,
  settings: row.settings,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const toMember = (row: MemberRow): Member => ({
  userId: row.user_id,
  role: row.role,
  email: row.email,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});
