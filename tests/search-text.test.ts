/**
 * The plain text side of search: script folding, query expansion, URL state, facet
 * values, excerpts and candidate checking. No browser, no build.
 */
import { describe, expect, it } from 'vitest';
import { excerpt, hasMatch, highlight, originalContent } from '../src/shared/search/excerpt.ts';
import { regionLevels, regionValues, regionDisplay, sortFacetValues } from '../src/shared/search/facets.ts';
import { decodeCharMap, encodeCharMap, foldHan, foldText, normaliseQuery } from '../src/shared/search/fold.ts';
import { fullCharMap, mapForText } from '../src/build/search/fold-map.ts';
import { pairToken, pairTokens } from '../src/shared/search/pair-tokens.ts';
import {
  coveringPairs,
  hasSingleCharacter,
  MAX_TERMS,
  needles,
  pagefindSort,
  pagefindTerm,
  parseState,
  splitFilterValue,
  stateToSearch,
} from '../src/shared/search/query.ts';
import { facetIndex, pageSearch, sortPages } from '../src/shared/search/page-sets.ts';
import { SHADOW_MARK } from '../src/shared/search/shadow.ts';
import { matchScore, prominence, queryUnits } from '../src/shared/search/verify.ts';

const map = fullCharMap();
const text = (segments: { text: string; mark: boolean }[] | undefined) =>
  (segments ?? []).map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

describe('folding traditional to simplified', () => {
  it('folds traditional and variant characters, one for one', () => {
    expect(foldHan('鄉村振興的廣元路徑', map)).toBe('乡村振兴的广元路径');
    expect(foldHan('黨校幹部培訓', map)).toBe('党校干部培训');
    expect(foldHan('裡外', map)).toBe('里外');
    expect(foldHan('瞭解', map)).toBe('了解');
  });

  it('leaves simplified text alone, including characters Taiwan variants would change', () => {
    const simplified = '什么才是党性教育的着力点';
    expect(foldHan(simplified, map)).toBe(simplified);
  });

  it('never touches markup, so HTML can be folded whole', () => {
    expect(foldHan('<p class="lead" data-pagefind-ignore>廣元</p>', map)).toBe('<p class="lead" data-pagefind-ignore>广元</p>');
  });

  it('folds width and case for queries, keeping one output character per input', () => {
    expect(foldText('ＡＢＣ１２３　網格', map)).toBe('abc123 网格');
    expect([...foldText('鄉村ＡＢ', map)]).toHaveLength(4);
    expect(normaliseQuery('  網格   化\t治理 ', map)).toBe('网格 化 治理');
  });

  it('ships only the pairs a catalog needs, and the encoding round-trips', () => {
    const small = mapForText('广元市的乡村振兴', map);
    expect(small.get('廣')).toBe('广');
    expect(small.get('鄉')).toBe('乡');
    expect(small.has('髮')).toBe(false);
    expect(small.size).toBeLessThan(60);
    expect(decodeCharMap(encodeCharMap(small))).toEqual(small);
  });

  it('keeps what the catalog text needs, traditional and astral characters included', () => {
    const text = '廣元市的鄉村振興，𠮷野家與𩸽，乡村振兴'.repeat(3);
    const naive = new Set([...text].map((ch) => map.get(ch) ?? ch));
    const expected = new Map([...map].filter(([, to]) => naive.has(to)));
    const got = mapForText(text, map);
    expect(got).toEqual(expected);
    expect(got.get('興')).toBe('兴');
    expect(got.get('與')).toBe('与');
  });
});

