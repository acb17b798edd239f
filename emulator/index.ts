/** The emulator's public surface: the scripting API (docs/emulator.md). */
export { Workspace, readDist } from './workspace';
export type { CreateOptions, InstallOptions, ClientResult, WorkspaceSnapshot } from './workspace';
export type { ExecutionRecord, FaultPlan, InterleavePlan, FaultKind, ExecutionTrigger } from './core/execution';
export type { TriggerRecord } from './core/project';
export { LATENCY, latencyOf } from './core/latency';
export { DAILY_QUOTAS } from './core/quotas';
export type { MeetConnection, MeetReportOptions, MeetReportParticipant } from './services/meet/attendance-report';
