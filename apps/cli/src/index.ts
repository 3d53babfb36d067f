export { cliJsonDocs, JSON_SCHEMAS } from './json-schemas.ts';
export { CliError, ExitCode, main } from './main.ts';
export { SPEEDSCOPE_SCHEMA_URL, speedscopeSchema } from './speedscope.ts';
