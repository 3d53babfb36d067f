/**
 * The parts of d3-flame-graph 5 (which ships no types) that flame-graph.ts uses; see
 * the package's README for the whole API.
 */
declare module 'd3-flame-graph' {
  /** A frame as d3-hierarchy lays it out: `data` is the input node, x0/x1 its span (0 … 1). */
  export interface FlameGraphFrame<Datum> {
    readonly data: Datum;
    readonly value: number;
    readonly x0: number;
    readonly x1: number;
    readonly depth: number;
  }
  /** The chart: configured by chained setters, drawn by `selection.call(chart)`. */
  export interface FlameGraph<Datum> {
    (selection: unknown): void;
    width(width: number): FlameGraph<Datum>;
    cellHeight(height: number): FlameGraph<Datum>;
    minFrameSize(pixels: number): FlameGraph<Datum>;
    transitionDuration(ms: number): FlameGraph<Datum>;
    sort(enabled: boolean | ((a: Datum, b: Datum) => number)): FlameGraph<Datum>;
    inverted(enabled: boolean): FlameGraph<Datum>;
    title(title: string): FlameGraph<Datum>;
    selfValue(enabled: boolean): FlameGraph<Datum>;
    setLabelHandler(label: (frame: FlameGraphFrame<Datum>) => string): FlameGraph<Datum>;
    setDetailsElement(element: HTMLElement | null): FlameGraph<Datum>;
    setColorMapper(
      color: (frame: FlameGraphFrame<Datum> & { highlight?: boolean }, original: string) => string,
    ): FlameGraph<Datum>;
    setSearchHandler(
      handler: (results: readonly unknown[], sum: number, total: number) => void,
    ): FlameGraph<Datum>;
    update(data?: Datum): FlameGraph<Datum>;
    search(term: string): void;
    clear(): void;
    resetZoom(): void;
    destroy(): void;
  }
  /** A new flame graph chart. */
  export default function flamegraph<Datum>(): FlameGraph<Datum>;
}
