/**
 * The scenario format's public API: validation, parsing, migration and model expansion.
 * Browser-safe; the Node file loader is `./load.js`, imported separately.
 */
export { formatIssue, issueOf, ScenarioError, type Issue } from './issues.js';
export { migrateScenario, MIGRATIONS, MigrationError, type Migration } from './migrate.js';
export { expandModels, validateModel, isModelReference, type ExpandedComponent, type Expansion } from './models.js';
export { jsonProblem, parseJson, type JsonParseFailure, type JsonParseResult } from './json-text.js';
export { parseScenario, scenarioOrThrow, validateScenario, type ValidationOptions, type ValidationResult } from './validate.js';
export { localText, parameterText } from './texts.js';
export * from './types.js';
