import { Controller, Get, Inject, Logger, Next, OnModuleInit, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Public } from '@app/auth';
import { ConsoleAssets } from './console-assets';

export const CONSOLE_ASSETS = Symbol('CONSOLE_ASSETS');

/**
 * The web console's pages and files at `/`, public like any web page: they hold no data, which
 * comes only from the role-guarded `/api` routes. API paths are passed on untouched (an unknown
 * `/api/...` stays a 404 JSON answer), and the page CSP is set in configureApi.
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

  @Get('{*path}')
  serve(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    const answer = this.assets.resolve(req.path);
    switch (answer.kind) {
      case 'not_found':
        return next();
      case 'index':
        res.setHeader('Cache-Control', 'no-cache');
        return res.sendFile('index.html', { root: this.assets.root, dotfiles: 'deny' });
      case 'file':
        return res.sendFile(answer.file, {
          root: this.assets.root,
          dotfiles: 'deny',
          maxAge: answer.immutable ? '365d' : 0,
          immutable: answer.immutable,
        });
    }
  }
}
