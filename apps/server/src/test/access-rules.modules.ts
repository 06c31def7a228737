import type { Rule } from './access-rules';

/**
 * Access rules contributed by modules beyond the registry: each module keeps its rules beside its routes in
 * `<module>.access-rules.ts`; add one spread line here when a module gains routes.
 */
export const MODULE_RULES: Record<string, Rule> = {};
