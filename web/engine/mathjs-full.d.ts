/** The real mathjs, under the name the browser build gives it (vite.config.ts). */
declare module 'mathjs-full' {
  import type { FactoryFunctionMap } from 'mathjs';

  export * from 'mathjs';
  // In the package's JavaScript, missing from its type declarations.
  export const trueDependencies: FactoryFunctionMap;
  export const falseDependencies: FactoryFunctionMap;
}
