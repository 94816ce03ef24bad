/** swagger-ui-dist ships no types: its Node entry that names the folder of Swagger UI's built files. */
declare module 'swagger-ui-dist/absolute-path.js' {
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
