/**
 * A progress bar on stderr: redrawn in place on a terminal (at most every 100 ms), one line per tenth
 * otherwise (CI logs), with the running rate and the time left.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastTenth = -1;

  constructor(
    private readonly total: number,
    private readonly unit: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number): void {
    const now = performance.now();
    if (this.stream.isTTY) {
      if (now - this.lastDraw < 100 && done < this.total) return;
      this.lastDraw = now;
      this.stream.write(`\r${this.line(done, now)}\u001b[K`);
      if (done >= this.total) this.stream.write('\n');
    } else {
      const tenth = Math.floor((done / this.total) * 10);
      if (tenth === this.lastTenth) return;
      this.lastTenth = tenth;
      this.stream.write(`${this.line(done, now)}\n`);
    }
  }

  private line(done: number, now: number): string {
    const width = 30;
    const ratio = Math.min(1, done / this.total);
    const filled = Math.round(ratio * width);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? (this.total - done) / rate : 0;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    return `[${bar}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${format(done)}/${format(this.total)} ${this.unit}  ${format(rate)} ${this.unit}/s  ETA ${left.toFixed(0)} s`;
  }
}

export const format = (value: number) => Math.round(value).toLocaleString('en');
