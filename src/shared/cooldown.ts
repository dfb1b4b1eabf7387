// The wait after sending a code before another may be requested, as a controller (<auth-verify>
// has the same behaviour inline).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Cooldown implements ReactiveController {
  /** Seconds left; 0 when another code may be requested. */
  remaining = 0;
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  start(seconds: number): void {
    this.stop();
    this.remaining = Math.max(0, Math.floor(seconds));
    this.host.requestUpdate();
    if (!this.remaining) return;
    this.timer = setInterval(() => {
      this.remaining -= 1;
      if (this.remaining <= 0) this.stop();
      this.host.requestUpdate();
    }, 1000);
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
