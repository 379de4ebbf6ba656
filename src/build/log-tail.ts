/**
 * Astro's output, written to a file and passed on from there. Through a pipe, the tail of
 * it went missing: Astro exits as soon as it has built, and whatever it had not yet got
 * into a pipe the build was slow to drain (busy preparing pages) was lost. A file takes
 * every write at once; `npm run build` (scripts/build.ts) reads on from where it was.
 */
import { closeSync, openSync, readSync, rmSync } from 'node:fs';

export class LogTail {
  readonly file: string;
  /** The file descriptor to hand a child process as its stdout or stderr. */
  readonly fd: number;
  private readonly to: NodeJS.WritableStream;
  private offset = 0;

  constructor(file: string, to: NodeJS.WritableStream) {
    this.file = file;
    this.to = to;
    this.fd = openSync(file, 'w+');
  }

  /** Passes on what was written since the last call. */
  flush(): void {
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      const read = readSync(this.fd, chunk, 0, chunk.length, this.offset);
      if (read === 0) return;
      this.offset += read;
      this.to.write(Buffer.from(chunk.subarray(0, read)));
    }
  }

  /** Stops reading and removes the file. */
  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
    rmSync(this.file, { force: true });
  }
}
