/**
 * The order test files start in. Vitest's own sequencer runs one project after the other;
 * here both projects share one queue in which files that run builds of their own (and so
 * spend much of their time holding or waiting for the build lock, tests/helpers/build.ts)
 * alternate with everything else — browser tests on the shared builds, unit tests — each
 * list longest first (by the last run's durations, else by file size). With two workers,
 * one is then often on a build while the other keeps the second core busy.
 */
import { readFileSync, statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A build the test file starts itself: scripts/build.ts, or a plain `astro build`. */
const OWN_BUILD = /\brunBuild\(|\brunAstroBuild\(|astro\/bin\/astro\.mjs/;

export default class InterleavedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const result = (spec: TestSpecification) => this.ctx.cache.getTestSpecificationResult(spec);
    const known = files.every((spec) => result(spec) !== undefined);
    const weight = new Map(
      files.map((spec) => {
        if (known) return [spec, result(spec)!.duration ?? 0];
        try {
          return [spec, statSync(spec.moduleId).size];
        } catch {
          return [spec, 0];
        }
      }),
    );
    const builds = (spec: TestSpecification) => {
      try {
        return OWN_BUILD.test(readFileSync(spec.moduleId, 'utf8'));
      } catch {
        return false;
      }
    };
    // Files that failed last time first, as Vitest does; then the longest.
    const order = (list: TestSpecification[]) =>
      list.sort((a, b) => Number(!!result(b)?.failed) - Number(!!result(a)?.failed) || weight.get(b)! - weight.get(a)!);
    const own = order(files.filter(builds));
    const rest = order(files.filter((spec) => !builds(spec)));
    const queue: TestSpecification[] = [];
    for (let i = 0; i < Math.max(own.length, rest.length); i++) {
      if (i < own.length) queue.push(own[i]);
      if (i < rest.length) queue.push(rest[i]);
    }
    return queue;
  }
}
