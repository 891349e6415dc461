import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { onPath, runningAsRoot } from '@tools/stack';

function ip(...args: string[]): string {
  return execFileSync('ip', args, { stdio: 'pipe' }).toString();
}

/**
 * Why a network namespace of the test's own cannot be made here, or null when it can: it takes
 * root and the `ip` tool (iproute2), and a kernel that allows namespaces and veth pairs.
 */
export function netnsUnavailable(): string | null {
  if (!runningAsRoot) return 'not running as root (ip netns and veth pairs need root)';
  if (!onPath('ip')) return 'no `ip` command (iproute2) on the PATH';
  const probe = `tt-probe-${randomBytes(3).toString('hex')}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return null;
  } catch (err) {
    return `ip netns add failed: ${(err as Error).message.split('\n')[0]}`;
  }
}

/**
 * A second "host" on this machine: a network namespace joined to this one by a veth pair, with
 * a /30 of 10.213.0.0/16 the test picks (the host end `hostAddr`, the namespace end `nsAddr`).
 * Processes started with `wrap` run inside it and reach the servers only at `hostAddr`, over
 * the pair; `cut()` takes the host end of the link down (as a pulled cable: packets vanish, no
 * connection is refused), `restore()` brings it back.
 */
export class Netns {
  private constructor(
    readonly name: string,
    readonly hostIf: string,
    readonly hostAddr: string,
    readonly nsAddr: string,
  ) {}

  static create(): Netns {
    const tag = randomBytes(3).toString('hex');
    const taken = ip('-o', '-4', 'addr', 'show');
    let third = 0;
    let fourth = 0;
    for (let i = 0; i < 50; i++) {
      third = randomInt(0, 256);
      fourth = randomInt(0, 64) * 4;
      if (!taken.includes(`10.213.${third}.`)) break;
    }
    const net = new Netns(
      `tiptrace-cut-${tag}`,
      `ttc${tag}h`,
      `10.213.${third}.${fourth + 1}`,
      `10.213.${third}.${fourth + 2}`,
    );
    const nsIf = `ttc${tag}n`;
    try {
      ip('netns', 'add', net.name);
      ip('link', 'add', net.hostIf, 'type', 'veth', 'peer', 'name', nsIf);
      ip('link', 'set', nsIf, 'netns', net.name);
      ip('addr', 'add', `${net.hostAddr}/30`, 'dev', net.hostIf);
      ip('link', 'set', net.hostIf, 'up');
      net.inside('ip', 'addr', 'add', `${net.nsAddr}/30`, 'dev', nsIf);
      net.inside('ip', 'link', 'set', nsIf, 'up');
      net.inside('ip', 'link', 'set', 'lo', 'up');
    } catch (err) {
      net.destroy();
      throw err;
    }
    return net;
  }

  /**
   * The link's /30, for the servers' allow lists: the namespace's workers connect from its end,
   * and the stack's migrate step, run on the host against the host end, from the other.
   */
  get range(): string {
    const octets = this.hostAddr.split('.');
    octets[3] = String(Number(octets[3]) - 1);
    return `${octets.join('.')}/30`;
  }

  /** The command prefix that runs a program inside the namespace. */
  get wrap(): string[] {
    return ['ip', 'netns', 'exec', this.name];
  }

  private inside(...cmd: string[]): void {
    ip('netns', 'exec', this.name, ...cmd);
  }

  cut(): void {
    ip('link', 'set', this.hostIf, 'down');
  }

  restore(): void {
    ip('link', 'set', this.hostIf, 'up');
  }

  /** Removes the pair and the namespace (processes still inside must be stopped first). */
  destroy(): void {
    try {
      ip('link', 'del', this.hostIf);
    } catch {
      // gone with the namespace, or never made
    }
    try {
      ip('netns', 'del', this.name);
    } catch {
      // never made
    }
  }
}
