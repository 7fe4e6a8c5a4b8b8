// graphql-codegen's setup: the committed schema and this folder's operation documents in,
// typed documents out (src/generated/, git-ignored, made again by every `npm run check`).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["operations/*.graphql"],
  // A document that no longer matches the schema fails the generation, and so the check; so
  // does finding no documents at all.
  ignoreNoDocuments: false,
  generates: {
    "src/generated/": {
      preset: "client",
      presetConfig: {
        // No fragment masking and no `graphql()` tag: documents live in operations/*.graphql.
        fragmentMasking: false,
        skipIndexFile: true,
      },
      config: {
        // Documents as typed strings (no graphql-js at run time): `String(document)` is the
        // query text to POST, and the type carries the result and the variables.
        documentMode: "string",
        useTypeImports: true,
        // `./graphql.js` in imports, so the output also runs under Node's ES modules.
        importExtension: ".js",
        // Every custom scalar of the schema must be named here: a new one fails the check.
        strictScalars: true,
        scalars: {
          Date: "string",
          DateTime: "string",
          NaiveDate: "string",
          PartialDate: "string",
          JSON: "unknown",
        },
      },
    },
  },
};

export default config;
