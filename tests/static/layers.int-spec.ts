import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The layer rule of eslint.config.mjs (docs/architecture.md, "Layers") run on small sources, as
 * `npm run lint` runs it on the tree: an upward import fails, a downward one passes. Only that
 * rule runs, without type information, so the check takes a second.
 */
const root = join(__dirname, '..', '..');
const run = promisify(execFile);

const LINT = `
import { ESLint } from 'eslint';
const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === 'import-x/no-restricted-paths',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
});
const out = [];
for (const c of JSON.parse(process.argv[1])) {
  const [result] = await eslint.lintText(c.code, { filePath: c.file });
  out.push(result.messages.map((m) => m.message));
}
console.log(JSON.stringify(out));
`;

async function lint(sources: { file: string; code: string }[]): Promise<string[][]> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', LINT, JSON.stringify(sources)],
    { cwd: root },
  );
  return JSON.parse(stdout) as string[][];
}

const importing = (file: string, lib: string) => ({
  file,
  code: `import * as lower from '@app/${lib}';\n\nexport const used = lower;\n`,
});

describe('lib layers (lint)', () => {
  it('fails an upward import and passes a downward one', async () => {
    const [tipsOnLeads, triageOnLinkage, dispatchOnTips, leadsOnTips, triageOnContracts] =
      await lint([
        importing('libs/tips/src/upward.ts', 'leads'),
        importing('libs/triage/src/upward.ts', 'linkage'),
        importing('libs/dispatch/src/upward.ts', 'tips'),
        importing('libs/leads/src/downward.ts', 'tips'),
        importing('libs/triage/src/downward.ts', 'contracts'),
      ]);
    expect(tipsOnLeads).toEqual([expect.stringMatching(/"@app\/leads".*tips imports only/)]);
    expect(triageOnLinkage).toEqual([expect.stringMatching(/"@app\/linkage"/)]);
    expect(dispatchOnTips).toEqual([expect.stringMatching(/dispatch is a foundation/)]);
    expect(leadsOnTips).toEqual([]);
    expect(triageOnContracts).toEqual([]);
  });

  it('keeps the development tools out of the product, not out of tests', async () => {
    const [app, lib, spec, tool] = await lint([
      { file: 'apps/api/src/uses-tool.ts', code: toolImport('stack') },
      { file: 'libs/tips/src/uses-tool.ts', code: toolImport('scenario') },
      { file: 'libs/triage/src/uses-tool.spec.ts', code: toolImport('scenario') },
      {
        file: 'tools/demo/src/uses-product.ts',
        code: `import * as p from '@app/tips';\n\nexport const used = p;\n`,
      },
    ]);
    expect(app).toEqual([expect.stringMatching(/does not import development tools/)]);
    expect(lib).toEqual([expect.stringMatching(/does not import development tools/)]);
    expect(spec).toEqual([]);
    expect(tool).toEqual([]);
  });
});

const toolImport = (tool: string) =>
  `import * as t from '@tools/${tool}';\n\nexport const used = t;\n`;

describe('nest-cli.json', () => {
  it('lists every app, lib and tool of the tree, each with its tsconfig', () => {
    const nest = JSON.parse(readFileSync(join(root, 'nest-cli.json'), 'utf8')) as {
      projects: Record<
        string,
        { root: string; sourceRoot: string; compilerOptions: { tsConfigPath: string } }
      >;
    };
    const listed = Object.values(nest.projects)
      .map((p) => p.root)
      .sort();
    const tree = ['apps', 'libs', 'tools']
      .flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`))
      .filter((dir) => dir !== 'apps/console' && existsSync(join(root, dir, 'src')))
      .sort();
    expect(listed).toEqual(tree);
    for (const project of Object.values(nest.projects)) {
      expect(project.sourceRoot).toBe(`${project.root}/src`);
      expect(existsSync(join(root, project.compilerOptions.tsConfigPath))).toBe(true);
    }
  });
});
