// The few page globals the end-to-end tests touch inside page.evaluate / waitForFunction callbacks (the test
// program is compiled without the DOM library, on purpose).
interface E2eElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface E2ePlayer {
  state: { playing: boolean; id: number | null; offset: number };
  lastStartedUrl: string | null;
  contextTime(): number;
  isDecoded(id: number): boolean;
  play(id: number, opts?: { loop?: boolean; offset?: number }): Promise<void>;
  stop(): void;
}
declare const document: {
  querySelector(selector: string): E2eElement | null;
  querySelectorAll(selector: string): ArrayLike<E2eElement> & Iterable<E2eElement>;
};
declare const window: { __sonotecaPlayer?: E2ePlayer };
