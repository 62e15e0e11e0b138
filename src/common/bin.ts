// Kazakhstan's business identification number (BIN) and individual identification number
// (IIN): twelve digits, the last a check digit. An individual entrepreneur trades under their
// IIN, which has the same form, so a seller's number is checked the same way either way.

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit of the first eleven digits, or null when none can be (such numbers are never issued). */
export function binCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const weighted = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

/** Twelve digits whose last is the check digit of the other eleven. */
export function isValidBin(value: string): boolean {
  if (!/^[0-9]{12}$/.test(value)) return false;
  return binCheckDigit(value.slice(0, 11)) === Number(value[11]);
}
