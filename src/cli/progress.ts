/**
 * Progress of a long run on stderr: a redrawn bar on a terminal, a plain line every 10 % in a log
 * (a bar's carriage returns make a mess of CI logs), nothing when quiet.
 */

export interface Progress {
  /** Fraction done, 0–1 (SimulateOptions.onProgress). */
  update(fraction: number): void;
  /** Clears the bar; call once the work is done or failed. */
  done(): void;
}

interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 30;

/**
 * A progress reporter writing to `stream` (normally process.stderr).
 * @example const p = progress('simulating', process.stderr, false); simulate(prepared, { onProgress: p.update }); p.done()
 */
export function progress(label: string, stream: ProgressStream, quiet: boolean): Progress {
  if (quiet) return { update: () => {}, done: () => {} };
  let shown = -1;
  if (stream.isTTY) {
    return {
      update(fraction) {
        const percent = Math.floor(100 * Math.min(1, Math.max(0, fraction)));
        if (percent === shown) return;
        shown = percent;
        const filled = Math.round((BAR_WIDTH * percent) / 100);
        stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)} %`);
      },
      done() {
        if (shown >= 0) stream.write('\r\x1b[2K');
      },
    };
  }
  return {
    update(fraction) {
      const tenth = Math.floor(10 * Math.min(1, Math.max(0, fraction) + 1e-9));
      if (tenth <= shown || tenth === 0) return;
      shown = tenth;
      stream.write(`${label}… ${tenth * 10} %\n`);
    },
    done() {},
  };
}
