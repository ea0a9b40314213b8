import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { docFiles, fileScript, parseLog, shellBlocks, verdict, withApiPort } from '../../docs/doc-blocks';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the doc test', () => {
  it('runs the README and every doc it links, and every sh block of them, each once', () => {
    const files = docFiles(ROOT);
    expect(files[0]).toBe('README.md');
    expect(files).toEqual(
      expect.arrayContaining([
        'docs/api.md',
        'docs/supervision-and-aftercare.md',
        'docs/reports.md',
        'docs/operations.md',
        'docs/architecture.md',
        'docs/rules-and-calendar.md',
        'bench/README.md',
      ]),
    );
    expect(new Set(files).size).toBe(files.length);
  });

  it('reads blocks, skip markers and the statuses the text announces', () => {
    const md = [
      'Start it:',
      '',
      '<!-- doc-test: skip: runs until Ctrl-C -->',
      '',
      '```sh',
      'npm start',
      '```',
      '',
      'A wrong code gets a 404:',
      '',
      '```sh',
      'curl -s localhost:3000/x   # → 404',
      'npx petitionflow report --bad   # → exit 2',
      '```',
      '',
      '```json',
      '{}',
      '```',
    ].join('\n');
    const blocks = shellBlocks('x.md', md);
    expect(blocks.map((b) => [b.index, b.line, b.skip])).toEqual([
      [1, 5, 'runs until Ctrl-C'],
      [2, 11, undefined],
    ]);
    expect(blocks[1]!.announced).toEqual({ http: [404], exit: [2] });
    expect(withApiPort(blocks[1]!.code, 4321)).toContain('localhost:4321/x');
  });

  it('fails a block on an unannounced error answer or command, and on an announced one that never came', () => {
    const block = shellBlocks('x.md', '```sh\ncurl x   # → 409\n```\n')[0]!;
    const run = (log: string) => parseLog(`block 1\n${log}\nend`).runs.get(1);
    expect(verdict(block, run('status 1 200 GET /a\nstatus 1 409 POST /b'))).toEqual([]);
    expect(verdict(block, run('status 1 422 POST /b\nstatus 1 409 POST /b'))).toEqual([
      'answered 422: POST /b',
    ]);
    expect(verdict(block, run('status 1 200 GET /a'))).toEqual(['announced 409, never answered']);
    expect(verdict(block, run('status 1 409 POST /b\nexit 1 1 false'))).toEqual(['exit 1: false']);
    expect(verdict(block, run('status 1 000 GET /a\nstatus 1 409 POST /b'))).toEqual(['no answer: GET /a']);
    expect(verdict(block, undefined)).toEqual(['the block did not run (the shell stopped before it)']);
  });

  it('records every answer curl gets and every failed command in the shell the blocks run in', async () => {
    const server = http.createServer((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end('{"id":"A-1"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-blocks-'));
    try {
      const md = [
        '```sh',
        'ID=$(curl -s 127.0.0.1:3000/ | node -pe \'JSON.parse(require("fs").readFileSync(0)).id\')',
        'curl -s "127.0.0.1:3000/$ID"; echo',
        '```',
        '',
        '```sh',
        'curl -s 127.0.0.1:3000/missing; echo   # → 404',
        'false',
        '```',
      ].join('\n');
      const blocks = shellBlocks('x.md', md);
      const logFile = path.join(dir, 'log');
      fs.writeFileSync(path.join(dir, 'script.sh'), fileScript(blocks, port));
      fs.writeFileSync(logFile, '');
      // The server answers from this process's event loop: the shell must not block it.
      await new Promise<void>((resolve, reject) => {
        const child = spawn('bash', [path.join(dir, 'script.sh')], {
          env: { ...process.env, DOC_TEST_LOG: logFile },
          stdio: 'ignore',
        });
        child.once('error', reject);
        child.once('close', () => resolve());
      });
      const { runs, ended } = parseLog(fs.readFileSync(logFile, 'utf8'));
      expect(ended).toBe(true);
      expect(runs.get(1)!.answers.map((a) => `${a.status} ${a.request}`)).toEqual([
        `200 GET http://127.0.0.1:${port}/`,
        `200 GET http://127.0.0.1:${port}/A-1`,
      ]);
      expect(verdict(blocks[0]!, runs.get(1))).toEqual([]);
      expect(verdict(blocks[1]!, runs.get(2))).toEqual(['exit 1: false']);
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
