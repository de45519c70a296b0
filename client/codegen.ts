import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the committed schema: `npm run codegen` after server/schema.graphql changes.
const config: CodegenConfig = {
  schema: 'server/schema.graphql',
  documents: ['client/src/**/*.operations.ts'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { JSONObject: 'Record<string, unknown>', DateTimeISO: 'string' },
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;
