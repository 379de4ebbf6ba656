/** Date arithmetic on `YYYY-MM-DD` strings (no time zones involved). */

/** `date` plus `months` calendar months, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A review older than `months` months is due again (待复核). */
export function isReviewDue(reviewed: string, months: number, today: string): boolean {
  return addMonths(reviewed, months) < today;
}

const formatted = new Map<string, string>();

/** 2026-03-05 → 2026年3月5日 */
export function formatDate(date: string): string {
  // Kept per date: a build formats the same few thousand dates on every entry page and card.
  let text = formatted.get(date);
  if (text === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    text = `${y}年${m}月${d}日`;
    formatted.set(date, text);
  }
  return text;
}
