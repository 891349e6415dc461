#!/usr/bin/env node
// argon2 ships prebuilt binaries, and npm 11 blocks its install script (package.json
// "allowScripts"). On some Linux machines the prebuilt linux-x64 binary crashes the process
// on load, so: probe it in a child process, and when it does not work, build it from source
// with the node-gyp bundled with npm (needs python3, make and g++).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

function works() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "require('argon2').hash('probe').then(() => process.exit(0), () => process.exit(1))"],
    { stdio: 'ignore' },
  );
  return probe.status === 0;
}

if (works()) process.exit(0);
const argon2Dir = dirname(require.resolve('argon2/package.json'));
const candidates = [
  process.env.npm_execpath &&
    join(dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js'),
  join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
].filter((p) => p && existsSync(p));
// Under npm, its configured nodedir (local Node headers) arrives in the environment.
const nodedir =
  process.env.npm_config_nodedir ||
  spawnSync('npm', ['config', 'get', 'nodedir'], { encoding: 'utf8' }).stdout?.trim();
const gypArgs = [
  'rebuild',
  ...(nodedir && nodedir !== 'undefined' ? [`--nodedir=${nodedir}`] : []),
];
console.log('argon2: prebuilt binary does not load here; building it from source');
const build = candidates.length
  ? spawnSync(process.execPath, [candidates[0], ...gypArgs], { cwd: argon2Dir, stdio: 'inherit' })
  : spawnSync('npm', ['exec', '--yes', '--', 'node-gyp', ...gypArgs], {
      cwd: argon2Dir,
      stdio: 'inherit',
    });
if (build.status !== 0 || !works()) {
  console.error('argon2: could not build a working binary (python3, make and g++ are needed)');
  process.exit(1);
}
console.log('argon2: built from source');
