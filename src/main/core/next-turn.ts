// Long jobs in the process that serves the UI give the event loop a turn between slices of work, so requests and
// events get through; setImmediate runs after pending I/O callbacks, unlike a resolved promise.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
