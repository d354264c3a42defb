// Layout checks run inside a page by scripts/browser-check.mjs (Chromium's own layout: bounding boxes,
// scroll widths). `layoutProblems` is serialised and evaluated in the page, so it must be self-contained.
//
// What it reports, each a line naming the element:
// - a chart's text (axis labels, titles, mark labels) that runs outside its SVG, where the browser clips it;
// - an SVG, table, code block or figure wider than the page's main column (cut off on the right) unless it
//   sits in a scrolling container, and a code block whose lines run past its right edge;
// - visible text that says `undefined`, `NaN`, `null`, `[object …]`, a JavaScript stack trace or a raw
//   backtick (Markdown that did not render), outside code blocks;
// - a table cell whose text is cut (ellipsis or clipping: its scroll width exceeds its width), in any
//   column of a table: key columns must be wide enough for their longest value, or wrap;
// - a band chart (Plot's y-axis of algorithm names) whose bars in any facet sit off their label's row;
// - a legend entry (Plot's swatches) whose colour no visible mark of its chart draws.

/**
 * Runs in the page: returns a list of problems as strings. `staticHtml` is the page as built (before its
 * code ran): text found there verbatim was written by the author (the API reference saying "NaN is skipped")
 * and is not checked for the words below; text that the page's code put there is.
 */
