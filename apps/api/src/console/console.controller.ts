import {
  Controller,
  Get,
  Inject,
  Logger,
  NotFoundException,
  OnModuleInit,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { pathOf } from '../common/body-guards';
import { ConsoleAssets } from './console-assets';

export const CONSOLE_ASSETS = Symbol('CONSOLE_ASSETS');

/**
 * The web console's pages and files at `/`, public like any web page: they hold no data, which
 * comes only from the role-guarded `/api` routes. API paths are not served (an unknown `/api/...`
 * is the same 404 JSON answer as any unknown route), and the page CSP is set in configureApi.
 * Files are sent by @fastify/static (registered by configureApi without routes of its own).
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController implements OnModuleInit {
  private readonly logger = new Logger('Console');

  constructor(@Inject(CONSOLE_ASSETS) private readonly assets: ConsoleAssets) {}

  onModuleInit(): void {
    if (!this.assets.built) {
      this.logger.warn({
        msg: 'web console not built: run npm run build; only the API answers',
        dir: this.assets.root,
      });
    }
  }

  @Get('*')
  serve(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const answer = this.assets.resolve(pathOf(req.url));
    switch (answer.kind) {
      case 'not_found':
        throw new NotFoundException(`Cannot ${req.method} ${req.url}`);
      case 'index':
        void reply
          .header('Cache-Control', 'no-cache')
          .sendFile('index.html', this.assets.root, { dotfiles: 'deny', cacheControl: false });
        return;
      case 'file':
        void reply.sendFile(answer.file, this.assets.root, {
          dotfiles: 'deny',
          maxAge: answer.immutable ? '365d' : 0,
          immutable: answer.immutable,
        });
        return;
    }
  }
}
