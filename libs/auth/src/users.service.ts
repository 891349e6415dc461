import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@app/contracts';
import { PasswordHasher } from '@app/crypto';
import type { Role } from './roles.decorator';
import { UserRow, UsersRepository } from './users.repository';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
}

/** A user as the API shows it: never the hash, the lock state or the failure count. */
export interface UserView {
  id: string;
  username: string;
  role: Role;
  displayName: string | null;
}

export function toUserView(row: UserRow): UserView {
  return { id: row.id, username: row.username, role: row.role, displayName: row.display_name };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /** 409 when the username is taken, whatever its case. */
  async create(u: NewUser): Promise<UserView> {
    const row = await this.users.insert({
      id: randomUUID(),
      username: u.username,
      passwordHash: await this.hasher.hash(u.password),
      role: u.role,
      displayName: u.displayName ?? null,
    });
    if (!row) throw new DomainError('conflict', 'username is taken');
    return toUserView(row);
  }

  async get(id: string): Promise<UserView> {
    const row = await this.users.findById(id);
    if (!row) throw new DomainError('not_found', 'user not found');
    return toUserView(row);
  }
}
