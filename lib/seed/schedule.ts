interface Scheduled {
  time: number;
  seq: number;
  run: (time: number) => void;
}

/**
 * One-off events at given epoch seconds (operating costs, capital flows, routine transfers),
 * run in time order as the simulation passes them. Times on a whole minute are moved one
 * second on: balance audits are taken at :00 and see exactly what happened before them.
 */
export class Schedule {
  private events: Scheduled[] = [];
  private seq = 0;

  add(time: number, run: (time: number) => void): void {
    const t = Math.floor(time);
    this.events.push({ time: t % 60 === 0 ? t + 1 : t, seq: this.seq++, run });
    this.events.sort((a, b) => a.time - b.time || a.seq - b.seq);
  }

  /** Runs every event due before `time`, in order. */
  runDue(time: number): void {
    while (this.events.length > 0 && this.events[0].time < time) {
      const e = this.events.shift() as Scheduled;
      e.run(e.time);
    }
  }

  get size(): number {
    return this.events.length;
  }
}
