/** The search step's one error type: every failure to build the index says what went wrong in Chinese. */

/** Any failure to build the search index; the message is for the user (Chinese). */
export class SearchIndexError extends Error {
  constructor(message: string) {
    super(message);
    // Astro prints an integration's error with its stack; our frames would only bury the reason.
    this.stack = message;
  }
}

/** Throws when Pagefind reported errors: any error fails the build. */
export function check(step: string, errors: string[] | undefined): void {
  if (errors && errors.length > 0) throw new SearchIndexError(`Pagefind ${step} 出错：\n  ${errors.join('\n  ')}`);
}
