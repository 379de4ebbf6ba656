/**
 * One index shard in a process of its own, so two shards are indexed at once on two
 * cores (Pagefind indexes on one thread, and its Node wrapper keeps one service per
 * process). Started by ./shard-pool.ts with the path of a JSON job file; not for use by
 * hand. A `SearchIndexError` is written to stderr as it is and exits with code 2.
 */
import { readFileSync } from 'node:fs';
import { fullCharMap } from './fold-map.ts';
import { indexShard } from './indexer.ts';
import { SearchIndexError } from './search-error.ts';
import type { ShardJob } from './shard-pool.ts';

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ShardJob;
try {
  await indexShard(job.dir, job.pages, job.outputPath, fullCharMap(), job.timeout, job.label, job.lean, job.prepared);
} catch (error) {
  process.stderr.write(error instanceof SearchIndexError ? error.message : String(error instanceof Error ? error.stack : error));
  process.exit(2);
}
