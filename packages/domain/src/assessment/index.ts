/**
 * Assessment rules of the question bank and test builder: the question model, validation, grading (with the
 * 2025 true/false partial scoring), seeded shuffles for versions (mã đề), blueprint draws (ma trận đề),
 * duplicate detection, the restricted markup, and the Word/Excel import parsers. Pure: no I/O.
 */
export * from './blueprint';
export * from './duplicates';
export * from './excel-import';
export * from './grading';
export * from './import-model';
export * from './markup';
export * from './metadata';
export * from './question';
export * from './shuffle';
export * from './topics';
export * from './validate';
export * from './word-import';
