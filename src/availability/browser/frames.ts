// Work done at most once per animation frame, however often it is asked for between frames.

/** A function that runs `work` on the next animation frame, once, however many times it is called before. */
export function perFrame(work: () => void): () => void {
  let frame = 0;
  return () => {
    if (frame === 0) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        work();
      });
    }
  };
}
