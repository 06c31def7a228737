/** Exam statistics (phân tích kết quả thi): descriptive statistics, classical item analysis, Rasch, mastery. */
export {
  describeScores,
  type HistogramBin,
  histogram10,
  mean,
  median,
  pearson,
  populationVariance,
  quantile,
  type ScoreSummary,
  sampleVariance,
} from './descriptive';
export {
  analyseItems,
  cronbachAlpha,
  type DistractorStat,
  type ItemAnalysisOptions,
  type ItemFlag,
  type ItemStat,
  kr20,
  type ResponseMatrix,
  totalScores,
  upperLowerGroups,
} from './items';
export {
  bandOf,
  type GroupMastery,
  LEVEL_DIFFICULTY,
  type MasteryBand,
  type MasteryOptions,
  type MasteryResponse,
  masteryByGroup,
  type PracticeCandidate,
  type PracticeSuggestion,
  suggestPractice,
} from './mastery';
export {
  type AbilityEstimate,
  calibrateRasch,
  type Dichotomous,
  type ExtremeStatus,
  estimateAbility,
  type RaschCalibration,
  type RaschOptions,
  raschProbability,
} from './rasch';