describe('query expansion', () => {
  /** The words Pagefind gets for pairs: their tokens. */
  const t = (...pairs: string[]) => pairs.map((p) => pairToken(p)!).join(' ');

  it('sends every Han pair of a run as its token, and a single character as itself', () => {
    expect(pagefindTerm('党性教育')).toBe(t('党性', '性教', '教育'));
    expect(pagefindTerm('网格')).toBe(t('网格'));
    expect(pagefindTerm('网格 治理')).toBe(t('网格', '治理'));
    expect(pagefindTerm('5g基站建设')).toBe(`5g ${t('基站', '站建', '建设')}`);
    expect(pagefindTerm('   ')).toBeNull();
    expect(pagefindTerm('“7·18”强降雨')).toBe(`7 18 ${t('强降', '降雨')}`);
    expect(pagefindTerm('党 校')).toBe('党 校');
    expect(pagefindTerm('，。')).toBeNull();
  });

  it('knows a query with a one-character word (a lean index finds those in names and summaries only)', () => {
    expect(hasSingleCharacter('党')).toBe(true);
    expect(hasSingleCharacter('党 建设')).toBe(true);
    expect(hasSingleCharacter('5g网')).toBe(true);
    expect(hasSingleCharacter('党建')).toBe(false);
    expect(hasSingleCharacter('网格 治理 2024')).toBe(false);
    expect(hasSingleCharacter('g20')).toBe(false);
  });

  it('with `fewest`, sends pairs that cover each run, overlapping only at an odd end', () => {
    expect(pagefindTerm('党性教育基地', { fewest: true })).toBe(t('党性', '教育', '基地'));
    expect(pagefindTerm('工业上楼 5g', { fewest: true })).toBe(`${t('工业', '上楼')} 5g`);
    expect(pagefindTerm('北滘镇', { fewest: true })).toBe(t('北滘', '滘镇'));
    expect(pagefindTerm('网格', { fewest: true })).toBe(t('网格'));
    expect(coveringPairs('基层治理创新')).toEqual(['基层', '治理', '创新']);
    expect(coveringPairs('乡村振兴站')).toEqual(['乡村', '振兴', '兴站']);
  });

  it('thins a pasted paragraph to a bounded number of words, first and last kept', () => {
    const long = '围绕制造业当家的中心任务结合本地实践介绍政策背景主要做法遇到的难点和下一步的思路';
    const words = pagefindTerm(long)!.split(' ');
    expect(words).toHaveLength(MAX_TERMS);
    expect(words[0]).toBe(pairToken('围绕'));
    expect(words.at(-1)).toBe(pairToken('思路'));
  });

  it('leaves a quoted query as an exact phrase', () => {
    expect(pagefindTerm('"党性教育"')).toBe('"党性教育"');
  });

  it('highlights whole words first, then their pairs', () => {
    expect(needles('网格化治理')).toEqual(['网格化治理', '网格', '格化', '化治', '治理']);
    expect(needles('5g 基站').sort()).toEqual(['5g', '基站']);
  });
});

describe('pair tokens', () => {
  it('gives each pair of Han characters one lower-case ASCII word, the same for the same pair only', () => {
    const token = pairToken('德容')!;
    expect(token).toMatch(/^q[0-9a-z]{6}$/);
    expect(pairToken('德容')).toBe(token);
    expect(pairToken('容德')).not.toBe(token);
    expect(pairToken('㐀㐀')).toBe('q000000');
    // Outside the BMP's Han blocks, and anything but two Han characters: no token.
    expect(pairToken('𠀀德')).toBeUndefined();
    expect(pairToken('德a')).toBeUndefined();
    expect(pairToken('德容桂')).toBeUndefined();
  });

  it('lists each pair of a text once, across runs, never across punctuation or spaces', () => {
    expect(pairTokens('顺德容桂，顺德 桂')).toEqual(['顺德', '德容', '容桂'].map((p) => pairToken(p)));
  });
});

