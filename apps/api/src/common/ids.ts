import { DomainError, UUID_RE } from '@app/contracts';

/** An id that is not a UUID cannot name anything: it is unknown, so 404. */
export function idOr404(id: string, what: string): string {
  if (!UUID_RE.test(id)) throw new DomainError('not_found', `${what} not found`);
  return id.toLowerCase();
}