export function layoutProblems(staticHtml = "") {
  const problems = [];
  const authored = new Set();
  const staticDoc = new DOMParser().parseFromString(staticHtml, "text/html");
  const staticWalker = staticDoc.createTreeWalker(staticDoc.body, NodeFilter.SHOW_TEXT);
  for (let node = staticWalker.nextNode(); node; node = staticWalker.nextNode()) {
    const text = node.textContent.trim();
    if (text) authored.add(text);
  }
  const main = document.querySelector("#observablehq-main") ?? document.querySelector("main") ?? document.body;
  const mainBox = main.getBoundingClientRect();
  const visible = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden" || Number(style.opacity) === 0) return false;
    }
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const name = (el) => {
    const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
    const owner = el.closest("figure, svg, table, pre, p, li, h1, h2, h3, div[id]");
    const where = owner?.querySelector?.("h2, figcaption")?.textContent?.trim().slice(0, 40);
    const mark = el.closest("[aria-label]")?.getAttribute("aria-label");
    const heading = [...document.querySelectorAll("h2, h3")].filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1);
    return `${el.tagName.toLowerCase()} "${text}"${mark ? ` (${mark})` : ""}${where ? ` in "${where}"` : ""}${heading ? ` under "${heading.textContent.trim().slice(0, 40)}"` : ""}`;
  };
  // Scrolling containers may hold wider content: that is not cut off.
  const scrolls = (el) => {
    for (let node = el.parentElement; node && node !== main; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowX)) return true;
    }
    return false;
  };
  // Observable's tooltips and pointer marks are hidden until hovered and are not part of the layout.
  const ignoredSvg = (svg) => svg.closest("[aria-label='tip'], .observablehq-theme-toggle, nav, header, footer, #observablehq-sidebar");

  // 1. Chart text inside its SVG (SVG clips what runs outside its box unless overflow is visible).
  for (const svg of main.querySelectorAll("svg")) {
    if (ignoredSvg(svg) || !visible(svg) || svg.parentElement?.closest("svg")) continue;
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll("text")) {
      if (text.closest("[aria-label='tip']") || !visible(text)) continue;
      const t = text.getBoundingClientRect();
      const sides = {left: box.left - t.left, right: t.right - box.right, top: box.top - t.top, bottom: t.bottom - box.bottom};
      const [side, out] = Object.entries(sides).sort((a, b) => b[1] - a[1])[0];
      if (out > 1.5) problems.push(`text runs ${out.toFixed(0)} px outside its chart (${side}): ${name(text)}`);
    }
    // Overlapping labels in one axis (column headers written over each other).
    const groups = svg.querySelectorAll("[aria-label$='tick label'], [aria-label='text']");
    for (const group of groups) {
      const boxes = [...group.querySelectorAll("text")].filter(visible).map((t) => [t, t.getBoundingClientRect()]);
      for (let i = 1; i < boxes.length && i < 400; ++i) {
        const [a, ra] = boxes[i - 1];
        const [, rb] = boxes[i];
        const overlapX = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const overlapY = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (overlapX > 2 && overlapY > 2 && group.getAttribute("aria-label") !== "text") {
          problems.push(`labels overlap: ${name(a)} and "${boxes[i][0].textContent}"`);
          break;
        }
      }
    }
  }

  // 2. Nothing wider than the main column unless it scrolls.
  for (const el of main.querySelectorAll("svg, table, pre, figure, img, canvas")) {
    if (ignoredSvg(el) || !visible(el) || el.parentElement?.closest("svg") || scrolls(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > mainBox.right + 2) problems.push(`${el.tagName.toLowerCase()} is cut at the right by ${(box.right - mainBox.right).toFixed(0)} px: ${name(el)}`);
  }
  for (const pre of main.querySelectorAll("pre")) {
    if (visible(pre) && pre.scrollWidth > pre.clientWidth + 1) problems.push(`code block hides ${pre.scrollWidth - pre.clientWidth} px at the right: ${name(pre)}`);
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide at ${document.documentElement.clientWidth} px)`);

  // 3. Visible text that betrays a bug. Code blocks and inputs are allowed any text.
  const bad = [
    [/\bundefined\b/, "undefined"],
    [/\bNaN\b/, "NaN"],
    [/\bnull\b/, "null"],
    [/\[object \w+\]/, "[object …]"],
    [/\bat \S+ \(?\S+:\d+:\d+\)?/, "a stack trace"],
    [/`/, "a raw backtick"],
    [/(^|[^\w.\-])[-−]0(\.0+)?(?![\d.])/, "a negative zero"],
    // 3.6e-1 or 1.5e+2 read as decimals; very small p-values (6.3e-4) may keep the exponent
    [/\b\d(\.\d+)?e(-[0-2]|\+?[0-3])\b/, "an ordinary number in exponent notation"]
  ];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("pre, code, kbd, samp, script, style, textarea, [aria-label='tip']")) continue;
    const text = node.textContent ?? "";
    if (authored.has(text.trim())) continue;
    for (const [pattern, what] of bad) {
      if (pattern.test(text) && visible(el)) {
        problems.push(`visible text says ${what}: "${text.trim().slice(0, 100)}"`);
        break;
      }
    }
  }

  // 4. Table cells whose text is cut.
  for (const table of main.querySelectorAll("table")) {
    if (!visible(table)) continue;
    let reported = 0;
    for (const cell of table.querySelectorAll("th, td")) {
      if (!visible(cell) || !cell.textContent.trim()) continue;
      const cut = cell.scrollWidth > cell.clientWidth + 1 && getComputedStyle(cell).overflowX !== "visible";
      if (cut && reported++ < 3) problems.push(`table cell is cut (${cell.scrollWidth} px of text in ${cell.clientWidth} px): ${name(cell)}`);
    }
  }

  // 5. Band charts: in a row of panels sharing a y-axis, each bar centre level with its label.
  for (const row of main.querySelectorAll(".rl-interval-plot")) {
    const svgs = [...row.querySelectorAll("svg")].filter(visible);
    const labels = new Map(
      [...(svgs[0]?.querySelectorAll("[aria-label='y-axis tick label'] text") ?? [])].map((t) => {
        const r = t.getBoundingClientRect();
        return [t.textContent, (r.top + r.bottom) / 2];
      })
    );
    const rows = [...labels.values()];
    if (!rows.length) continue;
    for (const svg of svgs) {
      const bars = [...svg.querySelectorAll("[aria-label='bar'] rect")].map((r) => {
        const b = r.getBoundingClientRect();
        return (b.top + b.bottom) / 2;
      });
      // A bar belongs to the label row nearest it; a bar between rows is off by a visible amount.
      bars.forEach((centre, i) => {
        const off = Math.min(...rows.map((y) => Math.abs(centre - y)));
        if (off > 1) problems.push(`bar ${i + 1} sits ${off.toFixed(1)} px off its label row in "${svg.closest("figure")?.querySelector("h2")?.textContent}"`);
      });
    }
  }

  // 6. Legends: each swatch's colour is drawn by some visible mark of its chart (no legend entry for a line,
  // bar or dot that is not there, or that is drawn invisibly).
  const colour = (value) => (value && value !== "none" && !/^rgba\(\d+, \d+, \d+, 0\)$/.test(value) ? value : null);
  for (const swatches of main.querySelectorAll("div[class$='-swatches'], div[class*='-swatches ']")) {
    if (!visible(swatches)) continue;
    const chart = swatches.closest("figure") ?? swatches.parentElement;
    const drawn = new Set();
    for (const svg of chart.querySelectorAll("svg")) {
      if (svg.closest("div[class$='-swatches'], div[class*='-swatches ']") || ignoredSvg(svg)) continue;
      for (const el of svg.querySelectorAll("path, rect, circle, line, polyline, polygon, text, use")) {
        if (el.closest("[aria-label='tip']")) continue;
        // A flat line or rule has a box of zero height (or width): drawn all the same; a bar of zero width is not.
        const box = el.getBoundingClientRect();
        const stroked = /^(path|line|polyline)$/.test(el.tagName);
        if (!(stroked ? box.width > 0 || box.height > 0 : box.width > 0 && box.height > 0) || !visible(el.parentElement)) continue;
        const style = getComputedStyle(el);
        if (Number(style.opacity) === 0) continue;
        if (Number(style.fillOpacity) > 0) drawn.add(colour(style.fill));
        if (Number(style.strokeOpacity) > 0 && parseFloat(style.strokeWidth) > 0) drawn.add(colour(style.stroke));
      }
    }
    if (!drawn.size) continue;
    for (const swatch of swatches.querySelectorAll("span[class$='-swatch']")) {
      const icon = swatch.querySelector("svg");
      const style = icon && getComputedStyle(icon);
      const shown = style && (colour(style.fill) ?? colour(style.stroke));
      if (shown && !drawn.has(shown)) problems.push(`legend lists "${swatch.textContent.trim()}" but no visible mark of its chart is drawn in that colour: ${name(swatches)}`);
    }
  }
  return problems;
}
