// GPU trace analyses with Holistic Trace Analysis's definitions (methods/formats.md §1), on tidy gpu events.
export {gpuEventTable, gpuEventRows, kernelCategory, GpuEventTableBuilder} from "./events.js";
export type {GpuEventTable, GpuEventRow, GpuRankInfo, GpuDeviceProperties, KernelCategory} from "./events.js";
export {prepareHtaTrace} from "./prepare.js";
export type {HtaOptions, PreparedGpuTrace} from "./prepare.js";
export {temporalBreakdown} from "./temporal-breakdown.js";
export type {TemporalBreakdownRow} from "./temporal-breakdown.js";
export {idleTimeBreakdown, idleIntervalStats} from "./idle-time-breakdown.js";
export type {IdleTimeOptions, IdleTimeRow, IdleCategory, IdleIntervalStatsRow} from "./idle-time-breakdown.js";
export {kernelBreakdown} from "./kernel-breakdown.js";
export type {KernelBreakdownOptions, KernelTypeRow, KernelRow} from "./kernel-breakdown.js";
export {commCompOverlap} from "./comm-comp-overlap.js";
export type {CommCompOverlapRow} from "./comm-comp-overlap.js";
export {kernelLaunchStats} from "./kernel-launch-stats.js";
export type {KernelLaunchOptions, KernelLaunchRow} from "./kernel-launch-stats.js";
export {queueLengthSeries, queueLengthSummary} from "./queue-length.js";
export type {QueueLengthPoint, QueueLengthSummaryRow} from "./queue-length.js";
