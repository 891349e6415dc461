import { accessPolicy } from './access-policy';
import { Public, Roles } from './roles.decorator';

function decorated(...decorators: MethodDecorator[]) {
  class C {
    m(): void {}
  }
  const d = Object.getOwnPropertyDescriptor(C.prototype, 'm')!;
  for (const dec of decorators) dec(C.prototype, 'm', d);
  return { C, m: d.value as object };
}

describe('accessPolicy', () => {
  it('is undeclared with neither decorator', () => {
    const { C, m } = decorated();
    expect(accessPolicy(m, C)).toEqual({ kind: 'undeclared' });
  });

  it('reads @Public() and @Roles() on the handler', () => {
    const pub = decorated(Public());
    expect(accessPolicy(pub.m, pub.C)).toEqual({ kind: 'public' });
    const roles = decorated(Roles('operator', 'supervisor'));
    expect(accessPolicy(roles.m, roles.C)).toEqual({
      kind: 'roles',
      roles: ['operator', 'supervisor'],
    });
  });

  it('falls back to the controller, the handler winning', () => {
    const { C, m } = decorated(Roles('admin'));
    Public()(C);
    expect(accessPolicy(m, C)).toEqual({ kind: 'roles', roles: ['admin'] });
    const plain = decorated();
    Roles('investigator')(plain.C);
    expect(accessPolicy(plain.m, plain.C)).toEqual({ kind: 'roles', roles: ['investigator'] });
  });

  it('refuses both at one level, empty and unknown roles', () => {
    expect(accessPolicy(decorated(Public(), Roles('admin')).m, class {}).kind).toBe('invalid');
    expect(accessPolicy(decorated(Roles()).m, class {}).kind).toBe('invalid');
    const odd = decorated(Roles('root' as 'admin'));
    expect(accessPolicy(odd.m, odd.C)).toEqual({ kind: 'invalid', reason: 'unknown roles root' });
  });
});
