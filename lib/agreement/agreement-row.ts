/**
 * The row type of benchmark agreement: one correlation between a scenario's and a reference's model
 * rankings (BenchBench's result table), written by `benchmarkAgreement` (agreement.ts) and read by
 * `agreementZScores` (z-score.ts); a module of its own so that neither imports the other.
 */

export type AgreementCorrelation = "kendall" | "pearson" | "spearman";
export type ModelSelection = "random" | "top" | "bottom" | "middle" | "adjacent";

/** One agreement measurement (BenchBench's result table). */
export interface AgreementRow {
  scenario: string;
  scenarioSource: string;
  refScenario: string;
  refSource: string;
  correlation: AgreementCorrelation;
  strategy: ModelSelection;
  sizeRequested: number;
  exp: number;
  /** Number of models the correlation was computed on. */
  nModels: number;
  value: number;
  pValue: number;
}
