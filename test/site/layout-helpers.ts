/**
 * Layout measurements on components rendered in jsdom (no layout engine): positions are read from the
 * SVG attributes Plot writes (`transform="translate(x,y)"`, `x`, `y`, `width`, `height`), which is where
 * Chromium draws them. The browser check (scripts/browser-check.mjs) measures the same on the built pages.
 */

/** The translation of `element` and of its ancestors up to (not including) the `<svg>`. */
export function offset(element: Element): [number, number] {
  let x = 0;
  let y = 0;
  for (let node: Element | null = element; node && node.tagName.toLowerCase() !== "svg"; node = node.parentElement) {
    const match = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)/.exec(node.getAttribute("transform") ?? "");
    if (match) {
      x += Number(match[1]);
      y += Number(match[2]);
    }
  }
  return [x, y];
}

/**
 * Vertical centre of each y-axis tick label of an SVG chart, keyed by its text: the label's anchor
 * (Plot shifts the baseline by 0.32em so that the anchor is the middle of the glyphs).
 */
export function yLabelCentres(svg: Element): Map<string, number> {
  const labels = [...svg.querySelectorAll("[aria-label='y-axis tick label'] text")];
  return new Map(labels.map((text) => [text.textContent ?? "", offset(text)[1]]));
}

/** Vertical centre of each rect of the marks named `label` (Plot's aria-label), in document order. */
export function rectCentres(svg: Element, label = "bar"): number[] {
  return [...svg.querySelectorAll(`[aria-label='${label}'] rect`)].map(
    (rect) => offset(rect)[1] + Number(rect.getAttribute("y")) + Number(rect.getAttribute("height")) / 2
  );
}
