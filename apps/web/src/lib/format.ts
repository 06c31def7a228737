/** 'YYYY-MM-DD' → 'dd/mm/yyyy' (the Vietnamese convention); '' for empty. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO timestamp as local 'dd/mm/yyyy HH:mm:ss'. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * A typed date, 'YYYY-MM-DD' or 'dd/mm/yyyy' (also with '-' or '.'), as 'YYYY-MM-DD'; null when it is not a
 * real calendar date.
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Local start/end of a 'YYYY-MM-DD' day as an ISO timestamp (for from/to filters). */
export function dayBoundary(isoDate: string, edge: 'start' | 'end'): string {
  const d = new Date(`${isoDate}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(d.getTime()) ? isoDate : d.toISOString();
}

export function formatNumber(n: number, locale = 'vi-VN'): string {
  return new Intl.NumberFormat(locale).format(n);
}
