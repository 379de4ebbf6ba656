/**
 * Traditional → simplified spelling, for hints such as “兼職 is 兼职”. OpenCC's
 * dictionaries load on first use only: a clean catalog never pays for them.
 */
let converter: Promise<(text: string) => string> | undefined;

/** Converts `text` to simplified Chinese (mainland usage). */
export function toSimplified(text: string): Promise<string> {
  converter ??= import('opencc-js/t2cn').then((OpenCC) => OpenCC.Converter({ from: 't', to: 'cn' }));
  return converter.then((convert) => convert(text));
}
