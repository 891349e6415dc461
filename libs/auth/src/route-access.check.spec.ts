import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Public, Roles } from './roles.decorator';
import { RouteAccessCheck, UndeclaredRoutesError } from './route-access.check';

@Controller('api/things')
class ThingsController {
  @Get() @Roles('operator') list(): void {}
  @Post(':id/poke') poke(): void {}
  @Get('odd') @Public() @Roles('admin') odd(): void {}
  helper(): void {}
}

@Public()
@Controller('open')
class OpenController {
  @Get() index(): void {}
}

async function check(...controllers: (new () => object)[]): Promise<RouteAccessCheck> {
  const mod = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [RouteAccessCheck],
  }).compile();
  return mod.get(RouteAccessCheck);
}

describe('RouteAccessCheck', () => {
  it('names every route that declares neither or both', async () => {
    const c = await check(ThingsController, OpenController);
    expect(c.findProblems()).toEqual([
      {
        route: 'POST /api/things/:id/poke (ThingsController.poke)',
        problem: 'undeclared',
      },
      {
        route: 'GET /api/things/odd (ThingsController.odd)',
        problem: 'both @Public() and @Roles()',
      },
    ]);
    expect(() => c.onModuleInit()).toThrow(UndeclaredRoutesError);
    expect(() => c.onModuleInit()).toThrow(/POST \/api\/things\/:id\/poke/);
  });

  it('passes when every route is declared', async () => {
    const c = await check(OpenController);
    expect(() => c.onModuleInit()).not.toThrow();
  });
});
