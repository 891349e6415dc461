import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isUnavailable } from './api-exception.filter';

describe('isUnavailable: a database outage is 503, never 500', () => {
  it.each([
    [
      'refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['admin shutdown', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'a demoted primary (failover)',
      Object.assign(new Error('cannot execute SELECT in a read-only transaction'), {
        code: '25006',
      }),
    ],
    // The connection under a transaction went away while the database restarted.
    ['released query runner', new QueryRunnerAlreadyReleasedError()],
    ['released query runner provider', new QueryRunnerProviderAlreadyReleasedError()],
  ])('%s', (_name, err) => {
    expect(isUnavailable(err)).toBe(true);
  });

  it.each([
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['another transaction-state error', Object.assign(new Error('aborted'), { code: '25P02' })],
    ['nothing', null],
  ])('%s is not', (_name, err) => {
    expect(isUnavailable(err)).toBe(false);
  });
});
