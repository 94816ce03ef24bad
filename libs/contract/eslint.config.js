import root from '../../eslint.config.js';

// The contract is bundled into browser apps through the SDK: `import * as z` lets a bundler keep
// only the parts of zod it uses, while zod's `z` export drags every locale in (33 KB gzipped
// against 97 KB: libs/sdk/README.md).
export default [
  ...root,
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
          message: "Write `import * as z from 'zod'` (a browser bundle keeps only what it uses).",
        },
      ],
    },
  },
];
