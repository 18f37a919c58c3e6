import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { AuditAction } from '../../libs/audit/src/index.js';
import { Access, type AccessPolicy } from '../../libs/auth/src/index.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

export interface DeclaredRoute {
  method: string;
  path: string;
  policy?: AccessPolicy;
  auditOperation?: string;
}

/** Every controller route with the gate and audit operation it declares, from Nest's own metadata. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  // Built here: the app itself has no use for discovery, so it does not provide it.
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const fullPath = `/${[prefix, path]
        .map((part) => part.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      routes.push({
        method,
        path: fullPath,
        policy: reflector.getAllAndOverride(Access, [handler, metatype]),
        auditOperation: reflector.get(AuditAction, handler)?.operation,
      });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** One readable line per route: what a reviewer checks when a permission changes. */
export function describeGate(route: DeclaredRoute): string {
  const policy = route.policy;
  let gate = 'UNDECLARED';
  if (policy?.kind === 'tenant') {
    gate = [
      `tenant minRole=${policy.minRole}`,
      policy.scopes ? `scopes=${policy.scopes.join('+')}` : 'no-tokens',
      policy.publishable ? 'publishable' : '',
      policy.crossTenant ? 'allTenants' : '',
    ]
      .filter(Boolean)
      .join(' ');
  } else if (policy) {
    gate = policy.kind;
  }
  return `${route.method} ${route.path} -> ${gate}${route.auditOperation ? ` [audit ${route.auditOperation}]` : ''}`;
}
