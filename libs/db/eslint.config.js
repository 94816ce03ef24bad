import root from '../../eslint.config.js';

export default [
  ...root,
  {
    files: ['**/*.ts'],
    rules: {
      // Every value goes to the driver as a value: SQL text built from strings is how injections start.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='sql'][property.name='raw']",
          message: 'No sql.raw in libs/db: build statements with Drizzle or the sql`` template, values as placeholders.',
        },
      ],
    },
  },
];
