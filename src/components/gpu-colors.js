// Colours shared by the GPU trace charts: one per HTA kernel category and per idle category.
export const categoryDomain = ["COMPUTATION", "COMMUNICATION", "MEMORY", "OTHER", "CPU"];
export const categoryRange = ["#4269d0", "#ff725c", "#efb118", "#9498a0", "#6cc5b0"];
export const timeDomain = ["compute", "non-compute", "idle"];
export const timeRange = ["#4269d0", "#ff725c", "#d9d9d9"];
export const idleDomain = ["host_wait", "kernel_wait", "other"];
export const idleRange = ["#a463f2", "#97bbf5", "#9c6b4e"];

/**
 * A colour scale's domain and range cut to the values `present` (in the domain's order), so that a legend
 * lists only colours its chart draws; each kept value keeps its colour.
 *
 * @example presentDomain(["FP32", "FP16", "FP64"], ["#4269d0", "#ff725c", "#3ca951"], ["FP16", "FP32"]) // {domain: ["FP32", "FP16"], range: ["#4269d0", "#ff725c"]}
 */
export function presentDomain(domain, range, present) {
  const seen = new Set(present);
  const kept = domain.map((value, i) => [value, range[i]]).filter(([value]) => seen.has(value));
  return {domain: kept.map(([value]) => value), range: kept.map(([, colour]) => colour)};
}
