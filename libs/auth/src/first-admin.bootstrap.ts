import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthConfig, authConfig } from '@app/config';
import { PasswordHasher } from '@app/crypto';
import { UsersRepository } from './users.repository';

/** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists. */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdminBootstrap');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.adminExists()) return;
    const { username, password } = this.auth.admin;
    const created = await this.users.insertFirstAdmin({
      id: randomUUID(),
      username,
      passwordHash: await this.hasher.hash(password),
      role: 'admin',
      displayName: 'Administrator',
    });
    if (created) this.logger.log({ msg: 'first admin created', username });
    else if (!(await this.users.adminExists())) {
      this.logger.warn({ msg: 'no admin: ADMIN_USERNAME is taken by a non-admin user', username });
    }
  }
}
