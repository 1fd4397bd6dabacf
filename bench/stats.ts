// One measured figure: its runs, their median and range, and how it compares with its target.

export type Unit = 'ms' | 's' | 'bytes' | 'KB' | 'MB' | 'files' | 'requests' | 'round trips' | 'tasks' | '×';

export interface Target {
  /** `max`: the figure must be at most `value`; `min`: at least; `equal`: exactly. */
  readonly kind: 'max' | 'min' | 'equal';
  readonly value: number;
}

export interface Figure {
  /** Stable key in results.json, e.g. `tree.5000.150`. */
  readonly id: string;
  /** What is printed, e.g. `time to full tree, 5,000 users at 150 ms`. */
  readonly name: string;
  readonly unit: Unit;
  /** Every run, in order (a deterministic figure has one). */
  readonly runs: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly target?: Target;
  /** Undefined without a target. Compared on the median. */
  readonly met?: boolean;
  /** What bounds it, how it was read, the floor: printed after the figure. */
  readonly note?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function figure(id: string, name: string, unit: Unit, runs: readonly number[], options: { target?: Target; note?: string } = {}): Figure {
  const value = median(runs);
  const target = options.target;
  const met =
    target === undefined || runs.length === 0
      ? undefined
      : target.kind === 'max'
        ? value <= target.value
        : target.kind === 'min'
          ? value >= target.value
          : value === target.value;
  return {
    id,
    name,
    unit,
    runs,
    median: value,
    min: runs.length ? Math.min(...runs) : Number.NaN,
    max: runs.length ? Math.max(...runs) : Number.NaN,
    ...(target ? { target, met } : {}),
    ...(options.note ? { note: options.note } : {}),
  };
}

export function formatNumber(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) {
    return '–';
  }
  switch (unit) {
    case 'bytes':
      return `${Math.round(value).toLocaleString('en-US')} B`;
    case 'KB':
    case 'MB':
      return `${value.toFixed(1)} ${unit}`;
    case 'ms':
      return `${value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case '×':
      return `${value.toFixed(2)}×`;
    default:
      return `${Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1)} ${unit}`;
  }
}

function formatTarget(target: Target, unit: Unit): string {
  const sign = target.kind === 'max' ? '≤' : target.kind === 'min' ? '≥' : '=';
  return `${sign} ${formatNumber(target.value, unit)}`;
}

/** `name  median (min–max, n=5)  target ≤ 1.20 s: met` */
export function formatFigure(item: Figure, nameWidth = 52): string {
  const spread =
    item.runs.length <= 1 ? `(n=${item.runs.length})` : `(${formatNumber(item.min, item.unit)} – ${formatNumber(item.max, item.unit)}, n=${item.runs.length})`;
  const verdict = item.target ? `  target ${formatTarget(item.target, item.unit)}: ${item.met ? 'met' : 'MISSED'}` : '';
  return `${item.name.padEnd(nameWidth)} ${formatNumber(item.median, item.unit).padStart(10)} ${spread}${verdict}`;
}
