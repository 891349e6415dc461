import { PUBLIC_KEY, Role, ROLES, ROLES_KEY } from './roles.decorator';

/** What a route declares about who may call it. */
export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'undeclared' }
  | { kind: 'invalid'; reason: string };

/** Reads one metadata key from a handler or a controller class. */
export type MetadataReader = (key: string, target: object) => unknown;

/** What SetMetadata wrote (reflect-metadata), as Nest's Reflector.get reads it. */
export const readMetadata: MetadataReader = (key, target) =>
  Reflect.getMetadata(key, target) as unknown;

function declared(read: MetadataReader, target: object): AccessPolicy | null {
  const isPublic = read(PUBLIC_KEY, target) === true;
  const roles = read(ROLES_KEY, target);
  if (isPublic && roles !== undefined) {
    return { kind: 'invalid', reason: 'both @Public() and @Roles()' };
  }
  if (isPublic) return { kind: 'public' };
  if (roles === undefined) return null;
  if (!Array.isArray(roles) || roles.length === 0) {
    return { kind: 'invalid', reason: '@Roles() with no roles' };
  }
  const unknown = roles.filter((r) => !(ROLES as readonly unknown[]).includes(r));
  if (unknown.length) return { kind: 'invalid', reason: `unknown roles ${unknown.join(', ')}` };
  return { kind: 'roles', roles: roles as Role[] };
}

/** The handler's own declaration wins over its controller's; neither means undeclared. */
export function accessPolicy(
  handler: object,
  controller: object,
  read: MetadataReader = readMetadata,
): AccessPolicy {
  return declared(read, handler) ?? declared(read, controller) ?? { kind: 'undeclared' };
}
