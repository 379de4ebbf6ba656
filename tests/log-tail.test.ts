/**
 * Astro's output through a file (src/build/log-tail.ts): a child that prints a lot and
 * exits at once loses nothing, and what it prints is passed on in order, call by call.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogTail } from '../src/build/log-tail.ts';

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('passing on a child process’s output through a file', () => {
  it('keeps every line of a child that exits right after printing, and removes its file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'siku-log-')), 'astro.out');
    const out = collector();
    const tail = new LogTail(file, out.stream);
    const lines = 20_000;
    const child = spawnSync(
      process.execPath,
      ['-e', `for (let i = 0; i < ${lines}; i++) process.stdout.write('第 ' + i + ' 页已生成\\n'); process.exit(0);`],
      { stdio: ['ignore', tail.fd, 'inherit'] },
    );
    expect(child.status).toBe(0);
    tail.flush();
    const got = out.text().split('\n').filter(Boolean);
    expect(got).toHaveLength(lines);
    expect(got[0]).toBe('第 0 页已生成');
    expect(got.at(-1)).toBe(`第 ${lines - 1} 页已生成`);
    // Nothing new: nothing passed on twice.
    tail.flush();
    expect(out.text().split('\n').filter(Boolean)).toHaveLength(lines);
    tail.close();
    expect(existsSync(file)).toBe(false);
  });
});
