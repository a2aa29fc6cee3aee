/** One line of the benchmark table. Timings are reported as ratios against a baseline from the same run. */
export interface BenchRow {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** Spread of the repetitions (max − min), same unit as value. */
  spread?: number;
  baselineName?: string;
  baseline?: number;
  /** value / baseline */
  ratio?: number;
  goal?: string;
  pass?: boolean;
}

/** Median and spread of repeated measurements. */
export function summarize(samples: number[]): { median: number; spread: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, spread: (sorted.at(-1) ?? 0) - (sorted[0] ?? 0) };
}

function format(value: number | undefined, unit = ''): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (Number.isInteger(value)) return `${value}${unit ? ` ${unit}` : ''}`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** Renders rows as a Markdown table (also readable in a terminal). */
export function renderTable(rows: BenchRow[]): string {
  const header = ['section', 'measure', 'value', 'spread', 'baseline', 'ratio', 'goal', 'ok'];
  const lines = rows.map((row) => [
    row.section,
    row.name,
    format(row.value, row.unit),
    row.spread === undefined ? '' : `±${format(row.spread / 2, row.unit)}`,
    row.baselineName ? `${row.baselineName}: ${format(row.baseline, row.unit)}` : '',
    row.ratio === undefined ? '' : `${format(row.ratio)}×`,
    row.goal ?? '',
    row.pass === undefined ? '' : row.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const render = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}
