// Colours shared by the GPU trace charts: one per HTA kernel category and per idle category.
export const categoryDomain = ["COMPUTATION", "COMMUNICATION", "MEMORY", "OTHER", "CPU"];
export const categoryRange = ["#4269d0", "#ff725c", "#efb118", "#9498a0", "#6cc5b0"];
export const timeDomain = ["compute", "non-compute", "idle"];
export const timeRange = ["#4269d0", "#ff725c", "#d9d9d9"];
export const idleDomain = ["host_wait", "kernel_wait", "other"];
export const idleRange = ["#a463f2", "#97bbf5", "#9c6b4e"];
