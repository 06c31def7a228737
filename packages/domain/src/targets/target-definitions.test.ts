import { describe, expect, it } from 'vitest';
import {
  isTargetDefinitionCode,
  lowerSecondarySmartLearningGood,
  primarySmartQualitiesGood,
  smartRoomsInUse,
  studentsPerComputer,
  TARGET_DEFINITION_CODES,
  TARGET_DEFINITIONS,
  targetDefinition,
} from './target-definitions';

describe('target definitions', () => {
  it('compute the worked examples of the Lai Châu pilot', () => {
    // 240 primary smart-class students assessed, 230 with all five qualities Tốt.
    expect(primarySmartQualitiesGood({ 'smart.tt27.q_good': 230, 'smart.tt27.q_assessed': 240 })).toEqual({
      numerator: 230,
      denominator: 240,
      value: (100 * 230) / 240,
    });
    // 477 THCS smart-class students, 356 with learning Khá or Tốt → 74.63 %.
    expect(
      lowerSecondarySmartLearningGood({
        'smart.tt22.learning_good': 356,
        'smart.tt22.learning_assessed': 477,
      }).value,
    ).toBeCloseTo(74.63, 2);
    expect(smartRoomsInUse({ 'rooms.in_use@plan': 6 }).value).toBe(6);
    expect(studentsPerComputer({ 'students.studying': 600, 'equipment.computers': 120 }).value).toBe(5);
  });

  it('treat missing counters as zero and give no value', () => {
    expect(primarySmartQualitiesGood({}).value).toBeNull();
  });

  it('read exactly the counters they declare', () => {
    for (const code of TARGET_DEFINITION_CODES) {
      const def = targetDefinition(code);
      const counters = Object.fromEntries(def.counters.map((c, i) => [c, 10 + i * 5]));
      const full = def.compute(counters);
      // Dropping any counter the definition does not declare changes nothing.
      expect(def.compute({ ...counters, unrelated: 7 })).toEqual(full);
      expect(full.value).not.toBeNull();
    }
  });

  it('have Vietnamese names and known codes', () => {
    expect(TARGET_DEFINITION_CODES.length).toBe(Object.keys(TARGET_DEFINITIONS).length);
    expect(isTargetDefinitionCode('primary_smart_qualities_good')).toBe(true);
    expect(isTargetDefinitionCode('toString')).toBe(false);
    for (const code of TARGET_DEFINITION_CODES)
      expect(targetDefinition(code).name).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i);
  });
});