describe('URL state', () => {
  it('reads q, lib, facets (repeatable) and sort, ignoring unknown keys and sorts', () => {
    const state = parseState(new URLSearchParams('q=网格&lib=cases&topic=基层治理&topic=数字政府&year=2023&sort=bogus&color=red'));
    expect(state).toEqual({ q: '网格', lib: 'cases', filters: { topic: ['基层治理', '数字政府'], year: ['2023'] }, sort: '' });
  });

  it('writes a canonical query string that reads back the same', () => {
    const state = parseState(new URLSearchParams('sort=hours-desc&topic=乡村振兴&q=茶&lib=courses'));
    const search = stateToSearch(state);
    expect(search).toBe('?q=%E8%8C%B6&lib=courses&topic=%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4&sort=hours-desc');
    expect(parseState(new URLSearchParams(search))).toEqual(state);
  });

  it('filters pages by number: any within a facet, all across facets; a group counted without its own ticks', () => {
    // Pages 0–5: lib, topic and year as a big catalog's facet file holds them (gaps).
    const index = facetIndex({
      pages: 6,
      facets: {
        lib: [
          ['cases', [0, 1, 1, 1]],
          ['courses', [4, 1]],
        ],
        topic: [
          ['a', [0, 2, 2]],
          ['b', [1, 2]],
        ],
        year: [['2023', [0, 1, 2]]],
      },
    });
    expect([...index.facets.get('topic')!.get('a')!]).toEqual([0, 2, 4]);
    const state = parseState(new URLSearchParams('lib=cases&topic=a&topic=b&year=2023'));
    const found = pageSearch(index, [3, 2, 1, 0, 5], state);
    // Cases with topic a or b and year 2023: 0, 1 and 3, in the candidates' order.
    expect(found.pages).toEqual([3, 1, 0]);
    // The topic counts leave the topic ticks out (cases of 2023: 0, 1, 3); the library counts leave lib out.
    expect(Object.fromEntries(found.counts.get('topic')!)).toEqual({ a: 1, b: 2 });
    expect(Object.fromEntries(found.counts.get('lib')!)).toEqual({ cases: 3 });
    expect(Object.fromEntries(found.counts.get('year')!)).toEqual({ '2023': 3 });
    // No query: every page, by number; nothing ticked counts everything.
    const none = pageSearch(index, null, parseState(new URLSearchParams('q=x')));
    expect(none.pages).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Object.fromEntries(none.counts.get('lib')!)).toEqual({ cases: 4, courses: 2 });
    expect(sortPages([0, 1, 2, 3], [5, null, 7, 5], 'desc')).toEqual([2, 0, 3]);
    expect(sortPages([3, 0, 2], [5, null, 7, 5], 'asc')).toEqual([3, 0, 2]);
    expect(splitFilterValue('region:广东省佛山市')).toEqual(['region', '广东省佛山市']);
  });

  it('maps sort choices to Pagefind sorts', () => {
    expect(pagefindSort(parseState(new URLSearchParams('sort=reviewed-desc')))).toEqual({ reviewed: 'desc' });
    expect(pagefindSort(parseState(new URLSearchParams('')))).toEqual({});
  });
});

describe('facet values', () => {
  it('splits regions into administrative levels', () => {
    expect(regionLevels('广东省佛山市南海区桂城街道')).toEqual(['广东省', '佛山市', '南海区', '桂城街道']);
    expect(regionLevels('内蒙古自治区呼和浩特市')).toEqual(['内蒙古自治区', '呼和浩特市']);
    expect(regionLevels('广东省广州市')).toEqual(['广东省', '广州市']);
    expect(regionLevels('珠三角')).toEqual(['珠三角']);
    expect(regionValues('四川省广元市')).toEqual(['四川省', '四川省广元市']);
    expect(regionDisplay('四川省广元市')).toEqual({ text: '广元市', depth: 1 });
  });

  it('orders years newest first, regions as a tree, vocabularies as the taxonomy does', () => {
    expect(sortFacetValues('year', ['2019', '2024', '2021'])).toEqual(['2024', '2021', '2019']);
    expect(sortFacetValues('region', ['广东省佛山市', '四川省', '广东省', '广东省佛山市南海区'])).toEqual([
      '广东省',
      '广东省佛山市',
      '广东省佛山市南海区',
      '四川省',
    ]);
    expect(sortFacetValues('pillar', ['知识素养', '理论教育', '其他'], ['理论教育', '党性教育', '知识素养'])).toEqual([
      '理论教育',
      '知识素养',
      '其他',
    ]);
  });
});

describe('excerpts', () => {
  it('cuts the shadow copy and word-break marks off the content', () => {
    expect(originalContent(`廣元\u200b路徑. ${SHADOW_MARK}. 广元路径.`)).toBe('廣元路徑');
  });

  it('highlights a simplified query inside traditional text, keeping the original characters', () => {
    expect(text(highlight('鄉村振興的廣元路徑', needles('广元'), map))).toBe('鄉村振興的[廣元]路徑');
    expect(hasMatch('鄉村振興', needles('振兴'), map)).toBe(true);
    expect(hasMatch('鄉村振興', needles('网格'), map)).toBe(false);
  });

  it('picks a window around the matches, with ellipses where text was cut', () => {
    const long = `${'前文'.repeat(60)}网格员负责巡查${'后文'.repeat(60)}`;
    const shown = text(excerpt(long, needles('网格员'), map, 30));
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('[网格员]负责巡查');
    expect([...shown.replace(/[[\]…]/g, '')]).toHaveLength(30);
    expect(excerpt('没有匹配的文字', needles('网格'), map)).toBeUndefined();
    // A window starts after the sentence or field boundary just before the match.
    expect(text(excerpt('复核日期2026年3月2日. 基层治理. 营商环境', needles('治理'), map, 12))).toBe('…基层[治理]. 营商环境');
  });
});

describe('checking candidates', () => {
  it('turns query words into pairs, single characters and Latin words', () => {
    expect(queryUnits('党性教育 5G')).toEqual([['党性', '性教', '教育'], ['5g']]);
    expect(queryUnits('镇')).toEqual([['镇']]);
    expect(queryUnits('"网格 治理"')).toEqual([['网格治理']]);
  });

  it('drops pages that only share scattered characters with the query', () => {
    const units = queryUnits('琥珀色档案袋');
    expect(matchScore('红色教育基地的案例教学', units)).toBeNull();
    expect(matchScore('整理琥珀色档案袋', units)).toBe(1);
  });

  it('keeps near matches, ranked below exact ones', () => {
    const units = queryUnits('网格治理');
    const exact = matchScore('推进网格治理', units)!;
    const near = matchScore('推进网格化治理', units)!;
    expect(near).toBeGreaterThan(0);
    expect(exact).toBeGreaterThan(near);
    expect(matchScore('治理', queryUnits('网格 治理'))).toBeNull();
  });

  it('breaks ties by where the whole query stands: name, then summary, then anywhere', () => {
    const inName = prominence('现场教学', { name: '现场教学点', summary: '', text: '现场教学点' });
    const inSummary = prominence('现场教学', { name: '基层治理', summary: '适合现场教学', text: '适合现场教学' });
    const inText = prominence('现场教学', { name: '基层治理', summary: '', text: '安排现场 教学' });
    const scattered = prominence('现场教学', { name: '基层治理', summary: '', text: '教学在现场' });
    expect(inName).toBeGreaterThan(inSummary);
    expect(inSummary).toBeGreaterThan(inText);
    expect(inText).toBeGreaterThan(scattered);
    expect(scattered).toBe(0);
    // Never more than a full unit of `matchScore`: a page covering more pairs stays ahead.
    expect(prominence('网格 治理', { name: '网格治理', summary: '网格治理', text: '网格治理网格治理网格治理' })).toBeLessThan(1);
  });

  it('ranks a text that repeats the query above one that says it once, below one with it in the summary', () => {
    const once = prominence('学时', { name: '', summary: '', text: '共 3 学时' });
    const twice = prominence('学时', { name: '', summary: '', text: '共 3 学时，其中 1 学时研讨' });
    const thrice = prominence('学时', { name: '', summary: '', text: '学时 学时 学时' });
    expect(twice).toBeGreaterThan(once);
    expect(thrice).toBeGreaterThan(twice);
    expect(prominence('学时', { name: '', summary: '学时', text: '学时' })).toBeGreaterThan(thrice);
  });
});
